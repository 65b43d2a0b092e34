import type { Text } from '../shared/index.ts';

/** 培训评价组织 (training & evaluation organization) lifecycle, DOMAIN.md §8.3. */
export const teoStatuses = ['APPLIED', 'APPROVED', 'WARNED', 'RECTIFYING', 'EXITED', 'REVOKED'] as const;
export type TeoStatus = (typeof teoStatuses)[number];

export const orgTypes = ['ENTERPRISE', 'ASSOCIATION', 'PUBLIC_INSTITUTION'] as const;
export type OrgType = (typeof orgTypes)[number];

export interface Teo {
  id: string;
  code: string;
  nameZh: string;
  nameEn: string;
  orgType: OrgType;
  uscc: string | null;
  status: TeoStatus;
  appliedAt: Date;
  approvedAt: Date | null;
  exitedAt: Date | null;
  exitReason: string | null;
  synthetic: boolean;
}

/** X certificate lifecycle, DOMAIN.md §8.3 (RESTRICTED = 限制实施规模). */
export const certificateStatuses = [
  'DRAFT',
  'PUBLIC_NOTICE',
  'ACTIVE',
  'SUSPENDED',
  'RESTRICTED',
  'EXITED',
] as const;
export type CertificateStatus = (typeof certificateStatuses)[number];

/** 初级 / 中级 / 高级, coded 1 / 2 / 3 as on the national platform (`certificateGrade.code`). */
export const levelCodes = [1, 2, 3] as const;
export type LevelCode = (typeof levelCodes)[number];
export const levelNames: Record<LevelCode, Text> = {
  1: { zh: '初级', en: 'Elementary' },
  2: { zh: '中级', en: 'Intermediate' },
  3: { zh: '高级', en: 'Advanced' },
};

export const educationStages = ['SECONDARY_VET', 'HIGHER_VET', 'BACHELOR'] as const;
export type EducationStage = (typeof educationStages)[number];

/**
 * How a level is passed (DOMAIN.md §3.4): per-part minimums and/or a weighted total, as data.
 * Weights default to an even split when a total is required without weights.
 */
export interface PassRule {
  theoryMin?: number;
  practicalMin?: number;
  totalMin?: number;
  weights?: { theory: number; practical: number };
}

export interface CertificateLevel {
  level: LevelCode;
  nameZh: string;
  nameEn: string;
  intendedStage: EducationStage;
  targetMajors: string[];
  nominalHours: number;
  passRule: PassRule;
  eqf: number | null;
}

export interface Certificate {
  id: string;
  code: string;
  teoId: string;
  nameZh: string;
  nameEn: string;
  fullNameZh: string;
  batch: number | null;
  domain: string;
  status: CertificateStatus;
  occupationCodes: string[];
  iscoCodes: string[];
  iscedF: string[];
  synthetic: boolean;
  levels: CertificateLevel[];
}

export interface CertificateWithTeo extends Certificate {
  teo: Pick<Teo, 'id' | 'code' | 'nameZh' | 'nameEn' | 'status'>;
}

export const standardStatuses = ['DRAFT', 'PUBLISHED'] as const;
export type StandardStatus = (typeof standardStatuses)[number];

/** 职业技能要求: one skill requirement with its four elements (开发指南 2020). */
export interface SkillRequirementInput {
  code?: string;
  titleZh: string;
  titleEn?: string | undefined;
  behaviour: string;
  condition: string;
  standard: string;
  result: string;
}
export interface WorkTaskInput {
  code?: string;
  titleZh: string;
  titleEn?: string | undefined;
  requirements: SkillRequirementInput[];
}
export interface WorkAreaInput {
  code?: string;
  titleZh: string;
  titleEn?: string | undefined;
  tasks: WorkTaskInput[];
}
export interface StandardLevelInput {
  level: LevelCode;
  areas: WorkAreaInput[];
}
/** The body of a skill standard version: level → work area → work task → skill requirement. */
export interface SkillStandardTree {
  titleZh: string;
  titleEn: string;
  levels: StandardLevelInput[];
}

export const nodeKinds = ['AREA', 'TASK', 'REQUIREMENT'] as const;
export type NodeKind = (typeof nodeKinds)[number];

/** One flattened node of a standard, keyed by (level, code) such as (2, '1.1.1'). */
export interface SkillNode {
  level: LevelCode;
  code: string;
  kind: NodeKind;
  titleZh: string;
  titleEn: string | null;
  behaviour: string | null;
  condition: string | null;
  standard: string | null;
  result: string | null;
  position: number;
}

export interface SkillStandard {
  id: string;
  certificateId: string;
  version: number;
  status: StandardStatus;
  titleZh: string;
  titleEn: string;
  basedOnId: string | null;
  createdAt: Date;
  publishedAt: Date | null;
}

export interface SkillStandardWithNodes extends SkillStandard {
  nodes: SkillNode[];
}

export interface RequirementChange {
  level: LevelCode;
  code: string;
  /** Fields whose values differ between the two versions. */
  fields: string[];
  before: SkillNode;
  after: SkillNode;
}

/** What changed from one standard version to another, by (level, code). */
export interface StandardDiff {
  from: { id: string; version: number };
  to: { id: string; version: number };
  added: SkillNode[];
  removed: SkillNode[];
  changed: RequirementChange[];
}

/** A TEO as exchanged in a catalog document (`onex catalog import|export`). */
export interface CatalogTeoEntry {
  code: string;
  nameZh: string;
  nameEn: string;
  orgType: OrgType;
  uscc: string | null;
  status: TeoStatus;
  appliedAt: string;
  approvedAt: string | null;
  exitedAt: string | null;
  exitReason: string | null;
  synthetic: boolean;
}

export interface CatalogCertificateEntry {
  code: string;
  teoCode: string;
  nameZh: string;
  nameEn: string;
  fullNameZh: string;
  batch: number | null;
  domain: string;
  status: CertificateStatus;
  occupationCodes: string[];
  iscoCodes: string[];
  iscedF: string[];
  synthetic: boolean;
  levels: CertificateLevel[];
}

/** The catalog as one JSON document: what `export` writes and `import` reads. */
export interface CatalogDocument {
  format: 'onex-catalog/1';
  teos: CatalogTeoEntry[];
  certificates: CatalogCertificateEntry[];
}

export interface CatalogImportResult {
  teos: { added: string[]; skipped: string[] };
  certificates: { added: string[]; skipped: string[] };
}
