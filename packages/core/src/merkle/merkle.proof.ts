import { bitAt, bitLength, isSize, popcount, shiftRight, trailingZeros, xor } from './merkle.bits.ts';
import { MerkleError, requireConsistencySizes, requireSize } from './merkle.errors.ts';
import { bytesEqual, HASH_SIZE, type MerkleHasher, toHex } from './merkle.hash.ts';

/**
 * Proof verification, RFC 9162 §2.1.3.2 (inclusion) and §2.1.4.2 (consistency), written the way
 * transparency-dev/merkle `proof/verify.go` does it (the proof size is checked up front, then the
 * path is chained), with its preconditions (STANDARDS.md §6):
 * - inclusion: `index >= size` fails; the leaf hash must be 32 bytes;
 * - consistency: `size2 < size1` fails; `size1 == 0` fails; `size1 == size2` needs an empty proof
 *   and equal roots; otherwise an empty proof fails.
 *
 * One deliberate difference from verify.go: for `size1 == size2 == 0` verify.go accepts equal roots,
 * but the vendored probes (`consistency/additional/sizes-are-equal-zero-and-proof-is-empty.json`)
 * and STANDARDS.md §6 want an error, so `size1 == 0` is checked before `size1 == size2`.
 * We also require every proof hash to be 32 bytes (verify.go does not check; a shorter hash can
 * never be part of a valid proof).
 *
 * `rootFrom…` functions throw a {@link MerkleError}; `verify…` functions never throw and return a
 * {@link MerkleCheck}.
 *
 * https://www.rfc-editor.org/rfc/rfc9162#section-2.1.3.2
 * https://www.rfc-editor.org/rfc/rfc9162#section-2.1.4.2
 */

/** The outcome of a verification; never thrown. */
export type MerkleCheck = { readonly ok: true } | { readonly ok: false; readonly error: MerkleError };

const OK: MerkleCheck = Object.freeze({ ok: true });

function fail(e: unknown): MerkleCheck {
  if (e instanceof MerkleError) return { ok: false, error: e };
  throw e;
}

function requireHashes(proof: readonly Uint8Array[]): void {
  for (let i = 0; i < proof.length; i++) {
    const n = proof[i]!.length;
    if (n !== HASH_SIZE) {
      throw new MerkleError(
        'BAD_HASH_LENGTH',
        `proof hash ${i} has ${n} bytes, want ${HASH_SIZE}`,
        `证明中第 ${i} 个哈希长度为 ${n} 字节，应为 ${HASH_SIZE}`,
        { position: i },
      );
    }
  }
}

function mismatch(computed: Uint8Array, expected: Uint8Array, which?: 'first' | 'second'): MerkleError {
  return new MerkleError(
    'ROOT_MISMATCH',
    'computed root does not match the expected root',
    '计算出的根哈希与预期不符',
    {
      expectedRoot: toHex(expected),
      computedRoot: toHex(computed),
      ...(which ? { which } : {}),
    },
  );
}

/** Lengths of the two parts of an inclusion proof (verify.go `decompInclProof`). */
function decompose(index: number, size: number): { inner: number; border: number } {
  const inner = bitLength(xor(index, size - 1));
  return { inner, border: popcount(shiftRight(index, inner)) };
}

/** Number of hashes in the inclusion proof of leaf `index` in a tree of `size` leaves. Requires index < size. */
export function inclusionProofSize(index: number, size: number): number {
  const { inner, border } = decompose(index, size);
  return inner + border;
}

function chainInner(
  h: MerkleHasher,
  seed: Uint8Array,
  proof: readonly Uint8Array[],
  from: number,
  to: number,
  index: number,
): Uint8Array {
  let r = seed;
  for (let i = from; i < to; i++) {
    r = bitAt(index, i - from) === 0 ? h.hashChildren(r, proof[i]!) : h.hashChildren(proof[i]!, r);
  }
  return r;
}

function chainInnerRight(
  h: MerkleHasher,
  seed: Uint8Array,
  proof: readonly Uint8Array[],
  from: number,
  to: number,
  index: number,
): Uint8Array {
  let r = seed;
  for (let i = from; i < to; i++) if (bitAt(index, i - from) === 1) r = h.hashChildren(proof[i]!, r);
  return r;
}

function chainBorderRight(
  h: MerkleHasher,
  seed: Uint8Array,
  proof: readonly Uint8Array[],
  from: number,
): Uint8Array {
  let r = seed;
  for (let i = from; i < proof.length; i++) r = h.hashChildren(proof[i]!, r);
  return r;
}

/**
 * The root implied by an inclusion proof (transparency-dev `RootFromInclusionProof`).
 * Requires `0 <= index < size` and a 32-byte leaf hash.
 * @throws {MerkleError} `INDEX_OUT_OF_RANGE`, `INVALID_SIZE`, `BAD_HASH_LENGTH`, `WRONG_PROOF_SIZE`.
 * @see https://www.rfc-editor.org/rfc/rfc9162#section-2.1.3.2
 */
export function rootFromInclusionProof(
  h: MerkleHasher,
  index: number,
  size: number,
  leafHash: Uint8Array,
  proof: readonly Uint8Array[],
): Uint8Array {
  requireSize(size, 'tree size');
  if (!isSize(index) || index >= size) {
    throw new MerkleError(
      'INDEX_OUT_OF_RANGE',
      `index ${index} is beyond tree size ${size}`,
      `叶子序号 ${index} 超出树大小 ${size}`,
      { index, size },
    );
  }
  if (leafHash.length !== HASH_SIZE) {
    throw new MerkleError(
      'BAD_HASH_LENGTH',
      `leaf hash has ${leafHash.length} bytes, want ${HASH_SIZE}`,
      `叶子哈希长度为 ${leafHash.length} 字节，应为 ${HASH_SIZE}`,
    );
  }
  const { inner, border } = decompose(index, size);
  if (proof.length !== inner + border) {
    throw new MerkleError(
      'WRONG_PROOF_SIZE',
      `wrong proof size ${proof.length}, want ${inner + border}`,
      `证明长度为 ${proof.length}，应为 ${inner + border}`,
      { got: proof.length, want: inner + border },
    );
  }
  requireHashes(proof);
  const r = chainInner(h, leafHash, proof, 0, inner, index);
  return chainBorderRight(h, r, proof, inner);
}

/**
 * Verify that `leafHash` is leaf `index` of the tree of `size` leaves with root `root`.
 * Never throws.
 * @see https://www.rfc-editor.org/rfc/rfc9162#section-2.1.3.2
 */
export function verifyInclusion(
  h: MerkleHasher,
  index: number,
  size: number,
  leafHash: Uint8Array,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): MerkleCheck {
  try {
    const computed = rootFromInclusionProof(h, index, size, leafHash, proof);
    return bytesEqual(computed, root) ? OK : { ok: false, error: mismatch(computed, root) };
  } catch (e) {
    return fail(e);
  }
}

/**
 * The root of the tree of `size2` leaves implied by a consistency proof from the tree of `size1`
 * leaves with root `root1` (transparency-dev `RootFromConsistencyProof`); checks `root1` on the way.
 * Requires `0 < size1 <= size2`.
 * @throws {MerkleError} `INVALID_SIZE`, `SIZE_ORDER`, `EMPTY_TREE`, `WRONG_PROOF_SIZE`, `BAD_HASH_LENGTH`,
 *   `ROOT_MISMATCH` (the proof does not lead to `root1`).
 * @see https://www.rfc-editor.org/rfc/rfc9162#section-2.1.4.2
 */
export function rootFromConsistencyProof(
  h: MerkleHasher,
  size1: number,
  size2: number,
  proof: readonly Uint8Array[],
  root1: Uint8Array,
): Uint8Array {
  requireConsistencySizes(size1, size2);
  if (size1 === size2) {
    if (proof.length > 0) {
      throw new MerkleError(
        'WRONG_PROOF_SIZE',
        'size1 == size2, but the proof is not empty',
        '两个树大小相同，但证明不为空',
        { got: proof.length, want: 0 },
      );
    }
    return root1;
  }
  if (proof.length === 0) {
    throw new MerkleError('WRONG_PROOF_SIZE', 'empty consistency proof', '一致性证明为空', { got: 0 });
  }

  const decomposed = decompose(size1 - 1, size2);
  const shift = trailingZeros(size1);
  const inner = decomposed.inner - shift; // shift < inner because size1 < size2
  const border = decomposed.border;
  // The proof starts with the hash of the subtree of size 2^shift, unless size1 is that subtree.
  const seedIsRoot1 = size1 === 2 ** shift;
  const start = seedIsRoot1 ? 0 : 1;
  if (proof.length !== start + inner + border) {
    throw new MerkleError(
      'WRONG_PROOF_SIZE',
      `wrong proof size ${proof.length}, want ${start + inner + border}`,
      `证明长度为 ${proof.length}，应为 ${start + inner + border}`,
      { got: proof.length, want: start + inner + border },
    );
  }
  requireHashes(proof);
  const seed = seedIsRoot1 ? root1 : proof[0]!;
  const mask = shiftRight(size1 - 1, shift);

  let hash1 = chainInnerRight(h, seed, proof, start, start + inner, mask);
  hash1 = chainBorderRight(h, hash1, proof, start + inner);
  if (!bytesEqual(hash1, root1)) throw mismatch(hash1, root1, 'first');

  const hash2 = chainInner(h, seed, proof, start, start + inner, mask);
  return chainBorderRight(h, hash2, proof, start + inner);
}

/**
 * Verify that the tree of `size1` leaves with root `root1` is a prefix of the tree of `size2`
 * leaves with root `root2`. Never throws.
 * @see https://www.rfc-editor.org/rfc/rfc9162#section-2.1.4.2
 */
export function verifyConsistency(
  h: MerkleHasher,
  size1: number,
  size2: number,
  proof: readonly Uint8Array[],
  root1: Uint8Array,
  root2: Uint8Array,
): MerkleCheck {
  try {
    const computed = rootFromConsistencyProof(h, size1, size2, proof, root1);
    return bytesEqual(computed, root2) ? OK : { ok: false, error: mismatch(computed, root2, 'second') };
  } catch (e) {
    return fail(e);
  }
}
