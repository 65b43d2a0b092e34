import {
  bundleSources,
  createVerifier,
  type JsonObject,
  type Verifier,
  type VerifierBundle,
  withDidKey,
} from '../credentials/index.ts';
import type { CryptoProvider } from '../crypto/index.ts';
import type { Clock } from '../shared/index.ts';
import type { LogProofBundle } from './ledger.model.ts';
import { createLoggedCheck } from './logged-check.ts';

/**
 * Everything a verifier needs to check a credential with no network (`GET
 * /api/v1/credentials/{id}/bundle`): the DID documents, status lists and trust list of
 * {@link VerifierBundle}, the regulator's DID the trust list must come from, and the log's
 * verifier key with the inclusion proofs of the bundled credentials.
 */
export interface OfflineBundle extends VerifierBundle {
  /** The credential the bundle was made for (optional: it may travel separately). */
  credential?: JsonObject;
  /** The regulator's DID: the trust list is used only when issued and signed by it. */
  regulatorDid?: string;
  log?: {
    /** The log's Ed25519 verifier key (`GET /log/key`). */
    verifierKey: string;
    /** Credential id → its inclusion proof to a signed checkpoint (`GET /log/proof?credential=`). */
    proofs: Record<string, LogProofBundle>;
  };
}

/** A verifier's own policy, which the bundle cannot change. */
export interface OfflinePolicy {
  crypto: CryptoProvider;
  clock: Clock;
  /**
   * Cosigner verifier keys of the witnesses this verifier trusts (`<name>+<keyid>+<base64>`, C2SP
   * tlog-cosignature). Taken from the verifier, never from the bundle: a bundle naming its own
   * witnesses would vouch for itself.
   */
  witnesses?: readonly string[];
  /** How many of `witnesses` must have cosigned the checkpoint (k of n). Default 0. */
  requiredWitnesses?: number;
  /** Fail `logged` when the bundle carries no log proof (default: only when witnesses are required). */
  requireLogged?: boolean;
  /**
   * The log key to trust, overriding the bundle's (a verifier that knows the log's key should pin
   * it: a forged bundle could otherwise bring a log of its own).
   */
  logVerifierKey?: string;
}

/**
 * A verifier that checks credentials from an {@link OfflineBundle} alone: signature, status, trust
 * list and, when the bundle carries the log's proofs or the policy requires it, the `logged` check
 * (inclusion in the transparency log, with k of n witnesses).
 * @throws {NoteError} for a malformed log or witness key (`NOTE_BAD_KEY`).
 */
export function createOfflineVerifier(bundle: OfflineBundle, policy: OfflinePolicy): Verifier {
  const required = policy.requiredWitnesses ?? 0;
  const logKey = policy.logVerifierKey ?? bundle.log?.verifierKey;
  const wantLogged = bundle.log !== undefined || policy.requireLogged === true || required > 0;
  const extraChecks =
    wantLogged && logKey !== undefined
      ? [
          createLoggedCheck({
            crypto: policy.crypto,
            logVerifierKey: logKey,
            witnesses: policy.witnesses ?? [],
            requiredWitnesses: required,
            proofFor: (credential) =>
              typeof credential.id === 'string' &&
              bundle.log &&
              Object.hasOwn(bundle.log.proofs, credential.id)
                ? bundle.log.proofs[credential.id]
                : undefined,
          }),
        ]
      : wantLogged
        ? [missingLog()]
        : [];
  return createVerifier({
    crypto: policy.crypto,
    clock: policy.clock,
    sources: withDidKey(bundleSources(bundle)),
    regulatorDid: bundle.regulatorDid,
    extraChecks,
  });
}

/** The `logged` check when the log is required but neither the bundle nor the policy names its key. */
function missingLog() {
  return {
    name: 'logged' as const,
    run: async () => ({
      name: 'logged' as const,
      status: 'failed' as const,
      code: 'LOG_PROOF_MISSING',
      message: {
        zh: '要求透明日志证明，但验证包中没有日志公钥与证明',
        en: 'The log proof is required but the bundle has no log key or proofs',
      },
    }),
  };
}
