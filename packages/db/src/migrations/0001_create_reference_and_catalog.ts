import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table meta (
      key text primary key,
      value text not null
    );

    create table reference_province (
      code text primary key,
      name_zh text not null,
      name_en text not null,
      region text not null check (region in ('EAST', 'CENTRAL', 'WEST')),
      region4 text not null check (region4 in ('EAST', 'CENTRAL', 'WEST', 'NORTHEAST'))
    );

    create table reference_major (
      code text primary key check (code ~ '^[0-9]{6}$'),
      name_zh text not null,
      name_en text not null,
      class_code text not null,
      group_code text not null,
      level text not null,
      catalog_version text not null,
      iscedf text,
      synthetic boolean not null
    );

    create table reference_occupation (
      code text primary key check (code ~ '^[1-8]-[0-9]{2}-[0-9]{2}-[0-9]{2}$'),
      name_zh text not null,
      markers text[] not null default '{}',
      isco_codes text[] not null default '{}',
      edition int not null,
      synthetic boolean not null
    );

    create table teo (
      id text primary key,
      code text not null unique,
      name_zh text not null,
      name_en text not null,
      org_type text not null,
      uscc text,
      status text not null,
      applied_at timestamptz not null,
      approved_at timestamptz,
      exited_at timestamptz,
      exit_reason text,
      synthetic boolean not null default false,
      created_at timestamptz not null,
      updated_at timestamptz not null
    );

    create table teo_status_change (
      id bigint generated always as identity primary key,
      teo_id text not null references teo(id),
      from_status text not null,
      to_status text not null,
      reason text,
      at timestamptz not null
    );

    create table certificate (
      id text primary key,
      code text not null unique,
      teo_id text not null references teo(id),
      name_zh text not null,
      name_en text not null,
      full_name_zh text not null,
      batch int,
      domain text not null,
      status text not null,
      occupation_codes text[] not null default '{}',
      isco_codes text[] not null default '{}',
      iscedf text[] not null default '{}',
      synthetic boolean not null default false,
      created_at timestamptz not null,
      updated_at timestamptz not null
    );
    create index certificate_teo on certificate(teo_id);

    create table certificate_status_change (
      id bigint generated always as identity primary key,
      certificate_id text not null references certificate(id),
      from_status text not null,
      to_status text not null,
      reason text,
      at timestamptz not null
    );

    create table certificate_level (
      certificate_id text not null references certificate(id) on delete cascade,
      level smallint not null check (level in (1, 2, 3)),
      name_zh text not null,
      name_en text not null,
      intended_stage text not null,
      target_majors text[] not null default '{}',
      nominal_hours int not null check (nominal_hours > 0),
      pass_rule jsonb not null,
      eqf smallint,
      primary key (certificate_id, level)
    );

    create table skill_standard (
      id text primary key,
      certificate_id text not null references certificate(id),
      version int not null check (version > 0),
      status text not null check (status in ('DRAFT', 'PUBLISHED')),
      title_zh text not null,
      title_en text not null,
      based_on_id text references skill_standard(id),
      created_at timestamptz not null,
      published_at timestamptz,
      unique (certificate_id, version)
    );

    create table skill_node (
      standard_id text not null references skill_standard(id) on delete cascade,
      level smallint not null check (level in (1, 2, 3)),
      code text not null check (code ~ '^[1-9][0-9]*(\.[1-9][0-9]*){0,2}$'),
      kind text not null check (kind in ('AREA', 'TASK', 'REQUIREMENT')),
      title_zh text not null,
      title_en text,
      behaviour text,
      condition text,
      standard text,
      result text,
      position int not null,
      primary key (standard_id, level, code)
    );

    -- A published standard is immutable (ARCHITECTURE.md §3): the service refuses such edits with
    -- a coded 409, and this trigger makes the rule hold for any other writer too.
    create function forbid_published_skill_node_change() returns trigger language plpgsql as $$
    declare
      sid text := coalesce(new.standard_id, old.standard_id);
    begin
      if exists (select 1 from skill_standard where id = sid and status = 'PUBLISHED') then
        raise exception 'skill standard % is published and immutable', sid using errcode = 'P0001';
      end if;
      return coalesce(new, old);
    end $$;
    create trigger skill_node_immutable before insert or update or delete on skill_node
      for each row execute function forbid_published_skill_node_change();

    create function forbid_published_standard_change() returns trigger language plpgsql as $$
    begin
      if old.status = 'PUBLISHED' then
        raise exception 'skill standard % is published and immutable', old.id using errcode = 'P0001';
      end if;
      return case when tg_op = 'DELETE' then old else new end;
    end $$;
    create trigger skill_standard_immutable before update or delete on skill_standard
      for each row execute function forbid_published_standard_change();
  `.execute(db);
}
