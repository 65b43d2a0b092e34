import type { LevelCode, MajorLevel, SkillNode } from '../catalog/index.ts';
import type { CourseType } from '../programs/index.ts';
import type {
  CoverageCell,
  CoverageSummary,
  MappingKind,
  PlanCheck,
  PlanRules,
  PlanStage,
  PlanTotals,
  PlanViolation,
  RequirementCoverage,
  RequirementRef,
} from './curriculum.model.ts';

/** Tolerance for "fully covered" and other float comparisons of weights and shares. */
export const epsilon = 1e-9;

/**
 * Hours of one requirement: the level's nominal hours (DOMAIN.md §4.2, e.g. 112 h for Web前端开发
 * 中级) split evenly over its skill requirements. Standards give no hours per requirement, and an
 * even split keeps "hours needed" additive and easy to check by hand: a level of 48 requirements
 * at 112 h is 2.33 h a requirement, and a requirement covered to 0.4 needs 1.4 h more.
 */
export function estimateRequirementHours(nominalHours: number, requirementCount: number): number {
  return requirementCount === 0 ? 0 : nominalHours / requirementCount;
}

/** The skill requirements of one level of a standard, in standard order, each with its task and hours. */
export function levelRequirements(
  nodes: readonly SkillNode[],
  level: LevelCode,
  nominalHours: number,
): RequirementRef[] {
  const ordered = nodes.filter((n) => n.level === level).sort((a, b) => a.position - b.position);
  const tasks = new Map(ordered.filter((n) => n.kind === 'TASK').map((n) => [n.code, n]));
  const reqs = ordered.filter((n) => n.kind === 'REQUIREMENT');
  const hours = estimateRequirementHours(nominalHours, reqs.length);
  return reqs.map((n) => {
    const taskCode = n.code.split('.').slice(0, 2).join('.');
    return {
      code: n.code,
      titleZh: n.titleZh,
      titleEn: n.titleEn,
      taskCode,
      taskTitleZh: tasks.get(taskCode)?.titleZh ?? '',
      hours,
    };
  });
}

export interface MappingCell {
  requirementCode: string;
  courseCode: string;
  kind: MappingKind;
  weight: number;
}

/**
 * Weights are kept to the millionth (the database stores numeric(7, 6)), so coverage sums are done
 * in millionths, exactly: in JavaScript here and in SQL (`CurriculumStore.coverageTotals`) alike, the
 * two give the same numbers to the last digit.
 */
export const weightScale = 1_000_000;

/** A weight in millionths (rounded: what numeric(7, 6) keeps). */
export function weightMicros(weight: number): number {
  return Math.round(weight * weightScale);
}

/** A weight as stored: rounded to the millionth. */
export function storedWeight(weight: number): number {
  return weightMicros(weight) / weightScale;
}

/**
 * The coverage matrix of one programme against one level: a requirement's coverage is the sum of
 * the weights of the courses mapped to it, capped at 1; what is left costs hours × (1 − coverage).
 * Mappings to codes that are not requirements of the level are ignored.
 */
export function computeCoverage(
  requirements: readonly RequirementRef[],
  mappings: readonly MappingCell[],
): { rows: RequirementCoverage[]; summary: CoverageSummary } {
  const byReq = new Map<string, CoverageCell[]>();
  for (const m of mappings) {
    let cells = byReq.get(m.requirementCode);
    if (!cells) {
      cells = [];
      byReq.set(m.requirementCode, cells);
    }
    cells.push({ courseCode: m.courseCode, kind: m.kind, weight: m.weight });
  }
  const rows = requirements.map((r): RequirementCoverage => {
    const cells = (byReq.get(r.code) ?? []).sort((a, b) => a.courseCode.localeCompare(b.courseCode));
    const micros = Math.min(
      weightScale,
      cells.reduce((s, c) => s + weightMicros(c.weight), 0),
    );
    const coverage = micros / weightScale;
    return {
      ...r,
      coverage,
      status: micros >= weightScale ? 'COVERED' : micros > 0 ? 'PARTIAL' : 'UNCOVERED',
      cells,
      hoursNeeded: r.hours * (1 - coverage),
    };
  });
  return { rows, summary: summarize(rows) };
}

/**
 * The summary of coverage rows. Rows of equal hours (every requirement of a level has the same
 * hours, see `estimateRequirementHours`) are summed in millionths first, so the figures equal
 * `summaryFromTotals` of the same counts exactly.
 */
export function summarize(
  rows: readonly Pick<RequirementCoverage, 'status' | 'hours' | 'coverage'>[],
): CoverageSummary {
  const groups = new Map<number, { requirements: number; micros: number }>();
  let covered = 0;
  let partial = 0;
  for (const r of rows) {
    let g = groups.get(r.hours);
    if (!g) {
      g = { requirements: 0, micros: 0 };
      groups.set(r.hours, g);
    }
    g.requirements++;
    g.micros += weightMicros(Math.min(1, Math.max(0, r.coverage)));
    if (r.status === 'COVERED') covered++;
    else if (r.status === 'PARTIAL') partial++;
  }
  return finishSummary(
    rows.length,
    covered,
    partial,
    [...groups].map(([hours, g]) => ({ hours, ...g })),
  );
}

/**
 * Coverage totals of one programme against one level, as one SQL aggregate computes them for many
 * programmes and levels at once (`CurriculumStore.coverageTotals`): only requirements with a mapping
 * are counted there, the rest of the level's requirements are uncovered.
 */
export interface CoverageTotals {
  /** Requirements with coverage min(1, Σ weights) = 1. */
  covered: number;
  /** Requirements with some but not full coverage. */
  partial: number;
  /** Σ over the level's requirements of min(1, Σ weights), in millionths. */
  coverageMicros: number;
}

/** The summary of a level of `requirements` requirements of `hours` hours each, from its totals. */
export function summaryFromTotals(
  requirements: number,
  hours: number,
  totals: CoverageTotals = { covered: 0, partial: 0, coverageMicros: 0 },
): CoverageSummary {
  return finishSummary(
    requirements,
    totals.covered,
    totals.partial,
    requirements === 0 ? [] : [{ hours, requirements, micros: totals.coverageMicros }],
  );
}

function finishSummary(
  requirements: number,
  covered: number,
  partial: number,
  groups: readonly { hours: number; requirements: number; micros: number }[],
): CoverageSummary {
  let total = 0;
  let got = 0;
  for (const g of groups) {
    total += g.hours * g.requirements;
    got += (g.hours * g.micros) / weightScale;
  }
  return {
    requirements,
    covered,
    partial,
    uncovered: requirements - covered - partial,
    coverage: total === 0 ? 0 : round(got / total, 4),
    hoursNeeded: round(total - got, 1),
  };
}

export function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

// ---------------------------------------------------------------------------------------------
// Plan rules

/** 教职成〔2019〕13号 (DOMAIN.md §4.1): the rules a programme plan of each stage follows. */
export const planRules: Record<PlanStage, PlanRules> = {
  SECONDARY: {
    minHours: 3000,
    minPublicShare: 0.3,
    minElectiveShare: 0.1,
    minPracticeShare: 0.5,
    coreCourses: [6, 8],
    semesters: 6,
    hoursPerCredit: [16, 18],
  },
  HIGHER: {
    minHours: 2500,
    minPublicShare: 0.25,
    minElectiveShare: 0.1,
    minPracticeShare: 0.5,
    coreCourses: [6, 8],
    semesters: 6,
    hoursPerCredit: [16, 18],
  },
  BACHELOR: {
    minHours: 2500,
    minPublicShare: 0.25,
    minElectiveShare: 0.1,
    minPracticeShare: 0.5,
    coreCourses: [6, 8],
    semesters: 8,
    hoursPerCredit: [16, 18],
  },
};

/** The placement (岗位实习): about six months, 24 weeks × 25 hours. */
export const placement = { zh: '岗位实习', en: 'Workplace Placement (six months)', hours: 600 } as const;

export function planStageOf(majorLevel: MajorLevel): PlanStage {
  if (majorLevel === 'SECONDARY_VET') return 'SECONDARY';
  if (majorLevel === 'VOCATIONAL_BACHELOR') return 'BACHELOR';
  return 'HIGHER';
}

export interface PlanCourse {
  code: string;
  nameZh: string;
  hours: number;
  practiceHours: number;
  type: CourseType;
  credits?: number | undefined;
}

export function planTotals(courses: readonly PlanCourse[]): PlanTotals {
  const t: PlanTotals = { total: 0, practice: 0, elective: 0, public: 0, credits: 0 };
  for (const c of courses) {
    t.total += c.hours;
    t.practice += c.practiceHours;
    t.credits += c.credits ?? 0;
    if (c.type === 'PUBLIC_FOUNDATION') t.public += c.hours;
    if (c.type === 'ELECTIVE') t.elective += c.hours;
  }
  return t;
}

const pct = (x: number) => `${Math.round(x * 1000) / 10} %`;

/**
 * Every rule of `planRules[stage]` the plan breaks, by name: total hours, practical share,
 * elective share, public foundation share, 6–8 core courses, the six-month placement, 16–18 hours
 * a credit, and each course's credits = hours / hoursPerCredit (to the half credit, as
 * `ProgramsService.addCourses` computes them). Credits are checked only where courses carry them.
 */
export function checkPlan(
  stage: PlanStage,
  courses: readonly PlanCourse[],
  hoursPerCredit?: number,
): PlanCheck {
  const rules = planRules[stage];
  const t = planTotals(courses);
  const v: PlanViolation[] = [];
  if (t.total < rules.minHours) {
    v.push({
      rule: 'TOTAL_HOURS',
      text: {
        zh: `总学时 ${t.total} 低于 ${rules.minHours}`,
        en: `total ${t.total} h < ${rules.minHours} h`,
      },
      actual: t.total,
      required: rules.minHours,
    });
  }
  const share = (x: number) => (t.total === 0 ? 0 : x / t.total);
  if (share(t.practice) < rules.minPracticeShare - epsilon) {
    v.push({
      rule: 'PRACTICE_SHARE',
      text: {
        zh: `实践性教学学时占 ${pct(share(t.practice))}，应不少于 ${pct(rules.minPracticeShare)}`,
        en: `practice ${t.practice} h is ${pct(share(t.practice))} < ${pct(rules.minPracticeShare)} of total`,
      },
      actual: share(t.practice),
      required: rules.minPracticeShare,
    });
  }
  if (share(t.elective) < rules.minElectiveShare - epsilon) {
    v.push({
      rule: 'ELECTIVE_SHARE',
      text: {
        zh: `选修课学时占 ${pct(share(t.elective))}，应不少于 ${pct(rules.minElectiveShare)}`,
        en: `electives ${t.elective} h is ${pct(share(t.elective))} < ${pct(rules.minElectiveShare)} of total`,
      },
      actual: share(t.elective),
      required: rules.minElectiveShare,
    });
  }
  if (share(t.public) < rules.minPublicShare - epsilon) {
    v.push({
      rule: 'PUBLIC_SHARE',
      text: {
        zh: `公共基础课学时占 ${pct(share(t.public))}，应不少于 ${pct(rules.minPublicShare)}`,
        en: `public foundation ${t.public} h is ${pct(share(t.public))} < ${pct(rules.minPublicShare)} of total`,
      },
      actual: share(t.public),
      required: rules.minPublicShare,
    });
  }
  const core = courses.filter((c) => c.type === 'PROFESSIONAL_CORE').length;
  if (core < rules.coreCourses[0] || core > rules.coreCourses[1]) {
    v.push({
      rule: 'CORE_COURSES',
      text: {
        zh: `专业核心课 ${core} 门，应为 ${rules.coreCourses[0]}–${rules.coreCourses[1]} 门`,
        en: `${core} core courses, not ${rules.coreCourses[0]}–${rules.coreCourses[1]}`,
      },
      actual: core,
      required: rules.coreCourses[0],
    });
  }
  const placed = courses.some(
    (c) => c.type === 'PRACTICUM' && c.nameZh === placement.zh && c.hours >= placement.hours,
  );
  if (!placed) {
    v.push({
      rule: 'PLACEMENT',
      text: { zh: '缺少约六个月的岗位实习', en: 'no six-month placement' },
      actual: 0,
      required: placement.hours,
    });
  }
  if (hoursPerCredit !== undefined) {
    const [lo, hi] = rules.hoursPerCredit;
    if (hoursPerCredit < lo || hoursPerCredit > hi) {
      v.push({
        rule: 'HOURS_PER_CREDIT',
        text: {
          zh: `每学分 ${hoursPerCredit} 学时，应为 ${lo}–${hi}`,
          en: `${hoursPerCredit} hours a credit, not ${lo}–${hi}`,
        },
        actual: hoursPerCredit,
        required: lo,
      });
    } else {
      for (const c of courses) {
        if (c.credits === undefined) continue;
        const expected = Math.max(0.5, Math.round((c.hours / hoursPerCredit) * 2) / 2);
        if (Math.abs(c.credits - expected) > epsilon) {
          v.push({
            rule: 'COURSE_CREDITS',
            text: {
              zh: `课程 ${c.code} 学分 ${c.credits}，按 ${c.hours} 学时 ÷ ${hoursPerCredit} 应为 ${expected}`,
              en: `course ${c.code} has ${c.credits} credits; ${c.hours} h / ${hoursPerCredit} gives ${expected}`,
            },
            actual: c.credits,
            required: expected,
            courseCode: c.code,
          });
        }
      }
    }
  }
  return { stage, totals: t, violations: v };
}
