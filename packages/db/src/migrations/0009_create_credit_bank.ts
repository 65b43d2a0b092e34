import { type Kysely, sql } from 'kysely';

/**
 * The credit bank (学分银行): one account per learner, learning outcomes, institutions' versioned
 * conversion rules (days as ISO text, like assessment dates), and the ledger of credit transactions, which only ever grows: a trigger refuses
 * updates and deletes, so a withdrawal is a reversing transaction.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table credit_account (
      id text primary key,
      learner_id text not null unique references learner(id),
      account_no text not null unique,
      opened_at timestamptz not null
    );

    create table credit_outcome (
      id text primary key,
      account_id text not null references credit_account(id),
      kind text not null check (kind in ('X_CERT', 'OB_CREDENTIAL', 'COURSE', 'DIPLOMA', 'COMPETITION', 'WORK_EXPERIENCE')),
      title_zh text not null,
      title_en text not null,
      status text not null check (status in ('ACCUMULATED', 'CONVERTED', 'WITHDRAWN')),
      certificate_code text,
      level smallint check (level between 1 and 3),
      credential_id text references credential(id),
      document jsonb,
      issuer_did text,
      verification jsonb,
      credits numeric(6, 1) not null check (credits >= 0),
      institution_id text references institution(id),
      achieved_on text not null check (achieved_on ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
      source_key text not null,
      recognised_at timestamptz not null,
      unique (account_id, source_key)
    );
    create index credit_outcome_account on credit_outcome(account_id);

    create table credit_rule (
      id text primary key,
      institution_id text not null references institution(id),
      certificate_code text not null,
      level smallint not null check (level between 1 and 3),
      version int not null check (version >= 1),
      credits numeric(6, 1) not null check (credits >= 0),
      exempt_course_ids text[] not null,
      effective_from text not null check (effective_from ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
      effective_to text check (effective_to is null or (effective_to ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' and effective_to > effective_from)),
      note text,
      created_at timestamptz not null,
      unique (institution_id, certificate_code, level, version)
    );
    create index credit_rule_institution on credit_rule(institution_id, certificate_code, level);

    create table credit_transaction (
      seq bigint generated always as identity primary key,
      id text not null unique,
      account_id text not null references credit_account(id),
      outcome_id text not null references credit_outcome(id),
      kind text not null check (kind in ('ACCUMULATE', 'EXEMPT', 'CREDIT', 'REVERSE')),
      institution_id text references institution(id),
      rule_id text references credit_rule(id),
      rule_version int,
      course_id text,
      credits numeric(7, 1) not null,
      reverses_id text unique references credit_transaction(id),
      explanation_zh text not null,
      explanation_en text not null,
      at timestamptz not null,
      check ((kind = 'REVERSE') = (reverses_id is not null))
    );
    create index credit_transaction_account on credit_transaction(account_id, seq);

    create function credit_transaction_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'credit_transaction is append-only: % refused', tg_op;
    end;
    $$;
    create trigger credit_transaction_append_only before update or delete on credit_transaction
      for each row execute function credit_transaction_append_only();
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table credit_transaction;
    drop function credit_transaction_append_only();
    drop table credit_rule;
    drop table credit_outcome;
    drop table credit_account;
  `.execute(db);
}
