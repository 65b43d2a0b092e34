/**
 * C2SP transparency-log cosignatures, v1 Ed25519 (https://c2sp.org/tlog-cosignature): a witness
 * (cosigner) signs a checkpoint it has checked, as an extra note signature of signature type 0x04:
 *
 * - key ID = SHA-256(name ‖ "\n" ‖ 0x04 ‖ 32-byte Ed25519 public key)[:4];
 * - signature value = timestamp (u64, big-endian, POSIX seconds) ‖ Ed25519 signature (64 bytes);
 * - signed message = "cosignature/v1\n" ‖ "time <timestamp>\n" ‖ the checkpoint note text.
 *
 * Format checked against the spec's text and its example (the example cosignature's timestamp
 * 1679315147 decodes from the bytes after the key ID); the spec publishes no cosigner key, so no
 * third-party signature vector exists to verify against.
 *
 * A cosignature states that, as of its time, this is the largest tree the witness has seen for the
 * origin AND that it is consistent with everything the witness saw before. Checking that (the log's
 * signature, and a consistency proof from the witness's last cosigned checkpoint, see
 * `verifyConsistency` in merkle) is the CALLER's job before calling {@link cosignCheckpoint}.
 */
import type { CryptoProvider } from '../crypto/index.ts';
import type { Clock } from '../shared/index.ts';
import { parseCheckpoint } from './checkpoint.ts';
import {
  addNoteSignatures,
  formatVerifierKey,
  isValidKeyName,
  NoteError,
  type NoteSignature,
  type NoteSigner,
  type NoteVerifier,
  noteKeyId,
  parseNote,
  parseVerifierKey,
} from './note.ts';

/** Signature type byte of timestamped Ed25519 cosignatures. */
export const SIG_TYPE_COSIGNATURE_V1 = 0x04;

/** The header line of the signed message, with its newline. */
export const COSIGNATURE_V1_HEADER = 'cosignature/v1\n';

/** Bytes of a cosignature value: 8-byte timestamp ‖ 64-byte Ed25519 signature. */
export const COSIGNATURE_V1_SIZE = 72;

// Timestamps are JavaScript numbers; the spec allows up to 2^63 - 1 but anything above 2^53 - 1
// is ~285 million years away and rejected here (verifiers MAY reject future timestamps).
const MAX_TIMESTAMP = Number.MAX_SAFE_INTEGER;

const encoder = new TextEncoder();

/**
 * The message a v1 Ed25519 cosignature signs over a checkpoint note text (which must include its
 * final newline and no signature lines).
 * @see https://c2sp.org/tlog-cosignature#ed25519-signed-message
 */
export function cosignatureMessage(checkpointText: string | Uint8Array, timestamp: number): Uint8Array {
  const head = encoder.encode(`${COSIGNATURE_V1_HEADER}time ${timestamp}\n`);
  const body = typeof checkpointText === 'string' ? encoder.encode(checkpointText) : checkpointText;
  const out = new Uint8Array(head.length + body.length);
  out.set(head, 0);
  out.set(body, head.length);
  return out;
}

/** A decoded cosignature value. */
export interface Cosignature {
  /** POSIX seconds at which the witness cosigned. */
  readonly timestamp: number;
  /** The 64-byte Ed25519 signature. */
  readonly signature: Uint8Array;
}

/** Decode a cosignature value (a note signature without its key ID); `undefined` if malformed. */
export function parseCosignature(value: Uint8Array): Cosignature | undefined {
  if (value.length !== COSIGNATURE_V1_SIZE) return undefined;
  const view = new DataView(value.buffer, value.byteOffset, value.byteLength);
  const timestamp = view.getUint32(0) * 2 ** 32 + view.getUint32(4);
  if (timestamp > MAX_TIMESTAMP) return undefined;
  return { timestamp, signature: value.slice(8) };
}

/** Encode a cosignature value: 8-byte big-endian timestamp ‖ signature. */
export function formatCosignature(timestamp: number, signature: Uint8Array): Uint8Array {
  if (!Number.isSafeInteger(timestamp) || timestamp < 0) throw new RangeError('bad cosignature timestamp');
  const out = new Uint8Array(8 + signature.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, Math.floor(timestamp / 2 ** 32));
  view.setUint32(4, timestamp >>> 0);
  out.set(signature, 8);
  return out;
}

/** The outcome of {@link verifyCosignature}; never thrown. */
export type CosignatureCheck =
  | { readonly ok: true; readonly timestamp: number }
  | { readonly ok: false; readonly reason: 'MALFORMED' | 'FUTURE_TIMESTAMP' | 'BAD_SIGNATURE' };

/** Options of cosignature verification. */
export interface CosignatureVerifyOptions {
  /** With a clock, cosignatures timestamped after now + `maxFutureSeconds` are rejected. */
  readonly clock?: Clock;
  /** Allowed clock skew, default 600 seconds. */
  readonly maxFutureSeconds?: number;
}

/**
 * Verify one cosignature value (without key ID) of the witness with `publicKey` over a checkpoint
 * note text. Never throws.
 * @see https://c2sp.org/tlog-cosignature#format
 */
export function verifyCosignature(
  crypto: CryptoProvider,
  publicKey: Uint8Array,
  checkpointText: string | Uint8Array,
  value: Uint8Array,
  options: CosignatureVerifyOptions = {},
): CosignatureCheck {
  const cosig = parseCosignature(value);
  if (!cosig) return { ok: false, reason: 'MALFORMED' };
  if (options.clock) {
    const now = Math.floor(options.clock.now().getTime() / 1000);
    if (cosig.timestamp > now + (options.maxFutureSeconds ?? 600))
      return { ok: false, reason: 'FUTURE_TIMESTAMP' };
  }
  const message = cosignatureMessage(checkpointText, cosig.timestamp);
  return crypto.ed25519Verify(publicKey, message, cosig.signature)
    ? { ok: true, timestamp: cosig.timestamp }
    : { ok: false, reason: 'BAD_SIGNATURE' };
}

function badKey(en: string, zh: string): NoteError {
  return new NoteError('NOTE_BAD_KEY', en, zh);
}

/**
 * A note verifier for the v1 Ed25519 cosignatures of one witness, for `openCheckpoint`'s
 * `witnesses`.
 * @throws {NoteError} `NOTE_BAD_KEY`.
 */
export function cosignatureVerifier(
  crypto: CryptoProvider,
  name: string,
  publicKey: Uint8Array,
  options: CosignatureVerifyOptions = {},
): NoteVerifier {
  if (!isValidKeyName(name) || publicKey.length !== 32) {
    throw badKey(
      'a cosigner needs a valid name and a 32-byte Ed25519 key',
      '联署者需要有效名称和 32 字节 Ed25519 公钥',
    );
  }
  const pub = publicKey.slice();
  return {
    name,
    keyId: noteKeyId(crypto, name, SIG_TYPE_COSIGNATURE_V1, pub),
    verify: (text, value) => verifyCosignature(crypto, pub, text, value, options).ok,
  };
}

/**
 * A cosignature verifier from a witness vkey (signature type 0x04).
 * @throws {NoteError} `NOTE_BAD_KEY` (also for another type), `NOTE_KEY_ID_MISMATCH`.
 */
export function cosignatureVerifierFromKey(
  crypto: CryptoProvider,
  vkey: string,
  options: CosignatureVerifyOptions = {},
): NoteVerifier {
  const key = parseVerifierKey(crypto, vkey);
  if (key.sigType !== SIG_TYPE_COSIGNATURE_V1) {
    throw badKey(`not a cosigner key (type 0x${key.sigType.toString(16)})`, '不是联署者密钥');
  }
  return cosignatureVerifier(crypto, key.name, key.publicKey, options);
}

/** A witness's cosigner. */
export interface CosignatureSigner extends NoteSigner {
  readonly publicKey: Uint8Array;
  /** The vkey (type 0x04) to publish. */
  readonly verifierKey: string;
}

/**
 * A v1 Ed25519 cosigner from a 32-byte seed; `sign(text)` returns timestamp ‖ signature, with the
 * time from `clock` (whole seconds). Use a key for nothing else: the v1 message does not commit to
 * the cosigner's name.
 * @throws {NoteError} `NOTE_BAD_KEY`.
 */
export function cosignatureSigner(
  crypto: CryptoProvider,
  name: string,
  seed: Uint8Array,
  clock: Clock,
): CosignatureSigner {
  if (!isValidKeyName(name)) throw badKey(`invalid key name ${JSON.stringify(name)}`, '无效的密钥名');
  const signer = crypto.ed25519Signer(seed);
  return {
    name,
    keyId: noteKeyId(crypto, name, SIG_TYPE_COSIGNATURE_V1, signer.publicKey),
    publicKey: signer.publicKey,
    verifierKey: formatVerifierKey(crypto, name, SIG_TYPE_COSIGNATURE_V1, signer.publicKey),
    sign(text) {
      const timestamp = Math.floor(clock.now().getTime() / 1000);
      return formatCosignature(timestamp, signer.sign(cosignatureMessage(text, timestamp)));
    },
  };
}

/**
 * Add a witness cosignature to a signed checkpoint.
 *
 * Requires (NOT checked here; the caller, i.e. the witness service, must do it first):
 * - the log's signature verifies (`openCheckpoint` with the log's verifier);
 * - the checkpoint's origin is a log the witness serves;
 * - the checkpoint is consistent with the last checkpoint the witness cosigned for that origin
 *   (`verifyConsistency`), and its size is not smaller.
 * Only the checkpoint body's syntax is checked.
 * @throws {CheckpointError} `CHECKPOINT_MALFORMED`; {@link NoteError} as `addNoteSignatures`.
 * @see https://c2sp.org/tlog-cosignature
 */
export function cosignCheckpoint(signedCheckpoint: string | Uint8Array, signer: NoteSigner): string {
  parseCheckpoint(parseNote(signedCheckpoint).text);
  return addNoteSignatures(signedCheckpoint, [signer]);
}

/** The timestamp of a verified cosignature note signature, or `undefined` if it is not one. */
export function cosignatureTimestamp(sig: NoteSignature): number | undefined {
  return parseCosignature(sig.signature)?.timestamp;
}
