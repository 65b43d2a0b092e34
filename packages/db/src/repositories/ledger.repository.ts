import { deflateRawSync, inflateRawSync } from 'node:zlib';
import {
  type AppendPlan,
  type AuditCredential,
  type CheckpointRecord,
  type CosignatureRecord,
  createMerkleHasher,
  decodeBundle,
  decodeEntry,
  encodeEntries,
  type LedgerStore,
  type LogEvent,
  type LogKeyRecord,
  type LogRecord,
  ledgerError,
  lookupKey,
  packBorder,
  planAppend,
  TILE_WIDTH,
  type TileKey,
  unpackBorder,
  type WitnessRecord,
} from '@onex/core';
import { nodeCrypto } from '@onex/core/crypto/node-provider.ts';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../schema.ts';
import { inTransaction } from './scope.ts';

const hasher = createMerkleHasher(nodeCrypto);

/**
 * The state this process last wrote, per log. An append first tries it optimistically: its write
 * statement updates the state row only `where size = <cached> and border = <cached>` and writes
 * everything else only if that update happened, so it is safe whatever the cache holds (an equal
 * size and border mean the same tree). That saves the locking read, one round trip per append, in
 * the common case of one writer. When another process wrote in between, the update finds nothing
 * (having waited for that process's lock) and the append redoes its plan under `FOR UPDATE`.
 */
const lastWritten = new Map<number, { size: number; border: readonly Uint8Array[]; misses: number }>();

// Binary values cross the wire as base64 text and are decoded by PostgreSQL (`decode`/`encode`):
// PGlite's own bytea parameter path converts byte by byte in JavaScript and is ~10× slower.
const b64 = (u: Uint8Array): string => Buffer.from(u.buffer, u.byteOffset, u.byteLength).toString('base64');
const bytes = (s: string | null): Uint8Array => {
  const b = Buffer.from(s ?? '', 'base64');
  return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
};
/**
 * Stored form of new bundle bytes: one segment, [uint32 big-endian length][raw DEFLATE (RFC 1951)].
 * Compressing here (native zlib, level 1) writes ~3× fewer bytes than PostgreSQL's own TOAST
 * compression would, and that is most of the cost of an append on PGlite.
 */
export function packSegment(bundle: Uint8Array): Buffer {
  // Synchronous on purpose: measured on the append path, zlib's thread-pool variant waited longer for
  // its completion callbacks (which need this thread, busy hashing) than compressing here costs.
  const z = deflateRawSync(bundle, { level: 1, memLevel: 9 });
  const out = Buffer.allocUnsafe(4 + z.length);
  out.writeUInt32BE(z.length, 0);
  z.copy(out, 4);
  return out;
}

/** The C2SP bundle bytes of a stored bundle (its segments inflated and joined). */
export function unpackBundle(stored: Uint8Array): Uint8Array {
  const buf = Buffer.from(stored.buffer, stored.byteOffset, stored.byteLength);
  const parts: Buffer[] = [];
  for (let o = 0; o < buf.length; ) {
    if (o + 4 > buf.length) throw corrupt('bundle', -1);
    const n = buf.readUInt32BE(o);
    if (o + 4 + n > buf.length) throw corrupt('bundle', -1);
    try {
      parts.push(inflateRawSync(buf.subarray(o + 4, o + 4 + n)));
    } catch {
      throw corrupt('bundle', -1);
    }
    o += 4 + n;
  }
  const out = parts.length === 1 ? parts[0]! : Buffer.concat(parts);
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}

/** A PostgreSQL array literal of quoted elements (numbers, base64 and ISO strings need no escaping). */
const list = (xs: readonly (number | string)[]): string => `{${xs.map((x) => `"${x}"`).join(',')}}`;

interface LogRow {
  size: number;
  border: string;
  origin: string | null;
  public_key: string | null;
  seed_cipher: string | null;
}

/**
 * The transparency log's storage (core's `LedgerStore`) on PostgreSQL and PGlite, laid out as C2SP
 * tlog-tiles (https://c2sp.org/tlog-tiles):
 *
 * - `ledger_log`: one state row per log (size, right border, key), locked `FOR UPDATE` by every
 *   append and checkpoint: the single sequencer, correct with several processes on one database;
 * - `ledger_bundle`: entry bundles of 256 entries, the last one partial and grown in place
 *   (`entries || new`), with a length check in the same statement;
 * - `ledger_tile`: hash tiles of 256 (level 0 = leaf hashes, level L = tree level 8L), partial ones
 *   grown in place likewise; proofs read ≤ 1 tile per tile level;
 * - `ledger_batch`: one row per append and issue time with a 4-byte digest key per entry, so a
 *   credential's entry is found without a row (or an index insert) per entry.
 *
 * Measured on PGlite: a row per entry (or per node) costs ≥ 7 µs to insert, more than hashing the
 * entry, so the log writes ~2 rows per 256 entries instead (bench/ledger.bench.ts).
 */
export class LedgerRepository implements LedgerStore {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly logId = 1,
  ) {}

  transaction<T>(fn: (tx: LedgerStore) => Promise<T>): Promise<T> {
    return inTransaction(this.db, (trx) => new LedgerRepository(trx, this.logId), fn);
  }

  snapshot<T>(fn: (tx: LedgerStore) => Promise<T>): Promise<T> {
    if (this.db.isTransaction) return fn(this);
    return this.db
      .transaction()
      .setIsolationLevel('repeatable read')
      .execute((trx) => fn(new LedgerRepository(trx, this.logId)));
  }

  async log(lock = false): Promise<LogRecord> {
    const select = () =>
      sql<LogRow>`
        select size, encode(border, 'base64') as border, origin,
               encode(public_key, 'base64') as public_key, encode(seed_cipher, 'base64') as seed_cipher
        from ledger_log where id = ${this.logId} ${lock ? sql`for update` : sql``}`.execute(this.db);
    let { rows } = await select();
    if (rows.length === 0) {
      await sql`insert into ledger_log (id) values (${this.logId}) on conflict (id) do nothing`.execute(
        this.db,
      );
      ({ rows } = await select());
    }
    const r = rows[0]!;
    const key: LogKeyRecord | null =
      r.origin === null
        ? null
        : { origin: r.origin, publicKey: bytes(r.public_key), seedCipher: bytes(r.seed_cipher) };
    return { size: r.size, border: unpackBorder(bytes(r.border)), key };
  }

  async setKey(key: LogKeyRecord, at: Date): Promise<void> {
    await sql`
      update ledger_log set origin = ${key.origin}, public_key = decode(${b64(key.publicKey)}, 'base64'),
        seed_cipher = decode(${b64(key.seedCipher)}, 'base64'), updated_at = ${at}
      where id = ${this.logId} and origin is null`.execute(this.db);
  }

  /**
   * Appends credential events (`CredentialsRepository.appendLog` calls it inside its transaction).
   * Outside a transaction the optimistic path is one statement, atomic by itself; the locking path
   * opens a transaction.
   */
  async append(events: LogEvent[]): Promise<{ first: number; size: number }> {
    if (events.length === 0) {
      const log = await this.log();
      return { first: log.size, size: log.size };
    }
    // LogEvent has the fields of a log entry; encoding checks them (LEDGER_ENTRY_INVALID).
    const batch = encodeEntries(events);
    const cached = lastWritten.get(this.logId);
    // After a miss (another writer), skip optimism for a while: a wasted plan costs the hashing.
    if (cached && cached.misses === 0) {
      const plan = planAppend(hasher, cached, batch);
      if (await this.write(plan, events, cached)) return this.remember(plan, 0);
      lastWritten.set(this.logId, { ...cached, misses: 16 });
    } else if (cached) {
      lastWritten.set(this.logId, { ...cached, misses: cached.misses - 1 });
    }
    return inTransaction(
      this.db,
      (trx) => new LedgerRepository(trx, this.logId),
      async (repo) => {
        const log = await repo.log(true);
        const plan = planAppend(hasher, log, batch);
        if (!(await repo.write(plan, events, log))) throw corrupt('bundle', log.size);
        return this.remember(plan, lastWritten.get(this.logId)?.misses ?? 0);
      },
    );
  }

  private remember(plan: AppendPlan, misses: number) {
    lastWritten.set(this.logId, { size: plan.state.size, border: plan.state.border, misses });
    return { first: plan.first, size: plan.state.size };
  }

  /**
   * One statement, one round trip: the state row moves from `from` to the plan's state (only if it
   * is still at `from`), and only then the bundles and tiles grow in place and the batch rows are
   * written. Returns false when the state row was not at `from`. The stored lengths come back, so
   * an append onto an edited store fails (LEDGER_STORAGE_CORRUPT) instead of extending it.
   */
  private async write(
    plan: AppendPlan,
    events: LogEvent[],
    from: { size: number; border: readonly Uint8Array[] },
  ): Promise<boolean> {
    // Every binary value of the append travels in ONE base64 parameter, sliced by offsets in SQL:
    // a big array literal costs PostgreSQL more to parse than one decode and some substrings.
    const parts: Uint8Array[] = [];
    let size = 0;
    const put = (bytes: Uint8Array): [number, number] => {
      parts.push(bytes);
      size += bytes.length;
      return [size - bytes.length, bytes.length];
    };
    const bundles = plan.bundles.map((b) => ({ b, at: put(packSegment(b.bytes)) }));
    const tiles = plan.tiles.map((t) => ({ t, at: put(t.hashes) }));
    // One batch row per run of events with the same time (issueMany stamps a whole batch with one).
    const batches: { first: number; count: number; at: string; keys: [number, number] }[] = [];
    for (let i = 0; i < events.length; ) {
      let j = i + 1;
      const at = events[i]!.at.getTime();
      while (j < events.length && events[j]!.at.getTime() === at) j++;
      const k = new Uint8Array((j - i) * 4);
      for (let p = i; p < j; p++) k.set(lookupKey(events[p]!.digest), (p - i) * 4);
      batches.push({ first: plan.first + i, count: j - i, at: events[i]!.at.toISOString(), keys: put(k) });
      i = j;
    }
    const border = put(packBorder(plan.state.border));
    const blob = Buffer.concat(parts, size).toString('base64');
    const { rows } = await sql<{ w: string; l: number; i: number; n: number }>`
      with d as (select decode(${blob}, 'base64') as blob),
      s as (
        update ledger_log set size = ${plan.state.size}, border = substring(d.blob from ${border[0] + 1} for ${border[1]}),
          updated_at = now()
        from d
        where id = ${this.logId} and size = ${from.size} and border = decode(${b64(packBorder(from.border))}, 'base64')
        returning 1
      ), b as (
        insert into ledger_bundle (log_id, idx, count, entries)
        select ${this.logId}, u.i, u.c, substring(d.blob from u.o + 1 for u.n)
        from d, unnest(${list(bundles.map((x) => x.b.index))}::int8[], ${list(bundles.map((x) => x.b.count))}::int4[],
                       ${list(bundles.map((x) => x.at[0]))}::int4[], ${list(bundles.map((x) => x.at[1]))}::int4[]) as u(i, c, o, n)
        where exists (select 1 from s)
        on conflict (log_id, idx) do update
          set entries = ledger_bundle.entries || excluded.entries, count = ledger_bundle.count + excluded.count
        returning idx, count
      ), t as (
        insert into ledger_tile (log_id, level, idx, hashes)
        select ${this.logId}, u.l, u.i, substring(d.blob from u.o + 1 for u.n)
        from d, unnest(${list(tiles.map((x) => x.t.level))}::int2[], ${list(tiles.map((x) => x.t.index))}::int8[],
                       ${list(tiles.map((x) => x.at[0]))}::int4[], ${list(tiles.map((x) => x.at[1]))}::int4[]) as u(l, i, o, n)
        where exists (select 1 from s)
        on conflict (log_id, level, idx) do update set hashes = ledger_tile.hashes || excluded.hashes
        returning level, idx, length(hashes) as n
      ), k as (
        insert into ledger_batch (log_id, first_idx, count, at, keys)
        select ${this.logId}, u.f, u.c, u.a, substring(d.blob from u.o + 1 for u.n)
        from d, unnest(${list(batches.map((x) => x.first))}::int8[], ${list(batches.map((x) => x.count))}::int4[],
                       ${list(batches.map((x) => x.at))}::timestamptz[], ${list(batches.map((x) => x.keys[0]))}::int4[],
                       ${list(batches.map((x) => x.keys[1]))}::int4[]) as u(f, c, a, o, n)
        where exists (select 1 from s)
        returning 1
      )
      select 's' as w, 0::int4 as l, 0::int8 as i, (select count(*) from k)::int8 as n from s
      union all select 'b', 0, idx::int8, count::int8 from b
      union all select 't', level::int4, idx::int8, n::int8 from t`.execute(this.db);
    if (!rows.some((r) => r.w === 's')) return false;
    const wantBundle = new Map(plan.bundles.map((b) => [b.index, b.offset + b.count]));
    const wantTile = new Map(
      plan.tiles.map((t) => [`${t.level}/${t.index}`, t.offset * 32 + t.hashes.length]),
    );
    for (const r of rows) {
      if (r.w === 'b' && wantBundle.get(r.i) !== r.n) throw corrupt('bundle', r.i);
      if (r.w === 't' && wantTile.get(`${r.l}/${r.i}`) !== r.n) throw corrupt('tile', r.i);
    }
    if (rows.length !== 1 + plan.bundles.length + plan.tiles.length) throw corrupt('bundle', plan.first);
    return true;
  }

  async readTiles(keys: readonly TileKey[]): Promise<(Uint8Array | undefined)[]> {
    if (keys.length === 0) return [];
    const { rows } = await sql<{ level: number; idx: number; h: string }>`
      select t.level, t.idx, encode(t.hashes, 'base64') as h
      from ledger_tile t
      join unnest(${list(keys.map((k) => k.level))}::int2[], ${list(keys.map((k) => k.index))}::int8[]) as u(l, i)
        on t.level = u.l and t.idx = u.i
      where t.log_id = ${this.logId}`.execute(this.db);
    const found = new Map(rows.map((r) => [`${r.level}/${r.idx}`, bytes(r.h)]));
    return keys.map((k) => found.get(`${k.level}/${k.index}`));
  }

  async readBundles(indexes: readonly number[]): Promise<(Uint8Array | undefined)[]> {
    if (indexes.length === 0) return [];
    const { rows } = await sql<{ idx: number; e: string }>`
      select idx, encode(entries, 'base64') as e from ledger_bundle
      where log_id = ${this.logId} and idx = any(${list(indexes)}::int8[])`.execute(this.db);
    const found = new Map(rows.map((r) => [r.idx, unpackBundle(bytes(r.e))]));
    return indexes.map((i) => found.get(i));
  }

  async scanBundles(fromIndex: number, limit: number): Promise<{ index: number; bytes: Uint8Array }[]> {
    const { rows } = await sql<{ idx: number; e: string }>`
      select idx, encode(entries, 'base64') as e from ledger_bundle
      where log_id = ${this.logId} and idx >= ${fromIndex} order by idx limit ${limit}`.execute(this.db);
    return rows.map((r) => ({ index: r.idx, bytes: unpackBundle(bytes(r.e)) }));
  }

  async scanTiles(
    level: number,
    fromIndex: number,
    limit: number,
  ): Promise<{ index: number; bytes: Uint8Array }[]> {
    const { rows } = await sql<{ idx: number; h: string }>`
      select idx, encode(hashes, 'base64') as h from ledger_tile
      where log_id = ${this.logId} and level = ${level} and idx >= ${fromIndex} order by idx limit ${limit}`.execute(
      this.db,
    );
    return rows.map((r) => ({ index: r.idx, bytes: bytes(r.h) }));
  }

  async findIssueEntry(credentialId: string): Promise<{ index: number; entry: Uint8Array } | undefined> {
    const { rows } = await sql<{
      id: string;
      first_idx: number;
      count: number;
      keys: string;
      digest: string;
    }>`
      select c.id, b.first_idx, b.count, encode(b.keys, 'base64') as keys, encode(c.digest, 'base64') as digest
      from credential c join ledger_batch b on b.log_id = ${this.logId} and b.at = c.issued_at
      where c.id = ${credentialId} or c.certificate_number = ${credentialId}
      order by b.first_idx`.execute(this.db);
    if (rows.length === 0) return undefined;
    const id = rows[0]!.id;
    const key = lookupKey(bytes(rows[0]!.digest));
    const candidates: number[] = [];
    for (const r of rows) {
      const k = bytes(r.keys);
      for (let p = 0; p < r.count; p++) {
        if (
          k[4 * p] === key[0] &&
          k[4 * p + 1] === key[1] &&
          k[4 * p + 2] === key[2] &&
          k[4 * p + 3] === key[3]
        ) {
          candidates.push(r.first_idx + p);
        }
      }
    }
    // Keys narrow the search; if the stored digest was altered they miss, so fall back to every entry of the batches.
    const found =
      (await this.searchEntries(candidates, id)) ?? (await this.searchEntries(everyIndex(rows), id));
    return found;
  }

  private async searchEntries(indexes: number[], credentialId: string) {
    if (indexes.length === 0) return undefined;
    const bundleIds = [...new Set(indexes.map((i) => Math.floor(i / TILE_WIDTH)))];
    const bundles = await this.readBundles(bundleIds);
    const byId = new Map(bundleIds.map((b, j) => [b, bundles[j] ? decodeBundle(bundles[j]!) : []]));
    for (const index of indexes) {
      const entry = byId.get(Math.floor(index / TILE_WIDTH))?.[index % TILE_WIDTH];
      if (!entry) continue;
      try {
        const e = decodeEntry(entry);
        if (e.kind === 'ISSUE' && e.credentialId === credentialId) return { index, entry: entry.slice() };
      } catch {
        // A malformed entry is the audit's finding; it is simply not this credential's.
      }
    }
    return undefined;
  }

  async latestCheckpoint(): Promise<CheckpointRecord | undefined> {
    const { rows } = await sql<CheckpointRow>`
      select size, encode(root, 'base64') as root, note, created_at from ledger_checkpoint
      where log_id = ${this.logId} order by size desc limit 1`.execute(this.db);
    return rows[0] && toCheckpoint(rows[0]);
  }

  async checkpointAt(size: number): Promise<CheckpointRecord | undefined> {
    const { rows } = await sql<CheckpointRow>`
      select size, encode(root, 'base64') as root, note, created_at from ledger_checkpoint
      where log_id = ${this.logId} and size = ${size}`.execute(this.db);
    return rows[0] && toCheckpoint(rows[0]);
  }

  async listCheckpoints(): Promise<CheckpointRecord[]> {
    const { rows } = await sql<CheckpointRow>`
      select size, encode(root, 'base64') as root, note, created_at from ledger_checkpoint
      where log_id = ${this.logId} order by size`.execute(this.db);
    return rows.map(toCheckpoint);
  }

  async insertCheckpoint(c: CheckpointRecord): Promise<void> {
    await sql`
      insert into ledger_checkpoint (log_id, size, root, note, created_at)
      values (${this.logId}, ${c.size}, decode(${b64(c.rootHash)}, 'base64'), ${c.note}, ${c.createdAt})`.execute(
      this.db,
    );
  }

  async listWitnesses(): Promise<WitnessRecord[]> {
    const rows = await this.db
      .selectFrom('ledger_witness')
      .select(['name', 'vkey', 'added_at'])
      .where('log_id', '=', this.logId)
      .orderBy('name')
      .execute();
    return rows.map((r) => ({ name: r.name, vkey: r.vkey, addedAt: r.added_at }));
  }

  async putWitness(w: WitnessRecord): Promise<void> {
    await this.db
      .insertInto('ledger_witness')
      .values({ log_id: this.logId, name: w.name, vkey: w.vkey, added_at: w.addedAt })
      .onConflict((oc) => oc.columns(['log_id', 'name']).doUpdateSet({ vkey: w.vkey, added_at: w.addedAt }))
      .execute();
  }

  async listCosignatures(size: number): Promise<CosignatureRecord[]> {
    const rows = await this.db
      .selectFrom('ledger_cosignature')
      .select(['size', 'witness', 'line', 'created_at'])
      .where('log_id', '=', this.logId)
      .where('size', '=', size)
      .orderBy('witness')
      .execute();
    return rows.map((r) => ({ size: r.size, witness: r.witness, line: r.line, createdAt: r.created_at }));
  }

  async putCosignature(c: CosignatureRecord): Promise<void> {
    await this.db
      .insertInto('ledger_cosignature')
      .values({ log_id: this.logId, size: c.size, witness: c.witness, line: c.line, created_at: c.createdAt })
      .onConflict((oc) =>
        oc.columns(['log_id', 'size', 'witness']).doUpdateSet({ line: c.line, created_at: c.createdAt }),
      )
      .execute();
  }

  async auditCredentials(afterId: string | null, limit: number): Promise<AuditCredential[]> {
    const { rows } = await sql<{
      id: string;
      document: unknown;
      digest: string;
      status: AuditCredential['status'];
    }>`
      select id, document, encode(digest, 'base64') as digest, status from credential
      ${afterId === null ? sql`` : sql`where id > ${afterId}`}
      order by id limit ${limit}`.execute(this.db);
    if (rows.length === 0) return [];
    const changes = await sql<{ credential_id: string; to_status: string; reason: string }>`
      select credential_id, to_status, reason from credential_status_change
      where credential_id = any(${list(rows.map((r) => r.id.replaceAll('\\', '\\\\').replaceAll('"', '\\"')))}::text[])
      order by id`.execute(this.db);
    const byId = new Map<string, { to: string; reason: string }[]>();
    for (const c of changes.rows) {
      const l = byId.get(c.credential_id) ?? [];
      l.push({ to: c.to_status, reason: c.reason });
      byId.set(c.credential_id, l);
    }
    return rows.map((r) => ({
      id: r.id,
      document: r.document,
      digest: bytes(r.digest),
      status: r.status,
      changes: byId.get(r.id) ?? [],
    }));
  }
}

interface CheckpointRow {
  size: number;
  root: string;
  note: string;
  created_at: Date;
}

function toCheckpoint(r: CheckpointRow): CheckpointRecord {
  return { size: r.size, rootHash: bytes(r.root), note: r.note, createdAt: new Date(r.created_at) };
}

function everyIndex(rows: readonly { first_idx: number; count: number }[]): number[] {
  return rows.flatMap((r) => Array.from({ length: r.count }, (_, p) => r.first_idx + p));
}

function corrupt(what: 'bundle' | 'tile', index: number) {
  return ledgerError(
    'LEDGER_STORAGE_CORRUPT',
    {
      zh: `日志存储中的${what === 'bundle' ? '条目包' : '哈希瓦片'} ${index} 长度与序列器状态不符：存储被改动过`,
      en: `The stored ${what === 'bundle' ? 'entry bundle' : 'hash tile'} ${index} does not have the length the sequencer state implies: storage was edited`,
    },
    { what, index },
  );
}
