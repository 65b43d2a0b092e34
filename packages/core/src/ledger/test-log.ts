/**
 * A transparency log held in memory for the ledger's unit tests: entries appended through
 * `planAppend` into maps of tiles and bundles (what the database stores), an `InMemoryTree` as the
 * reference, and a log key that signs checkpoints. Test helper only.
 */
import { nobleCrypto } from '../crypto/index.ts';
import {
  type CompactState,
  compactRoot,
  createMerkleHasher,
  EMPTY_COMPACT_STATE,
  InMemoryTree,
  type MerkleHasher,
} from '../merkle/index.ts';
import { signCheckpoint } from './checkpoint.ts';
import type { LogEntry, LogProofBundle } from './ledger.model.ts';
import { encodeEntries, planAppend, type TileKey } from './ledger.rules.ts';
import { type Ed25519NoteSigner, ed25519NoteSigner, encodeBase64 } from './note.ts';
import { InclusionProver, TileCache, TileTreeReader } from './tile-reader.ts';

export const testCrypto = nobleCrypto;

export class TestLog {
  readonly h: MerkleHasher = createMerkleHasher(testCrypto);
  readonly tree = new InMemoryTree(this.h);
  readonly tiles = new Map<string, Uint8Array>();
  readonly entries: Uint8Array[] = [];
  state: CompactState = EMPTY_COMPACT_STATE;
  readonly signer: Ed25519NoteSigner;
  /** How many times storage was read. */
  reads = 0;

  constructor(
    readonly origin = 'onex.example/log',
    seed = new Uint8Array(32).fill(7),
  ) {
    this.signer = ed25519NoteSigner(testCrypto, origin, seed);
  }

  append(list: readonly LogEntry[]): void {
    const batch = encodeEntries(list);
    const plan = planAppend(this.h, this.state, batch);
    for (const e of batch.entries) {
      this.entries.push(e.slice());
      this.tree.appendData(e);
    }
    for (const t of plan.tiles) {
      const key = `${t.level}/${t.index}`;
      const old = this.tiles.get(key) ?? new Uint8Array(0);
      const next = new Uint8Array(old.length + t.hashes.length);
      next.set(old);
      next.set(t.hashes, old.length);
      this.tiles.set(key, next);
    }
    this.state = plan.state;
  }

  /** The `readTiles` of a LedgerStore over the tiles. */
  readonly store = {
    readTiles: async (keys: readonly TileKey[]) => {
      this.reads++;
      return keys.map((k) => this.tiles.get(`${k.level}/${k.index}`));
    },
  };

  checkpoint(size = this.state.size, signers = [this.signer]): string {
    const rootHash = size === this.state.size ? compactRoot(this.h, this.state) : this.tree.root(size);
    return signCheckpoint({ origin: this.origin, size, rootHash, extensions: [] }, signers);
  }

  async bundle(index: number, checkpoint = this.checkpoint()): Promise<LogProofBundle> {
    const size = Number(checkpoint.split('\n')[1]);
    const cache = new TileCache();
    const proof = await new InclusionProver(
      this.h,
      new TileTreeReader(this.h, this.store, cache),
      cache,
    ).prove(index, size);
    return {
      checkpoint,
      index,
      entry: encodeBase64(this.entries[index]!),
      proof: proof.map(encodeBase64),
      size,
    };
  }
}
