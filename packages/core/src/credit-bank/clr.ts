import { CONTEXT_URLS, type JsonObject } from '../credentials/index.ts';

/**
 * The contexts of a ClrCredential (CLR 2.0 on VC Data Model 2.0, as the 1EdTech examples list them):
 * the CLR 2.0.1 context is embedded in core (`credentials/rdfc/contexts/`), so signing and verifying
 * stay offline. https://www.imsglobal.org/spec/clr/v2p0/
 */
export const clrCredentialContext = [
  CONTEXT_URLS.credentialsV2,
  CONTEXT_URLS.clrV201,
  CONTEXT_URLS.openBadgesV303,
] as const;

/** Input of {@link composeClrCredential}. */
export interface ClrInput {
  /** The institution that signs (its did:web) and its names. */
  issuer: { id: string; nameZh: string; nameEn: string };
  /** The learner's pseudonymous name for the title (never an ID number). */
  learnerName: string;
  accountNo: string;
  /** The signed AchievementCredentials the record holds, as issued. */
  credentials: JsonObject[];
  /** The credit bank balance when the record was made. */
  balance: number;
}

/**
 * Builds an unsigned CLR 2.0 ClrCredential: `credentialSubject` is a ClrSubject whose
 * `verifiableCredential` holds the learner's AchievementCredentials unchanged (each keeps its own
 * proof, so each still verifies on its own), and the `achievement` list names what they attest.
 */
export function composeClrCredential(input: ClrInput): JsonObject {
  const achievements: JsonObject[] = [];
  const seen = new Set<string>();
  for (const vc of input.credentials) {
    const subject = vc.credentialSubject;
    const achievement =
      subject && typeof subject === 'object' && !Array.isArray(subject) ? subject.achievement : undefined;
    if (achievement && typeof achievement === 'object' && !Array.isArray(achievement)) {
      const id = achievement.id;
      if (typeof id === 'string' && !seen.has(id)) {
        seen.add(id);
        achievements.push(achievement);
      }
    }
  }
  return {
    '@context': [...clrCredentialContext],
    type: ['VerifiableCredential', 'ClrCredential'],
    issuer: {
      id: input.issuer.id,
      type: ['Profile'],
      name: input.issuer.nameZh,
      description: input.issuer.nameEn,
    },
    name: `${input.learnerName} 的综合学习记录 / Comprehensive Learner Record`,
    description: `学分银行账户 ${input.accountNo}：${input.credentials.length} 份证书，累计 ${input.balance} 学分。Credit bank account ${input.accountNo}: ${input.credentials.length} credential(s), ${input.balance} credits.`,
    partial: false,
    credentialSubject: {
      type: ['ClrSubject'],
      verifiableCredential: input.credentials,
      ...(achievements.length > 0 ? { achievement: achievements } : {}),
    },
  };
}
