/**
 * The id of a perfect subtree ("node") of a Merkle tree: the node at `level` (0 = leaves) and
 * `index` (from the left, on that level) covers leaves `[index * 2^level, (index + 1) * 2^level)`.
 * Same addressing as transparency-dev/merkle `compact.NodeID`
 * (https://github.com/transparency-dev/merkle/blob/main/compact/nodes.go).
 */
export interface NodeId {
  readonly level: number;
  readonly index: number;
}

/** A perfect-subtree hash to persist: what a ledger stores as it appends. */
export interface StoredNode {
  readonly level: number;
  readonly index: number;
  readonly hash: Uint8Array;
}
