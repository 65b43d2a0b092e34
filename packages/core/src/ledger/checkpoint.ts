/**
 * C2SP transparency-log checkpoints, v1.0.0 (https://c2sp.org/tlog-checkpoint@v1.0.0): a signed
 * note whose text is
 *
 * ```
 * <origin>
 * <tree size, decimal, no leading zeros>
 * <base64 RFC 6962 / RFC 9162 root hash>
 * [<extension line>…]
 * ```
 *
 * signed by the log (Ed25519, `note.ts`) and optionally cosigned by witnesses (`cosignature.ts`).
 */
import { HASH_SIZE } from '../merkle/index.ts';
import { DomainError, type DomainErrorDetails } from '../shared/index.ts';
import {
  decodeBase64,
  encodeBase64,
  type NoteSignature,
  type NoteSigner,
  type NoteVerifier,
  openNote,
  signNote,
} from './note.ts';

/** Why a checkpoint was rejected. A closed list (note-level failures are `NoteError`s). */
export const checkpointErrorKinds = [
  /** The note text is not a checkpoint body (lines, size, root, extension lines). */
  'CHECKPOINT_MALFORMED',
  /** The origin line is not the expected one. */
  'CHECKPOINT_ORIGIN_MISMATCH',
  /** The note verified, but not with the log's key (e.g. only witnesses signed). */
  'CHECKPOINT_NOT_SIGNED_BY_LOG',
  /** Fewer of the named witnesses cosigned than required. */
  'CHECKPOINT_WITNESS_QUORUM',
  /** An impossible witness policy (`requiredWitnesses` not in 0..witnesses.length). */
  'CHECKPOINT_BAD_POLICY',
] as const;

export type CheckpointErrorKind = (typeof checkpointErrorKinds)[number];

/** The typed error of checkpoints; `kind` (= `code`) is from {@link checkpointErrorKinds}. */
export class CheckpointError extends DomainError<CheckpointErrorKind> {
  constructor(kind: CheckpointErrorKind, en: string, zh: string, details: DomainErrorDetails = {}) {
    super(kind, { zh, en }, details);
    this.name = 'CheckpointError';
  }

  get kind(): CheckpointErrorKind {
    return this.code;
  }
}

/** A log's tree head at one size. */
export interface Checkpoint {
  /** The log's identity, e.g. `onex.example.cn/log`. */
  readonly origin: string;
  /** Number of leaves. */
  readonly size: number;
  /** RFC 9162 root hash, 32 bytes. */
  readonly rootHash: Uint8Array;
  /** Optional non-empty extension lines (NOT RECOMMENDED by the spec). */
  readonly extensions: readonly string[];
}

function malformed(en: string, zh: string): CheckpointError {
  return new CheckpointError('CHECKPOINT_MALFORMED', `malformed checkpoint: ${en}`, `检查点格式错误：${zh}`);
}

const SIZE = /^(0|[1-9][0-9]*)$/;
// The spec's SHOULD for origins (no Unicode spaces, no '+'), which OneX makes a MUST for what it signs.
const SPACE_OR_PLUS = /[\s\u0085+]/u;

/** Whether `s` has an ASCII control character (below U+0020), newline included. */
function hasControl(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) < 0x20) return true;
  return false;
}

/**
 * The note text of a checkpoint, with its final newline. OneX only writes origins without
 * Unicode spaces or '+' (the spec's SHOULD).
 * @throws {CheckpointError} `CHECKPOINT_MALFORMED`.
 * @see https://c2sp.org/tlog-checkpoint@v1.0.0#note-text
 */
export function formatCheckpoint(c: Checkpoint): string {
  if (c.origin.length === 0 || SPACE_OR_PLUS.test(c.origin) || hasControl(c.origin)) {
    throw malformed(
      'the origin must be non-empty, without spaces or "+"',
      '来源标识必须非空，且不含空格或 "+"',
    );
  }
  if (!Number.isSafeInteger(c.size) || c.size < 0) throw malformed('bad tree size', '树大小无效');
  if (c.rootHash.length !== HASH_SIZE)
    throw malformed('the root hash must be 32 bytes', '根哈希必须为 32 字节');
  for (const line of c.extensions) {
    if (line.length === 0 || hasControl(line))
      throw malformed('extension lines must be non-empty single lines', '扩展行必须为非空单行');
  }
  return [c.origin, String(c.size), encodeBase64(c.rootHash), ...c.extensions].map((l) => `${l}\n`).join('');
}

/**
 * Parse a checkpoint note text (the verified text of a note, with its final newline). Only what
 * the spec requires of origins is checked here (non-empty); compare the origin with the expected
 * one, as {@link openCheckpoint} does.
 * @throws {CheckpointError} `CHECKPOINT_MALFORMED`.
 * @see https://c2sp.org/tlog-checkpoint@v1.0.0#note-text
 */
export function parseCheckpoint(text: string): Checkpoint {
  if (!text.endsWith('\n')) throw malformed('the text must end with a newline', '正文必须以换行结尾');
  const lines = text.slice(0, -1).split('\n');
  if (lines.length < 3) throw malformed('a checkpoint has at least three lines', '检查点至少有三行');
  const [origin, sizeLine, rootLine, ...extensions] = lines as [string, string, string, ...string[]];
  if (origin.length === 0) throw malformed('empty origin', '来源标识为空');
  if (!SIZE.test(sizeLine) || !Number.isSafeInteger(Number(sizeLine))) {
    throw malformed(
      'the tree size must be a decimal without leading zeros',
      '树大小必须是无前导零的十进制数',
    );
  }
  const rootHash = decodeBase64(rootLine);
  if (!rootHash || rootHash.length !== HASH_SIZE)
    throw malformed('the root hash must be base64 of 32 bytes', '根哈希必须是 32 字节的 base64');
  if (extensions.some((l) => l.length === 0)) throw malformed('empty extension line', '扩展行为空');
  return { origin, size: Number(sizeLine), rootHash, extensions };
}

/**
 * Format and sign a checkpoint; the first signer is normally the log (key name = origin).
 * A log MUST NOT sign two checkpoints that are inconsistent with each other: that is the
 * caller's (the ledger's) invariant.
 * @throws {CheckpointError} `CHECKPOINT_MALFORMED`; {@link NoteError} from signing.
 * @see https://c2sp.org/tlog-checkpoint@v1.0.0#signatures
 */
export function signCheckpoint(c: Checkpoint, signers: readonly NoteSigner[]): string {
  return signNote(formatCheckpoint(c), signers);
}

/** Options of {@link openCheckpoint}. */
export interface OpenCheckpointOptions {
  /** Witness verifiers (usually `cosignatureVerifier`s, signature type 0x04). */
  readonly witnesses?: readonly NoteVerifier[];
  /** How many distinct witnesses of `witnesses` must have cosigned (default 0). */
  readonly requiredWitnesses?: number;
  /** The expected origin; defaults to the log key's name (the spec's SHOULD). */
  readonly origin?: string;
}

/** A verified checkpoint. */
export interface OpenedCheckpoint {
  readonly checkpoint: Checkpoint;
  /** The note text (the checkpoint body), e.g. to check cosignatures or store it. */
  readonly text: string;
  /** The log's verified signature. */
  readonly logSignature: NoteSignature;
  /** The verified signatures of the given witnesses, one per witness, in note order. */
  readonly cosignatures: readonly NoteSignature[];
  /** Signatures of unknown keys (ignored). */
  readonly unknown: readonly NoteSignature[];
}

/**
 * Open a signed checkpoint: verify the note (every known key's signature must verify), require
 * the log's signature, parse the body, check the origin, and require at least
 * `requiredWitnesses` of `witnesses` to have cosigned.
 * @throws {NoteError} note-level failures (`NOTE_MALFORMED`, `NOTE_BAD_SIGNATURE`, `NOTE_UNVERIFIED`, …);
 *   {@link CheckpointError} `CHECKPOINT_MALFORMED`, `CHECKPOINT_NOT_SIGNED_BY_LOG`, `CHECKPOINT_ORIGIN_MISMATCH`,
 *   `CHECKPOINT_WITNESS_QUORUM`, `CHECKPOINT_BAD_POLICY`.
 * @see https://c2sp.org/tlog-checkpoint@v1.0.0
 * @see https://c2sp.org/tlog-cosignature
 */
export function openCheckpoint(
  note: string | Uint8Array,
  logVerifier: NoteVerifier,
  options: OpenCheckpointOptions = {},
): OpenedCheckpoint {
  const witnesses = options.witnesses ?? [];
  const required = options.requiredWitnesses ?? 0;
  if (!Number.isInteger(required) || required < 0 || required > witnesses.length) {
    throw new CheckpointError(
      'CHECKPOINT_BAD_POLICY',
      `cannot require ${required} of ${witnesses.length} witnesses`,
      `无法要求 ${witnesses.length} 个见证者中的 ${required} 个`,
    );
  }
  const opened = openNote(note, [logVerifier, ...witnesses]);
  const same = (s: NoteSignature, v: NoteVerifier): boolean => s.name === v.name && s.keyId === v.keyId >>> 0;
  const logSignature = opened.verified.find((s) => same(s, logVerifier));
  if (!logSignature) {
    throw new CheckpointError(
      'CHECKPOINT_NOT_SIGNED_BY_LOG',
      'the checkpoint is not signed by the log',
      '检查点没有日志的签名',
      {
        log: logVerifier.name,
      },
    );
  }
  const checkpoint = parseCheckpoint(opened.text);
  const origin = options.origin ?? logVerifier.name;
  if (checkpoint.origin !== origin) {
    throw new CheckpointError(
      'CHECKPOINT_ORIGIN_MISMATCH',
      `origin ${JSON.stringify(checkpoint.origin)} is not ${JSON.stringify(origin)}`,
      `来源标识 ${JSON.stringify(checkpoint.origin)} 不是 ${JSON.stringify(origin)}`,
      { origin: checkpoint.origin, expected: origin },
    );
  }
  const cosignatures = opened.verified.filter((s) => s !== logSignature && witnesses.some((w) => same(s, w)));
  if (cosignatures.length < required) {
    throw new CheckpointError(
      'CHECKPOINT_WITNESS_QUORUM',
      `${cosignatures.length} of the required ${required} witnesses cosigned`,
      `只有 ${cosignatures.length} 个见证者联署，要求 ${required} 个`,
      { required, cosigned: cosignatures.map((s) => s.name) },
    );
  }
  return { checkpoint, text: opened.text, logSignature, cosignatures, unknown: opened.unknown };
}
