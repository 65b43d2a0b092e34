/** Institution types of 1+X pilots (DOMAIN.md §8.2). */
export const institutionTypes = [
  'SECONDARY_VET',
  'HIGHER_VET',
  'VOCATIONAL_UNDERGRAD',
  'APPLIED_UNDERGRAD',
  'TECHNICAL_SCHOOL',
] as const;
export type InstitutionType = (typeof institutionTypes)[number];

export const urbanRural = ['URBAN', 'RURAL'] as const;
export type UrbanRural = (typeof urbanRural)[number];

export interface Institution {
  id: string;
  code: string;
  nameZh: string;
  nameEn: string;
  type: InstitutionType;
  provinceCode: string;
  urbanRural: UrbanRural;
  isDoubleHigh: boolean;
  synthetic: boolean;
}

/** A programme (专业 offering) of one cohort; 16–18 class hours make one credit (教职成〔2019〕13号). */
export interface Programme {
  id: string;
  institutionId: string;
  majorCode: string;
  cohortYear: number;
  nameZh: string;
  hoursPerCredit: number;
}

export const courseTypes = [
  'PUBLIC_FOUNDATION',
  'PROFESSIONAL_FOUNDATION',
  'PROFESSIONAL_CORE',
  'ELECTIVE',
  'PRACTICUM',
] as const;
export type CourseType = (typeof courseTypes)[number];

export interface Course {
  id: string;
  programmeId: string;
  code: string;
  nameZh: string;
  nameEn: string | null;
  hours: number;
  practiceHours: number;
  credits: number;
  type: CourseType;
  semester: number | null;
}

export interface ProgrammeWithCourses extends Programme {
  courses: Course[];
  totalHours: number;
  totalCredits: number;
}

export const learnerKinds = ['STUDENT', 'SOCIAL'] as const;
export type LearnerKind = (typeof learnerKinds)[number];

/** A learner as shown to anyone: the national ID number only ever masked. */
export interface Learner {
  id: string;
  kind: LearnerKind;
  nameZh: string;
  institutionId: string | null;
  programmeId: string | null;
  provinceCode: string;
  birthYear: number | null;
  gender: 'F' | 'M' | null;
  nationalIdMasked: string;
  synthetic: boolean;
}

/** A learner as stored: the ID number encrypted, plus a keyed hash to find it. */
export interface LearnerRecord extends Learner {
  nationalIdCipher: Uint8Array;
  nationalIdIndex: Uint8Array;
}
