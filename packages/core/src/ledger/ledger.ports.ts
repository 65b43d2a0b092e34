import type { LogEvent } from '../credentials/index.ts';
import type {
  AuditCredential,
  CheckpointRecord,
  CosignatureRecord,
  LogKeyRecord,
  LogRecord,
  WitnessRecord,
} from './ledger.model.ts';
import type { TileKey } from './ledger.rules.ts';

/**
 * Storage of one transparency log (`db` implements it over PostgreSQL / PGlite): the sequencer's
 * state row, C2SP entry bundles and hash tiles, signed checkpoints, witnesses and cosignatures.
 */
export interface LedgerStore {
  /** Runs `fn` in one transaction (or inside the one already open). */
  transaction<T>(fn: (tx: LedgerStore) => Promise<T>): Promise<T>;
  /**
   * Runs `fn` over one consistent snapshot of the whole database (a repeatable-read transaction),
   * so a monitor reading a log that is being appended to sees one state of it.
   */
  snapshot<T>(fn: (tx: LedgerStore) => Promise<T>): Promise<T>;

  /**
   * The log's state row; with `lock`, locked `FOR UPDATE` until the transaction ends, which is how
   * several processes writing to one database serialize on the single sequencer.
   */
  log(lock?: boolean): Promise<LogRecord>;
  /** Gives the log its origin and key, unless it has them. Requires the row locked by this transaction. */
  setKey(key: LogKeyRecord, at: Date): Promise<void>;

  /**
   * Appends events as entries, inside the current transaction: locks the state row, writes the
   * entries into bundles and their hashes into tiles, updates the state. Returns the first index
   * and the new size.
   */
  append(events: LogEvent[]): Promise<{ first: number; size: number }>;

  /** The stored bytes of hash tiles (W × 32 bytes, partial tiles shorter); undefined where none is stored. */
  readTiles(keys: readonly TileKey[]): Promise<(Uint8Array | undefined)[]>;
  /** The stored entry bundles with these indexes (C2SP layout); undefined where none is stored. */
  readBundles(indexes: readonly number[]): Promise<(Uint8Array | undefined)[]>;
  /** Bundles from `fromIndex` on, in order, at most `limit` (for replaying the log). */
  scanBundles(fromIndex: number, limit: number): Promise<{ index: number; bytes: Uint8Array }[]>;
  /** Tiles of one level from `fromIndex` on, in order, at most `limit`. */
  scanTiles(level: number, fromIndex: number, limit: number): Promise<{ index: number; bytes: Uint8Array }[]>;

  /**
   * The index and bytes of the ISSUE entry of a credential, found through the append batch that
   * wrote it (by the credential's issue time) and the 4-byte digest keys of that batch; undefined
   * if the log has none.
   */
  findIssueEntry(credentialId: string): Promise<{ index: number; entry: Uint8Array } | undefined>;

  latestCheckpoint(): Promise<CheckpointRecord | undefined>;
  checkpointAt(size: number): Promise<CheckpointRecord | undefined>;
  listCheckpoints(): Promise<CheckpointRecord[]>;
  insertCheckpoint(c: CheckpointRecord): Promise<void>;

  listWitnesses(): Promise<WitnessRecord[]>;
  /** Registers a witness (replacing the key of one of the same name). */
  putWitness(w: WitnessRecord): Promise<void>;
  listCosignatures(size: number): Promise<CosignatureRecord[]>;
  /** Stores a cosignature (a later one of the same witness for the same size replaces it). */
  putCosignature(c: CosignatureRecord): Promise<void>;

  /** Stored credentials in id order after `afterId`, with their status history, for the audit. */
  auditCredentials(afterId: string | null, limit: number): Promise<AuditCredential[]>;
}

/** Where `LedgerService.exportTiles` writes the static log (a folder in the CLI). */
export interface TileSink {
  /** Writes one file at `path` (relative, `/`-separated, e.g. `tile/0/x001/234`). */
  write(path: string, bytes: Uint8Array): Promise<void>;
}

/** Where a witness keeps the last checkpoint it cosigned, per origin. */
export interface WitnessStateStore {
  load(origin: string): Promise<{ size: number; rootHash: Uint8Array } | undefined>;
  save(origin: string, state: { size: number; rootHash: Uint8Array }): Promise<void>;
}
