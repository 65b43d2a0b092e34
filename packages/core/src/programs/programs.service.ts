import { findMajor, findProvince } from '../catalog/index.ts';
import {
  type Clock,
  DomainError,
  type FieldIssue,
  type IdGenerator,
  invalid,
  notFound,
} from '../shared/index.ts';
import { maskNationalId, parseNationalId } from './national-id.ts';
import type {
  Course,
  CourseType,
  Institution,
  InstitutionType,
  Learner,
  LearnerKind,
  LearnerRecord,
  Programme,
  ProgrammeWithCourses,
  UrbanRural,
} from './programs.model.ts';
import type { IdentityVault, LearnerFilter, ProgramsStore } from './programs.ports.ts';

export interface ProgramsDeps {
  store: ProgramsStore;
  vault: IdentityVault;
  clock: Clock;
  ids: IdGenerator;
}

export interface NewInstitution {
  code: string;
  nameZh: string;
  nameEn: string;
  type: InstitutionType;
  provinceCode: string;
  urbanRural: UrbanRural;
  isDoubleHigh?: boolean | undefined;
  synthetic?: boolean | undefined;
}

export interface NewProgramme {
  majorCode: string;
  cohortYear: number;
  nameZh?: string | undefined;
  hoursPerCredit: number;
}

export interface NewCourse {
  code: string;
  nameZh: string;
  nameEn?: string | undefined;
  hours: number;
  practiceHours?: number | undefined;
  /** Defaults to hours / hoursPerCredit, rounded to half a credit. */
  credits?: number | undefined;
  type: CourseType;
  semester?: number | undefined;
}

export interface NewLearner {
  kind: LearnerKind;
  nameZh: string;
  nationalId: string;
  institutionId?: string | undefined;
  programmeId?: string | undefined;
  /** Defaults to the institution's province (students) and is required for social learners. */
  provinceCode?: string | undefined;
  synthetic?: boolean | undefined;
}

/** Which catalogue levels a type of institution offers majors from (DOMAIN.md §5.2). */
const majorLevelsByInstitution: Record<InstitutionType, readonly string[]> = {
  SECONDARY_VET: ['SECONDARY_VET'],
  TECHNICAL_SCHOOL: ['SECONDARY_VET'],
  HIGHER_VET: ['HIGHER_VET_SHORT'],
  VOCATIONAL_UNDERGRAD: ['VOCATIONAL_BACHELOR', 'HIGHER_VET_SHORT'],
  APPLIED_UNDERGRAD: ['VOCATIONAL_BACHELOR', 'HIGHER_VET_SHORT'],
};

/** Institutions, their programmes and courses, and learners (student or social). */
export class ProgramsService {
  constructor(private readonly deps: ProgramsDeps) {}

  listInstitutions(filter: { provinceCode?: string | undefined } = {}): Promise<Institution[]> {
    return this.deps.store.listInstitutions(filter);
  }

  async getInstitution(idOrCode: string): Promise<Institution> {
    const inst = await this.deps.store.findInstitution(idOrCode);
    if (!inst) throw notFound('院校 institution', idOrCode);
    return inst;
  }

  async createInstitution(input: NewInstitution): Promise<Institution> {
    if (!findProvince(input.provinceCode)) {
      throw invalid('provinceCode', {
        zh: `未知的省级行政区代码：${input.provinceCode}`,
        en: `Unknown province code (GB/T 2260): ${input.provinceCode}`,
      });
    }
    const now = this.deps.clock.now();
    return this.deps.store.transaction(async (tx) => {
      if (await tx.findInstitution(input.code)) throw duplicate('institution', input.code);
      const inst: Institution = {
        id: this.deps.ids.next('inst'),
        code: input.code,
        nameZh: input.nameZh,
        nameEn: input.nameEn,
        type: input.type,
        provinceCode: input.provinceCode,
        urbanRural: input.urbanRural,
        isDoubleHigh: input.isDoubleHigh ?? false,
        synthetic: input.synthetic ?? false,
      };
      await tx.insertInstitution(inst, now);
      return inst;
    });
  }

  async listProgrammes(institutionIdOrCode: string): Promise<Programme[]> {
    const inst = await this.getInstitution(institutionIdOrCode);
    return this.deps.store.listProgrammes(inst.id);
  }

  async getProgramme(id: string): Promise<ProgrammeWithCourses> {
    const prog = await this.deps.store.findProgramme(id);
    if (!prog) throw notFound('专业 programme', id);
    const courses = await this.deps.store.listCourses(id);
    return withTotals(prog, courses);
  }

  async createProgramme(institutionIdOrCode: string, input: NewProgramme): Promise<Programme> {
    const major = findMajor(input.majorCode);
    if (!major) {
      throw invalid('majorCode', {
        zh: `未知的专业代码（2021 年目录）：${input.majorCode}`,
        en: `Unknown major code (2021 catalogue): ${input.majorCode}`,
      });
    }
    const now = this.deps.clock.now();
    return this.deps.store.transaction(async (tx) => {
      const inst = await tx.findInstitution(institutionIdOrCode);
      if (!inst) throw notFound('院校 institution', institutionIdOrCode);
      if (!majorLevelsByInstitution[inst.type].includes(major.level)) {
        throw invalid('majorCode', {
          zh: `${inst.nameZh}（${inst.type}）不能开设 ${major.level} 层次专业 ${major.code}`,
          en: `A ${inst.type} institution cannot offer the ${major.level} major ${major.code}`,
        });
      }
      if (await tx.findProgrammeByKey(inst.id, input.majorCode, input.cohortYear)) {
        throw duplicate('programme', `${inst.code}/${input.majorCode}/${input.cohortYear}`);
      }
      const prog: Programme = {
        id: this.deps.ids.next('prog'),
        institutionId: inst.id,
        majorCode: major.code,
        cohortYear: input.cohortYear,
        nameZh: input.nameZh ?? major.nameZh,
        hoursPerCredit: input.hoursPerCredit,
      };
      await tx.insertProgramme(prog, now);
      return prog;
    });
  }

  /** Adds courses to a programme, all or none. */
  async addCourses(programmeId: string, inputs: NewCourse[]): Promise<ProgrammeWithCourses> {
    return this.deps.store.transaction(async (tx) => {
      const prog = await tx.findProgramme(programmeId);
      if (!prog) throw notFound('专业 programme', programmeId);
      const existing = await tx.listCourses(programmeId);
      const codes = new Set(existing.map((c) => c.code));
      const issues: FieldIssue[] = [];
      const courses = inputs.map((c, i): Course => {
        if (codes.has(c.code))
          issues.push({ path: `${i}.code`, message: `course code ${c.code} already exists` });
        codes.add(c.code);
        const practiceHours = c.practiceHours ?? 0;
        if (practiceHours > c.hours) {
          issues.push({ path: `${i}.practiceHours`, message: 'practice hours exceed the course hours' });
        }
        return {
          id: this.deps.ids.next('course'),
          programmeId,
          code: c.code,
          nameZh: c.nameZh,
          nameEn: c.nameEn ?? null,
          hours: c.hours,
          practiceHours,
          credits: c.credits ?? Math.max(0.5, Math.round((c.hours / prog.hoursPerCredit) * 2) / 2),
          type: c.type,
          semester: c.semester ?? null,
        };
      });
      if (issues.length > 0) {
        throw new DomainError(
          'VALIDATION_FAILED',
          { zh: `课程有 ${issues.length} 处错误`, en: `${issues.length} course problem(s)` },
          { issues },
        );
      }
      await tx.insertCourses(courses);
      return withTotals(prog, [...existing, ...courses]);
    });
  }

  listLearners(filter: LearnerFilter): Promise<Learner[]> {
    return this.deps.store.listLearners(filter);
  }

  /** The learners of these ids that exist (any order). */
  findLearners(ids: readonly string[]): Promise<Learner[]> {
    return this.deps.store.findLearners(ids);
  }

  async getLearner(id: string): Promise<Learner> {
    const learner = await this.deps.store.findLearner(id);
    if (!learner) throw notFound('学习者 learner', id);
    return learner;
  }

  /**
   * For credentials' hashed recipient identifiers (OB 3.0 IdentityObject): `hash` applied to each
   * learner's clear ID number, which never leaves this method. Learners without one are absent.
   */
  async hashNationalIds(
    learnerIds: readonly string[],
    hash: (nationalId: string, learnerId: string) => string,
  ): Promise<Map<string, string>> {
    const ciphers = await this.deps.store.readNationalIdCiphers(learnerIds);
    const out = new Map<string, string>();
    for (const [id, cipher] of ciphers) out.set(id, hash(this.deps.vault.decrypt(cipher), id));
    return out;
  }

  /** Finds a learner by ID number through the keyed hash; the number itself is never stored in clear. */
  async findLearnerByNationalId(nationalId: string): Promise<Learner | undefined> {
    const parsed = parseNationalId(nationalId);
    if ('problem' in parsed) throw nationalIdInvalid('nationalId', parsed.problem);
    return this.deps.store.findLearnerByIndex(this.deps.vault.index(parsed.normalized));
  }

  async registerLearner(input: NewLearner): Promise<Learner> {
    const [learner] = await this.registerLearners([input]);
    return learner!;
  }

  /** Registers learners, all or none; every bad row is reported with its index. */
  async registerLearners(inputs: NewLearner[]): Promise<Learner[]> {
    const now = this.deps.clock.now();
    return this.deps.store.transaction(async (tx) => {
      const issues: FieldIssue[] = [];
      const records: LearnerRecord[] = [];
      const seen = new Set<string>();
      for (const [i, input] of inputs.entries()) {
        const at = inputs.length === 1 ? '' : `${i}.`;
        const parsed = parseNationalId(input.nationalId);
        if ('problem' in parsed) {
          issues.push({ path: `${at}nationalId`, message: nationalIdMessage(parsed.problem).en });
          continue;
        }
        let provinceCode = input.provinceCode;
        let institutionId: string | null = null;
        let programmeId: string | null = null;
        if (input.institutionId) {
          const inst = await tx.findInstitution(input.institutionId);
          if (!inst) {
            issues.push({
              path: `${at}institutionId`,
              message: `unknown institution ${input.institutionId}`,
            });
            continue;
          }
          institutionId = inst.id;
          provinceCode ??= inst.provinceCode;
        } else if (input.kind === 'STUDENT') {
          issues.push({ path: `${at}institutionId`, message: 'a student belongs to an institution' });
          continue;
        }
        if (input.programmeId) {
          const prog = await tx.findProgramme(input.programmeId);
          if (!prog || prog.institutionId !== institutionId) {
            issues.push({
              path: `${at}programmeId`,
              message: `unknown programme ${input.programmeId} at this institution`,
            });
            continue;
          }
          programmeId = prog.id;
        }
        if (!provinceCode || !findProvince(provinceCode)) {
          issues.push({
            path: `${at}provinceCode`,
            message: `unknown or missing province code ${provinceCode ?? ''}`,
          });
          continue;
        }
        const index = this.deps.vault.index(parsed.normalized);
        const key = toHex(index);
        if (seen.has(key) || (await tx.findLearnerByIndex(index))) {
          issues.push({
            path: `${at}nationalId`,
            message: 'a learner with this ID number is already registered',
          });
          continue;
        }
        seen.add(key);
        records.push({
          id: this.deps.ids.next('lrn'),
          kind: input.kind,
          nameZh: input.nameZh,
          institutionId,
          programmeId,
          provinceCode,
          birthYear: parsed.birthYear,
          gender: parsed.gender,
          nationalIdMasked: maskNationalId(parsed.normalized),
          nationalIdCipher: this.deps.vault.encrypt(parsed.normalized),
          nationalIdIndex: index,
          synthetic: input.synthetic ?? false,
        });
      }
      if (issues.length > 0) {
        const duplicateOnly = issues.every((i) => i.message.includes('already registered'));
        throw new DomainError(
          duplicateOnly ? 'PROGRAMS_DUPLICATE_LEARNER' : 'VALIDATION_FAILED',
          { zh: `学习者信息有 ${issues.length} 处错误`, en: `${issues.length} learner problem(s)` },
          { issues },
        );
      }
      await tx.insertLearners(records, now);
      return records.map(toLearner);
    });
  }
}

function toHex(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s;
}

function toLearner(r: LearnerRecord): Learner {
  const { nationalIdCipher: _c, nationalIdIndex: _i, ...learner } = r;
  return learner;
}

function withTotals(prog: Programme, courses: Course[]): ProgrammeWithCourses {
  return {
    ...prog,
    courses,
    totalHours: courses.reduce((s, c) => s + c.hours, 0),
    totalCredits: courses.reduce((s, c) => s + c.credits, 0),
  };
}

function nationalIdMessage(problem: 'SHAPE' | 'BIRTH_DATE' | 'CHECK_DIGIT') {
  switch (problem) {
    case 'SHAPE':
      return {
        zh: '身份证号应为 17 位数字加 1 位校验码（0–9 或 X）',
        en: 'An ID number is 17 digits and a check character (0–9 or X)',
      };
    case 'BIRTH_DATE':
      return { zh: '身份证号中的出生日期无效', en: 'The birth date in the ID number is not a valid date' };
    case 'CHECK_DIGIT':
      return {
        zh: '身份证号校验码错误（ISO 7064 MOD 11-2）',
        en: 'The ID number check digit is wrong (ISO 7064 MOD 11-2)',
      };
  }
}

function nationalIdInvalid(path: string, problem: 'SHAPE' | 'BIRTH_DATE' | 'CHECK_DIGIT'): DomainError {
  return invalid(path, nationalIdMessage(problem));
}

function duplicate(what: string, code: string): DomainError {
  return new DomainError(
    'PROGRAMS_DUPLICATE_CODE',
    { zh: `代码已存在：${code}`, en: `A ${what} with code ${code} already exists` },
    { code },
  );
}
