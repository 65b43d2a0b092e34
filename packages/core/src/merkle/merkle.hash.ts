import type { CryptoProvider } from '../crypto/index.ts';

/** Size in bytes of every RFC 9162 SHA-256 tree hash. */
export const HASH_SIZE = 32;

/** The part of {@link CryptoProvider} the Merkle tree needs. Any `CryptoProvider` fits. */
export type Sha256Provider = Pick<CryptoProvider, 'sha256'>;

/**
 * RFC 9162 §2.1.1 Merkle Tree Hash primitives (same as RFC 6962 §2.1) over SHA-256.
 * https://www.rfc-editor.org/rfc/rfc9162#section-2.1.1
 */
export interface MerkleHasher {
  /** The hash size, 32. */
  readonly size: number;
  /** MTH({}) = SHA-256(""): the root of the empty tree. Returns a fresh copy. */
  emptyRoot(): Uint8Array;
  /** MTH({d}) = SHA-256(0x00 ‖ d): the leaf hash of entry `data`. */
  hashLeaf(data: Uint8Array): Uint8Array;
  /**
   * SHA-256(0x01 ‖ left ‖ right): the hash of an interior node. When both children are 32 bytes
   * (every real tree), the input is assembled in one reused 65-byte buffer, so no allocation
   * happens besides the digest itself.
   */
  hashChildren(left: Uint8Array, right: Uint8Array): Uint8Array;
}

const LEAF_PREFIX = new Uint8Array([0x00]);
const NODE_PREFIX = new Uint8Array([0x01]);
/** Leaves up to this size are hashed from one reused buffer (one `sha256` part, no allocation). */
const LEAF_SCRATCH_SIZE = 4096;

/**
 * Build the RFC 9162 hasher on top of a crypto provider (`node:crypto` in Node, `@noble/hashes`
 * in a browser). Build it once and reuse it: it owns scratch buffers, which is safe because
 * `sha256` is synchronous (and requires that the provider does not keep a reference to its input).
 */
export function createMerkleHasher(crypto: Sha256Provider): MerkleHasher {
  const scratch = new Uint8Array(1 + 2 * HASH_SIZE);
  scratch[0] = 0x01;
  const leafScratch = new Uint8Array(1 + LEAF_SCRATCH_SIZE); // leafScratch[0] stays 0x00
  const empty = crypto.sha256();
  return {
    size: HASH_SIZE,
    emptyRoot: () => empty.slice(),
    hashLeaf(data) {
      if (data.length > LEAF_SCRATCH_SIZE) return crypto.sha256(LEAF_PREFIX, data);
      leafScratch.set(data, 1);
      return crypto.sha256(leafScratch.subarray(0, 1 + data.length));
    },
    hashChildren(left, right) {
      if (left.length === HASH_SIZE && right.length === HASH_SIZE) {
        scratch.set(left, 1);
        scratch.set(right, 1 + HASH_SIZE);
        return crypto.sha256(scratch);
      }
      return crypto.sha256(NODE_PREFIX, left, right);
    },
  };
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** Lowercase hex of `bytes`. */
export function toHex(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += HEX[b];
  return s;
}

/** Bytes of a hex string (either case). Throws `TypeError` on odd length or a non-hex digit. */
export function fromHex(hex: string): Uint8Array {
  if (hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) throw new TypeError('not a hex string');
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** Byte-wise equality. Not constant-time: hashes compared here are public. */
export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
