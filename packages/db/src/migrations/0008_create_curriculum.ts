import { type Kysely, sql } from 'kysely';

/**
 * 书证融通: a programme's courses mapped to skill requirements of one level of one standard version
 * (by code, as the catalog keys nodes), with how (EMBED / REPLACE / SUPPLEMENT) and how much (0, 1].
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table curriculum_mapping (
      id text primary key,
      programme_id text not null references programme(id) on delete cascade,
      course_id text not null references course(id) on delete cascade,
      standard_id text not null references skill_standard(id),
      certificate_id text not null references certificate(id),
      level smallint not null check (level between 1 and 3),
      requirement_code text not null,
      kind text not null check (kind in ('EMBED', 'REPLACE', 'SUPPLEMENT')),
      weight numeric(7, 6) not null check (weight > 0 and weight <= 1),
      unique (programme_id, standard_id, level, course_id, requirement_code)
    );
    create index curriculum_mapping_target on curriculum_mapping(programme_id, standard_id, level);
  `.execute(db);
}
