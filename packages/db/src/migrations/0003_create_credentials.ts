import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- Ed25519 keys of issuers (TEOs, institutions, the regulator). The seed is stored encrypted
    -- (AES-256-GCM under a key derived from ONEX_MASTER_KEY); retired keys stay for verification.
    create table issuer_key (
      did text not null,
      key_id text not null,
      org_kind text not null check (org_kind in ('TEO', 'INSTITUTION', 'REGULATOR')),
      org_code text not null,
      public_key bytea not null,
      seed_cipher bytea not null,
      status text not null check (status in ('ACTIVE', 'RETIRED', 'REVOKED')),
      created_at timestamptz not null,
      retired_at timestamptz,
      primary key (did, key_id)
    );
    create unique index issuer_key_one_active on issuer_key(did) where status = 'ACTIVE';

    -- Bitstring status lists (131,072 entries or more), one row per list; the signed list
    -- credential is kept so it is served as is and re-signed only when a bit changes.
    create table status_list (
      id text primary key,
      issuer_did text not null,
      purpose text not null check (purpose in ('revocation', 'suspension')),
      url text not null unique,
      length int not null check (length >= 131072),
      bits bytea not null,
      -- Which indexes are taken (1 bit each), so allocation never reuses one.
      allocated bytea not null,
      used int not null default 0,
      signed_credential jsonb,
      dirty boolean not null default true,
      updated_at timestamptz not null
    );
    create index status_list_issuer on status_list(issuer_did, purpose);

    create table status_list_entry (
      list_id text not null references status_list(id),
      idx int not null,
      credential_id text not null,
      primary key (list_id, idx)
    );

    create table credential (
      id text primary key,
      issuer_did text not null,
      learner_id text references learner(id),
      certificate_code text,
      level smallint,
      certificate_number text unique,
      document jsonb not null,
      digest bytea not null,
      status text not null check (status in ('ACTIVE', 'SUSPENDED', 'REVOKED')),
      revocation_list_id text references status_list(id),
      revocation_index int,
      suspension_list_id text references status_list(id),
      suspension_index int,
      issued_at timestamptz not null
    );
    create index credential_learner on credential(learner_id);
    create index credential_issuer on credential(issuer_did);

    create table credential_status_change (
      id bigint generated always as identity primary key,
      credential_id text not null references credential(id),
      from_status text not null,
      to_status text not null,
      reason text not null,
      at timestamptz not null
    );
  `.execute(db);
}
