/**
 * GZIP (RFC 1952, https://www.rfc-editor.org/rfc/rfc1952) for `encodedList`, on fflate.
 *
 * Compression is deterministic (MTIME 0, fixed level) so that the same bitstring always yields the
 * same `encodedList`. Decompression is bounded: fflate's `gunzipSync` trusts the ISIZE trailer to
 * size its output (a hostile list can ask for 4 GiB, or silently get truncated output), does not
 * check the CRC, and inflates a deflate bomb to the end. Here the output is capped, its length must
 * equal ISIZE and its CRC-32 must match.
 */
import { gzipSync, Inflate } from 'fflate';
import { statusListError } from './status-list.errors.ts';

/** Compress with GZIP, MTIME 0 and level 9, so the output depends only on the input bytes. */
export function gzipDeterministic(bytes: Uint8Array): Uint8Array {
  return gzipSync(bytes, { level: 9, mtime: 0 });
}

const FTEXT_RESERVED = 0xe0;
const FHCRC = 0x02;
const FEXTRA = 0x04;
const FNAME = 0x08;
const FCOMMENT = 0x10;
/** Input slice per inflate step: bounds the output of one step to about 1032 × this. */
const INFLATE_SLICE = 4096;

class Overflow extends Error {}

/**
 * Decompress a single-member GZIP stream into at most `maxBytes` bytes. Throws a DomainError
 * `MALFORMED_VALUE_ERROR` for anything that is not valid GZIP (bad header, truncated or corrupt
 * deflate data, length or CRC-32 mismatch) and `STATUS_LIST_LENGTH_ERROR` when the data inflates
 * to more than `maxBytes`. Memory stays within `maxBytes` plus one inflate step (≤ ~4 MiB).
 */
export function gunzipBounded(data: Uint8Array, maxBytes: number): Uint8Array {
  const n = data.length;
  if (n < 18 || data[0] !== 0x1f || data[1] !== 0x8b || data[2] !== 8) throw malformed('not GZIP data');
  const flags = data[3]!;
  if (flags & FTEXT_RESERVED) throw malformed('reserved GZIP flags set');
  let pos = 10;
  if (flags & FEXTRA) pos += 2 + (data[10]! | (data[11]! << 8));
  for (const flag of [FNAME, FCOMMENT]) {
    if (flags & flag) {
      while (pos < n && data[pos] !== 0) pos++;
      pos++;
    }
  }
  if (flags & FHCRC) pos += 2;
  if (pos > n - 8) throw malformed('truncated GZIP header');

  const crc = readU32(data, n - 8);
  const size = readU32(data, n - 4);
  // Never trust ISIZE for the allocation: hold at most maxBytes. If the data really inflates past
  // maxBytes the list is too long; if it only runs past a smaller ISIZE, the GZIP is malformed.
  const capacity = Math.min(size, maxBytes);
  const out = new Uint8Array(capacity);
  let written = 0;
  const inflater = new Inflate((chunk) => {
    if (written + chunk.length > capacity) throw new Overflow();
    out.set(chunk, written);
    written += chunk.length;
  });
  const body = data.subarray(pos, n - 8);
  try {
    if (body.length === 0) inflater.push(body, true);
    for (let i = 0; i < body.length; i += INFLATE_SLICE) {
      const end = Math.min(body.length, i + INFLATE_SLICE);
      inflater.push(body.subarray(i, end), end === body.length);
    }
  } catch (e) {
    if (!(e instanceof Overflow)) {
      throw malformed(`invalid deflate data (${e instanceof Error ? e.message : String(e)})`);
    }
    if (capacity === maxBytes) {
      throw statusListError(
        'STATUS_LIST_LENGTH_ERROR',
        {
          zh: `状态列表解压后超过 ${maxBytes} 字节`,
          en: `Status list inflates to more than ${maxBytes} bytes`,
        },
        { maxBytes },
      );
    }
    throw malformed('inflated data longer than the GZIP size field');
  }
  if (written !== size) throw malformed('inflated data shorter than the GZIP size field');
  if (crc32(out) !== crc) throw malformed('GZIP CRC-32 mismatch');
  return out;
}

function readU32(data: Uint8Array, at: number): number {
  return (data[at]! | (data[at + 1]! << 8) | (data[at + 2]! << 16) | (data[at + 3]! << 24)) >>> 0;
}

let crcTable: Uint32Array | undefined;

/** CRC-32 (ISO 3309, as in RFC 1952 §8). */
export function crc32(bytes: Uint8Array): number {
  if (crcTable === undefined) {
    crcTable = new Uint32Array(256);
    for (let i = 0; i < 256; i++) {
      let c = i;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[i] = c >>> 0;
    }
  }
  const table = crcTable;
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = table[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function malformed(reason: string) {
  return statusListError(
    'MALFORMED_VALUE_ERROR',
    { zh: `encodedList 不是有效的 GZIP 数据：${reason}`, en: `encodedList is not valid GZIP: ${reason}` },
    { field: 'encodedList', reason },
  );
}
