import type { LevelCode } from '../catalog/index.ts';
import type { Text } from '../shared/index.ts';
import type { ConversionRule, CreditTransaction, LearningOutcome } from './credit-bank.model.ts';

/** A transaction before it has an id, an account and a time. */
export type PlannedTransaction = Omit<CreditTransaction, 'id' | 'accountId' | 'at'>;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `true` for a real calendar day written `YYYY-MM-DD`. */
export function isCalendarDay(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** The calendar day of `at` in China Standard Time (UTC+8, no daylight saving). */
export function chinaDay(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** Credits are kept to one decimal (0.5-credit courses exist); sums are done in tenths. */
export function tenths(credits: number): number {
  return Math.round(credits * 10);
}
const fromTenths = (t: number) => t / 10;

/** Half-open day ranges [from, to) overlap; `to` null is open-ended. ISO days compare as strings. */
export function rangesOverlap(
  a: { effectiveFrom: string; effectiveTo: string | null },
  b: { effectiveFrom: string; effectiveTo: string | null },
): boolean {
  const aEndsAfterBStarts = a.effectiveTo === null || a.effectiveTo > b.effectiveFrom;
  const bEndsAfterAStarts = b.effectiveTo === null || b.effectiveTo > a.effectiveFrom;
  return aEndsAfterBStarts && bEndsAfterAStarts;
}

/** `true` when the rule is in force on `day` (effectiveFrom ≤ day < effectiveTo). */
export function inForce(rule: Pick<ConversionRule, 'effectiveFrom' | 'effectiveTo'>, day: string): boolean {
  return rule.effectiveFrom <= day && (rule.effectiveTo === null || day < rule.effectiveTo);
}

/** The version of an institution's rule for a certificate level in force on `day`, if any. */
export function ruleInForce(
  rules: readonly ConversionRule[],
  institutionId: string,
  certificateCode: string,
  level: LevelCode,
  day: string,
): ConversionRule | undefined {
  return rules.find(
    (r) =>
      r.institutionId === institutionId &&
      r.certificateCode === certificateCode &&
      r.level === level &&
      inForce(r, day),
  );
}

/** A course as conversion needs it. */
export interface CourseInfo {
  id: string;
  code: string;
  nameZh: string;
  nameEn: string | null;
  credits: number;
}

/** Transactions still in force: not reversals, and not reversed. */
export function standing(transactions: readonly CreditTransaction[]): CreditTransaction[] {
  const reversed = new Set(transactions.filter((t) => t.reversesId !== null).map((t) => t.reversesId));
  return transactions.filter((t) => t.kind !== 'REVERSE' && !reversed.has(t.id));
}

/** The balance of a ledger: the sum of every transaction, reversals included. */
export function balanceOf(transactions: readonly Pick<CreditTransaction, 'credits'>[]): number {
  return fromTenths(transactions.reduce((sum, t) => sum + tenths(t.credits), 0));
}

/** Courses exempted and not reversed at an institution: course id → the EXEMPT transaction. */
export function exemptedAt(
  transactions: readonly CreditTransaction[],
  institutionId: string,
): Map<string, CreditTransaction> {
  const out = new Map<string, CreditTransaction>();
  for (const t of standing(transactions)) {
    if (t.kind === 'EXEMPT' && t.institutionId === institutionId && t.courseId !== null)
      out.set(t.courseId, t);
  }
  return out;
}

/** `true` when the outcome has standing conversions (EXEMPT or CREDIT) at the institution. */
export function convertedAt(
  transactions: readonly CreditTransaction[],
  outcomeId: string,
  institutionId: string,
): boolean {
  return standing(transactions).some(
    (t) =>
      t.outcomeId === outcomeId &&
      t.institutionId === institutionId &&
      (t.kind === 'EXEMPT' || t.kind === 'CREDIT'),
  );
}

function ruleText(rule: ConversionRule): Text {
  const until = rule.effectiveTo === null ? '' : `至 ${rule.effectiveTo}（不含）`;
  const untilEn = rule.effectiveTo === null ? '' : ` until ${rule.effectiveTo} (exclusive)`;
  return {
    zh: `转换规则 ${rule.id}（${rule.institutionCode}，${rule.certificateCode} 第 ${rule.level} 级，第 ${rule.version} 版，${rule.effectiveFrom} 起${until}生效，共 ${rule.credits} 学分）`,
    en: `conversion rule ${rule.id} (${rule.institutionCode}, ${rule.certificateCode} level ${rule.level}, version ${rule.version}, in force from ${rule.effectiveFrom}${untilEn}, ${rule.credits} credits in all)`,
  };
}

function outcomeText(outcome: LearningOutcome): Text {
  return {
    zh: `学习成果 ${outcome.id}「${outcome.title.zh}」（${outcome.achievedOn} 取得）`,
    en: `learning outcome ${outcome.id} "${outcome.title.en}" (achieved ${outcome.achievedOn})`,
  };
}

/**
 * The transactions that converting `outcome` under `rule` at an institution yields. The rule's
 * credits go to its exempted courses in order (each up to the course's credits), the rest is credit
 * substitution; a course already exempted at the institution is not exempted again, and its share
 * is not paid out either. So an outcome never gets more than `rule.credits` under one rule.
 *
 * Requires every id of `rule.exemptCourseIds` in `courses`.
 */
export function planConversion(input: {
  outcome: LearningOutcome;
  rule: ConversionRule;
  courses: ReadonlyMap<string, CourseInfo>;
  /** Course id → the outcome that already exempted it at this institution. */
  exempted: ReadonlyMap<string, string>;
}): { lines: PlannedTransaction[]; skipped: { courseId: string; reason: Text }[] } {
  const { outcome, rule, courses, exempted } = input;
  const r = ruleText(rule);
  const o = outcomeText(outcome);
  const lines: PlannedTransaction[] = [];
  const skipped: { courseId: string; reason: Text }[] = [];
  let remaining = tenths(rule.credits);
  const base = {
    outcomeId: outcome.id,
    institutionId: rule.institutionId,
    ruleId: rule.id,
    ruleVersion: rule.version,
    reversesId: null,
  };
  for (const courseId of rule.exemptCourseIds) {
    const course = courses.get(courseId);
    if (!course) throw new Error(`course ${courseId} of rule ${rule.id} not given`);
    const share = Math.min(tenths(course.credits), remaining);
    remaining -= share;
    const name = {
      zh: `《${course.nameZh}》（${course.code}）`,
      en: `"${course.nameEn ?? course.nameZh}" (${course.code})`,
    };
    const by = exempted.get(courseId);
    if (by !== undefined) {
      skipped.push({
        courseId,
        reason: {
          zh: `课程${name.zh}已由学习成果 ${by} 免修，不重复免修；依据${r.zh}，这部分 ${fromTenths(share)} 学分不再计入。`,
          en: `The course ${name.en} is already exempted by learning outcome ${by} and is not exempted twice; its share of ${fromTenths(share)} credits under ${r.en} is not granted again.`,
        },
      });
      continue;
    }
    lines.push({
      ...base,
      kind: 'EXEMPT',
      courseId,
      credits: fromTenths(share),
      explanation: {
        zh: `依据${r.zh}，${o.zh}免修课程${name.zh}，计 ${fromTenths(share)} 学分。`,
        en: `Under ${r.en}, ${o.en} exempts the course ${name.en}: ${fromTenths(share)} credits.`,
      },
    });
  }
  if (remaining > 0) {
    lines.push({
      ...base,
      kind: 'CREDIT',
      courseId: null,
      credits: fromTenths(remaining),
      explanation: {
        zh: `依据${r.zh}，${o.zh}置换 ${fromTenths(remaining)} 学分（不对应具体课程）。`,
        en: `Under ${r.en}, ${o.en} converts into ${fromTenths(remaining)} credits not tied to a course (credit substitution).`,
      },
    });
  }
  return { lines, skipped };
}

/**
 * The reversals of every standing transaction of `outcome` (its deposit and its conversions at any
 * institution), each saying which transaction it undoes and why. Nothing is deleted.
 */
export function planWithdrawal(
  outcome: LearningOutcome,
  transactions: readonly CreditTransaction[],
  reason: Text,
): PlannedTransaction[] {
  return standing(transactions)
    .filter((t) => t.outcomeId === outcome.id)
    .map((t) => ({
      outcomeId: outcome.id,
      kind: 'REVERSE' as const,
      institutionId: t.institutionId,
      ruleId: t.ruleId,
      ruleVersion: t.ruleVersion,
      courseId: t.courseId,
      credits: -t.credits,
      reversesId: t.id,
      explanation: {
        zh: `撤回交易 ${t.id}（${t.kind}，${t.credits} 学分）：${outcomeText(outcome).zh}已失效——${reason.zh}`,
        en: `Withdraws transaction ${t.id} (${t.kind}, ${t.credits} credits): ${outcomeText(outcome).en} no longer stands — ${reason.en}`,
      },
    }));
}
