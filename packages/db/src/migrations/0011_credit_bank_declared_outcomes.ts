import { type Kysely, sql } from 'kysely';

/**
 * Declared learning outcomes (a course passed elsewhere, a diploma, a competition award, work
 * experience) are recognised only after a review: they wait as PENDING with their evidence, then
 * are approved (ACCUMULATED) or REJECTED, the review recorded. Conversion rules match either X
 * certificates (certificate code and level, as before) or declared outcomes of a kind by the code
 * they were declared with; existing rules are X_CERT rules.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table credit_outcome drop constraint credit_outcome_status_check;
    alter table credit_outcome add constraint credit_outcome_status_check
      check (status in ('PENDING', 'ACCUMULATED', 'CONVERTED', 'WITHDRAWN', 'REJECTED'));
    alter table credit_outcome
      add column outcome_code text,
      add column evidence jsonb not null default '[]',
      add column submitted_by text,
      add column review jsonb;
    alter table credit_outcome add constraint credit_outcome_reviewed
      check (status <> 'REJECTED' or review is not null);
    create index credit_outcome_queue on credit_outcome(institution_id, status, recognised_at)
      where institution_id is not null;

    alter table credit_rule
      add column outcome_kind text not null default 'X_CERT'
        check (outcome_kind in ('X_CERT', 'COURSE', 'DIPLOMA', 'COMPETITION', 'WORK_EXPERIENCE')),
      add column outcome_code text,
      alter column certificate_code drop not null,
      alter column level drop not null;
    alter table credit_rule add constraint credit_rule_match check (
      (outcome_kind = 'X_CERT' and certificate_code is not null and level is not null and outcome_code is null)
      or (outcome_kind <> 'X_CERT' and outcome_code is not null and certificate_code is null and level is null)
    );
    alter table credit_rule drop constraint credit_rule_institution_id_certificate_code_level_version_key;
    create unique index credit_rule_version on credit_rule(
      institution_id, outcome_kind, coalesce(certificate_code, outcome_code), coalesce(level, 0), version
    );
  `.execute(db);
}

/** Refused (by the append-only ledger's references) once a declared-outcome rule has converted anything. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    delete from credit_outcome where status in ('PENDING', 'REJECTED');
    delete from credit_rule where outcome_kind <> 'X_CERT';
    drop index credit_rule_version;
    alter table credit_rule drop constraint credit_rule_match;
    alter table credit_rule
      drop column outcome_code,
      drop column outcome_kind,
      alter column certificate_code set not null,
      alter column level set not null;
    alter table credit_rule add constraint credit_rule_institution_id_certificate_code_level_version_key
      unique (institution_id, certificate_code, level, version);

    drop index credit_outcome_queue;
    alter table credit_outcome drop constraint credit_outcome_reviewed;
    alter table credit_outcome
      drop column review,
      drop column submitted_by,
      drop column evidence,
      drop column outcome_code;
    alter table credit_outcome drop constraint credit_outcome_status_check;
    alter table credit_outcome add constraint credit_outcome_status_check
      check (status in ('ACCUMULATED', 'CONVERTED', 'WITHDRAWN'));
  `.execute(db);
}
