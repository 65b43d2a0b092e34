import { type Kysely, sql } from 'kysely';

/**
 * Employers and learners' consent (issue 6). `employer` is the organization an EMPLOYER_HR account
 * belongs to (`auth_user.org_id`, `api_key.org_id` = `employer.id`). `consent_grant` records a
 * learner's consent that one employer may see all (`ALL`) or some (`SELECTED`) of their
 * certificates until `expires_at`. A grant is never edited: a trigger lets an update only set
 * `revoked_at`/`revoked_by` once, and refuses deletes.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table employer (
      id text primary key,
      code text not null unique check (code ~ '^[A-Z0-9][A-Z0-9-]{1,39}$'),
      name_zh text not null check (length(name_zh) between 1 and 200),
      name_en text not null check (length(name_en) between 1 and 200),
      uscc text not null unique check (uscc ~ '^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$'),
      province_code text references reference_province(code),
      industry_code text,
      synthetic boolean not null default false,
      created_at timestamptz not null
    );

    create table consent_grant (
      id text primary key,
      learner_id text not null references learner(id),
      employer_id text not null references employer(id),
      scope text not null check (scope in ('ALL', 'SELECTED')),
      credential_ids text[] not null,
      purpose text not null check (length(purpose) between 1 and 500),
      reveal_identity boolean not null,
      granted_by text not null,
      granted_at timestamptz not null,
      expires_at timestamptz not null check (expires_at > granted_at),
      revoked_at timestamptz,
      revoked_by text,
      check ((scope = 'ALL') = (cardinality(credential_ids) = 0)),
      check ((revoked_at is null) = (revoked_by is null))
    );
    create index consent_grant_learner on consent_grant(learner_id, granted_at);
    create index consent_grant_employer_live on consent_grant(employer_id, expires_at) where revoked_at is null;

    create function consent_grant_revoke_only() returns trigger language plpgsql as $$
    begin
      if tg_op = 'DELETE' then
        raise exception 'consent_grant is never deleted: revoke the grant instead';
      end if;
      if old.revoked_at is not null
        or (to_jsonb(new) - 'revoked_at' - 'revoked_by') <> (to_jsonb(old) - 'revoked_at' - 'revoked_by') then
        raise exception 'consent_grant is never edited: only revoked, once';
      end if;
      return new;
    end;
    $$;
    create trigger consent_grant_revoke_only before update or delete on consent_grant
      for each row execute function consent_grant_revoke_only();
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table consent_grant;
    drop function consent_grant_revoke_only();
    drop table employer;
  `.execute(db);
}
