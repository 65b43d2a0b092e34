import type { LevelCode } from '../catalog/index.ts';
import type { LearnerKind } from '../programs/index.ts';
import type { Text } from '../shared/index.ts';

/**
 * 试点院校 for one certificate: an institution may present its students for these levels in this
 * calendar year (教职成〔2019〕6号). Closed authorizations stay on record.
 */
export const pilotStatuses = ['ACTIVE', 'CLOSED'] as const;
export type PilotStatus = (typeof pilotStatuses)[number];

export interface PilotAuthorization {
  id: string;
  institutionId: string;
  certificateId: string;
  levels: LevelCode[];
  year: number;
  status: PilotStatus;
  createdAt: Date;
  closedAt: Date | null;
}

/** 考核站点 lifecycle: applied, approved by the TEO, suspended (and back), closed for good. */
export const siteStatuses = ['PENDING', 'APPROVED', 'SUSPENDED', 'CLOSED'] as const;
export type SiteStatus = (typeof siteStatuses)[number];

export const siteHostTypes = ['INSTITUTION', 'ENTERPRISE'] as const;
export type SiteHostType = (typeof siteHostTypes)[number];

export interface CertificateLevelRef {
  certificateId: string;
  level: LevelCode;
}

/** An assessment site of one TEO, hosted by a pilot institution or an enterprise (DOMAIN.md §2.2). */
export interface AssessmentSite {
  id: string;
  code: string;
  nameZh: string;
  teoId: string;
  hostType: SiteHostType;
  /** The hosting institution; null for an enterprise host (named by `hostNameZh`). */
  hostInstitutionId: string | null;
  hostNameZh: string;
  provinceCode: string;
  /** Candidates one session at this site can take. */
  capacity: number;
  /** The certificate levels the TEO approved (or, while PENDING, that the site applied for). */
  certificateLevels: CertificateLevelRef[];
  status: SiteStatus;
  createdAt: Date;
  approvedAt: Date | null;
}

export const theoryModes = ['ONLINE', 'PAPER'] as const;
export type TheoryMode = (typeof theoryModes)[number];
export const practicalModes = ['ON_SITE', 'ON_COMPUTER'] as const;
export type PracticalMode = (typeof practicalModes)[number];

export const resultsStatuses = ['DRAFT', 'PUBLISHED'] as const;
export type ResultsStatus = (typeof resultsStatuses)[number];

/** One sitting of one certificate level at one site on one date, under one published standard version. */
export interface AssessmentSession {
  id: string;
  certificateId: string;
  certificateCode: string;
  level: LevelCode;
  standardId: string;
  standardVersion: number;
  siteId: string;
  /** The exam date, `YYYY-MM-DD` (China Standard Time). */
  date: string;
  theoryMode: TheoryMode;
  practicalMode: PracticalMode;
  registrationOpensAt: Date;
  registrationClosesAt: Date;
  capacity: number;
  registeredCount: number;
  resultsStatus: ResultsStatus;
  resultsPublishedAt: Date | null;
  createdAt: Date;
}

/**
 * A TEO's registration prerequisite for one certificate level, held as data (DOMAIN.md §8.4 rule 2):
 * the lower level passed, or a number of training hours declared at registration.
 */
export type Prerequisite =
  | { kind: 'HOLDS_LOWER_LEVEL'; appliesTo?: PrerequisiteScope | undefined }
  | { kind: 'TRAINING_HOURS'; min: number; appliesTo?: PrerequisiteScope | undefined };
export type PrerequisiteScope = 'ALL' | LearnerKind;

export interface Registration {
  id: string;
  sessionId: string;
  learnerId: string;
  trainingHours: number | null;
  registeredAt: Date;
}

/** The rules a registration can be refused by; every refusal names one. */
export const eligibilityRules = [
  'LEARNER_NOT_FOUND',
  'SITE_NOT_APPROVED',
  'WINDOW',
  'DOUBLE_SITTING',
  'PILOT_AUTHORIZATION',
  'PREREQUISITE_LOWER_LEVEL',
  'PREREQUISITE_TRAINING_HOURS',
  'CAPACITY',
] as const;
export type EligibilityRule = (typeof eligibilityRules)[number];

export interface Refusal {
  rule: EligibilityRule;
  text: Text;
}

/** What a bulk registration reports for each learner, in input order. */
export type RegistrationOutcome =
  | { learnerId: string; status: 'REGISTERED'; registration: Registration }
  | { learnerId: string; status: 'REFUSED'; rule: EligibilityRule; text: Text; refusals: Refusal[] };

/** Scores of one candidate: both parts 0–100 with at most one decimal, or absent (缺考). */
export type Scores = { absent: true } | { absent?: false; theory: number; practical: number };

export const failReasons = ['ABSENT', 'THEORY_BELOW_MIN', 'PRACTICAL_BELOW_MIN', 'TOTAL_BELOW_MIN'] as const;
export type FailReason = (typeof failReasons)[number];

export interface Judgement {
  passed: boolean;
  /** Weighted total, rounded to one decimal; null when absent. */
  total: number | null;
  /** Why the candidate did not pass (empty when passed). */
  reasons: { code: FailReason; zh: string; en: string }[];
}

export const resultStatuses = ['SCORED', 'ABSENT'] as const;
export type ResultStatus = (typeof resultStatuses)[number];

/** The current version of one registration's result; earlier versions are `ResultRevision`s. */
export interface AssessmentResult {
  id: string;
  registrationId: string;
  sessionId: string;
  learnerId: string;
  status: ResultStatus;
  theory: number | null;
  practical: number | null;
  total: number | null;
  passed: boolean;
  reasons: Judgement['reasons'];
  revision: number;
  updatedAt: Date;
}

/** One version of a result as it was written: why, by whom, when. */
export interface ResultRevision {
  resultId: string;
  revision: number;
  status: ResultStatus;
  theory: number | null;
  practical: number | null;
  total: number | null;
  passed: boolean;
  reason: string;
  actor: string;
  at: Date;
}

/** A published, passed result: what bulk issuance reads. */
export interface PassedResult {
  resultId: string;
  registrationId: string;
  sessionId: string;
  learnerId: string;
  siteId: string;
  certificateId: string;
  certificateCode: string;
  level: LevelCode;
  standardId: string;
  standardVersion: number;
  theory: number;
  practical: number;
  total: number;
  revision: number;
  publishedAt: Date;
}
