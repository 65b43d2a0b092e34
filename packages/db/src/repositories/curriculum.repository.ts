import type { CurriculumMapping, CurriculumStore, LevelCode, MappingFilter, MappingKind } from '@onex/core';
import type { Kysely, Selectable } from 'kysely';
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
