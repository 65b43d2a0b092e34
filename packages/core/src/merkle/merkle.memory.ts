import { isSize } from './merkle.bits.ts';
import { MerkleError } from './merkle.errors.ts';
import { HASH_SIZE, type MerkleHasher } from './merkle.hash.ts';
import type { NodeId, StoredNode } from './merkle.model.ts';
import type { TreeReader } from './merkle.ports.ts';
import { borderNodes, rootFromBorder } from './merkle.prove.ts';

/**
 * An append-only RFC 9162 tree held in memory that stores the hash of every perfect subtree, so
 * it can answer {@link TreeReader.getNodes} and give the root of any prefix of itself. For tests,
 * the CLI and small logs; a database ledger stores the same nodes via `appendLeaves`.
 */
export class InMemoryTree implements TreeReader {
  readonly #h: MerkleHasher;
  /** `#levels[l][i]` = hash of node (l, i). */
  readonly #levels: Uint8Array[][] = [[]];

  constructor(hasher: MerkleHasher) {
    this.#h = hasher;
  }

  /** Number of leaves. */
  get size(): number {
    return this.#levels[0]!.length;
  }

  /**
   * Append one leaf by its 32-byte leaf hash (see `MerkleHasher.hashLeaf`); stores the new perfect
   * nodes it completes.
   * @throws {MerkleError} `BAD_HASH_LENGTH`.
   */
  append(leafHash: Uint8Array): void {
    if (leafHash.length !== HASH_SIZE) {
      throw new MerkleError(
        'BAD_HASH_LENGTH',
        `leaf hash has ${leafHash.length} bytes, want ${HASH_SIZE}`,
        `叶子哈希长度为 ${leafHash.length} 字节，应为 ${HASH_SIZE}`,
      );
    }
    let hash = leafHash;
    let level = 0;
    for (;;) {
      const row = this.#levels[level]!;
      row.push(hash);
      if (row.length % 2 === 1) return;
      hash = this.#h.hashChildren(row[row.length - 2]!, hash);
      level++;
      if (this.#levels.length === level) this.#levels.push([]);
    }
  }

  /** Append one entry: hashes it as a leaf (0x00 ‖ data), appends it and returns its leaf hash. */
  appendData(data: Uint8Array): Uint8Array {
    const leafHash = this.#h.hashLeaf(data);
    this.append(leafHash);
    return leafHash;
  }

  /** The hash of perfect subtree (level, index), or `undefined` if it is not complete yet. */
  node(level: number, index: number): Uint8Array | undefined {
    return this.#levels[level]?.[index];
  }

  /**
   * @throws {MerkleError} `NODE_UNAVAILABLE` (as a rejected promise) if a node is not complete.
   */
  async getNodes(ids: readonly NodeId[]): Promise<Uint8Array[]> {
    return ids.map(({ level, index }) => {
      const hash = this.node(level, index);
      if (!hash) {
        throw new MerkleError(
          'NODE_UNAVAILABLE',
          `node (${level}, ${index}) is not in a tree of size ${this.size}`,
          `大小为 ${this.size} 的树中没有节点 (${level}, ${index})`,
          { level, index },
        );
      }
      return hash;
    });
  }

  /**
   * The root of the prefix of `size` leaves (default: the whole tree), in O(log size) hashes.
   * Requires `0 <= size <= this.size`.
   * @throws {MerkleError} `INVALID_SIZE`.
   */
  root(size: number = this.size): Uint8Array {
    if (!isSize(size) || size > this.size) {
      throw new MerkleError(
        'INVALID_SIZE',
        `size ${size} is beyond tree size ${this.size}`,
        `大小 ${size} 超出树大小 ${this.size}`,
      );
    }
    return rootFromBorder(
      this.#h,
      borderNodes(size).map(({ level, index }) => this.node(level, index)!),
    );
  }

  /** Every stored perfect node, level by level, left to right. */
  *nodes(): IterableIterator<StoredNode> {
    for (let level = 0; level < this.#levels.length; level++) {
      const row = this.#levels[level]!;
      for (let index = 0; index < row.length; index++) yield { level, index, hash: row[index]! };
    }
  }
}
