import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { gzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { isDomainError } from '../shared/index.ts';
import { BitstringStatusList, MIN_STATUS_LIST_LENGTH } from './bitstring.ts';
import { crc32, gunzipBounded } from './gzip.ts';

const testlist = JSON.parse(
  readFileSync(
    new URL(
      '../../../../../shared/vendor-data/1edtech-digital-credentials-public-validator/ob30/bit-string-list/testlist',
      import.meta.url,
    ),
    'utf8',
  ),
) as { credentialSubject: { encodedList: string } };

const encodeBytes = (bytes: Uint8Array): string => `u${Buffer.from(gzipSync(bytes)).toString('base64url')}`;

function codeOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    return isDomainError(e) ? e.code : `not a DomainError: ${String(e)}`;
  }
  return undefined;
}

describe('BitstringStatusList', () => {
  it('decodes the 1EdTech testlist to 131,072 entries with only index 23 set', () => {
    const list = BitstringStatusList.decode(testlist.credentialSubject.encodedList);
    expect(list.length).toBe(131_072);
    expect([...list.setIndexes()]).toEqual([23]);
    expect(list.get(23)).toBe(true);
    expect(list.get(22)).toBe(false);
    expect(list.get(24)).toBe(false);
    // Index 23 is the least significant bit of the third byte.
    expect(list.toBytes()[2]).toBe(0x01);
  });

  it('numbers bits from the most significant bit of the first byte', () => {
    const list = BitstringStatusList.create();
    list.set(0, true);
    list.set(7, true);
    list.set(8, true);
    list.set(131_071, true);
    const bytes = list.toBytes();
    expect(bytes[0]).toBe(0x81);
    expect(bytes[1]).toBe(0x80);
    expect(bytes[bytes.length - 1]).toBe(0x01);
    list.set(0, false);
    expect(list.toBytes()[0]).toBe(0x01);
  });

  it('round-trips through encode and decode, and encodes deterministically', () => {
    const list = BitstringStatusList.create();
    for (const i of [0, 23, 4096, 99_999, 131_071]) list.set(i, true);
    const encoded = list.encode();
    expect(encoded.startsWith('uH4sI')).toBe(true);
    expect(list.encode()).toBe(encoded);
    const decoded = BitstringStatusList.decode(encoded);
    expect([...decoded.setIndexes()]).toEqual([0, 23, 4096, 99_999, 131_071]);
    // MTIME is zero: bytes 4–7 of the GZIP header.
    const gzip = Buffer.from(encoded.slice(1), 'base64url');
    expect([...gzip.subarray(4, 8)]).toEqual([0, 0, 0, 0]);
  });

  it('round-trips random sets of indexes', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 0, max: 131_071 }), { maxLength: 300 }), (indexes) => {
        const list = BitstringStatusList.create();
        for (const i of indexes) list.set(i, true);
        const decoded = BitstringStatusList.decode(list.encode());
        expect([...decoded.setIndexes()]).toEqual([...indexes].sort((a, b) => a - b));
      }),
      { numRuns: 60 },
    );
  });

  it('decodes lists made by another GZIP encoder (node:zlib) and larger than the minimum', () => {
    const bytes = new Uint8Array(MIN_STATUS_LIST_LENGTH / 8 + 1024);
    bytes[bytes.length - 1] = 0x01;
    const list = BitstringStatusList.decode(
      `u${Buffer.from(gzipSync(bytes, { level: 1 })).toString('base64url')}`,
    );
    expect(list.length).toBe(MIN_STATUS_LIST_LENGTH + 8192);
    expect([...list.setIndexes()]).toEqual([MIN_STATUS_LIST_LENGTH + 8191]);
  });

  it('rejects lists shorter than 131,072 entries with STATUS_LIST_LENGTH_ERROR', () => {
    expect(codeOf(() => BitstringStatusList.create(131_064))).toBe('STATUS_LIST_LENGTH_ERROR');
    expect(codeOf(() => BitstringStatusList.create(131_073))).toBe('STATUS_LIST_LENGTH_ERROR');
    expect(codeOf(() => BitstringStatusList.create(Number.NaN))).toBe('STATUS_LIST_LENGTH_ERROR');
    expect(codeOf(() => BitstringStatusList.fromBytes(new Uint8Array(16_383)))).toBe(
      'STATUS_LIST_LENGTH_ERROR',
    );
    expect(codeOf(() => BitstringStatusList.decode(encodeBytes(new Uint8Array(16_383))))).toBe(
      'STATUS_LIST_LENGTH_ERROR',
    );
    expect(BitstringStatusList.create(131_080).length).toBe(131_080);
  });

  it('raises RANGE_ERROR for indexes outside the list', () => {
    const list = BitstringStatusList.create();
    for (const i of [-1, 131_072, 1.5, Number.NaN, 2 ** 32 + 3]) {
      expect(
        codeOf(() => list.get(i)),
        String(i),
      ).toBe('RANGE_ERROR');
      expect(
        codeOf(() => list.set(i, true)),
        String(i),
      ).toBe('RANGE_ERROR');
    }
  });

  it('rejects malformed encodedList values with MALFORMED_VALUE_ERROR', () => {
    const valid = BitstringStatusList.create().encode();
    const gzip = Buffer.from(valid.slice(1), 'base64url');
    const patched = (f: (b: Buffer) => void) => {
      const copy = Buffer.from(gzip);
      f(copy);
      return `u${copy.toString('base64url')}`;
    };
    const cases: string[] = [
      '',
      'u',
      valid.slice(1), // no multibase prefix
      `z${valid.slice(1)}`,
      `U${valid.slice(1)}`,
      `${valid}=`,
      `u${gzip.toString('base64')}+/`,
      'uAAAA',
      `u${Buffer.from('not gzip at all, not even close').toString('base64url')}`,
      `u${gzip.subarray(0, gzip.length - 4).toString('base64url')}`, // truncated trailer
      `u${gzip.subarray(0, 20).toString('base64url')}`, // truncated deflate data
      patched((b) => {
        b[b.length - 8]! ^= 0xff; // CRC-32
      }),
      patched((b) => b.writeUInt32LE(16_384 + 1, b.length - 4)), // ISIZE larger than the data
      patched((b) => b.writeUInt32LE(16_000, b.length - 4)), // ISIZE smaller than the data
      patched((b) => {
        b[2] = 7; // compression method
      }),
      patched((b) => {
        b[3] = 0x80; // reserved flag
      }),
      patched((b) => {
        b[3] = 0x04; // FEXTRA that runs past the end
        b[10] = 0xff;
        b[11] = 0xff;
      }),
    ];
    for (const value of cases) {
      expect(
        codeOf(() => BitstringStatusList.decode(value)),
        value.slice(0, 40),
      ).toBe('MALFORMED_VALUE_ERROR');
    }
    expect(codeOf(() => BitstringStatusList.decode(42 as unknown as string))).toBe('MALFORMED_VALUE_ERROR');
  });

  it('stops inflating a GZIP bomb at maxBytes, whatever its size field says', () => {
    const big = gzipSync(new Uint8Array(4 * 1024 * 1024)); // 4 MiB of zeros, ~4 KiB compressed
    const encoded = `u${Buffer.from(big).toString('base64url')}`;
    expect(codeOf(() => BitstringStatusList.decode(encoded, { maxBytes: 1024 * 1024 }))).toBe(
      'STATUS_LIST_LENGTH_ERROR',
    );
    const lying = Buffer.from(big);
    const withSize = (size: number) => {
      lying.writeUInt32LE(size, lying.length - 4);
      return `u${lying.toString('base64url')}`;
    };
    // A size field claiming 4 GiB: the data is inflated only up to maxBytes.
    expect(codeOf(() => BitstringStatusList.decode(withSize(0xffffffff), { maxBytes: 1024 * 1024 }))).toBe(
      'STATUS_LIST_LENGTH_ERROR',
    );
    // Within the limit, a size field that disagrees with the data is malformed GZIP.
    expect(codeOf(() => BitstringStatusList.decode(withSize(0xffffffff)))).toBe('MALFORMED_VALUE_ERROR');
    expect(codeOf(() => BitstringStatusList.decode(withSize(16_384)))).toBe('MALFORMED_VALUE_ERROR');
  });

  it('gives only coded errors, never a crash, for arbitrary or corrupted values', () => {
    const gzip = Buffer.from(BitstringStatusList.create().encode().slice(1), 'base64url');
    const allowed = [undefined, 'MALFORMED_VALUE_ERROR', 'STATUS_LIST_LENGTH_ERROR'];
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (text) => {
        expect(allowed).toContain(codeOf(() => BitstringStatusList.decode(`u${text}`)));
        expect(allowed).toContain(codeOf(() => BitstringStatusList.decode(text)));
      }),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 4 }),
        (edits) => {
          const copy = Buffer.from(gzip);
          for (const [at, xor] of edits) copy[at % copy.length]! ^= xor;
          expect(allowed).toContain(
            codeOf(() => BitstringStatusList.decode(`u${copy.toString('base64url')}`)),
          );
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('gzip helpers', () => {
  it('computes the standard CRC-32 check value', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
  });

  it('inflates GZIP with a file name, comment, extra field and header CRC', () => {
    const data = new TextEncoder().encode('hello status list');
    const plain = Buffer.from(gzipSync(data));
    const header = Buffer.from([0x1f, 0x8b, 8, 0x1e, 0, 0, 0, 0, 0, 3]);
    const extra = Buffer.from([3, 0, 1, 2, 3]);
    const name = Buffer.from('list.bin\0');
    const comment = Buffer.from('c\0');
    const hcrc = Buffer.from([0, 0]);
    const withFields = Buffer.concat([header, extra, name, comment, hcrc, plain.subarray(10)]);
    expect(new TextDecoder().decode(gunzipBounded(withFields, 1024))).toBe('hello status list');
  });
});
