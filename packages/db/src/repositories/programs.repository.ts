import type {
  Course,
  Institution,
  Learner,
  LearnerFilter,
  LearnerRecord,
  Programme,
  ProgramsStore,
} from '@onex/core';
import type { Kysely, Selectable } from 'kysely';
import type { CourseTable, DB, InstitutionTable, LearnerTable, ProgrammeTable } from '../schema.ts';
import { inTransaction } from './scope.ts';

/** Institutions, programmes, courses and learners: the only place their SQL lives. */
export class ProgramsRepository implements ProgramsStore {
  constructor(private readonly db: Kysely<DB>) {}

  transaction<T>(fn: (tx: ProgramsStore) => Promise<T>): Promise<T> {
    return inTransaction(this.db, (trx) => new ProgramsRepository(trx), fn);
  }

  async listInstitutions(filter: { provinceCode?: string | undefined }): Promise<Institution[]> {
    const rows = await this.db
      .selectFrom('institution')
      .selectAll()
      .$if(filter.provinceCode !== undefined, (q) => q.where('province_code', '=', filter.provinceCode!))
      .orderBy('code')
      .execute();
    return rows.map(toInstitution);
  }

  async findInstitution(idOrCode: string): Promise<Institution | undefined> {
    const row = await this.db
      .selectFrom('institution')
      .selectAll()
      .where((eb) => eb.or([eb('id', '=', idOrCode), eb('code', '=', idOrCode)]))
      .executeTakeFirst();
    return row && toInstitution(row);
  }

  async insertInstitution(i: Institution, at: Date): Promise<void> {
    await this.insertInstitutions([i], at);
  }

  /** Bulk form used by the demo generator. */
  async insertInstitutions(list: Institution[], at: Date): Promise<void> {
    if (list.length === 0) return;
    await this.db
      .insertInto('institution')
      .values(
        list.map((i) => ({
          id: i.id,
          code: i.code,
          name_zh: i.nameZh,
          name_en: i.nameEn,
          type: i.type,
          province_code: i.provinceCode,
          urban_rural: i.urbanRural,
          is_double_high: i.isDoubleHigh,
          synthetic: i.synthetic,
          created_at: at,
        })),
      )
      .execute();
  }

  async listProgrammes(institutionId: string): Promise<Programme[]> {
    const rows = await this.db
      .selectFrom('programme')
      .selectAll()
      .where('institution_id', '=', institutionId)
      .orderBy('major_code')
      .orderBy('cohort_year')
      .execute();
    return rows.map(toProgramme);
  }

  async findProgramme(id: string): Promise<Programme | undefined> {
    const row = await this.db.selectFrom('programme').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toProgramme(row);
  }

  async findProgrammeByKey(
    institutionId: string,
    majorCode: string,
    cohortYear: number,
  ): Promise<Programme | undefined> {
    const row = await this.db
      .selectFrom('programme')
      .selectAll()
      .where('institution_id', '=', institutionId)
      .where('major_code', '=', majorCode)
      .where('cohort_year', '=', cohortYear)
      .executeTakeFirst();
    return row && toProgramme(row);
  }

  async insertProgramme(p: Programme, at: Date): Promise<void> {
    await this.insertProgrammes([p], at);
  }

  async insertProgrammes(list: Programme[], at: Date): Promise<void> {
    if (list.length === 0) return;
    await this.db
      .insertInto('programme')
      .values(
        list.map((p) => ({
          id: p.id,
          institution_id: p.institutionId,
          major_code: p.majorCode,
          cohort_year: p.cohortYear,
          name_zh: p.nameZh,
          hours_per_credit: p.hoursPerCredit,
          created_at: at,
        })),
      )
      .execute();
  }

  async listCourses(programmeId: string): Promise<Course[]> {
    const rows = await this.db
      .selectFrom('course')
      .selectAll()
      .where('programme_id', '=', programmeId)
      .orderBy('semester')
      .orderBy('code')
      .execute();
    return rows.map(toCourse);
  }

  async insertCourses(courses: Course[]): Promise<void> {
    for (let i = 0; i < courses.length; i += 2000) {
      await this.db
        .insertInto('course')
        .values(
          courses.slice(i, i + 2000).map((c) => ({
            id: c.id,
            programme_id: c.programmeId,
            code: c.code,
            name_zh: c.nameZh,
            name_en: c.nameEn,
            hours: c.hours,
            practice_hours: c.practiceHours,
            credits: c.credits,
            type: c.type,
            semester: c.semester,
          })),
        )
        .execute();
    }
  }

  async listLearners(filter: LearnerFilter): Promise<Learner[]> {
    const rows = await this.learnerQuery()
      .$if(filter.institutionId !== undefined, (q) => q.where('institution_id', '=', filter.institutionId!))
      .$if(filter.programmeId !== undefined, (q) => q.where('programme_id', '=', filter.programmeId!))
      .orderBy('id')
      .limit(filter.limit ?? 100)
      .offset(filter.offset ?? 0)
      .execute();
    return rows.map(toLearner);
  }

  async findLearner(id: string): Promise<Learner | undefined> {
    const row = await this.learnerQuery().where('id', '=', id).executeTakeFirst();
    return row && toLearner(row);
  }

  async findLearnerByIndex(index: Uint8Array): Promise<Learner | undefined> {
    const row = await this.learnerQuery().where('national_id_index', '=', index).executeTakeFirst();
    return row && toLearner(row);
  }

  async insertLearners(list: LearnerRecord[], at: Date): Promise<void> {
    // 13 columns: 4,000 rows stay under PostgreSQL's 65,535 bind parameters.
    for (let i = 0; i < list.length; i += 4000) {
      await this.db
        .insertInto('learner')
        .values(
          list.slice(i, i + 4000).map((l) => ({
            id: l.id,
            kind: l.kind,
            name_zh: l.nameZh,
            institution_id: l.institutionId,
            programme_id: l.programmeId,
            province_code: l.provinceCode,
            birth_year: l.birthYear,
            gender: l.gender,
            national_id_cipher: l.nationalIdCipher,
            national_id_index: l.nationalIdIndex,
            national_id_masked: l.nationalIdMasked,
            synthetic: l.synthetic,
            created_at: at,
          })),
        )
        .execute();
    }
  }

  async findLearners(ids: readonly string[]): Promise<Learner[]> {
    if (ids.length === 0) return [];
    const rows = await this.learnerQuery()
      .where('id', 'in', [...ids])
      .execute();
    return rows.map(toLearner);
  }

  async readNationalIdCiphers(ids: readonly string[]): Promise<Map<string, Uint8Array>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('learner')
      .select(['id', 'national_id_cipher'])
      .where('id', 'in', [...ids])
      .execute();
    return new Map(rows.map((r) => [r.id, r.national_id_cipher]));
  }

  /** Never selects the cipher or the index: what leaves this repository is masked. */
  private learnerQuery() {
    return this.db
      .selectFrom('learner')
      .select([
        'id',
        'kind',
        'name_zh',
        'institution_id',
        'programme_id',
        'province_code',
        'birth_year',
        'gender',
        'national_id_masked',
        'synthetic',
      ]);
  }
}

function toInstitution(r: Selectable<InstitutionTable>): Institution {
  return {
    id: r.id,
    code: r.code,
    nameZh: r.name_zh,
    nameEn: r.name_en,
    type: r.type as Institution['type'],
    provinceCode: r.province_code,
    urbanRural: r.urban_rural as Institution['urbanRural'],
    isDoubleHigh: r.is_double_high,
    synthetic: r.synthetic,
  };
}

function toProgramme(r: Selectable<ProgrammeTable>): Programme {
  return {
    id: r.id,
    institutionId: r.institution_id,
    majorCode: r.major_code,
    cohortYear: r.cohort_year,
    nameZh: r.name_zh,
    hoursPerCredit: r.hours_per_credit,
  };
}

function toCourse(r: Selectable<CourseTable>): Course {
  return {
    id: r.id,
    programmeId: r.programme_id,
    code: r.code,
    nameZh: r.name_zh,
    nameEn: r.name_en,
    hours: r.hours,
    practiceHours: r.practice_hours,
    credits: Number(r.credits),
    type: r.type as Course['type'],
    semester: r.semester,
  };
}

type LearnerRow = Omit<Selectable<LearnerTable>, 'national_id_cipher' | 'national_id_index' | 'created_at'>;
function toLearner(r: LearnerRow): Learner {
  return {
    id: r.id,
    kind: r.kind as Learner['kind'],
    nameZh: r.name_zh,
    institutionId: r.institution_id,
    programmeId: r.programme_id,
    provinceCode: r.province_code,
    birthYear: r.birth_year,
    gender: r.gender as Learner['gender'],
    nationalIdMasked: r.national_id_masked,
    synthetic: r.synthetic,
  };
}
