/**
 * C2SP signed notes, v1.0.0 (https://c2sp.org/signed-note@v1.0.0): text signed by one or more
 * keys, the envelope of checkpoints (`checkpoint.ts`) and witness cosignatures (`cosignature.ts`).
 *
 * ```
 * <text, ending in a newline>
 *
 * — <key name> <base64(4-byte big-endian key ID ‖ signature)>
 * ```
 *
 * Compatible with golang.org/x/mod/sumdb/note. Parsing and opening throw a {@link NoteError}.
 */
import type { CryptoProvider } from '../crypto/index.ts';
import { toHex } from '../merkle/index.ts';
import { DomainError, type DomainErrorDetails } from '../shared/index.ts';

/** Signature type byte of plain Ed25519 note signatures (signed-note §"Signature types"). */
export const SIG_TYPE_ED25519 = 0x01;

/**
 * The most signature lines a note may carry. The spec requires accepting at least 16 and tells
 * verifiers to bound the work; 100 is the bound golang.org/x/mod/sumdb/note uses.
 */
export const MAX_NOTE_SIGNATURES = 100;

/** Why a note was rejected. A closed list. */
export const noteErrorKinds = [
  /** Not valid UTF-8, a control character other than newline, no blank line before the signatures, a bad signature line, a text not ending in a newline. */
  'NOTE_MALFORMED',
  /** More than {@link MAX_NOTE_SIGNATURES} signature lines. */
  'NOTE_TOO_MANY_SIGNATURES',
  /** A signature from a known key (name and key ID match a verifier) does not verify. */
  'NOTE_BAD_SIGNATURE',
  /** No signature from a known key: the text must be ignored. */
  'NOTE_UNVERIFIED',
  /** A malformed verifier key or key name, or an unsupported signature type. */
  'NOTE_BAD_KEY',
  /** A verifier key whose key ID does not match its name and public key. */
  'NOTE_KEY_ID_MISMATCH',
  /** Two verifiers with the same key name and key ID. */
  'NOTE_AMBIGUOUS_KEY',
] as const;

export type NoteErrorKind = (typeof noteErrorKinds)[number];

/** The typed error of signed notes; `kind` (= `code`) is from {@link noteErrorKinds}. */
export class NoteError extends DomainError<NoteErrorKind> {
  constructor(kind: NoteErrorKind, en: string, zh: string, details: DomainErrorDetails = {}) {
    super(kind, { zh, en }, details);
    this.name = 'NoteError';
  }

  get kind(): NoteErrorKind {
    return this.code;
  }
}

/** Signs note texts under a key name and key ID. */
export interface NoteSigner {
  readonly name: string;
  /** The 32-bit key ID, as an unsigned number. */
  readonly keyId: number;
  /** The signature of the UTF-8 note text (including its final newline), WITHOUT the key ID. */
  sign(text: Uint8Array): Uint8Array;
}

/** Verifies note signatures of one key (name and key ID). */
export interface NoteVerifier {
  readonly name: string;
  readonly keyId: number;
  /** Whether `signature` (without the key ID) is valid for the UTF-8 note text. Never throws. */
  verify(text: Uint8Array, signature: Uint8Array): boolean;
}

/** One signature line of a note. */
export interface NoteSignature {
  readonly name: string;
  readonly keyId: number;
  /** The signature bytes after the 4-byte key ID. */
  readonly signature: Uint8Array;
}

/** A parsed, not yet verified, note. */
export interface Note {
  /** The text, including its final newline. */
  readonly text: string;
  readonly signatures: readonly NoteSignature[];
}

/** The result of {@link openNote}: a note with at least one verified signature. */
export interface OpenedNote {
  readonly text: string;
  /** Signatures of known keys, all verified (one per key, in note order). */
  readonly verified: readonly NoteSignature[];
  /** Signatures of unknown keys, ignored and not verified (repeats dropped). */
  readonly unknown: readonly NoteSignature[];
}

/** A parsed verifier key (vkey). */
export interface VerifierKey {
  readonly name: string;
  readonly keyId: number;
  readonly sigType: number;
  readonly publicKey: Uint8Array;
}

const encoder = new TextEncoder();
const utf8 = (s: string): Uint8Array => encoder.encode(s);

const SIG_PREFIX = '\u2014 '; // em dash, space
// Go's unicode.IsSpace plus what JavaScript's \s adds; NEL (U+0085) is not in \s.
const SPACE_OR_PLUS = /[\s\u0085+]/u;
const LONE_SURROGATE = /\p{Cs}/u;

/** Whether `s` has an ASCII control character (below U+0020) other than newline. */
function hasControl(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 && c !== 0x0a) return true;
  }
  return false;
}

function malformed(en: string, zh: string, details: DomainErrorDetails = {}): NoteError {
  return new NoteError('NOTE_MALFORMED', `malformed note: ${en}`, `签名笔记格式错误：${zh}`, details);
}

/** Whether `name` is a valid key name: non-empty, no Unicode spaces, no '+', no control characters. */
export function isValidKeyName(name: string): boolean {
  return name.length > 0 && !SPACE_OR_PLUS.test(name) && !hasControl(name) && !LONE_SURROGATE.test(name);
}

/** Hex of a key ID, 8 digits. */
export function keyIdHex(keyId: number): string {
  return keyId.toString(16).padStart(8, '0');
}

function uint32(bytes: Uint8Array, offset: number): number {
  return (
    ((bytes[offset]! << 24) | (bytes[offset + 1]! << 16) | (bytes[offset + 2]! << 8) | bytes[offset + 3]!) >>>
    0
  );
}

function uint32Bytes(n: number): Uint8Array {
  return new Uint8Array([n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff]);
}

/**
 * The key ID of a key: SHA-256(name ‖ 0x0A ‖ sigType ‖ publicKey)[:4], big-endian.
 * @see https://c2sp.org/signed-note@v1.0.0#signatures
 */
export function noteKeyId(
  crypto: Pick<CryptoProvider, 'sha256'>,
  name: string,
  sigType: number,
  publicKey: Uint8Array,
): number {
  return uint32(crypto.sha256(utf8(name), new Uint8Array([0x0a, sigType]), publicKey), 0);
}

/**
 * Format a verifier key: `name+hex(keyID)+base64(sigType ‖ publicKey)`, as golang.org/x/mod/sumdb/note
 * and the C2SP specs write them (e.g. `example.com/foo+530d903a+Aeky…`).
 * @throws {NoteError} `NOTE_BAD_KEY` for an invalid name.
 */
export function formatVerifierKey(
  crypto: Pick<CryptoProvider, 'sha256'>,
  name: string,
  sigType: number,
  publicKey: Uint8Array,
): string {
  if (!isValidKeyName(name))
    throw badKey(`invalid key name ${JSON.stringify(name)}`, `无效的密钥名 ${JSON.stringify(name)}`);
  const key = new Uint8Array(1 + publicKey.length);
  key[0] = sigType;
  key.set(publicKey, 1);
  return `${name}+${keyIdHex(noteKeyId(crypto, name, sigType, publicKey))}+${encodeBase64(key)}`;
}

function badKey(en: string, zh: string): NoteError {
  return new NoteError('NOTE_BAD_KEY', en, zh);
}

/**
 * Parse a verifier key and check that its key ID matches its name, type and public key.
 * @throws {NoteError} `NOTE_BAD_KEY`, `NOTE_KEY_ID_MISMATCH`.
 */
export function parseVerifierKey(crypto: Pick<CryptoProvider, 'sha256'>, vkey: string): VerifierKey {
  const first = vkey.indexOf('+');
  const second = first < 0 ? -1 : vkey.indexOf('+', first + 1);
  if (second < 0) throw badKey('a verifier key is name+keyid+key', '验证密钥的格式应为 名称+密钥ID+公钥');
  const name = vkey.slice(0, first);
  const idHex = vkey.slice(first + 1, second);
  const key = decodeBase64(vkey.slice(second + 1));
  if (!isValidKeyName(name) || !/^[0-9a-fA-F]{8}$/.test(idHex) || !key || key.length < 2) {
    throw badKey('malformed verifier key', '验证密钥格式错误');
  }
  const keyId = Number.parseInt(idHex, 16);
  const sigType = key[0]!;
  const publicKey = key.slice(1);
  if (noteKeyId(crypto, name, sigType, publicKey) !== keyId) {
    throw new NoteError(
      'NOTE_KEY_ID_MISMATCH',
      'the key ID does not match the verifier key',
      '密钥 ID 与验证密钥不符',
      {
        name,
        keyId: idHex,
      },
    );
  }
  return { name, keyId, sigType, publicKey };
}

/**
 * A verifier of Ed25519 note signatures (type 0x01) by `name` and a 32-byte public key.
 * @throws {NoteError} `NOTE_BAD_KEY`.
 * @see https://c2sp.org/signed-note@v1.0.0#ed25519-signatures
 */
export function ed25519NoteVerifier(
  crypto: CryptoProvider,
  name: string,
  publicKey: Uint8Array,
): NoteVerifier {
  if (!isValidKeyName(name) || publicKey.length !== 32) {
    throw badKey(
      'an Ed25519 verifier needs a valid name and a 32-byte key',
      'Ed25519 验证者需要有效名称和 32 字节公钥',
    );
  }
  const pub = publicKey.slice();
  return {
    name,
    keyId: noteKeyId(crypto, name, SIG_TYPE_ED25519, pub),
    verify: (text, signature) => signature.length === 64 && crypto.ed25519Verify(pub, text, signature),
  };
}

/**
 * A verifier from an Ed25519 (type 0x01) verifier key. Cosigner keys (type 0x04) are read by
 * `cosignatureVerifierFromKey` in `cosignature.ts`.
 * @throws {NoteError} `NOTE_BAD_KEY` (also for another signature type), `NOTE_KEY_ID_MISMATCH`.
 */
export function noteVerifierFromKey(crypto: CryptoProvider, vkey: string): NoteVerifier {
  const key = parseVerifierKey(crypto, vkey);
  if (key.sigType !== SIG_TYPE_ED25519) {
    throw badKey(
      `unsupported signature type 0x${key.sigType.toString(16)}`,
      `不支持的签名类型 0x${key.sigType.toString(16)}`,
    );
  }
  return ed25519NoteVerifier(crypto, key.name, key.publicKey);
}

/** An Ed25519 note signer with its public key and verifier key. */
export interface Ed25519NoteSigner extends NoteSigner {
  readonly publicKey: Uint8Array;
  /** The vkey to publish for verifiers. */
  readonly verifierKey: string;
}

/**
 * An Ed25519 note signer (type 0x01) from a 32-byte seed (the RFC 8032 secret key).
 * @throws {NoteError} `NOTE_BAD_KEY`.
 */
export function ed25519NoteSigner(crypto: CryptoProvider, name: string, seed: Uint8Array): Ed25519NoteSigner {
  if (!isValidKeyName(name))
    throw badKey(`invalid key name ${JSON.stringify(name)}`, `无效的密钥名 ${JSON.stringify(name)}`);
  const signer = crypto.ed25519Signer(seed);
  return {
    name,
    keyId: noteKeyId(crypto, name, SIG_TYPE_ED25519, signer.publicKey),
    publicKey: signer.publicKey,
    verifierKey: formatVerifierKey(crypto, name, SIG_TYPE_ED25519, signer.publicKey),
    sign: (text) => signer.sign(text),
  };
}

/**
 * Check that `text` can be a note text: ends in a newline, no control characters but newline,
 * well-formed Unicode.
 * @throws {NoteError} `NOTE_MALFORMED`.
 */
export function checkNoteText(text: string): void {
  if (!text.endsWith('\n')) throw malformed('the text must end with a newline', '正文必须以换行结尾');
  if (hasControl(text)) throw malformed('control character in the text', '正文含有控制字符');
  if (LONE_SURROGATE.test(text)) throw malformed('the text is not valid Unicode', '正文不是有效的 Unicode');
}

/** One signature line, with its final newline. */
export function formatSignatureLine(sig: NoteSignature): string {
  const value = new Uint8Array(4 + sig.signature.length);
  value.set(uint32Bytes(sig.keyId), 0);
  value.set(sig.signature, 4);
  return `${SIG_PREFIX}${sig.name} ${encodeBase64(value)}\n`;
}

/**
 * Format a note from its text and signatures (in the given order).
 * @throws {NoteError} `NOTE_MALFORMED` (bad text or no signature), `NOTE_BAD_KEY` (bad key name).
 */
export function formatNote(text: string, signatures: readonly NoteSignature[]): string {
  checkNoteText(text);
  if (signatures.length === 0) throw malformed('a note needs at least one signature', '笔记至少需要一个签名');
  if (signatures.length > MAX_NOTE_SIGNATURES) {
    throw new NoteError('NOTE_TOO_MANY_SIGNATURES', 'too many signatures', '签名过多', {
      max: MAX_NOTE_SIGNATURES,
    });
  }
  let out = `${text}\n`;
  for (const sig of signatures) {
    if (!isValidKeyName(sig.name))
      throw badKey(`invalid key name ${JSON.stringify(sig.name)}`, '无效的密钥名');
    out += formatSignatureLine(sig);
  }
  return out;
}

/**
 * Sign `text` with each signer and format the note; `existing` signatures (e.g. already on the
 * note) are kept after the new ones unless a signer replaces them (same name and key ID).
 * @throws {NoteError} `NOTE_MALFORMED`, `NOTE_BAD_KEY`, `NOTE_TOO_MANY_SIGNATURES`.
 * @see https://c2sp.org/signed-note@v1.0.0#format
 */
export function signNote(
  text: string,
  signers: readonly NoteSigner[],
  existing: readonly NoteSignature[] = [],
): string {
  const fresh = signWith(text, signers);
  const replaced = new Set(fresh.map(keyOf));
  return formatNote(text, [...fresh, ...existing.filter((s) => !replaced.has(keyOf(s)))]);
}

/**
 * Add signatures to an existing signed note, after the ones it has (a signer replaces an existing
 * signature of the same name and key ID). The existing signatures are NOT verified: open the
 * note first when that matters (a witness checks the log's signature before cosigning).
 * @throws {NoteError} as {@link parseNote} and {@link signNote}.
 */
export function addNoteSignatures(note: string | Uint8Array, signers: readonly NoteSigner[]): string {
  const parsed = parseNote(note);
  const fresh = signWith(parsed.text, signers);
  const replaced = new Set(fresh.map(keyOf));
  return formatNote(parsed.text, [...parsed.signatures.filter((s) => !replaced.has(keyOf(s))), ...fresh]);
}

function signWith(text: string, signers: readonly NoteSigner[]): NoteSignature[] {
  checkNoteText(text);
  const bytes = utf8(text);
  return signers.map((s) => {
    if (!isValidKeyName(s.name)) throw badKey(`invalid key name ${JSON.stringify(s.name)}`, '无效的密钥名');
    return { name: s.name, keyId: s.keyId >>> 0, signature: s.sign(bytes) };
  });
}

function keyOf(s: { readonly name: string; readonly keyId: number }): string {
  return `${keyIdHex(s.keyId >>> 0)} ${s.name}`;
}

const utf8Strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Parse a signed note (syntax only, nothing is verified): the text is everything up to the last
 * blank line; then one or more lines `— <name> <base64(keyID ‖ signature)>`.
 * @throws {NoteError} `NOTE_MALFORMED`, `NOTE_TOO_MANY_SIGNATURES`.
 * @see https://c2sp.org/signed-note@v1.0.0#format
 */
export function parseNote(note: string | Uint8Array): Note {
  let s: string;
  if (typeof note === 'string') {
    if (LONE_SURROGATE.test(note)) throw malformed('not valid Unicode', '不是有效的 Unicode');
    s = note;
  } else {
    try {
      s = utf8Strict.decode(note);
    } catch {
      throw malformed('not valid UTF-8', '不是有效的 UTF-8');
    }
  }
  if (hasControl(s)) throw malformed('control character', '含有控制字符');
  const split = s.lastIndexOf('\n\n');
  if (split < 0) throw malformed('no blank line before the signatures', '签名前没有空行');
  const text = s.slice(0, split + 1);
  const block = s.slice(split + 2);
  if (block.length === 0 || !block.endsWith('\n')) {
    throw malformed(
      'the signature block must be non-empty and end with a newline',
      '签名部分必须非空且以换行结尾',
    );
  }
  const lines = block.slice(0, -1).split('\n');
  if (lines.length > MAX_NOTE_SIGNATURES) {
    throw new NoteError(
      'NOTE_TOO_MANY_SIGNATURES',
      `more than ${MAX_NOTE_SIGNATURES} signatures`,
      `签名超过 ${MAX_NOTE_SIGNATURES} 个`,
      {
        max: MAX_NOTE_SIGNATURES,
      },
    );
  }
  const signatures = lines.map((line, i) => {
    if (!line.startsWith(SIG_PREFIX))
      throw malformed(`signature line ${i + 1} does not start with "— "`, `第 ${i + 1} 行签名不以 "— " 开头`);
    const rest = line.slice(SIG_PREFIX.length);
    const space = rest.indexOf(' ');
    const name = space < 0 ? '' : rest.slice(0, space);
    const value = space < 0 ? undefined : decodeBase64(rest.slice(space + 1));
    if (!isValidKeyName(name) || !value || value.length < 5) {
      throw malformed(`bad signature line ${i + 1}`, `第 ${i + 1} 行签名格式错误`, { line: i + 1 });
    }
    return { name, keyId: uint32(value, 0), signature: value.slice(4) };
  });
  return { text, signatures };
}

/**
 * Parse and verify a signed note (signed-note §"Signatures"):
 * - signatures from unknown keys (no verifier with that name AND key ID) are ignored;
 * - every signature from a known key must verify, else the whole note is rejected;
 * - at least one known key must have signed, else the note is rejected;
 * - at least 16 (up to {@link MAX_NOTE_SIGNATURES}) signatures are accepted.
 * @throws {NoteError} `NOTE_MALFORMED`, `NOTE_TOO_MANY_SIGNATURES`, `NOTE_BAD_SIGNATURE`, `NOTE_UNVERIFIED`,
 *   `NOTE_AMBIGUOUS_KEY`.
 * @see https://c2sp.org/signed-note@v1.0.0#signatures
 */
export function openNote(note: string | Uint8Array, verifiers: readonly NoteVerifier[]): OpenedNote {
  const known = new Map<string, NoteVerifier>();
  for (const v of verifiers) {
    const k = keyOf(v);
    if (known.has(k)) {
      throw new NoteError(
        'NOTE_AMBIGUOUS_KEY',
        `two verifiers for ${v.name}+${keyIdHex(v.keyId)}`,
        `${v.name} 有两个相同 ID 的验证者`,
        {
          name: v.name,
        },
      );
    }
    known.set(k, v);
  }
  const parsed = parseNote(note);
  const text = utf8(parsed.text);
  const verified: NoteSignature[] = [];
  const unknown: NoteSignature[] = [];
  const seenVerified = new Set<string>();
  const seenUnknown = new Set<string>();
  for (const sig of parsed.signatures) {
    const k = keyOf(sig);
    const v = known.get(k);
    if (!v) {
      const line = `${k} ${toHex(sig.signature)}`;
      if (!seenUnknown.has(line)) unknown.push(sig);
      seenUnknown.add(line);
      continue;
    }
    if (!v.verify(text, sig.signature)) {
      throw new NoteError(
        'NOTE_BAD_SIGNATURE',
        `invalid signature by known key ${sig.name}+${keyIdHex(sig.keyId)}`,
        `已知密钥 ${sig.name}+${keyIdHex(sig.keyId)} 的签名无效`,
        { name: sig.name, keyId: keyIdHex(sig.keyId) },
      );
    }
    if (!seenVerified.has(k)) verified.push(sig);
    seenVerified.add(k);
  }
  if (verified.length === 0) {
    throw new NoteError('NOTE_UNVERIFIED', 'no signature from a known key', '没有已知密钥的签名', {
      names: parsed.signatures.map((s) => s.name),
    });
  }
  return { text: parsed.text, verified, unknown };
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64_INDEX = new Map([...B64].map((c, i) => [c, i] as const));
const B64_STRICT = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Standard base64 (RFC 4648 §4) with padding. */
export function encodeBase64(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out += B64[n >> 18]! + B64[(n >> 12) & 63]! + B64[(n >> 6) & 63]! + B64[n & 63]!;
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i]! << 16;
    out += `${B64[n >> 18]!}${B64[(n >> 12) & 63]!}==`;
  } else if (rest === 2) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8);
    out += `${B64[n >> 18]!}${B64[(n >> 12) & 63]!}${B64[(n >> 6) & 63]!}=`;
  }
  return out;
}

/**
 * Decode canonical standard base64 (RFC 4648 §4): padding required, no whitespace, unused bits
 * zero. Returns `undefined` for anything else.
 */
export function decodeBase64(s: string): Uint8Array | undefined {
  if (!B64_STRICT.test(s)) return undefined;
  const pad = s.endsWith('==') ? 2 : s.endsWith('=') ? 1 : 0;
  const out = new Uint8Array((s.length / 4) * 3 - pad);
  let o = 0;
  for (let i = 0; i < s.length; i += 4) {
    const c = [0, 1, 2, 3].map((j) => B64_INDEX.get(s[i + j]!) ?? 0);
    const n = (c[0]! << 18) | (c[1]! << 12) | (c[2]! << 6) | c[3]!;
    if (o < out.length) out[o++] = n >> 16;
    if (o < out.length) out[o++] = (n >> 8) & 0xff;
    if (o < out.length) out[o++] = n & 0xff;
  }
  return encodeBase64(out) === s ? out : undefined;
}
