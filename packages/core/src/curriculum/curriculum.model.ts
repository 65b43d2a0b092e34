import type { LevelCode } from '../catalog/index.ts';
import type { CourseType } from '../programs/index.ts';
import type { Text } from '../shared/index.ts';

/**
 * How a course integrates certificate content (DOMAIN.md §4.3): embedded in an existing course,
 * the certificate replaces (exempts) the course, or an added elective or training module.
 */
export const mappingKinds = ['EMBED', 'REPLACE', 'SUPPLEMENT'] as const;
export type MappingKind = (typeof mappingKinds)[number];

/** One course of a programme mapped to one skill requirement of a certificate level (书证融通). */
export interface CurriculumMapping {
  id: string;
  programmeId: string;
  courseId: string;
  courseCode: string;
  /** The standard version whose requirement codes the mapping uses. */
  standardId: string;
  certificateId: string;
  level: LevelCode;
  requirementCode: string;
  kind: MappingKind;
  /** Share of the requirement the course covers, in (0, 1]. */
  weight: number;
}

export interface MappingInput {
  courseCode: string;
  requirementCode: string;
  kind: MappingKind;
  weight: number;
}

/** A certificate level and the standard version coverage is computed against. */
export interface TargetLevel {
  certificate: { id: string; code: string; nameZh: string; nameEn: string };
  level: LevelCode;
  levelNameZh: string;
  nominalHours: number;
  targetMajors: string[];
  standard: { id: string; version: number; status: 'DRAFT' | 'PUBLISHED' };
}

/** A skill requirement of the target level with its estimated hours (see `estimateRequirementHours`). */
export interface RequirementRef {
  code: string;
  titleZh: string;
  titleEn: string | null;
  taskCode: string;
  taskTitleZh: string;
  hours: number;
}

export interface CoverageCell {
  courseCode: string;
  kind: MappingKind;
  weight: number;
}

export const coverageStatuses = ['COVERED', 'PARTIAL', 'UNCOVERED'] as const;
export type CoverageStatus = (typeof coverageStatuses)[number];

/** One row of the coverage matrix: a requirement, the courses that cover it, and what is left. */
export interface RequirementCoverage extends RequirementRef {
  /** min(1, Σ weights of its mappings). */
  coverage: number;
  status: CoverageStatus;
  cells: CoverageCell[];
  /** hours × (1 − coverage). */
  hoursNeeded: number;
}

export interface CoverageCourse {
  code: string;
  nameZh: string;
  hours: number;
  practiceHours: number;
  type: CourseType;
}

export interface CoverageSummary {
  requirements: number;
  covered: number;
  partial: number;
  uncovered: number;
  /** Hours-weighted coverage in [0, 1]: Σ hours × coverage / Σ hours. */
  coverage: number;
  hoursNeeded: number;
}

/** Programme × certificate level: the coverage matrix (requirements × courses) and the gaps. */
export interface CoverageReport {
  programme: { id: string; nameZh: string; majorCode: string; institutionId: string };
  target: TargetLevel;
  /** How requirement hours were estimated, for a person. */
  hoursBasis: Text;
  /** Matrix columns: the programme's courses that map to this level, in course order. */
  courses: CoverageCourse[];
  /** Matrix rows, in standard order; `cells` are the non-empty cells of the row. */
  requirements: RequirementCoverage[];
  summary: CoverageSummary;
}

/** How close one programme is to one certificate level. */
export interface LevelCloseness {
  certificateCode: string;
  certificateNameZh: string;
  level: LevelCode;
  /** The programme's major is one of the level's target majors. */
  targeted: boolean;
  summary: CoverageSummary;
}

export interface ProgrammeCloseness {
  programmeId: string;
  nameZh: string;
  majorCode: string;
  cohortYear: number;
  /** Best first: coverage, then targeted, then fewer hours needed. */
  levels: LevelCloseness[];
}

/** One cell of an institution's coverage overview: a programme against a certificate level. */
export interface ProgrammeLevelCoverage extends LevelCloseness {
  programmeId: string;
  nameZh: string;
  majorCode: string;
  cohortYear: number;
  /** The programme has at least one mapping to a requirement of the level. */
  mapped: boolean;
}

// ---------------------------------------------------------------------------------------------
// Plan rules (教职成〔2019〕13号, DOMAIN.md §4.1)

/** Education stage of a programme plan, from its major's catalogue level. */
export type PlanStage = 'SECONDARY' | 'HIGHER' | 'BACHELOR';

export interface PlanRules {
  minHours: number;
  minPublicShare: number;
  minElectiveShare: number;
  minPracticeShare: number;
  coreCourses: readonly [number, number];
  semesters: number;
  hoursPerCredit: readonly [number, number];
}

export const planRuleNames = [
  'TOTAL_HOURS',
  'PRACTICE_SHARE',
  'ELECTIVE_SHARE',
  'PUBLIC_SHARE',
  'CORE_COURSES',
  'PLACEMENT',
  'HOURS_PER_CREDIT',
  'COURSE_CREDITS',
] as const;
export type PlanRuleName = (typeof planRuleNames)[number];

/** One broken plan rule, by name, with what the plan has and what the rule asks. */
export interface PlanViolation {
  rule: PlanRuleName;
  text: Text;
  actual: number;
  required: number;
  /** The course, for per-course rules (credits). */
  courseCode?: string;
}

export interface PlanTotals {
  total: number;
  practice: number;
  elective: number;
  public: number;
  credits: number;
}

export interface PlanCheck {
  stage: PlanStage;
  totals: PlanTotals;
  violations: PlanViolation[];
}

// ---------------------------------------------------------------------------------------------
// Optimizer

/** A module the optimizer may add: an extension of an existing course, or a new module. */
export interface CandidateModule {
  id: string;
  kind: 'EXTEND' | 'NEW';
  nameZh: string;
  /** For EXTEND: the course whose hours grow. */
  courseCode?: string | undefined;
  /** Hours added to the plan. */
  hours: number;
  /** Of `hours`, practical teaching. */
  practiceHours: number;
  /** The added hours count as elective hours. */
  elective: boolean;
  covers: { requirementCode: string; weight: number }[];
}

/** The plan-level figures and limits the optimizer must respect. */
export interface OptimizerPlan {
  totalHours: number;
  practiceHours: number;
  electiveHours: number;
  minTotalHours: number;
  minPracticeShare: number;
  minElectiveShare: number;
  /** Added hours may not exceed this. */
  budget: number;
}

export interface OptimizerRequirement {
  code: string;
  hours: number;
  /** Coverage before any module, in [0, 1]. */
  coverage: number;
}

export interface OptimizerInput {
  requirements: OptimizerRequirement[];
  candidates: CandidateModule[];
  plan: OptimizerPlan;
}

export const optimizerMethods = ['MILP', 'GREEDY'] as const;
export type OptimizerMethod = (typeof optimizerMethods)[number];

export const optimizerConstraints = ['BUDGET', 'TOTAL_HOURS', 'PRACTICE_SHARE', 'ELECTIVE_SHARE'] as const;
export type OptimizerConstraint = (typeof optimizerConstraints)[number];

export interface ChosenModule {
  id: string;
  kind: 'EXTEND' | 'NEW';
  nameZh: string;
  courseCode?: string | undefined;
  hours: number;
  /** Requirement hours this module adds to coverage given the other chosen modules (its marginal gain). */
  gainHours: number;
  /** Requirements it raises, and those it alone brings to full coverage. */
  raises: string[];
  closes: string[];
}

export interface ConstraintReport {
  name: OptimizerConstraint;
  text: Text;
  /** Left side after the plan, and the bound. */
  value: number;
  bound: number;
  /** Tight (slack ≈ 0), or an unchosen module that would add coverage is kept out by it. */
  binding: boolean;
  /** Unchosen modules with a positive gain that this constraint alone keeps out. */
  excludes: string[];
}

export interface OptimizerResult {
  method: OptimizerMethod;
  status: 'OPTIMAL' | 'FEASIBLE' | 'INFEASIBLE';
  /** Coverage (hours-weighted, 0–1) before and after the chosen modules. */
  coverageBefore: number;
  coverageAfter: number;
  /** Σ hours × coverage after; what the model maximizes. */
  objectiveHours: number;
  addedHours: number;
  chosen: ChosenModule[];
  constraints: ConstraintReport[];
  /** Greedy only: the LP relaxation's bound and the relative gap (bound − found) / bound. */
  bound?: number | undefined;
  gap?: number | undefined;
  explanation: Text[];
}

/** What the optimizer asks of a MILP solver: CPLEX LP text in, values out. */
export interface MilpSolution {
  status: 'OPTIMAL' | 'INFEASIBLE' | 'UNBOUNDED' | 'OTHER';
  /** Raw solver status, for messages. */
  raw: string;
  objective: number;
  values: Record<string, number>;
}
