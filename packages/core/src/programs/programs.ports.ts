import type { Course, Institution, Learner, LearnerRecord, Programme } from './programs.model.ts';

/**
 * Encrypts national ID numbers at rest (AES-256-GCM) and derives the keyed hash used to find one
 * without decrypting (HMAC-SHA-256). Keys come from configuration; `db` implements it on node:crypto.
 */
export interface IdentityVault {
  encrypt(plain: string): Uint8Array;
  decrypt(cipher: Uint8Array): string;
  index(plain: string): Uint8Array;
}

export interface LearnerFilter {
  institutionId?: string | undefined;
  programmeId?: string | undefined;
  limit?: number | undefined;
  offset?: number | undefined;
}

export interface ProgramsStore {
  transaction<T>(fn: (tx: ProgramsStore) => Promise<T>): Promise<T>;

  listInstitutions(filter: { provinceCode?: string | undefined }): Promise<Institution[]>;
  findInstitution(idOrCode: string): Promise<Institution | undefined>;
  insertInstitution(institution: Institution, at: Date): Promise<void>;

  listProgrammes(institutionId: string): Promise<Programme[]>;
  findProgramme(id: string): Promise<Programme | undefined>;
  findProgrammeByKey(
    institutionId: string,
    majorCode: string,
    cohortYear: number,
  ): Promise<Programme | undefined>;
  insertProgramme(programme: Programme, at: Date): Promise<void>;

  listCourses(programmeId: string): Promise<Course[]>;
  insertCourses(courses: Course[]): Promise<void>;

  listLearners(filter: LearnerFilter): Promise<Learner[]>;
  findLearner(id: string): Promise<Learner | undefined>;
  findLearners(ids: readonly string[]): Promise<Learner[]>;
  findLearnerByIndex(index: Uint8Array): Promise<Learner | undefined>;
  /** The sealed ID numbers of these learners (only issuance reads them, to hash them at once). */
  readNationalIdCiphers(ids: readonly string[]): Promise<Map<string, Uint8Array>>;
  insertLearners(learners: LearnerRecord[], at: Date): Promise<void>;
}
