import {
  HASH_SIZE,
  inclusionPlan,
  type MerkleHasher,
  type NodeId,
  type ProofPlan,
  rangeNodes,
  type TreeReader,
} from '../merkle/index.ts';
import { ledgerError } from './ledger.errors.ts';
import type { LedgerStore } from './ledger.ports.ts';
import { locateNode, TileSubtree } from './ledger.rules.ts';
import { TILE_WIDTH } from './tiles.ts';

/**
 * A bounded cache of tile subtrees, shared by the readers of one process, evicting by CLOCK
 * (second chance: a hit only sets a flag, so a warm proof does no map reordering). Stored tiles only
 * ever grow (a partial tile gains hashes, never changes one), so a cached tile stays right for
 * every node it holds; a reader re-reads a tile only when it needs a node the cached copy lacks.
 */
export class TileCache {
  readonly #map = new Map<number, { tile: TileSubtree; used: boolean }>();
  readonly #capacity: number;
  hits = 0;
  misses = 0;

  /** @param capacity tiles kept (about 16 KiB each when full); 0 disables the cache. */
  constructor(capacity = 4096) {
    this.#capacity = Math.max(0, Math.floor(capacity));
  }

  get size(): number {
    return this.#map.size;
  }

  get(key: number): TileSubtree | undefined {
    const hit = this.#map.get(key);
    if (hit === undefined) return undefined;
    hit.used = true;
    return hit.tile;
  }

  set(key: number, tile: TileSubtree): void {
    if (this.#capacity === 0) return;
    this.#map.delete(key);
    this.#map.set(key, { tile, used: false });
    // Evict the oldest tile not used since it was last passed over; used ones get a second chance.
    while (this.#map.size > this.#capacity) {
      const [oldest, entry] = this.#map.entries().next().value as [
        number,
        { tile: TileSubtree; used: boolean },
      ];
      this.#map.delete(oldest);
      if (entry.used) {
        entry.used = false;
        this.#map.set(oldest, entry);
      }
    }
  }

  clear(): void {
    this.#map.clear();
  }
}

/** Cache key of tile (level, index): tile indexes stay below 2^45 and levels below 64. */
const tileKey = (level: number, index: number): number => index * 64 + level;

/**
 * A {@link TreeReader} over stored C2SP hash tiles: node (level, index) is read from the tile that
 * holds it (`locateNode`), the tree levels inside a tile recomputed once per tile and cached. A
 * proof costs at most one `readTiles` call (one round trip) for the tiles not in the cache, and
 * none when they are.
 * @see https://c2sp.org/tlog-tiles#merkle-tree
 */
export class TileTreeReader implements TreeReader {
  constructor(
    private readonly h: MerkleHasher,
    private readonly store: Pick<LedgerStore, 'readTiles'>,
    private readonly cache: TileCache,
  ) {}

  async getNodes(ids: readonly NodeId[]): Promise<Uint8Array[]> {
    const out: (Uint8Array | undefined)[] = new Array(ids.length);
    let missing: Map<number, { level: number; index: number }> | undefined;
    const locations = ids.map(locateNode);
    for (let i = 0; i < ids.length; i++) {
      const loc = locations[i]!;
      const tile = this.cache.get(tileKey(loc.level, loc.index));
      const node = tile?.node(loc.sublevel, loc.position);
      if (node) {
        this.cache.hits++;
        out[i] = node;
      } else {
        missing ??= new Map();
        missing.set(tileKey(loc.level, loc.index), { level: loc.level, index: loc.index });
      }
    }
    if (missing) {
      this.cache.misses += missing.size;
      const keys = [...missing.values()];
      const read = await this.store.readTiles(keys);
      const fresh = new Map<number, TileSubtree>();
      keys.forEach((k, j) => {
        const bytes = read[j];
        if (bytes === undefined) return;
        const tile = new TileSubtree(this.h, bytes);
        fresh.set(tileKey(k.level, k.index), tile);
        this.cache.set(tileKey(k.level, k.index), tile);
      });
      for (let i = 0; i < ids.length; i++) {
        if (out[i] !== undefined) continue;
        const loc = locations[i]!;
        const node = fresh.get(tileKey(loc.level, loc.index))?.node(loc.sublevel, loc.position);
        if (!node) {
          throw ledgerError(
            'LEDGER_SIZE_OUT_OF_RANGE',
            {
              zh: `存储的树中没有节点 (${ids[i]!.level}, ${ids[i]!.index})`,
              en: `The stored tree has no node (${ids[i]!.level}, ${ids[i]!.index})`,
            },
            { level: ids[i]!.level, index: ids[i]!.index },
          );
        }
        out[i] = node;
      }
    }
    return out as Uint8Array[];
  }
}

/**
 * Inclusion proofs read through the tile cache. The proof's nodes are derived directly from the
 * index and size (RFC 9162 §2.1.3.1, in the decomposition transparency-dev/merkle `proof/verify.go`
 * uses: `inner` = bit length of index XOR (size - 1) siblings from the leaf up, the last of which may
 * be the "ephemeral" right subtree MTH(D[begin:size]), then a left sibling per one-bit of
 * index >> inner). With every tile cached, a proof is array lookups: no allocation of a plan, no
 * promise per node, and the ephemeral subtree's hash memoized per tree size (every proof to one
 * checkpoint shares it). Otherwise, and for trees of 2^31 leaves or more, it reads the missing
 * tiles in one call.
 * @see https://www.rfc-editor.org/rfc/rfc9162#section-2.1.3.1
 */
export class InclusionProver {
  #foldSize = -1;
  readonly #folds = new Map<number, Uint8Array>();

  constructor(
    private readonly h: MerkleHasher,
    private readonly reader: TileTreeReader,
    private readonly cache: TileCache,
  ) {}

  /**
   * The inclusion proof of leaf `index` in the tree of `size` leaves.
   * @throws {MerkleError} `INDEX_OUT_OF_RANGE`, `INVALID_SIZE`; {@link DomainError} when a tile is missing.
   */
  async prove(index: number, size: number): Promise<Uint8Array[]> {
    const fast = size <= 0x7fffffff && index >= 0 && index < size ? this.fromCache(index, size) : undefined;
    if (fast) return fast;
    const plan = inclusionPlan(index, size);
    const hashes = plan.nodes.length === 0 ? [] : await this.reader.getNodes(plan.nodes);
    return this.assemble(plan, hashes);
  }

  /** The proof from cached tiles only; undefined as soon as a tile is missing. Requires size < 2^31. */
  private fromCache(m: number, n: number): Uint8Array[] | undefined {
    const out: Uint8Array[] = [];
    const inner = 32 - Math.clz32(m ^ (n - 1));
    for (let l = 0; l < inner; l++) {
      const sibling = (m >>> l) ^ 1;
      if (l === inner - 1 && ((n - 1) & ((1 << l) - 1)) !== (1 << l) - 1) {
        // The right sibling at the fork is not complete: the ephemeral node MTH(D[begin:n]).
        const folded = this.ephemeral(sibling << l, n);
        if (!folded) return undefined;
        out.push(folded);
        continue;
      }
      const node = this.cached(l, sibling);
      if (!node) return undefined;
      out.push(node);
    }
    for (let l = inner; l < 31; l++) {
      if (((m >>> l) & 1) === 0) {
        if (m >>> l === 0) break;
        continue;
      }
      const node = this.cached(l, (m >>> l) ^ 1);
      if (!node) return undefined;
      out.push(node);
    }
    return out;
  }

  private cached(level: number, index: number): Uint8Array | undefined {
    const sublevel = level & 7;
    const span = TILE_WIDTH >>> sublevel;
    const tile = this.cache.get(tileKey(level >>> 3, Math.floor(index / span)));
    const node = tile?.node(sublevel, index % span);
    if (node) this.cache.hits++;
    return node;
  }

  /** MTH(D[begin:n]) from the cached border nodes of that range (largest first), memoized per n. */
  private ephemeral(begin: number, n: number): Uint8Array | undefined {
    if (this.#foldSize !== n) {
      this.#folds.clear();
      this.#foldSize = n;
    }
    const hit = this.#folds.get(begin);
    if (hit) return hit;
    const hashes: Uint8Array[] = [];
    for (const id of rangeNodes(begin, n)) {
      const node = this.cached(id.level, id.index);
      if (!node) return undefined;
      hashes.push(node);
    }
    let folded = hashes[hashes.length - 1]!;
    for (let i = hashes.length - 2; i >= 0; i--) folded = this.h.hashChildren(hashes[i]!, folded);
    this.#folds.set(begin, folded);
    return folded;
  }

  private assemble(plan: ProofPlan, hashes: readonly Uint8Array[]): Uint8Array[] {
    return plan.elements.map(([start, end]) => {
      let r = hashes[end - 1]!;
      for (let i = end - 2; i >= start; i--) r = this.h.hashChildren(hashes[i]!, r);
      return r;
    });
  }
}

/** Whether the tile (level, index, width) lies within a tree of `size` leaves. */
export function tileWithin(level: number, index: number, width: number, size: number): boolean {
  return (index * TILE_WIDTH + width) * TILE_WIDTH ** level <= size;
}

/** Hash count of stored tile bytes. */
export function hashCount(bytes: Uint8Array): number {
  return bytes.length / HASH_SIZE;
}
