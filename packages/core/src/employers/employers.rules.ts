import type { FieldIssue, Text } from '../shared/index.ts';
import type { EmployersErrorCode } from './employers.errors.ts';
import type { ConsentGrant, ConsentScope, ConsentState, NewEmployer } from './employers.model.ts';

/** A grant lasts 90 days unless the learner chooses otherwise. */
export const DEFAULT_CONSENT_DAYS = 90;
/** No grant lasts more than 365 days: consent is renewed, not given for good. */
export const MAX_CONSENT_DAYS = 365;
const DAY_MS = 86_400_000;

/**
 * A grant's state at `now`: revoked (whenever it was revoked), else expired once `now` reaches
 * `expiresAt`, else active. Only an active grant gives the employer anything.
 */
export function consentState(grant: Pick<ConsentGrant, 'expiresAt' | 'revokedAt'>, now: Date): ConsentState {
  if (grant.revokedAt !== null) return 'REVOKED';
  return now.getTime() < grant.expiresAt.getTime() ? 'ACTIVE' : 'EXPIRED';
}

export const isLive = (grant: Pick<ConsentGrant, 'expiresAt' | 'revokedAt'>, now: Date): boolean =>
  consentState(grant, now) === 'ACTIVE';

/** A refused grant: the error code, the request field at fault, and why. */
export interface GrantProblem {
  code: EmployersErrorCode;
  path: string;
  text: Text;
}

/** The terms of a grant that passed the rules: its expiry, and the credential ids it covers. */
export interface GrantTerms {
  expiresAt: Date;
  credentialIds: string[];
}

/** A credential of the learner, as a grant may name it (by id or certificate number). */
export interface LearnerCredentialRef {
  id: string;
  certificateNumber: string | null;
}

/**
 * Checks a grant's expiry and scope against the learner's own credentials, in request order:
 * expiry (default 90 days; in the future; at most 365 days away), then scope (`SELECTED` names
 * at least one credential, `ALL` names none), then each named credential (the learner's, by id
 * or certificate number). Returns the first problem, or the terms with credential ids resolved
 * and de-duplicated.
 */
export function checkGrantTerms(
  input: { scope: ConsentScope; credentialIds?: readonly string[] | undefined; expiresAt?: Date | undefined },
  now: Date,
  learnerCredentials: readonly LearnerCredentialRef[],
): { terms: GrantTerms } | { problem: GrantProblem } {
  const expiresAt = input.expiresAt ?? new Date(now.getTime() + DEFAULT_CONSENT_DAYS * DAY_MS);
  if (expiresAt.getTime() <= now.getTime())
    return {
      problem: {
        code: 'CONSENT_EXPIRY_PASSED',
        path: 'body.expiresAt',
        text: { zh: '授权到期时间必须晚于当前时间', en: 'The expiry must be in the future' },
      },
    };
  if (expiresAt.getTime() > now.getTime() + MAX_CONSENT_DAYS * DAY_MS)
    return {
      problem: {
        code: 'CONSENT_EXPIRY_TOO_LONG',
        path: 'body.expiresAt',
        text: {
          zh: `授权期限最长 ${MAX_CONSENT_DAYS} 天`,
          en: `A grant lasts at most ${MAX_CONSENT_DAYS} days`,
        },
      },
    };
  const named = input.credentialIds ?? [];
  if (input.scope === 'SELECTED' && named.length === 0)
    return {
      problem: {
        code: 'CONSENT_SCOPE_MISMATCH',
        path: 'body.credentialIds',
        text: { zh: '选择部分证书时须列出证书', en: 'A SELECTED grant names at least one credential' },
      },
    };
  if (input.scope === 'ALL' && named.length > 0)
    return {
      problem: {
        code: 'CONSENT_SCOPE_MISMATCH',
        path: 'body.credentialIds',
        text: {
          zh: '授权全部证书时不应列出证书',
          en: 'An ALL grant covers every credential: name none',
        },
      },
    };
  const byKey = new Map<string, string>();
  for (const c of learnerCredentials) {
    byKey.set(c.id, c.id);
    if (c.certificateNumber) byKey.set(c.certificateNumber, c.id);
  }
  const credentialIds: string[] = [];
  for (const [i, key] of named.entries()) {
    const id = byKey.get(key);
    if (id === undefined)
      return {
        problem: {
          code: 'CONSENT_NOT_LEARNERS_CREDENTIAL',
          path: `body.credentialIds.${i}`,
          text: {
            zh: `证书 ${key} 不属于该学习者`,
            en: `Credential ${key} was not issued to this learner`,
          },
        },
      };
    if (!credentialIds.includes(id)) credentialIds.push(id);
  }
  return { terms: { expiresAt, credentialIds } };
}

/**
 * Which of the learner's credentials the grants let an employer see at `now`: each covered
 * credential id with the live grants covering it (an `ALL` grant covers every one of them).
 */
export function coverage(
  grants: readonly ConsentGrant[],
  now: Date,
  learnerCredentialIds: readonly string[],
): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const live = grants.filter((g) => isLive(g, now));
  for (const id of learnerCredentialIds) {
    const by = live.filter((g) => g.scope === 'ALL' || g.credentialIds.includes(id)).map((g) => g.id);
    if (by.length > 0) out.set(id, by);
  }
  return out;
}

/** Two-character surnames kept whole when a name is masked. */
const compoundSurnames = new Set([
  '欧阳',
  '司马',
  '上官',
  '诸葛',
  '东方',
  '皇甫',
  '尉迟',
  '公孙',
  '慕容',
  '长孙',
  '宇文',
  '司徒',
  '夏侯',
  '令狐',
  '端木',
  '轩辕',
]);

/** A name as shown to an employer without revealed identity: the surname and one `*` per other character. */
export function maskName(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length <= 1) return '*';
  const keep = chars.length >= 3 && compoundSurnames.has(chars.slice(0, 2).join('')) ? 2 : 1;
  return chars.slice(0, keep).join('') + '*'.repeat(chars.length - keep);
}

// GB 32100-2015: 18 characters over 31 symbols (no I, O, Z, S, V); the last is a check character.
const usccChars = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const usccWeights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const usccShape = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

/** The check character (GB 32100-2015, weights 3^i mod 31) of a unified social credit code's first 17. */
export function usccCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += usccChars.indexOf(first17[i]!) * usccWeights[i]!;
  return usccChars[(31 - (sum % 31)) % 31]!;
}

/** Whether `code` is a well-formed unified social credit code with a correct check character. */
export function isValidUscc(code: string): boolean {
  return usccShape.test(code) && usccCheckChar(code.slice(0, 17)) === code[17];
}

const employerCode = /^[A-Z0-9][A-Z0-9-]{1,39}$/;

/** Every problem with a new employer's fields (empty: none). */
export function employerProblems(input: NewEmployer): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (!employerCode.test(input.code))
    issues.push({ path: 'body.code', message: 'Upper-case letters, digits and -, 2–40 characters' });
  if (!input.nameZh.trim()) issues.push({ path: 'body.nameZh', message: 'required' });
  if (!input.nameEn.trim()) issues.push({ path: 'body.nameEn', message: 'required' });
  if (!isValidUscc(input.uscc))
    issues.push({
      path: 'body.uscc',
      message: 'Not a unified social credit code (18 characters, GB 32100-2015 check character)',
    });
  return issues;
}
