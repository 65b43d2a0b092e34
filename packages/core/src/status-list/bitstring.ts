/**
 * The bitstring of a Bitstring Status List v1.0 and its `encodedList` form.
 * https://www.w3.org/TR/vc-bitstring-status-list/#bitstring-encoding
 */
import { base64urlDecode, base64urlEncode } from '../crypto/index.ts';
import { isDomainError } from '../shared/index.ts';
import { gunzipBounded, gzipDeterministic } from './gzip.ts';
import { statusListError } from './status-list.errors.ts';

/**
 * The minimum number of entries of a status list: 16 KiB of bits (§3.2 Validate Algorithm, step 2),
 * the herd-privacy floor. https://www.w3.org/TR/vc-bitstring-status-list/#bitstring-generation-algorithm
 */
export const MIN_STATUS_LIST_LENGTH = 131_072;

/**
 * The largest decoded list OneX accepts from elsewhere: 16 MiB (134,217,728 entries). A bound keeps a
 * hostile `encodedList` (a GZIP bomb) from exhausting memory.
 */
export const MAX_STATUS_LIST_BYTES = 16 * 1024 * 1024;

/** Options for {@link BitstringStatusList.decode}. */
export interface DecodeOptions {
  /** Largest accepted decoded size in bytes; default {@link MAX_STATUS_LIST_BYTES}. */
  maxBytes?: number;
}

/**
 * A status bitstring with one bit per entry (statusSize 1). Index 0 is the left-most bit: the most
 * significant bit of the first byte (§2.2, §7.1 "Bitstring Encoding").
 *
 * Decoding `encodedList` (GZIP + base64url) is the expensive step: decode once per fetched list
 * credential with {@link BitstringStatusList.decode} and keep the instance; `get` is O(1).
 * https://www.w3.org/TR/vc-bitstring-status-list/#bitstring-encoding
 */
export class BitstringStatusList {
  readonly #bytes: Uint8Array;

  private constructor(bytes: Uint8Array) {
    this.#bytes = bytes;
  }

  /**
   * A new all-zero list of `length` entries. Requires `length` to be a multiple of 8 and at least
   * {@link MIN_STATUS_LIST_LENGTH}; throws `STATUS_LIST_LENGTH_ERROR` otherwise.
   */
  static create(length: number = MIN_STATUS_LIST_LENGTH): BitstringStatusList {
    if (
      !Number.isSafeInteger(length) ||
      length < MIN_STATUS_LIST_LENGTH ||
      length % 8 !== 0 ||
      length / 8 > MAX_STATUS_LIST_BYTES
    ) {
      throw lengthError(length);
    }
    return new BitstringStatusList(new Uint8Array(length / 8));
  }

  /**
   * A list over a copy of `bytes` (the uncompressed bitstring). Throws `STATUS_LIST_LENGTH_ERROR`
   * when it holds fewer than {@link MIN_STATUS_LIST_LENGTH} bits.
   */
  static fromBytes(bytes: Uint8Array): BitstringStatusList {
    if (bytes.length * 8 < MIN_STATUS_LIST_LENGTH || bytes.length > MAX_STATUS_LIST_BYTES) {
      throw lengthError(bytes.length * 8);
    }
    return new BitstringStatusList(Uint8Array.from(bytes));
  }

  /**
   * Decode an `encodedList`: multibase `u` + base64url (no padding) of the GZIP-compressed bitstring
   * (§3.4 Bitstring Expansion Algorithm). Throws `MALFORMED_VALUE_ERROR` for anything malformed
   * (wrong multibase prefix, bad base64url, invalid GZIP), `STATUS_LIST_LENGTH_ERROR` when the list
   * is shorter than 131,072 entries or larger than `maxBytes`. Never throws anything else.
   * https://www.w3.org/TR/vc-bitstring-status-list/#bitstring-expansion-algorithm
   */
  static decode(encodedList: string, options: DecodeOptions = {}): BitstringStatusList {
    const maxBytes = options.maxBytes ?? MAX_STATUS_LIST_BYTES;
    if (typeof encodedList !== 'string' || !encodedList.startsWith('u')) {
      throw malformed('encodedList must be a multibase base64url string starting with "u"');
    }
    // GZIP adds at most ~0.1% plus a header to incompressible data; base64 adds a third.
    const maxChars = Math.ceil(((maxBytes * 1.01 + 1024) * 4) / 3) + 1;
    if (encodedList.length > maxChars) {
      throw statusListError(
        'STATUS_LIST_LENGTH_ERROR',
        { zh: 'encodedList 过长', en: 'encodedList is too long' },
        { chars: encodedList.length, maxChars },
      );
    }
    let compressed: Uint8Array;
    try {
      compressed = base64urlDecode(encodedList.slice(1));
    } catch (e) {
      throw malformed(isDomainError(e) ? e.text.en : 'invalid base64url');
    }
    const bytes = gunzipBounded(compressed, maxBytes);
    if (bytes.length * 8 < MIN_STATUS_LIST_LENGTH) throw lengthError(bytes.length * 8);
    return new BitstringStatusList(bytes);
  }

  /** The number of entries (bits). */
  get length(): number {
    return this.#bytes.length * 8;
  }

  /** The status bit at `index`. Throws `RANGE_ERROR` unless 0 ≤ index < length. */
  get(index: number): boolean {
    this.#check(index);
    return ((this.#bytes[index >>> 3]! >>> (7 - (index & 7))) & 1) === 1;
  }

  /** Set or clear the status bit at `index`. Throws `RANGE_ERROR` unless 0 ≤ index < length. */
  set(index: number, value: boolean): void {
    this.#check(index);
    const mask = 0x80 >>> (index & 7);
    const at = index >>> 3;
    this.#bytes[at] = value ? this.#bytes[at]! | mask : this.#bytes[at]! & ~mask;
  }

  /**
   * The `encodedList` value: `u` + base64url(GZIP(bitstring)) (§3.3 Bitstring Generation Algorithm).
   * Deterministic: the same bits always give the same string.
   * https://www.w3.org/TR/vc-bitstring-status-list/#bitstring-generation-algorithm
   */
  encode(): string {
    return `u${base64urlEncode(gzipDeterministic(this.#bytes))}`;
  }

  /** A copy of the uncompressed bitstring. */
  toBytes(): Uint8Array {
    return Uint8Array.from(this.#bytes);
  }

  /** The indexes whose bit is set, in increasing order. */
  *setIndexes(): Generator<number> {
    const bytes = this.#bytes;
    for (let at = 0; at < bytes.length; at++) {
      const byte = bytes[at]!;
      if (byte === 0) continue;
      for (let bit = 0; bit < 8; bit++) if (byte & (0x80 >>> bit)) yield at * 8 + bit;
    }
  }

  #check(index: number): void {
    if (!Number.isInteger(index) || index < 0 || index >= this.#bytes.length * 8) {
      throw statusListError(
        'RANGE_ERROR',
        {
          zh: `状态列表索引 ${index} 超出范围（0–${this.length - 1}）`,
          en: `Status list index ${index} out of range (0–${this.length - 1})`,
        },
        { index, length: this.length },
      );
    }
  }
}

function lengthError(length: number) {
  return statusListError(
    'STATUS_LIST_LENGTH_ERROR',
    {
      zh: `状态列表长度 ${length} 无效：须为 8 的倍数，且介于 ${MIN_STATUS_LIST_LENGTH} 与 ${MAX_STATUS_LIST_BYTES * 8} 之间`,
      en: `Invalid status list length ${length}: must be a multiple of 8 between ${MIN_STATUS_LIST_LENGTH} and ${MAX_STATUS_LIST_BYTES * 8}`,
    },
    { length, min: MIN_STATUS_LIST_LENGTH },
  );
}

function malformed(reason: string) {
  return statusListError(
    'MALFORMED_VALUE_ERROR',
    { zh: `encodedList 格式错误：${reason}`, en: `Malformed encodedList: ${reason}` },
    { field: 'encodedList', reason },
  );
}
