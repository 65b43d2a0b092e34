import type { NodeId } from './merkle.model.ts';

/**
 * Read access to the stored perfect-subtree hashes of an append-only tree, e.g. a database
 * table keyed by (level, index), the in-memory tree of tests, or C2SP tiles.
 *
 * Proof generation asks for every hash it needs in ONE call, so a proof costs one round trip.
 */
export interface TreeReader {
  /**
   * The hash of each perfect subtree in `ids`, in the same order: node (level, index) covers
   * leaves `[index * 2^level, (index + 1) * 2^level)`. Requires every node to be complete in the
   * stored tree; a reader must reject (not return a wrong hash) when one is not available.
   */
  getNodes(ids: readonly NodeId[]): Promise<Uint8Array[]>;
}
