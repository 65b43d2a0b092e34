import { isSize, popcount } from './merkle.bits.ts';
import { MerkleError } from './merkle.errors.ts';
import { HASH_SIZE, type MerkleHasher } from './merkle.hash.ts';
import type { StoredNode } from './merkle.model.ts';
import { rootFromBorder } from './merkle.prove.ts';

/**
 * The compact state of an append-only tree: its size and the hashes of the perfect subtrees on
 * its right border, largest first (one per one-bit of `size`; their ids are `borderNodes(size)`).
 * This is all an appender needs to keep, the "compact range" [0, size) of transparency-dev/merkle
 * `compact.Range` (https://github.com/transparency-dev/merkle/blob/main/compact/range.go).
 */
export interface CompactState {
  readonly size: number;
  readonly border: readonly Uint8Array[];
}

/** The result of {@link appendLeaves}. */
export interface AppendResult {
  /** The state after the append. */
  readonly state: CompactState;
  /**
   * Every perfect node the append completed, in creation order: each new leaf (level 0) followed
   * by the interior nodes it completes. Persisting these keeps a full node store for proofs.
   */
  readonly newNodes: StoredNode[];
  /**
   * The root (RFC 9162 MTH) of the tree after the append. Computed on first read (O(log n)
   * hashes), so appending leaf by leaf without reading it costs no root fold.
   */
  readonly root: Uint8Array;
}

/** The state of the empty tree. */
export const EMPTY_COMPACT_STATE: CompactState = Object.freeze({ size: 0, border: Object.freeze([]) });

/**
 * Append leaf hashes to a tree given by its compact state. Each leaf costs exactly as many node
 * hashes as it completes perfect subtrees (amortized 1), plus O(log n) once for the new root when
 * `root` is read; the input state is not modified (the border is copied: O(log n) per call).
 * Requires `state.border` to hold one 32-byte hash per one-bit of `state.size`, largest first.
 * @throws {MerkleError} `BAD_BORDER`, `INVALID_SIZE`, `BAD_HASH_LENGTH`.
 * @see https://www.rfc-editor.org/rfc/rfc9162#section-2.1.1
 */
export function appendLeaves(
  h: MerkleHasher,
  state: CompactState,
  leafHashes: readonly Uint8Array[],
): AppendResult {
  checkState(state);
  const border = state.border.slice();
  const newNodes: StoredNode[] = [];
  let size = state.size;
  if (!isSize(size + leafHashes.length)) {
    throw new MerkleError(
      'INVALID_SIZE',
      'the tree would exceed 2^53 - 1 leaves',
      '树的叶子数将超过 2^53 - 1',
    );
  }
  for (const leaf of leafHashes) {
    if (leaf.length !== HASH_SIZE) {
      throw new MerkleError(
        'BAD_HASH_LENGTH',
        `leaf hash has ${leaf.length} bytes, want ${HASH_SIZE}`,
        `叶子哈希长度为 ${leaf.length} 字节，应为 ${HASH_SIZE}`,
      );
    }
    newNodes.push({ level: 0, index: size, hash: leaf });
    // Each trailing one-bit of `size` is a border subtree that the new leaf completes to the next level.
    let hash = leaf;
    let level = 0;
    let index = size;
    let s = size;
    while (s % 2 === 1) {
      hash = h.hashChildren(border.pop()!, hash);
      level++;
      index = (index - (index % 2)) / 2;
      s = (s - 1) / 2;
      newNodes.push({ level, index, hash });
    }
    border.push(hash);
    size++;
  }
  let root: Uint8Array | undefined;
  return {
    state: { size, border },
    newNodes,
    get root(): Uint8Array {
      root ??= rootFromBorder(h, border);
      return root;
    },
  };
}

/** The root of the tree of a compact state. @throws {MerkleError} `BAD_BORDER`. */
export function compactRoot(h: MerkleHasher, state: CompactState): Uint8Array {
  checkState(state);
  return rootFromBorder(h, state.border);
}

function checkState(state: CompactState): void {
  if (!isSize(state.size)) {
    throw new MerkleError(
      'INVALID_SIZE',
      `size ${state.size} is not a valid tree size`,
      `${state.size} 不是有效的树大小`,
    );
  }
  const want = popcount(state.size);
  if (state.border.length !== want || state.border.some((b) => b.length !== HASH_SIZE)) {
    throw new MerkleError(
      'BAD_BORDER',
      `a tree of size ${state.size} needs ${want} border hashes of ${HASH_SIZE} bytes`,
      `大小为 ${state.size} 的树需要 ${want} 个 ${HASH_SIZE} 字节的边界哈希`,
      { size: state.size, got: state.border.length, want },
    );
  }
}
