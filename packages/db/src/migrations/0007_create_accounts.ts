import { type Kysely, sql } from 'kysely';

/**
 * Accounts (issue 6). The `auth_*` tables are better-auth's (user, session, account, verification)
 * under our names, created here rather than by its CLI so both engines migrate the one way; a test
 * checks better-auth finds nothing to add. `api_key` stores only the SHA-256 of each secret.
 * `audit_log` is append-only: a trigger refuses every update, delete and truncate.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table auth_user (
      id text primary key,
      name text not null,
      email text not null unique,
      email_verified boolean not null,
      image text,
      created_at timestamptz not null default current_timestamp,
      updated_at timestamptz not null default current_timestamp,
      role text not null check (role in ('REGULATOR_ADMIN', 'TEO_ADMIN', 'ASSESSOR', 'INSTITUTION_ADMIN',
        'TEACHER', 'LEARNER', 'EMPLOYER_HR')),
      org_kind text check (org_kind in ('REGULATOR', 'TEO', 'INSTITUTION', 'EMPLOYER')),
      org_id text,
      learner_id text references learner(id),
      check ((role = 'LEARNER') = (learner_id is not null)),
      check ((org_kind is null) = (org_id is null))
    );
    create table auth_session (
      id text primary key,
      expires_at timestamptz not null,
      token text not null unique,
      created_at timestamptz not null default current_timestamp,
      updated_at timestamptz not null,
      ip_address text,
      user_agent text,
      user_id text not null references auth_user(id) on delete cascade
    );
    create index auth_session_user_id_idx on auth_session(user_id);
    create table auth_account (
      id text primary key,
      account_id text not null,
      provider_id text not null,
      user_id text not null references auth_user(id) on delete cascade,
      access_token text,
      refresh_token text,
      id_token text,
      access_token_expires_at timestamptz,
      refresh_token_expires_at timestamptz,
      scope text,
      password text,
      created_at timestamptz not null default current_timestamp,
      updated_at timestamptz not null
    );
    create index auth_account_user_id_idx on auth_account(user_id);
    create table auth_verification (
      id text primary key,
      identifier text not null,
      value text not null,
      expires_at timestamptz not null,
      created_at timestamptz not null default current_timestamp,
      updated_at timestamptz not null default current_timestamp
    );
    create index auth_verification_identifier_idx on auth_verification(identifier);

    create table api_key (
      id text primary key,
      name text not null,
      prefix text not null,
      hash bytea not null unique,
      role text not null,
      org_kind text not null,
      org_id text not null,
      created_by text not null,
      created_at timestamptz not null,
      revoked_at timestamptz,
      last_used_at timestamptz
    );
    create index api_key_org on api_key(org_id);

    create table audit_log (
      id bigserial primary key,
      at timestamptz not null,
      actor_id text not null,
      actor_via text not null,
      role text,
      org_kind text,
      org_id text,
      action text not null,
      target text not null,
      status_code int not null,
      request_id text not null
    );
    create index audit_log_org on audit_log(org_id, id);

    create function forbid_audit_log_change() returns trigger language plpgsql as $$
    begin
      raise exception 'the audit log is append-only' using errcode = 'P0001';
    end $$;
    create trigger audit_log_append_only before update or delete on audit_log
      for each row execute function forbid_audit_log_change();
    create trigger audit_log_no_truncate before truncate on audit_log
      for each statement execute function forbid_audit_log_change();
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table audit_log;
    drop function forbid_audit_log_change();
    drop table api_key;
    drop table auth_verification;
    drop table auth_account;
    drop table auth_session;
    drop table auth_user;
  `.execute(db);
}
