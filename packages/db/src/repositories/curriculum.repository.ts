import {
  type CurriculumMapping,
  type CurriculumStore,
  type LatestStandard,
  type LevelCode,
  type MappingFilter,
  type MappingKind,
  type ProgrammeLevelTotals,
  weightScale,
} from '@onex/core';
import { type Kysely, type Selectable, sql } from 'kysely';
import type { CurriculumMappingTable, DB } from '../schema.ts';
import { inTransaction } from './scope.ts';

/** Course ↔ skill requirement mappings (书证融通): the only place their SQL lives. */
export class CurriculumRepository implements CurriculumStore {
  constructor(private readonly db: Kysely<DB>) {}

  transaction<T>(fn: (tx: CurriculumStore) => Promise<T>): Promise<T> {
    return inTransaction(this.db, (trx) => new CurriculumRepository(trx), fn);
  }

  async listMappings(filter: MappingFilter): Promise<CurriculumMapping[]> {
    if (filter.programmeIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('curriculum_mapping as m')
      .innerJoin('course as c', 'c.id', 'm.course_id')
      .selectAll('m')
      .select('c.code as course_code')
      .where('m.programme_id', 'in', filter.programmeIds)
      .$if(filter.standardId !== undefined, (q) => q.where('m.standard_id', '=', filter.standardId!))
      .$if(filter.level !== undefined, (q) => q.where('m.level', '=', filter.level!))
      .orderBy('m.programme_id')
      .orderBy('m.requirement_code')
      .orderBy('c.code')
      .execute();
    return rows.map(toMapping);
  }

  async latestStandards(): Promise<LatestStandard[]> {
    // Per certificate, its highest published version, else its highest draft.
    const rows = await this.db
      .selectFrom('skill_standard')
      .distinctOn('certificate_id')
      .select(['id', 'certificate_id', 'version', 'status'])
      .orderBy('certificate_id')
      .orderBy(sql`status = 'PUBLISHED'`, 'desc')
      .orderBy('version', 'desc')
      .execute();
    return rows.map((r) => ({
      certificateId: r.certificate_id,
      standardId: r.id,
      version: r.version,
      status: r.status as LatestStandard['status'],
    }));
  }

  async requirementCounts(
    standardIds: readonly string[],
  ): Promise<{ standardId: string; level: LevelCode; requirements: number }[]> {
    if (standardIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('skill_node')
      .select(['standard_id', 'level'])
      .select(sql<number>`count(*)::int`.as('requirements'))
      .where('standard_id', 'in', standardIds)
      .where('kind', '=', 'REQUIREMENT')
      .groupBy(['standard_id', 'level'])
      .execute();
    return rows.map((r) => ({
      standardId: r.standard_id,
      level: r.level as LevelCode,
      requirements: Number(r.requirements),
    }));
  }

  async coverageTotals(filter: {
    institutionId: string;
    standardIds: readonly string[];
  }): Promise<ProgrammeLevelTotals[]> {
    if (filter.standardIds.length === 0) return [];
    const scale = sql.lit(weightScale);
    // Per requirement: min(1, Σ weights) in millionths (numeric arithmetic, exact); only codes that
    // are REQUIREMENT nodes of the mapping's standard and level count (the primary key of skill_node).
    const perRequirement = this.db
      .selectFrom('curriculum_mapping as m')
      .innerJoin('skill_node as n', (j) =>
        j
          .onRef('n.standard_id', '=', 'm.standard_id')
          .onRef('n.level', '=', 'm.level')
          .onRef('n.code', '=', 'm.requirement_code'),
      )
      .where('n.kind', '=', 'REQUIREMENT')
      .where('m.standard_id', 'in', filter.standardIds)
      .where('m.programme_id', 'in', (eb) =>
        eb.selectFrom('programme').select('id').where('institution_id', '=', filter.institutionId),
      )
      .select([
        'm.programme_id',
        'm.standard_id',
        'm.level',
        sql<string>`least(${scale}, sum(round(m.weight * ${scale})))`.as('micros'),
      ])
      .groupBy(['m.programme_id', 'm.standard_id', 'm.level', 'm.requirement_code']);
    const rows = await this.db
      .selectFrom(perRequirement.as('r'))
      .select([
        'r.programme_id',
        'r.standard_id',
        'r.level',
        sql<number>`(count(*) filter (where r.micros >= ${scale}))::int`.as('covered'),
        sql<number>`(count(*) filter (where r.micros < ${scale}))::int`.as('partial'),
        sql<string>`sum(r.micros)::bigint`.as('coverage_micros'),
      ])
      .groupBy(['r.programme_id', 'r.standard_id', 'r.level'])
      .orderBy('r.programme_id')
      .orderBy('r.standard_id')
      .orderBy('r.level')
      .execute();
    return rows.map((r) => ({
      programmeId: r.programme_id,
      standardId: r.standard_id,
      level: r.level as LevelCode,
      covered: Number(r.covered),
      partial: Number(r.partial),
      coverageMicros: Number(r.coverage_micros),
    }));
  }

  async replaceMappings(
    programmeId: string,
    standardId: string,
    level: LevelCode,
    mappings: CurriculumMapping[],
  ): Promise<void> {
    await this.db
      .deleteFrom('curriculum_mapping')
      .where('programme_id', '=', programmeId)
      .where('standard_id', '=', standardId)
      .where('level', '=', level)
      .execute();
    await this.insertMappings(mappings);
  }

  /** Bulk insert (the demo and benchmarks use it directly). */
  async insertMappings(mappings: readonly CurriculumMapping[]): Promise<void> {
    // 9 columns: 5,000 rows stay under PostgreSQL's 65,535 bind parameters.
    for (let i = 0; i < mappings.length; i += 5000) {
      await this.db
        .insertInto('curriculum_mapping')
        .values(
          mappings.slice(i, i + 5000).map((m) => ({
            id: m.id,
            programme_id: m.programmeId,
            course_id: m.courseId,
            standard_id: m.standardId,
            certificate_id: m.certificateId,
            level: m.level,
            requirement_code: m.requirementCode,
            kind: m.kind,
            weight: m.weight,
          })),
        )
        .execute();
    }
  }
}

function toMapping(r: Selectable<CurriculumMappingTable> & { course_code: string }): CurriculumMapping {
  return {
    id: r.id,
    programmeId: r.programme_id,
    courseId: r.course_id,
    courseCode: r.course_code,
    standardId: r.standard_id,
    certificateId: r.certificate_id,
    level: r.level as LevelCode,
    requirementCode: r.requirement_code,
    kind: r.kind as MappingKind,
    weight: Number(r.weight),
  };
}
