import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table institution (
      id text primary key,
      code text not null unique,
      name_zh text not null,
      name_en text not null,
      type text not null,
      province_code text not null references reference_province(code),
      urban_rural text not null check (urban_rural in ('URBAN', 'RURAL')),
      is_double_high boolean not null default false,
      synthetic boolean not null default false,
      created_at timestamptz not null
    );
    create index institution_province on institution(province_code);

    create table programme (
      id text primary key,
      institution_id text not null references institution(id),
      major_code text not null references reference_major(code),
      cohort_year int not null check (cohort_year between 2000 and 2100),
      name_zh text not null,
      hours_per_credit smallint not null check (hours_per_credit between 16 and 18),
      created_at timestamptz not null,
      unique (institution_id, major_code, cohort_year)
    );
    create index programme_institution on programme(institution_id);

    create table course (
      id text primary key,
      programme_id text not null references programme(id) on delete cascade,
      code text not null,
      name_zh text not null,
      name_en text,
      hours int not null check (hours > 0),
      practice_hours int not null default 0 check (practice_hours >= 0 and practice_hours <= hours),
      credits numeric(5, 1) not null check (credits > 0),
      type text not null,
      semester smallint,
      unique (programme_id, code)
    );
    create index course_programme on course(programme_id);

    create table learner (
      id text primary key,
      kind text not null check (kind in ('STUDENT', 'SOCIAL')),
      name_zh text not null,
      institution_id text references institution(id),
      programme_id text references programme(id),
      province_code text not null references reference_province(code),
      birth_year int,
      gender text check (gender in ('F', 'M')),
      national_id_cipher bytea not null,
      national_id_index bytea not null unique,
      national_id_masked text not null,
      synthetic boolean not null default false,
      created_at timestamptz not null,
      check (kind = 'SOCIAL' or institution_id is not null)
    );
    create index learner_institution on learner(institution_id);
    create index learner_programme on learner(programme_id);
  `.execute(db);
}
