import type { LevelCode, PassRule } from '../catalog/index.ts';
import { DomainError, type FieldIssue, type Text } from '../shared/index.ts';
import type {
  AssessmentSession,
  Judgement,
  Prerequisite,
  PrerequisiteScope,
  Refusal,
  Scores,
  SiteStatus,
} from './assessment.model.ts';

/**
 * The rule used when a level's pass rule names no minimum at all: theory ≥ 60 and practical ≥ 60,
 * the common default (DOMAIN.md §3.4, §8.4 rule 4).
 */
export const defaultPassRule: PassRule = { theoryMin: 60, practicalMin: 60 };

/** True for a score from 0 to 100 with at most one decimal. */
export function isValidScore(x: unknown): x is number {
  return (
    typeof x === 'number' &&
    Number.isFinite(x) &&
    x >= 0 &&
    x <= 100 &&
    Math.abs(x * 10 - Math.round(x * 10)) < 1e-6
  );
}

/**
 * Judges one candidate against a level's pass rule (held as data, DOMAIN.md §3.4). The total is the
 * weighted mean of the two parts (even weights unless the rule gives some), computed in tenths and
 * rounded half up to one decimal; `totalMin` is compared with that published total. An absent
 * candidate did not pass and has no total. Requires valid scores (`isValidScore`).
 */
export function judge(passRule: PassRule, scores: Scores): Judgement {
  if (scores.absent) {
    return { passed: false, total: null, reasons: [{ code: 'ABSENT', zh: '缺考', en: 'Absent' }] };
  }
  const rule = hasMinimum(passRule) ? passRule : { ...passRule, ...defaultPassRule };
  const t10 = Math.round(scores.theory * 10);
  const p10 = Math.round(scores.practical * 10);
  const wt = rule.weights?.theory ?? 1;
  const wp = rule.weights?.practical ?? 1;
  const total = Math.round((t10 * wt + p10 * wp) / (wt + wp)) / 10;
  const reasons: Judgement['reasons'] = [];
  if (rule.theoryMin !== undefined && scores.theory < rule.theoryMin) {
    reasons.push({
      code: 'THEORY_BELOW_MIN',
      zh: `理论成绩 ${fmt(scores.theory)} 低于合格线 ${rule.theoryMin}`,
      en: `Theory score ${fmt(scores.theory)} is below the minimum ${rule.theoryMin}`,
    });
  }
  if (rule.practicalMin !== undefined && scores.practical < rule.practicalMin) {
    reasons.push({
      code: 'PRACTICAL_BELOW_MIN',
      zh: `实操成绩 ${fmt(scores.practical)} 低于合格线 ${rule.practicalMin}`,
      en: `Practical score ${fmt(scores.practical)} is below the minimum ${rule.practicalMin}`,
    });
  }
  if (rule.totalMin !== undefined && total < rule.totalMin) {
    reasons.push({
      code: 'TOTAL_BELOW_MIN',
      zh: `总成绩 ${fmt(total)} 低于合格线 ${rule.totalMin}`,
      en: `Total score ${fmt(total)} is below the minimum ${rule.totalMin}`,
    });
  }
  return { passed: reasons.length === 0, total, reasons };
}

function hasMinimum(rule: PassRule): boolean {
  return rule.theoryMin !== undefined || rule.practicalMin !== undefined || rule.totalMin !== undefined;
}

function fmt(x: number): string {
  return x.toFixed(1);
}

/** Allowed next statuses of an assessment site. */
export const siteTransitions: Record<SiteStatus, readonly SiteStatus[]> = {
  PENDING: ['APPROVED', 'CLOSED'],
  APPROVED: ['SUSPENDED', 'CLOSED'],
  SUSPENDED: ['APPROVED', 'CLOSED'],
  CLOSED: [],
};

export function assertSiteTransition(from: SiteStatus, to: SiteStatus): void {
  if (!siteTransitions[from].includes(to)) {
    throw new DomainError(
      'ASSESSMENT_INVALID_TRANSITION',
      {
        zh: `考核站点不能从 ${from} 变为 ${to}`,
        en: `An assessment site cannot go from ${from} to ${to}`,
      },
      { from, to, allowed: siteTransitions[from] },
    );
  }
}

/** The calendar date (`YYYY-MM-DD`) of an instant in China Standard Time (UTC+8, no daylight saving). */
export function chinaDate(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** True for a real calendar date written `YYYY-MM-DD`. */
export function isIsoDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** Problems with a prerequisite list for a level; empty when it is usable. */
export function prerequisiteIssues(level: LevelCode, list: Prerequisite[]): FieldIssue[] {
  const issues: FieldIssue[] = [];
  list.forEach((p, i) => {
    if (p.kind === 'HOLDS_LOWER_LEVEL' && level === 1) {
      issues.push({ path: `${i}.kind`, message: 'the elementary level (1) has no lower level to hold' });
    }
    if (p.kind === 'TRAINING_HOURS' && !(Number.isInteger(p.min) && p.min > 0 && p.min <= 10_000)) {
      issues.push({ path: `${i}.min`, message: 'training hours are a whole number from 1 to 10,000' });
    }
  });
  return issues;
}

/** Everything eligibility is decided from; the service gathers it, this module only judges it. */
export interface EligibilityFacts {
  now: Date;
  session: Pick<
    AssessmentSession,
    'registrationOpensAt' | 'registrationClosesAt' | 'capacity' | 'level' | 'date' | 'certificateCode'
  >;
  registeredCount: number;
  siteApproved: boolean;
  learner: { kind: 'STUDENT' | 'SOCIAL'; institutionId: string | null };
  alreadyInSession: boolean;
  /** Registered for the same certificate and level in another session on the same date. */
  sameDaySitting: boolean;
  /** Levels of the learner's institution's active pilot authorization for the session's year, if any. */
  pilotLevels: readonly LevelCode[] | null;
  prerequisites: readonly Prerequisite[];
  passedLowerLevel: boolean;
  trainingHours: number | null;
}

const applies = (scope: PrerequisiteScope | undefined, kind: 'STUDENT' | 'SOCIAL') =>
  scope === undefined || scope === 'ALL' || scope === kind;

/**
 * Every rule a registration breaks, in a fixed order (the first is the one reported as `rule`);
 * empty when the learner may register. Students need their institution's pilot authorization for
 * the level and year; social learners are exempt from it but not from the TEO's prerequisites.
 */
export function refusalsFor(f: EligibilityFacts): Refusal[] {
  const out: Refusal[] = [];
  const s = f.session;
  if (!f.siteApproved) {
    out.push(
      refusal('SITE_NOT_APPROVED', { zh: '考核站点当前未获批准', en: 'The assessment site is not approved' }),
    );
  }
  if (f.now < s.registrationOpensAt) {
    out.push(
      refusal('WINDOW', {
        zh: `报名尚未开始（${s.registrationOpensAt.toISOString()} 开始）`,
        en: `Registration opens at ${s.registrationOpensAt.toISOString()}`,
      }),
    );
  } else if (f.now >= s.registrationClosesAt) {
    out.push(
      refusal('WINDOW', {
        zh: `报名已于 ${s.registrationClosesAt.toISOString()} 截止`,
        en: `Registration closed at ${s.registrationClosesAt.toISOString()}`,
      }),
    );
  }
  if (f.alreadyInSession) {
    out.push(
      refusal('DOUBLE_SITTING', {
        zh: '该学习者已报名本场考核',
        en: 'The learner is already registered for this session',
      }),
    );
  } else if (f.sameDaySitting) {
    out.push(
      refusal('DOUBLE_SITTING', {
        zh: `该学习者已报名 ${s.date} 另一场同证书同等级的考核`,
        en: `The learner is already registered for the same certificate and level in another session on ${s.date}`,
      }),
    );
  }
  if (f.learner.kind === 'STUDENT') {
    const year = s.date.slice(0, 4);
    if (f.pilotLevels === null) {
      out.push(
        refusal('PILOT_AUTHORIZATION', {
          zh: `学习者所在院校 ${year} 年不是证书 ${s.certificateCode} 的试点院校`,
          en: `The learner's institution holds no ${year} pilot authorization for certificate ${s.certificateCode}`,
        }),
      );
    } else if (!f.pilotLevels.includes(s.level)) {
      out.push(
        refusal('PILOT_AUTHORIZATION', {
          zh: `学习者所在院校 ${year} 年的试点授权不含等级 ${s.level}`,
          en: `The learner's institution's ${year} pilot authorization does not cover level ${s.level}`,
        }),
      );
    }
  }
  for (const p of f.prerequisites) {
    if (!applies(p.appliesTo, f.learner.kind)) continue;
    if (p.kind === 'HOLDS_LOWER_LEVEL' && !f.passedLowerLevel) {
      out.push(
        refusal('PREREQUISITE_LOWER_LEVEL', {
          zh: `报考等级 ${s.level} 须先通过同一证书的等级 ${s.level - 1}`,
          en: `Level ${s.level} requires a passed result at level ${s.level - 1} of the same certificate`,
        }),
      );
    }
    if (p.kind === 'TRAINING_HOURS' && (f.trainingHours ?? 0) < p.min) {
      out.push(
        refusal('PREREQUISITE_TRAINING_HOURS', {
          zh: `须至少 ${p.min} 学时培训（申报 ${f.trainingHours ?? 0} 学时）`,
          en: `At least ${p.min} training hours are required (declared: ${f.trainingHours ?? 0})`,
        }),
      );
    }
  }
  if (f.registeredCount >= s.capacity) {
    out.push(
      refusal('CAPACITY', {
        zh: `本场考核已满（${s.capacity} 人）`,
        en: `The session is full (${s.capacity} places)`,
      }),
    );
  }
  return out;
}

function refusal(rule: Refusal['rule'], text: Text): Refusal {
  return { rule, text };
}

/** The error for a refused single registration: the first rule broken, with all of them in details. */
export function notEligible(learnerId: string, sessionId: string, refusals: Refusal[]): DomainError {
  const first = refusals[0]!;
  return new DomainError('ASSESSMENT_NOT_ELIGIBLE', first.text, {
    rule: first.rule,
    learnerId,
    sessionId,
    refusals: refusals.map((r) => ({ rule: r.rule, zh: r.text.zh, en: r.text.en })),
  });
}
