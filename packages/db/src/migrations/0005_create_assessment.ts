import { type Kysely, sql } from 'kysely';

/**
 * Assessment (issue 5): pilot authorizations, sites approved by their TEO, sessions, registrations
 * with the TEO's prerequisites as data, results with every revision kept.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table pilot_authorization (
      id text primary key,
      institution_id text not null references institution(id),
      certificate_id text not null references certificate(id),
      levels smallint[] not null check (cardinality(levels) between 1 and 3 and levels <@ '{1,2,3}'::smallint[]),
      year int not null check (year between 2019 and 2100),
      status text not null check (status in ('ACTIVE', 'CLOSED')),
      created_at timestamptz not null,
      closed_at timestamptz
    );
    -- One active authorization per institution, certificate and year.
    create unique index pilot_authorization_active on pilot_authorization(institution_id, certificate_id, year)
      where status = 'ACTIVE';
    create index pilot_authorization_certificate on pilot_authorization(certificate_id);

    create table assessment_site (
      id text primary key,
      code text not null unique,
      name_zh text not null,
      teo_id text not null references teo(id),
      host_type text not null check (host_type in ('INSTITUTION', 'ENTERPRISE')),
      host_institution_id text references institution(id),
      host_name_zh text not null,
      province_code text not null references reference_province(code),
      capacity int not null check (capacity between 1 and 100000),
      status text not null check (status in ('PENDING', 'APPROVED', 'SUSPENDED', 'CLOSED')),
      created_at timestamptz not null,
      approved_at timestamptz,
      updated_at timestamptz not null,
      check (host_type = 'ENTERPRISE' or host_institution_id is not null)
    );
    create index assessment_site_teo on assessment_site(teo_id);

    create table assessment_site_level (
      site_id text not null references assessment_site(id) on delete cascade,
      certificate_id text not null,
      level smallint not null,
      primary key (site_id, certificate_id, level),
      foreign key (certificate_id, level) references certificate_level(certificate_id, level)
    );

    create table assessment_site_status_change (
      id bigint generated always as identity primary key,
      site_id text not null references assessment_site(id),
      from_status text not null,
      to_status text not null,
      reason text,
      at timestamptz not null
    );

    create table assessment_prerequisite (
      certificate_id text not null,
      level smallint not null,
      rules jsonb not null,
      updated_at timestamptz not null,
      primary key (certificate_id, level),
      foreign key (certificate_id, level) references certificate_level(certificate_id, level)
    );

    create table assessment_session (
      id text primary key,
      certificate_id text not null,
      level smallint not null,
      standard_id text not null references skill_standard(id),
      site_id text not null references assessment_site(id),
      exam_date text not null check (exam_date ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
      theory_mode text not null check (theory_mode in ('ONLINE', 'PAPER')),
      practical_mode text not null check (practical_mode in ('ON_SITE', 'ON_COMPUTER')),
      registration_opens_at timestamptz not null,
      registration_closes_at timestamptz not null,
      capacity int not null check (capacity > 0),
      results_status text not null check (results_status in ('DRAFT', 'PUBLISHED')),
      results_published_at timestamptz,
      created_at timestamptz not null,
      check (registration_opens_at < registration_closes_at),
      check ((results_status = 'PUBLISHED') = (results_published_at is not null)),
      foreign key (certificate_id, level) references certificate_level(certificate_id, level)
    );
    create index assessment_session_certificate on assessment_session(certificate_id, level, exam_date);
    create index assessment_session_site on assessment_session(site_id);

    -- certificate_id, level and exam_date repeat the session's so that the database itself refuses a
    -- double sitting (same learner, certificate level and date), even between concurrent requests.
    create table assessment_registration (
      id text primary key,
      session_id text not null references assessment_session(id),
      learner_id text not null references learner(id),
      certificate_id text not null,
      level smallint not null,
      exam_date text not null,
      training_hours int check (training_hours between 0 and 100000),
      registered_at timestamptz not null,
      unique (session_id, learner_id),
      unique (learner_id, certificate_id, level, exam_date)
    );
    create index assessment_registration_session on assessment_registration(session_id);

    create table assessment_result (
      id text primary key,
      registration_id text not null unique references assessment_registration(id),
      session_id text not null references assessment_session(id),
      learner_id text not null references learner(id),
      status text not null check (status in ('SCORED', 'ABSENT')),
      theory numeric(4, 1) check (theory between 0 and 100),
      practical numeric(4, 1) check (practical between 0 and 100),
      total numeric(4, 1) check (total between 0 and 100),
      passed boolean not null,
      reasons jsonb not null,
      revision int not null check (revision > 0),
      updated_at timestamptz not null,
      -- Absence is a status, not a zero: an absent candidate has no scores and did not pass.
      check ((status = 'ABSENT') = (theory is null and practical is null and total is null)),
      check (status = 'SCORED' or not passed)
    );
    create index assessment_result_session on assessment_result(session_id, id);
    create index assessment_result_learner on assessment_result(learner_id);

    create table assessment_result_revision (
      id bigint generated always as identity primary key,
      result_id text not null references assessment_result(id),
      revision int not null,
      status text not null,
      theory numeric(4, 1),
      practical numeric(4, 1),
      total numeric(4, 1),
      passed boolean not null,
      reason text not null,
      actor text not null,
      at timestamptz not null,
      unique (result_id, revision)
    );
  `.execute(db);
}
