import type { Check, ExtraCheck, JsonObject } from '../credentials/index.ts';
import { type CryptoProvider, type JsonValue, jcsBytes } from '../crypto/index.ts';
import { bytesEqual, createMerkleHasher, toHex, verifyInclusion } from '../merkle/index.ts';
import { isDomainError } from '../shared/index.ts';
import { openCheckpoint } from './checkpoint.ts';
import { cosignatureVerifierFromKey } from './cosignature.ts';
import type { LoggedCheckCode } from './ledger.errors.ts';
import type { LogEntry, LogProofBundle } from './ledger.model.ts';
import { decodeEntry } from './ledger.rules.ts';
import { decodeBase64, noteVerifierFromKey } from './note.ts';

/** Options of {@link createLoggedCheck}. */
export interface LoggedCheckOptions {
  readonly crypto: CryptoProvider;
  /** The log's Ed25519 verifier key (`<origin>+<keyid>+<base64>`, `GET /log/key`). */
  readonly logVerifierKey: string;
  /** Cosigner verifier keys (type 0x04) of the witnesses the verifier knows. */
  readonly witnesses?: readonly string[];
  /** How many of `witnesses` must have cosigned the checkpoint (default 0). */
  readonly requiredWitnesses?: number;
  /**
   * The proof that `credential` is logged: from a bundle shipped with it (offline), or from the log
   * (`GET /log/proof?credential=<id>`). `undefined` when there is none.
   */
  proofFor(credential: JsonObject): Promise<LogProofBundle | undefined> | LogProofBundle | undefined;
  /**
   * Whether this log is expected to hold the credential (e.g. its issuer is one of this instance's);
   * when false the check is skipped. Default: always.
   */
  appliesTo?(credential: JsonObject): boolean;
}

/**
 * The `logged` verification check (ARCHITECTURE.md §3.5): the credential's digest (SHA-256 of the
 * JCS form of the signed credential) is the digest of its ISSUE entry in the transparency log, and
 * that entry is proven by an RFC 9162 inclusion proof to a C2SP checkpoint signed by the log and
 * cosigned by the required witnesses. Plug it into `createVerifier({ extraChecks })`. Never throws
 * when run; throws at creation for a malformed verifier key or witness policy.
 * @throws {NoteError} `NOTE_BAD_KEY`, `NOTE_KEY_ID_MISMATCH`.
 * @see https://www.rfc-editor.org/rfc/rfc9162#section-2.1.3.2
 * @see https://c2sp.org/tlog-checkpoint
 */
export function createLoggedCheck(options: LoggedCheckOptions): ExtraCheck {
  const verify = logProofVerifier(options);
  return {
    name: 'logged',
    async run(credential) {
      try {
        if (options.appliesTo && !options.appliesTo(credential)) {
          return skipped(
            '该凭证不由本透明日志记录（签发者不属于本平台）',
            'This log does not record the credential (its issuer is not of this instance)',
          );
        }
        const bundle = await options.proofFor(credential);
        if (bundle === undefined) {
          return failed(
            'LOG_PROOF_MISSING',
            '透明日志中没有该凭证',
            'The credential is not in the transparency log',
          );
        }
        return verify(credential, bundle);
      } catch (e) {
        const why = isDomainError(e) ? e.text : { zh: String(e), en: String(e) };
        return {
          name: 'logged',
          status: 'failed',
          code: 'CHECK_FAILED_TO_RUN',
          message: {
            zh: `无法获取透明日志证明：${why.zh}`,
            en: `The log proof could not be obtained: ${why.en}`,
          },
        };
      }
    },
  };
}

/**
 * The pure part of the `logged` check: verify one proof bundle for one credential, offline and
 * synchronously. Never throws once built.
 * @throws {NoteError} at creation, for a malformed verifier key.
 */
export function logProofVerifier(
  options: Pick<LoggedCheckOptions, 'crypto' | 'logVerifierKey' | 'witnesses' | 'requiredWitnesses'>,
): (credential: JsonObject, bundle: unknown) => Check {
  const { crypto } = options;
  const h = createMerkleHasher(crypto);
  const logVerifier = noteVerifierFromKey(crypto, options.logVerifierKey);
  const witnesses = (options.witnesses ?? []).map((w) => cosignatureVerifierFromKey(crypto, w));
  const requiredWitnesses = options.requiredWitnesses ?? 0;
  return (credential, input) => {
    const bundle = parseBundle(input);
    if (!bundle) {
      return failed('LOG_PROOF_MALFORMED', '透明日志证明格式错误', 'The log proof bundle is malformed');
    }
    let entry: LogEntry;
    try {
      entry = decodeEntry(bundle.entry);
    } catch {
      return failed(
        'LOG_PROOF_MALFORMED',
        '证明中的日志条目无法解析',
        'The log entry in the proof cannot be decoded',
      );
    }
    let digest: Uint8Array;
    try {
      digest = crypto.sha256(jcsBytes(credential as JsonValue));
    } catch {
      return failed('LOG_ENTRY_MISMATCH', '无法计算凭证摘要', 'The credential digest cannot be computed');
    }
    const details = { index: bundle.index, digest: toHex(digest) };
    if (entry.kind !== 'ISSUE' || entry.credentialId !== credential.id || !bytesEqual(entry.digest, digest)) {
      return failed(
        'LOG_ENTRY_MISMATCH',
        '日志中记录的是另一份凭证（摘要或编号不符）：凭证在签发后被改动或重新签名',
        'The log records a different credential (digest or id differ): it was changed or re-signed after issuance',
        { ...details, loggedDigest: toHex(entry.digest), loggedId: entry.credentialId, kind: entry.kind },
      );
    }
    let opened: ReturnType<typeof openCheckpoint>;
    try {
      opened = openCheckpoint(bundle.checkpoint, logVerifier, { witnesses, requiredWitnesses });
    } catch (e) {
      const why = isDomainError(e) ? e.text : { zh: '无效', en: 'invalid' };
      return failed(
        'LOG_CHECKPOINT_INVALID',
        `检查点无效：${why.zh}`,
        `The checkpoint is not valid: ${why.en}`,
        {
          ...details,
          reason: isDomainError(e) ? e.code : 'UNKNOWN',
        },
      );
    }
    const { size, rootHash, origin } = opened.checkpoint;
    const check = verifyInclusion(h, bundle.index, size, h.hashLeaf(bundle.entry), bundle.proof, rootHash);
    if (!check.ok) {
      return failed(
        'LOG_INCLUSION_INVALID',
        `包含证明不成立：${check.error.text.zh}`,
        `The inclusion proof does not verify: ${check.error.text.en}`,
        { ...details, size, reason: check.error.kind },
      );
    }
    const cosigned = opened.cosignatures.map((s) => s.name);
    return {
      name: 'logged',
      status: 'passed',
      message: {
        zh: `凭证已记录在透明日志 ${origin} 的第 ${bundle.index} 条（检查点大小 ${size}${cosigned.length ? `，见证者：${cosigned.join('、')}` : ''}）`,
        en: `The credential is entry ${bundle.index} of transparency log ${origin} (checkpoint size ${size}${cosigned.length ? `, witnessed by ${cosigned.join(', ')}` : ''})`,
      },
      details: { ...details, size, origin, witnesses: cosigned },
    };
  };
}

interface ParsedBundle {
  checkpoint: string;
  index: number;
  entry: Uint8Array;
  proof: Uint8Array[];
}

/** Read an untrusted proof bundle; undefined if any field is of the wrong type or not base64. */
function parseBundle(input: unknown): ParsedBundle | undefined {
  if (typeof input !== 'object' || input === null) return undefined;
  const b = input as Record<string, unknown>;
  if (typeof b.checkpoint !== 'string' || typeof b.entry !== 'string' || !Array.isArray(b.proof))
    return undefined;
  if (typeof b.index !== 'number' || !Number.isSafeInteger(b.index) || b.index < 0) return undefined;
  if (b.proof.length > 64) return undefined;
  const entry = decodeBase64(b.entry);
  const proof = b.proof.map((p) => (typeof p === 'string' ? decodeBase64(p) : undefined));
  if (!entry || proof.some((p) => p === undefined)) return undefined;
  return { checkpoint: b.checkpoint, index: b.index, entry, proof: proof as Uint8Array[] };
}

function failed(code: LoggedCheckCode, zh: string, en: string, details?: Record<string, unknown>): Check {
  return { name: 'logged', status: 'failed', code, message: { zh, en }, ...(details ? { details } : {}) };
}

function skipped(zh: string, en: string): Check {
  return { name: 'logged', status: 'skipped', message: { zh: `已跳过：${zh}`, en: `Skipped: ${en}` } };
}
