import { type Kysely, sql } from 'kysely';

/**
 * The transparency log (core/ledger), stored the C2SP tlog-tiles way (https://c2sp.org/tlog-tiles):
 * entries in bundles of 256 and the Merkle tree in hash tiles of 256, the partial ones grown in
 * place, so 1,000,000 entries are about 8,000 rows rather than millions. See LedgerRepository.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- One row per log: the sequencer's state. Appends lock it FOR UPDATE, so every process writing
    -- to the database serializes on it; border = the right-border subtree hashes, concatenated.
    create table ledger_log (
      id smallint primary key,
      origin text unique,
      size bigint not null default 0 check (size >= 0),
      border bytea not null default ''::bytea,
      public_key bytea,
      -- The Ed25519 seed, sealed like issuer keys (AES-256-GCM under the master key).
      seed_cipher bytea,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check ((origin is null) = (public_key is null) and (origin is null) = (seed_cipher is null))
    );
    insert into ledger_log (id) values (1);

    -- C2SP entry bundles: entries idx*256 … idx*256+count-1 (uint16 length-prefixed), stored as
    -- one or more segments [uint32 length][raw DEFLATE of the bundle bytes they add], so a partial
    -- bundle grows by appending a segment. Compressed by the appender, so PostgreSQL does not try.
    create table ledger_bundle (
      log_id smallint not null,
      idx bigint not null,
      count int not null check (count between 1 and 256),
      entries bytea not null,
      primary key (log_id, idx)
    );
    alter table ledger_bundle alter column entries set storage external;

    -- C2SP hash tiles: level L, index N = the hashes of tree level 8L, nodes N*256 …, 32 bytes each.
    create table ledger_tile (
      log_id smallint not null,
      level smallint not null check (level between 0 and 63),
      idx bigint not null,
      hashes bytea not null,
      primary key (log_id, level, idx)
    );
    -- Hashes do not compress: skip PostgreSQL's attempt.
    alter table ledger_tile alter column hashes set storage external;

    -- One row per append (and issue time): finds a credential's entry from its issue time without
    -- a row per entry. keys = the first 4 bytes of each entry's digest, in order.
    create table ledger_batch (
      log_id smallint not null,
      first_idx bigint not null,
      count int not null,
      at timestamptz not null,
      keys bytea not null,
      primary key (log_id, first_idx)
    );
    create index ledger_batch_at on ledger_batch(log_id, at);

    -- Every checkpoint the log signed. A log never signs two inconsistent ones (LedgerService).
    create table ledger_checkpoint (
      log_id smallint not null references ledger_log(id),
      size bigint not null,
      root bytea not null,
      note text not null,
      created_at timestamptz not null,
      primary key (log_id, size)
    );

    create table ledger_witness (
      log_id smallint not null references ledger_log(id),
      name text not null,
      vkey text not null,
      added_at timestamptz not null,
      primary key (log_id, name)
    );

    create table ledger_cosignature (
      log_id smallint not null,
      size bigint not null,
      witness text not null,
      line text not null,
      created_at timestamptz not null,
      primary key (log_id, size, witness),
      foreign key (log_id, size) references ledger_checkpoint(log_id, size)
    );
  `.execute(db);
}
