import type { LevelCode } from '../catalog/index.ts';
import type { Text } from '../shared/index.ts';
import {
  type ConversionRule,
  type CreditTransaction,
  type DeclaredOutcomeKind,
  type LearningOutcome,
  outcomeKindNames,
} from './credit-bank.model.ts';

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

/**
 * `true` for a code a declared outcome and its rules are matched by: letters, digits and `. _ : / -`,
 * 1–60 characters, starting with a letter or digit (e.g. `CVSC-2026-WEB-1`, a major code `710201`).
 */
export function isOutcomeCode(value: string): boolean {
  return /^[A-Za-z0-9][A-Za-z0-9._:/-]{0,59}$/.test(value);
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

/**
 * What a rule matches: X certificates by certificate code and level, declared outcomes by kind and
 * the code they were declared with.
 */
export type RuleKey =
  | { outcomeKind: 'X_CERT'; certificateCode: string; level: LevelCode }
  | { outcomeKind: DeclaredOutcomeKind; outcomeCode: string };

/**
 * The key rules match an outcome by, or `undefined` when no rule converts it: an OB 3.0
 * credential from another issuer (accumulated only), or a declared outcome without a code.
 */
export function ruleKeyOf(
  outcome: Pick<LearningOutcome, 'kind' | 'certificateCode' | 'level' | 'outcomeCode'>,
): RuleKey | undefined {
  if (outcome.kind === 'X_CERT')
    return outcome.certificateCode !== null && outcome.level !== null
      ? { outcomeKind: 'X_CERT', certificateCode: outcome.certificateCode, level: outcome.level }
      : undefined;
  if (outcome.kind === 'OB_CREDENTIAL' || outcome.outcomeCode === null) return undefined;
  return { outcomeKind: outcome.kind, outcomeCode: outcome.outcomeCode };
}

/** `true` when the rule is for what `key` names. */
export function ruleMatches(
  rule: Pick<ConversionRule, 'outcomeKind' | 'certificateCode' | 'level' | 'outcomeCode'>,
  key: RuleKey,
): boolean {
  if (rule.outcomeKind !== key.outcomeKind) return false;
  return key.outcomeKind === 'X_CERT'
    ? rule.certificateCode === key.certificateCode && rule.level === key.level
    : rule.outcomeCode === key.outcomeCode;
}

/** What a key names, for people: `X-0102 第 1 级` / `竞赛获奖 CVSC-WEB-1`. */
export function ruleKeyText(key: RuleKey): Text {
  if (key.outcomeKind === 'X_CERT')
    return {
      zh: `${key.certificateCode} 第 ${key.level} 级`,
      en: `${key.certificateCode} level ${key.level}`,
    };
  const name = outcomeKindNames[key.outcomeKind];
  return { zh: `${name.zh} ${key.outcomeCode}`, en: `${name.en} ${key.outcomeCode}` };
}

/** The key of a rule. */
export function keyOfRule(
  rule: Pick<ConversionRule, 'outcomeKind' | 'certificateCode' | 'level' | 'outcomeCode'>,
): RuleKey {
  return rule.outcomeKind === 'X_CERT'
    ? { outcomeKind: 'X_CERT', certificateCode: rule.certificateCode ?? '', level: rule.level ?? 1 }
    : { outcomeKind: rule.outcomeKind, outcomeCode: rule.outcomeCode ?? '' };
}

/** The version of an institution's rule for `key` in force on `day`, if any. */
export function ruleInForce(
  rules: readonly ConversionRule[],
  institutionId: string,
  key: RuleKey,
  day: string,
): ConversionRule | undefined {
  return rules.find((r) => r.institutionId === institutionId && ruleMatches(r, key) && inForce(r, day));
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
  const what = ruleKeyText(keyOfRule(rule));
  return {
    zh: `转换规则 ${rule.id}（${rule.institutionCode}，${what.zh}，第 ${rule.version} 版，${rule.effectiveFrom} 起${until}生效，共 ${rule.credits} 学分）`,
    en: `conversion rule ${rule.id} (${rule.institutionCode}, ${what.en}, version ${rule.version}, in force from ${rule.effectiveFrom}${untilEn}, ${rule.credits} credits in all)`,
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
  /**
   * The outcome's standing ACCUMULATE transactions (a reviewed declaration's own credits). The
   * conversion supersedes them, so they are reversed first: the outcome then stands at what the
   * rule gives, never at its own credits plus the rule's.
   */
  accumulated?: readonly CreditTransaction[];
}): { lines: PlannedTransaction[]; skipped: { courseId: string; reason: Text }[] } {
  const { outcome, rule, courses, exempted } = input;
  const r = ruleText(rule);
  const o = outcomeText(outcome);
  const lines: PlannedTransaction[] = (input.accumulated ?? [])
    // A certificate's recognition deposits 0 credits: nothing to supersede.
    .filter((t) => t.kind === 'ACCUMULATE' && t.outcomeId === outcome.id && t.credits !== 0)
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
        zh: `撤回交易 ${t.id}（累积 ${t.credits} 学分）：${o.zh}依据${r.zh}转换，转换结果取代其自身累积的学分，不重复计入。`,
        en: `Withdraws transaction ${t.id} (${t.credits} credits accumulated): ${o.en} converts under ${r.en}, whose credits replace its own accumulated credits rather than add to them.`,
      },
    }));
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
  // Nothing converts (every course already exempted, no credits left): the accumulated credits stand.
  if (lines.every((l) => l.kind === 'REVERSE')) return { lines: [], skipped };
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
