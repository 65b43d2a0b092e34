import { type Kysely, sql } from 'kysely';

/**
 * Exactly-once bulk issuance: a credential may carry the key of what it was issued for (e.g.
 * `result:<assessment result id>`), unique, so a rerun or a second process can never issue it twice;
 * and the certificate-number serials, one counter row per number prefix, taken inside the issuing
 * transaction so a rolled-back batch leaves no gap.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table credential add column source_key text;
    create unique index credential_source_key on credential(source_key) where source_key is not null;

    create table certificate_serial (
      prefix text primary key,
      next_serial bigint not null check (next_serial >= 1)
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table certificate_serial;
    drop index credential_source_key;
    alter table credential drop column source_key;
  `.execute(db);
}
