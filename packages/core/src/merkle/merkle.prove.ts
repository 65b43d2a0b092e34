import { bitLength, isSize, trailingZeros } from './merkle.bits.ts';
import { MerkleError, requireConsistencySizes, requireSize } from './merkle.errors.ts';
import { HASH_SIZE, type MerkleHasher } from './merkle.hash.ts';
import type { NodeId } from './merkle.model.ts';
import type { TreeReader } from './merkle.ports.ts';

/**
 * Proof generation, RFC 9162 §2.1.3.1 (PATH) and §2.1.4.1 (PROOF / SUBPROOF), in three steps so
 * that storage can be a database and a proof costs ONE round trip of O(log n) reads:
 *
 * 1. plan: walk the RFC recursion on sizes only and list, for each proof element, the subtree
 *    range `[begin, end)` whose hash MTH(D[begin:end]) it is. Every such range is a perfect
 *    subtree, except at most one on the right border of the tree (transparency-dev's "ephemeral"
 *    node), which is split into its perfect subtrees (largest first);
 * 2. fetch: one {@link TreeReader.getNodes} call for all those perfect nodes;
 * 3. assemble: fold each element's nodes from the right (MTH of a border range, RFC 9162 §2.1.1).
 *
 * Same idea as transparency-dev/merkle `proof/proof.go` (`Nodes` + `Rehash`).
 * https://www.rfc-editor.org/rfc/rfc9162#section-2.1.3.1
 * https://www.rfc-editor.org/rfc/rfc9162#section-2.1.4.1
 */

/** Which stored nodes a proof needs and how to combine them. */
export interface ProofPlan {
  /** The perfect-subtree nodes to fetch, in proof order. */
  readonly nodes: readonly NodeId[];
  /**
   * For each proof hash, the slice `[start, end)` of {@link ProofPlan.nodes} it is made of: a
   * single node, or (for the right border) several nodes to fold from the right.
   */
  readonly elements: readonly (readonly [start: number, end: number])[];
}

/** Largest power of two strictly less than `n` (the RFC's `k`). Requires n > 1. */
function splitPoint(n: number): number {
  return 2 ** (bitLength(n - 1) - 1);
}

/**
 * The perfect subtrees that exactly cover the leaves `[begin, end)`, left to right: the minimal
 * ("compact range") decomposition. For `begin = 0` they are the subtrees of the tree's border,
 * largest first. Requires `0 <= begin <= end`.
 */
export function rangeNodes(begin: number, end: number): NodeId[] {
  const out: NodeId[] = [];
  let pos = begin;
  while (pos < end) {
    const maxByAlignment = pos === 0 ? 64 : trailingZeros(pos);
    const level = Math.min(maxByAlignment, bitLength(end - pos) - 1);
    const width = 2 ** level;
    out.push({ level, index: pos / width });
    pos += width;
  }
  return out;
}

/** The perfect subtrees whose hashes make up the tree of `size` leaves, largest first. */
export function borderNodes(size: number): NodeId[] {
  requireSize(size, 'tree size');
  return rangeNodes(0, size);
}

function planFromRanges(ranges: readonly (readonly [number, number])[]): ProofPlan {
  const nodes: NodeId[] = [];
  const elements: (readonly [number, number])[] = [];
  for (const [begin, end] of ranges) {
    const start = nodes.length;
    nodes.push(...rangeNodes(begin, end));
    elements.push([start, nodes.length]);
  }
  return { nodes, elements };
}

/**
 * The plan of the inclusion proof of leaf `index` in the tree of `size` leaves: RFC 9162
 * §2.1.3.1 PATH(m, D[n]), bottom-up. Requires `0 <= index < size`.
 * @throws {MerkleError} `INDEX_OUT_OF_RANGE`, `INVALID_SIZE`.
 */
export function inclusionPlan(index: number, size: number): ProofPlan {
  requireSize(size, 'tree size');
  if (!isSize(index) || index >= size) {
    throw new MerkleError(
      'INDEX_OUT_OF_RANGE',
      `index ${index} is beyond tree size ${size}`,
      `叶子序号 ${index} 超出树大小 ${size}`,
      { index, size },
    );
  }
  // Walk PATH from the root down; the recursion emits the sibling AFTER the deeper path, so the
  // top-down list is reversed at the end.
  const ranges: (readonly [number, number])[] = [];
  let lo = 0;
  let n = size;
  let m = index;
  while (n > 1) {
    const k = splitPoint(n);
    if (m < k) {
      ranges.push([lo + k, lo + n]); // PATH(m, D[0:k]) : MTH(D[k:n])
      n = k;
    } else {
      ranges.push([lo, lo + k]); // PATH(m - k, D[k:n]) : MTH(D[0:k])
      lo += k;
      m -= k;
      n -= k;
    }
  }
  return planFromRanges(ranges.reverse());
}

/**
 * The plan of the consistency proof between the trees of `size1` and `size2` leaves: RFC 9162
 * §2.1.4.1 PROOF(m, D[n]) = SUBPROOF(m, D[n], true). Empty when `size1 == size2`.
 * Requires `0 < size1 <= size2`.
 * @throws {MerkleError} `EMPTY_TREE`, `SIZE_ORDER`, `INVALID_SIZE`.
 */
export function consistencyPlan(size1: number, size2: number): ProofPlan {
  requireConsistencySizes(size1, size2);
  const ranges: (readonly [number, number])[] = [];
  let lo = 0;
  let n = size2;
  let m = size1;
  let b = true;
  while (m !== n) {
    const k = splitPoint(n);
    if (m <= k) {
      ranges.push([lo + k, lo + n]); // SUBPROOF(m, D[0:k], b) : MTH(D[k:n])
      n = k;
    } else {
      ranges.push([lo, lo + k]); // SUBPROOF(m - k, D[k:n], false) : MTH(D[0:k])
      lo += k;
      m -= k;
      n -= k;
      b = false;
    }
  }
  // SUBPROOF(m, D[m], b) = {} if b, else {MTH(D[m])}; it comes first in the proof.
  if (!b) ranges.push([lo, lo + n]);
  return planFromRanges(ranges.reverse());
}

/**
 * Combine fetched node hashes (in the order of `plan.nodes`) into the proof.
 * @throws {MerkleError} `NODE_UNAVAILABLE` if a hash is missing or not 32 bytes.
 */
export function assembleProof(h: MerkleHasher, plan: ProofPlan, hashes: readonly Uint8Array[]): Uint8Array[] {
  if (hashes.length !== plan.nodes.length) {
    throw new MerkleError(
      'NODE_UNAVAILABLE',
      `got ${hashes.length} node hashes, want ${plan.nodes.length}`,
      `得到 ${hashes.length} 个节点哈希，应为 ${plan.nodes.length}`,
    );
  }
  for (let i = 0; i < hashes.length; i++) {
    if (hashes[i]?.length !== HASH_SIZE) {
      const id = plan.nodes[i]!;
      throw new MerkleError(
        'NODE_UNAVAILABLE',
        `no valid hash for node (${id.level}, ${id.index})`,
        `节点 (${id.level}, ${id.index}) 没有有效的哈希`,
        { level: id.level, index: id.index },
      );
    }
  }
  return plan.elements.map(([start, end]) => foldRight(h, hashes, start, end));
}

/** MTH of a border range from its perfect subtrees (largest first): h0 ‖ (h1 ‖ (h2 ‖ …)). */
function foldRight(h: MerkleHasher, hashes: readonly Uint8Array[], start: number, end: number): Uint8Array {
  let r = hashes[end - 1]!;
  for (let i = end - 2; i >= start; i--) r = h.hashChildren(hashes[i]!, r);
  return r;
}

/**
 * The root of the tree of `size` leaves from its border hashes (largest subtree first), e.g. the
 * hashes of {@link borderNodes}. The empty border gives the empty-tree root.
 */
export function rootFromBorder(h: MerkleHasher, border: readonly Uint8Array[]): Uint8Array {
  return border.length === 0 ? h.emptyRoot() : foldRight(h, border, 0, border.length);
}

/**
 * Generate the inclusion proof of leaf `index` in the tree of `size` leaves, reading
 * O(log size) stored nodes in one {@link TreeReader.getNodes} call.
 * @throws {MerkleError} `INDEX_OUT_OF_RANGE`, `INVALID_SIZE`, `NODE_UNAVAILABLE`.
 * @see https://www.rfc-editor.org/rfc/rfc9162#section-2.1.3.1
 */
export async function proveInclusion(
  h: MerkleHasher,
  reader: TreeReader,
  index: number,
  size: number,
): Promise<Uint8Array[]> {
  const plan = inclusionPlan(index, size);
  return assembleProof(h, plan, plan.nodes.length === 0 ? [] : await reader.getNodes(plan.nodes));
}

/**
 * Generate the consistency proof between the trees of `size1` and `size2` leaves, reading
 * O(log size2) stored nodes in one {@link TreeReader.getNodes} call.
 * @throws {MerkleError} `EMPTY_TREE`, `SIZE_ORDER`, `INVALID_SIZE`, `NODE_UNAVAILABLE`.
 * @see https://www.rfc-editor.org/rfc/rfc9162#section-2.1.4.1
 */
export async function proveConsistency(
  h: MerkleHasher,
  reader: TreeReader,
  size1: number,
  size2: number,
): Promise<Uint8Array[]> {
  const plan = consistencyPlan(size1, size2);
  return assembleProof(h, plan, plan.nodes.length === 0 ? [] : await reader.getNodes(plan.nodes));
}

/**
 * The root of the tree of `size` leaves, reading its border nodes in one call.
 * @throws {MerkleError} `INVALID_SIZE`, `NODE_UNAVAILABLE`.
 */
export async function readRoot(h: MerkleHasher, reader: TreeReader, size: number): Promise<Uint8Array> {
  const ids = borderNodes(size);
  if (ids.length === 0) return h.emptyRoot();
  const hashes = await reader.getNodes(ids);
  const plan: ProofPlan = { nodes: ids, elements: [[0, ids.length]] };
  return assembleProof(h, plan, hashes)[0]!;
}
