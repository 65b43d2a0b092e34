/**
 * Multibase and the two base encodings OneX needs: base58btc (`z`, for keys and proof values) and
 * base64url without padding (`u`, for status lists).
 *
 * Specs: Controlled Identifiers v1.0 §2.4 Multibase (https://www.w3.org/TR/cid-1.0/#multibase-0),
 * draft-multiformats-multibase (https://datatracker.ietf.org/doc/draft-multiformats-multibase/),
 * base58btc (https://datatracker.ietf.org/doc/html/draft-msporny-base58-03),
 * base64url (RFC 4648 §5, https://www.rfc-editor.org/rfc/rfc4648#section-5).
 */
import { cryptoError } from './crypto.errors.ts';

const B58_ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
const B64URL_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** ASCII code → digit value, -1 for characters outside the alphabet. */
function decodeTable(alphabet: string): Int8Array {
  const table = new Int8Array(128).fill(-1);
  for (let i = 0; i < alphabet.length; i++) table[alphabet.charCodeAt(i)] = i;
  return table;
}
const B58_MAP = decodeTable(B58_ALPHABET);
const B64URL_MAP = decodeTable(B64URL_ALPHABET);

/**
 * Longest base58btc text `base58btcDecode` accepts. Base58 is quadratic; OneX only base58-encodes
 * keys (≤ 66 bytes) and signatures (64 bytes), so a bound keeps hostile input from costing seconds.
 */
export const MAX_BASE58_LENGTH = 4096;

// Work in limbs rather than single bytes/digits: 58^4 < 2^24, so a limb times a multiplier plus a
// carry stays below 2^53 and fits a double exactly. That cuts the quadratic inner loop about 12×.
const LIMB = 0x1000000; // 2^24
const B58_POW = [1, 58, 58 ** 2, 58 ** 3, 58 ** 4];
const B58_LIMB = 58 ** 4;
const BYTE_POW = [1, 0x100, 0x10000, 0x1000000];

/**
 * Encode bytes as base58btc (Bitcoin alphabet; each leading zero byte becomes a `1`).
 * See https://datatracker.ietf.org/doc/html/draft-msporny-base58-03.
 */
export function base58btcEncode(bytes: Uint8Array): string {
  const n = bytes.length;
  let zeros = 0;
  while (zeros < n && bytes[zeros] === 0) zeros++;
  // Little-endian limbs in base 58^4; log(256)/log(58^4) ≈ 0.342 limbs per byte.
  const limbs = new Float64Array(Math.ceil((n - zeros) * 0.35) + 1);
  let used = 0;
  let i = zeros;
  let group = (n - zeros) % 3 || 3;
  while (i < n) {
    let carry = 0;
    for (let k = 0; k < group; k++) carry = carry * 256 + bytes[i + k]!;
    const mul = BYTE_POW[group]!;
    i += group;
    group = 3;
    for (let j = 0; j < used; j++) {
      const x = limbs[j]! * mul + carry;
      carry = Math.floor(x / B58_LIMB);
      limbs[j] = x - carry * B58_LIMB;
    }
    while (carry > 0) {
      const q = Math.floor(carry / B58_LIMB);
      limbs[used++] = carry - q * B58_LIMB;
      carry = q;
    }
  }
  let out = '1'.repeat(zeros);
  for (let j = used - 1; j >= 0; j--) {
    let limb = limbs[j]!;
    const chars = [0, 0, 0, 0];
    for (let d = 3; d >= 0; d--) {
      chars[d] = limb % 58;
      limb = Math.floor(limb / 58);
    }
    // The top limb is written without its leading zero digits (they are not leading zero bytes).
    let d = 0;
    if (j === used - 1) while (d < 3 && chars[d] === 0) d++;
    for (; d < 4; d++) out += B58_ALPHABET[chars[d]!];
  }
  return out;
}

/**
 * Decode base58btc text. Throws `CRYPTO_BAD_MULTIBASE` on a character outside the alphabet or text
 * longer than {@link MAX_BASE58_LENGTH}.
 */
export function base58btcDecode(text: string): Uint8Array {
  const n = text.length;
  if (n > MAX_BASE58_LENGTH) {
    throw cryptoError(
      'CRYPTO_BAD_MULTIBASE',
      { zh: `base58btc 文本过长（${n} 个字符）`, en: `base58btc text too long (${n} characters)` },
      { length: n, max: MAX_BASE58_LENGTH },
    );
  }
  let zeros = 0;
  while (zeros < n && text.charCodeAt(zeros) === 49 /* '1' */) zeros++;
  // Little-endian limbs in base 2^24; log2(58)/24 ≈ 0.244 limbs per character.
  const limbs = new Float64Array(Math.ceil((n - zeros) * 0.25) + 1);
  let used = 0;
  let i = zeros;
  let group = (n - zeros) % 4 || 4;
  while (i < n) {
    let carry = 0;
    for (let k = 0; k < group; k++) {
      const code = text.charCodeAt(i + k);
      const digit = code < 128 ? B58_MAP[code]! : -1;
      if (digit < 0) throw badCharacter('base58btc', text, i + k);
      carry = carry * 58 + digit;
    }
    const mul = B58_POW[group]!;
    i += group;
    group = 4;
    for (let j = 0; j < used; j++) {
      const x = limbs[j]! * mul + carry;
      carry = Math.floor(x / LIMB);
      limbs[j] = x - carry * LIMB;
    }
    while (carry > 0) {
      const q = Math.floor(carry / LIMB);
      limbs[used++] = carry - q * LIMB;
      carry = q;
    }
  }
  const body = new Uint8Array(used * 3);
  for (let j = 0; j < used; j++) {
    const limb = limbs[j]!;
    const at = body.length - 3 * j;
    body[at - 1] = limb & 0xff;
    body[at - 2] = (limb >>> 8) & 0xff;
    body[at - 3] = (limb >>> 16) & 0xff;
  }
  let skip = 0;
  while (skip < body.length && body[skip] === 0) skip++;
  const out = new Uint8Array(zeros + body.length - skip);
  out.set(body.subarray(skip), zeros);
  return out;
}

/** Encode bytes as base64url without padding (RFC 4648 §5). */
export function base64urlEncode(bytes: Uint8Array): string {
  const n = bytes.length;
  const parts: string[] = [];
  // Build in chunks: string concatenation per character is slow for 16 KB+ status lists.
  const CHUNK = 3 * 4096;
  for (let start = 0; start < n; start += CHUNK) {
    const end = Math.min(n, start + CHUNK);
    let s = '';
    let i = start;
    for (; i + 2 < end; i += 3) {
      const v = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
      s +=
        B64URL_ALPHABET[v >>> 18]! +
        B64URL_ALPHABET[(v >>> 12) & 63]! +
        B64URL_ALPHABET[(v >>> 6) & 63]! +
        B64URL_ALPHABET[v & 63]!;
    }
    const rest = end - i;
    if (rest === 1) {
      const v = bytes[i]!;
      s += B64URL_ALPHABET[v >>> 2]! + B64URL_ALPHABET[(v & 3) << 4]!;
    } else if (rest === 2) {
      const v = (bytes[i]! << 8) | bytes[i + 1]!;
      s += B64URL_ALPHABET[v >>> 10]! + B64URL_ALPHABET[(v >>> 4) & 63]! + B64URL_ALPHABET[(v & 15) << 2]!;
    }
    parts.push(s);
  }
  return parts.join('');
}

/**
 * Decode base64url without padding (RFC 4648 §5). Strict: throws `CRYPTO_BAD_MULTIBASE` on `=`,
 * on any character outside the URL-safe alphabet, on a length that leaves a lone character, and on
 * non-zero trailing bits (RFC 4648 §3.5), so that every byte string has exactly one encoding.
 */
export function base64urlDecode(text: string): Uint8Array {
  const n = text.length;
  if (n % 4 === 1) {
    throw cryptoError(
      'CRYPTO_BAD_MULTIBASE',
      { zh: `base64url 文本长度无效（${n}）`, en: `Invalid base64url length (${n})` },
      { length: n },
    );
  }
  const out = new Uint8Array(Math.floor((n * 3) / 4));
  const digit = (i: number): number => {
    const code = text.charCodeAt(i);
    const d = code < 128 ? B64URL_MAP[code]! : -1;
    if (d < 0) throw badCharacter('base64url', text, i);
    return d;
  };
  let o = 0;
  let i = 0;
  for (; i + 3 < n; i += 4) {
    const v = (digit(i) << 18) | (digit(i + 1) << 12) | (digit(i + 2) << 6) | digit(i + 3);
    out[o++] = v >>> 16;
    out[o++] = (v >>> 8) & 0xff;
    out[o++] = v & 0xff;
  }
  const rest = n - i;
  let leftover = 0;
  if (rest === 2) {
    const v = (digit(i) << 6) | digit(i + 1);
    out[o++] = v >>> 4;
    leftover = v & 15;
  } else if (rest === 3) {
    const v = (digit(i) << 12) | (digit(i + 1) << 6) | digit(i + 2);
    out[o++] = v >>> 10;
    out[o++] = (v >>> 2) & 0xff;
    leftover = v & 3;
  }
  if (leftover !== 0) {
    throw cryptoError(
      'CRYPTO_BAD_MULTIBASE',
      { zh: 'base64url 末尾有多余的非零位', en: 'base64url text has non-zero trailing bits' },
      { length: n },
    );
  }
  return out;
}

/** The multibase encodings OneX reads and writes. */
export type MultibaseEncoding = 'base58btc' | 'base64url';

const PREFIX: Record<MultibaseEncoding, string> = { base58btc: 'z', base64url: 'u' };

/**
 * Multibase-encode bytes: `z` + base58btc, or `u` + base64url without padding.
 * See https://www.w3.org/TR/cid-1.0/#multibase-0.
 */
export function encodeMultibase(bytes: Uint8Array, encoding: MultibaseEncoding): string {
  return encoding === 'base58btc' ? `z${base58btcEncode(bytes)}` : `u${base64urlEncode(bytes)}`;
}

/**
 * Decode a multibase string with prefix `z` (base58btc) or `u` (base64url, no padding).
 * Requires the prefix to be one of `allowed` (default: both). Throws `CRYPTO_BAD_MULTIBASE` on any
 * other prefix, an empty string, or a malformed body.
 * See https://www.w3.org/TR/cid-1.0/#multibase-0.
 */
export function decodeMultibase(
  value: string,
  allowed: readonly MultibaseEncoding[] = ['base58btc', 'base64url'],
): Uint8Array {
  if (typeof value !== 'string' || value.length === 0) {
    throw cryptoError('CRYPTO_BAD_MULTIBASE', { zh: 'multibase 值为空', en: 'Empty multibase value' });
  }
  const prefix = value[0];
  const encoding: MultibaseEncoding | undefined =
    prefix === 'z' ? 'base58btc' : prefix === 'u' ? 'base64url' : undefined;
  if (encoding === undefined || !allowed.includes(encoding)) {
    throw cryptoError(
      'CRYPTO_BAD_MULTIBASE',
      {
        zh: `不支持的 multibase 前缀“${prefix}”（允许：${allowed.map((e) => PREFIX[e]).join('、')}）`,
        en: `Unsupported multibase prefix '${prefix}' (allowed: ${allowed.map((e) => PREFIX[e]).join(', ')})`,
      },
      { prefix, allowed: [...allowed] },
    );
  }
  const body = value.slice(1);
  return encoding === 'base58btc' ? base58btcDecode(body) : base64urlDecode(body);
}

function badCharacter(encoding: MultibaseEncoding, text: string, at: number) {
  const ch = JSON.stringify(text[at] ?? '');
  return cryptoError(
    'CRYPTO_BAD_MULTIBASE',
    {
      zh: `${encoding} 文本在位置 ${at} 含非法字符 ${ch}`,
      en: `Invalid ${encoding} character ${ch} at position ${at}`,
    },
    { encoding, position: at },
  );
}
