import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isDomainError } from '../shared/index.ts';
import {
  base58btcDecode,
  base58btcEncode,
  base64urlDecode,
  base64urlEncode,
  decodeMultibase,
  encodeMultibase,
  MAX_BASE58_LENGTH,
} from './multibase.ts';

const ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

/** The textbook BigInt base58btc, as a reference for the limb-based implementation. */
function referenceBase58(bytes: Uint8Array): string {
  let zeros = 0;
  while (zeros < bytes.length && bytes[zeros] === 0) zeros++;
  let n = 0n;
  for (const b of bytes) n = n * 256n + BigInt(b);
  let out = '';
  while (n > 0n) {
    out = ALPHABET[Number(n % 58n)] + out;
    n /= 58n;
  }
  return '1'.repeat(zeros) + out;
}

function codeOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    return isDomainError(e) ? e.code : `not a DomainError: ${String(e)}`;
  }
  return undefined;
}

describe('base58btc', () => {
  it('encodes the draft-msporny-base58 examples', () => {
    // https://datatracker.ietf.org/doc/html/draft-msporny-base58-03#section-5
    const enc = (s: string) => base58btcEncode(new TextEncoder().encode(s));
    expect(enc('Hello World!')).toBe('2NEpo7TZRRrLZSi2U');
    expect(enc('The quick brown fox jumps over the lazy dog.')).toBe(
      'USm3fpXnKG5EUBx2ndxBDMPVciP5hGey2Jh4NDv6gmeo1LkMeiKrLJUUBk6Z',
    );
    expect(base58btcEncode(Uint8Array.of(0, 0, 0x28, 0x7f, 0xb4, 0xcd))).toBe('11233QC4');
  });

  it('encodes empty input and leading zero bytes', () => {
    expect(base58btcEncode(new Uint8Array(0))).toBe('');
    expect(base58btcEncode(new Uint8Array(3))).toBe('111');
    expect(base58btcDecode('')).toEqual(new Uint8Array(0));
    expect(base58btcDecode('111')).toEqual(new Uint8Array(3));
    expect(base58btcDecode('11233QC4')).toEqual(Uint8Array.of(0, 0, 0x28, 0x7f, 0xb4, 0xcd));
  });

  it('matches a BigInt reference and round-trips for random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 8 }), fc.uint8Array({ maxLength: 120 }), (zeros, body) => {
        const bytes = new Uint8Array(zeros.length + body.length);
        bytes.set(body, zeros.length); // a run of leading zero bytes, then anything
        const text = base58btcEncode(bytes);
        expect(text).toBe(referenceBase58(bytes));
        expect(base58btcDecode(text)).toEqual(bytes);
      }),
      { numRuns: 1000 },
    );
  });

  it('rejects characters outside the alphabet with CRYPTO_BAD_MULTIBASE', () => {
    for (const text of ['0', 'O', 'I', 'l', 'abc+', 'z z', 'é', '\u{1F600}']) {
      expect(codeOf(() => base58btcDecode(text))).toBe('CRYPTO_BAD_MULTIBASE');
    }
  });

  it('rejects text longer than MAX_BASE58_LENGTH', () => {
    expect(codeOf(() => base58btcDecode('2'.repeat(MAX_BASE58_LENGTH + 1)))).toBe('CRYPTO_BAD_MULTIBASE');
    expect(codeOf(() => base58btcDecode('2'.repeat(MAX_BASE58_LENGTH)))).toBeUndefined();
  });
});

describe('base64url', () => {
  it('matches node Buffer base64url and round-trips for random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        const text = base64urlEncode(bytes);
        expect(text).toBe(Buffer.from(bytes).toString('base64url'));
        expect(base64urlDecode(text)).toEqual(bytes);
      }),
      { numRuns: 500 },
    );
  });

  it('round-trips inputs longer than one encoding chunk', () => {
    const bytes = Uint8Array.from({ length: 40_000 }, (_, i) => (i * 7919) & 0xff);
    expect(base64urlEncode(bytes)).toBe(Buffer.from(bytes).toString('base64url'));
    // Compare as Buffers: a deep toEqual over 40,000 elements is needlessly slow.
    expect(Buffer.from(base64urlDecode(base64urlEncode(bytes))).equals(Buffer.from(bytes))).toBe(true);
  });

  it('rejects padding, the standard alphabet, bad lengths and non-zero trailing bits', () => {
    for (const text of ['AA==', 'AAA=', 'ab+c', 'ab/c', 'A', 'AAAAA', 'AB', 'AAB', 'a b c', 'Zm9vYmFy\n']) {
      expect(
        codeOf(() => base64urlDecode(text)),
        text,
      ).toBe('CRYPTO_BAD_MULTIBASE');
    }
    expect(base64urlDecode('AA')).toEqual(Uint8Array.of(0));
    expect(base64urlDecode('AAA')).toEqual(Uint8Array.of(0, 0));
  });
});

describe('multibase', () => {
  it('prefixes base58btc with z and base64url with u', () => {
    const bytes = Uint8Array.of(0xed, 0x01, 0xff);
    expect(encodeMultibase(bytes, 'base58btc')).toBe(`z${base58btcEncode(bytes)}`);
    expect(encodeMultibase(bytes, 'base64url')).toBe('u7QH_');
    expect(decodeMultibase('u7QH_')).toEqual(bytes);
    expect(decodeMultibase(encodeMultibase(bytes, 'base58btc'))).toEqual(bytes);
  });

  it('rejects other prefixes, an empty value and a prefix that is not allowed', () => {
    for (const value of ['', 'f00', 'm7QH_', 'U7QH_', 'Z1']) {
      expect(
        codeOf(() => decodeMultibase(value)),
        value,
      ).toBe('CRYPTO_BAD_MULTIBASE');
    }
    expect(codeOf(() => decodeMultibase('u7QH_', ['base58btc']))).toBe('CRYPTO_BAD_MULTIBASE');
    expect(codeOf(() => decodeMultibase(42 as unknown as string))).toBe('CRYPTO_BAD_MULTIBASE');
  });

  it('only ever throws CRYPTO_BAD_MULTIBASE on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (text) => {
        const code = codeOf(() => decodeMultibase(text));
        expect(code === undefined || code === 'CRYPTO_BAD_MULTIBASE').toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});
