import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ConversionRule, CreditTransaction, LearningOutcome } from './credit-bank.model.ts';
import {
  balanceOf,
  type CourseInfo,
  convertedAt,
  exemptedAt,
  inForce,
  keyOfRule,
  planConversion,
  planWithdrawal,
  rangesOverlap,
  ruleInForce,
  ruleKeyOf,
  ruleMatches,
  standing,
  tenths,
} from './credit-bank.rules.ts';

const INSTITUTION = 'inst_1';
const courseIds = ['c1', 'c2', 'c3', 'c4', 'c5'];
const dayArb = fc
  .date({ min: new Date('2024-01-01T00:00:00Z'), max: new Date('2028-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const creditsArb = fc.integer({ min: 0, max: 120 }).map((t) => t / 10);
const coursesArb = fc
  .tuple(...courseIds.map(() => fc.integer({ min: 5, max: 60 })))
  .map(
    (ts) =>
      new Map<string, CourseInfo>(
        courseIds.map((id, i) => [
          id,
          { id, code: id.toUpperCase(), nameZh: `课程${i}`, nameEn: null, credits: ts[i]! / 10 },
        ]),
      ),
  );
const ruleArb = fc.record({
  credits: creditsArb,
  exemptCourseIds: fc.uniqueArray(fc.constantFrom(...courseIds), { maxLength: 4 }),
});

function rule(
  i: number,
  r: { credits: number; exemptCourseIds: string[] },
  from = '2024-01-01',
  to: string | null = null,
): ConversionRule {
  return {
    id: `cvr_${i}`,
    institutionId: INSTITUTION,
    institutionCode: 'I-1',
    outcomeKind: 'X_CERT',
    certificateCode: `C${i}`,
    level: 1,
    outcomeCode: null,
    version: 1,
    credits: r.credits,
    exemptCourseIds: r.exemptCourseIds,
    effectiveFrom: from,
    effectiveTo: to,
    note: null,
    createdAt: new Date(0),
  };
}

function outcome(i: number, certificateCode = `C${i}`, achievedOn = '2026-09-01'): LearningOutcome {
  return {
    id: `lo_${i}`,
    accountId: 'cba_1',
    kind: 'X_CERT',
    title: { zh: `证书${i}`, en: `Certificate ${i}` },
    status: 'ACCUMULATED',
    certificateCode,
    level: 1,
    credentialId: `urn:uuid:${i}`,
    document: null,
    issuerDid: 'did:web:onex.example:teos:T',
    verification: null,
    credits: 0,
    institutionId: null,
    achievedOn,
    sourceKey: `credential:${i}`,
    recognisedAt: new Date(0),
    outcomeCode: null,
    evidence: [],
    submittedBy: null,
    review: null,
  };
}

/** Converts outcomes one after another, as `apply` does, threading the ledger through. */
function convertAll(
  outcomes: LearningOutcome[],
  rules: ConversionRule[],
  courses: Map<string, CourseInfo>,
): CreditTransaction[] {
  const ledger: CreditTransaction[] = [];
  let n = 0;
  for (const o of outcomes) {
    if (convertedAt(ledger, o.id, INSTITUTION)) continue;
    const key = ruleKeyOf(o);
    const r = key && ruleInForce(rules, INSTITUTION, key, o.achievedOn);
    if (!r) continue;
    const exempted = new Map([...exemptedAt(ledger, INSTITUTION)].map(([c, t]) => [c, t.outcomeId]));
    for (const line of planConversion({ outcome: o, rule: r, courses, exempted }).lines) {
      ledger.push({ ...line, id: `ctx_${++n}`, accountId: 'cba_1', at: new Date(0) });
    }
  }
  return ledger;
}

describe('conversion rules (pure)', () => {
  it('never exempts a course twice, however many outcomes convert under however many rules', () => {
    fc.assert(
      fc.property(
        coursesArb,
        fc.array(ruleArb, { minLength: 1, maxLength: 6 }),
        fc.array(fc.nat(5), { maxLength: 12 }),
        (courses, rs, picks) => {
          const rules = rs.map((r, i) => rule(i, r));
          // Several outcomes may hold the same certificate (picks repeat): each is its own outcome.
          const outcomes = picks.map((p, k) => ({ ...outcome(k, `C${p % rules.length}`) }));
          const ledger = convertAll(outcomes, rules, courses);
          const exempt = standing(ledger)
            .filter((t) => t.kind === 'EXEMPT')
            .map((t) => t.courseId);
          expect(new Set(exempt).size).toBe(exempt.length);
          // Converting again changes nothing: every outcome is already converted or has no credits to give.
          expect(convertAll(outcomes, rules, courses).length).toBe(ledger.length);
        },
      ),
    );
  });

  it('never gives an outcome more credits than the rule it converts under', () => {
    fc.assert(
      fc.property(
        coursesArb,
        ruleArb,
        fc.uniqueArray(fc.constantFrom(...courseIds)),
        (courses, r, already) => {
          const theRule = rule(0, r);
          const exempted = new Map(already.map((c) => [c, 'lo_other']));
          const { lines, skipped } = planConversion({
            outcome: outcome(0),
            rule: theRule,
            courses,
            exempted,
          });
          const total = lines.reduce((s, l) => s + tenths(l.credits), 0);
          expect(total).toBeLessThanOrEqual(tenths(r.credits));
          for (const l of lines) {
            // An exemption past the rule's credits still exempts, with 0 credits; substitution is never 0.
            expect(l.credits).toBeGreaterThanOrEqual(l.kind === 'CREDIT' ? 0.1 : 0);
            expect(l.ruleId).toBe(theRule.id);
            expect(l.explanation.zh).toContain(theRule.id);
            expect(l.explanation.en).toContain('lo_0');
            if (l.kind === 'EXEMPT') expect(exempted.has(l.courseId!)).toBe(false);
          }
          // A course already exempted is named in the skipped list, with a reason, never exempted.
          for (const c of r.exemptCourseIds.filter((c) => exempted.has(c))) {
            expect(skipped.some((s) => s.courseId === c && s.reason.en.includes('not exempted twice'))).toBe(
              true,
            );
          }
        },
      ),
    );
  });

  it('replaces a reviewed declaration’s own accumulated credits with the rule’s, never adding both', () => {
    fc.assert(
      fc.property(coursesArb, ruleArb, fc.integer({ min: 1, max: 200 }), (courses, r, ownTenths) => {
        const theRule = rule(0, r);
        const o = outcome(0);
        const deposit: CreditTransaction = {
          id: 'ctx_deposit',
          accountId: 'cba_1',
          outcomeId: o.id,
          kind: 'ACCUMULATE',
          institutionId: INSTITUTION,
          ruleId: null,
          ruleVersion: null,
          courseId: null,
          credits: ownTenths / 10,
          reversesId: null,
          explanation: { zh: '累积', en: 'accumulated' },
          at: new Date(0),
        };
        const { lines } = planConversion({
          outcome: o,
          rule: theRule,
          courses,
          exempted: new Map(),
          accumulated: [deposit],
        });
        const ledger = [
          deposit,
          ...lines.map((l, i) => ({ ...l, id: `ctx_${i}`, accountId: 'cba_1', at: new Date(0) })),
        ];
        const converts = lines.some((l) => l.kind !== 'REVERSE');
        // Converted: the outcome stands at what the rule gives (≤ its credits), the deposit reversed
        // with an explanation naming it; nothing converted: the deposit stands untouched.
        expect(tenths(balanceOf(ledger))).toBeLessThanOrEqual(converts ? tenths(r.credits) : ownTenths);
        expect(lines.filter((l) => l.reversesId === 'ctx_deposit').length).toBe(converts ? 1 : 0);
        for (const l of lines.filter((l) => l.kind === 'REVERSE'))
          expect(l.explanation.en).toContain('ctx_deposit');
      }),
    );
  });

  it('matches declared outcomes by kind and code only, and never exempts a course twice across kinds', () => {
    const kinds = ['X_CERT', 'OB_CREDENTIAL', 'COURSE', 'COMPETITION', 'WORK_EXPERIENCE'] as const;
    const ruleKinds = ['X_CERT', 'COURSE', 'COMPETITION', 'WORK_EXPERIENCE'] as const;
    fc.assert(
      fc.property(
        coursesArb,
        fc.array(fc.record({ kind: fc.constantFrom(...ruleKinds), code: fc.nat(2), r: ruleArb }), {
          minLength: 1,
          maxLength: 6,
        }),
        fc.array(fc.record({ kind: fc.constantFrom(...kinds), code: fc.nat(2) }), { maxLength: 10 }),
        (courses, specs, held) => {
          const rules: ConversionRule[] = [];
          for (const [i, s] of specs.entries()) {
            // One version per kind and code (versions never overlap).
            if (rules.some((r) => ruleMatches(r, keyOfRule(declared(s.kind, s.code))))) continue;
            rules.push({ ...rule(i, s.r), ...declared(s.kind, s.code) });
          }
          const outcomes = held.map((h, k) => ({
            ...outcome(k),
            kind: h.kind,
            certificateCode: h.kind === 'X_CERT' ? `C${h.code}` : null,
            level: h.kind === 'X_CERT' ? (1 as const) : null,
            outcomeCode: h.kind === 'X_CERT' || h.kind === 'OB_CREDENTIAL' ? null : `C${h.code}`,
          }));
          const ledger = convertAll(outcomes, rules, courses);
          for (const t of ledger) {
            const o = outcomes.find((x) => x.id === t.outcomeId)!;
            const r = rules.find((x) => x.id === t.ruleId)!;
            expect(o.kind).not.toBe('OB_CREDENTIAL');
            expect(r.outcomeKind).toBe(o.kind);
            expect(o.kind === 'X_CERT' ? r.certificateCode : r.outcomeCode).toBe(
              o.kind === 'X_CERT' ? o.certificateCode : o.outcomeCode,
            );
          }
          const exempt = standing(ledger)
            .filter((t) => t.kind === 'EXEMPT')
            .map((t) => t.courseId);
          expect(new Set(exempt).size).toBe(exempt.length);
        },
      ),
    );
    function declared(kind: (typeof ruleKinds)[number], code: number) {
      return kind === 'X_CERT'
        ? { outcomeKind: kind, certificateCode: `C${code}`, level: 1 as const, outcomeCode: null }
        : { outcomeKind: kind, certificateCode: null, level: null, outcomeCode: `C${code}` };
    }
  });

  it('honours effective dates: a rule converts exactly the outcomes achieved within [from, to)', () => {
    fc.assert(
      fc.property(dayArb, dayArb, dayArb, fc.boolean(), (a, b, day, openEnded) => {
        const [from, to] = a <= b ? [a, b] : [b, a];
        const r = rule(0, { credits: 2, exemptCourseIds: [] }, from, openEnded || from === to ? null : to);
        const expected = day >= from && (r.effectiveTo === null || day < r.effectiveTo);
        expect(inForce(r, day)).toBe(expected);
        const key = { outcomeKind: 'X_CERT', certificateCode: 'C0', level: 1 } as const;
        expect(ruleInForce([r], INSTITUTION, key, day) !== undefined).toBe(expected);
        const ledger = convertAll([outcome(0, 'C0', day)], [r], new Map());
        expect(balanceOf(ledger)).toBe(expected ? 2 : 0);
      }),
    );
  });

  it('finds overlap exactly when two half-open ranges share a day', () => {
    fc.assert(
      fc.property(dayArb, dayArb, dayArb, dayArb, fc.boolean(), (a1, a2, b1, b2, open) => {
        const [af, at] = a1 < a2 ? [a1, a2] : [a2, a1 === a2 ? '2029-01-01' : a1];
        const [bf, bt] = b1 < b2 ? [b1, b2] : [b2, b1 === b2 ? '2029-01-01' : b1];
        const ra = { effectiveFrom: af, effectiveTo: open ? null : at };
        const rb = { effectiveFrom: bf, effectiveTo: bt };
        // A shared day d: max(from) ≤ d < min(to).
        const start = [af, bf].sort()[1]!;
        const ends = [ra.effectiveTo, rb.effectiveTo].filter((x): x is string => x !== null);
        const end = [...ends, '9999-12-31'].sort()[0]!;
        expect(rangesOverlap(ra, rb)).toBe(start < end);
        expect(rangesOverlap(rb, ra)).toBe(start < end);
      }),
    );
  });

  it('withdraws a revoked certificate by reversing each of its transactions, with the reason, deleting nothing', () => {
    fc.assert(
      fc.property(
        coursesArb,
        fc.array(ruleArb, { minLength: 2, maxLength: 4 }),
        fc.nat(),
        (courses, rs, which) => {
          const rules = rs.map((r, i) => rule(i, r));
          const outcomes = rules.map((_, i) => outcome(i));
          const ledger = convertAll(outcomes, rules, courses);
          const revoked = outcomes[which % outcomes.length]!;
          const before = balanceOf(ledger);
          const own = standing(ledger).filter((t) => t.outcomeId === revoked.id);
          const reason = { zh: '签发者已撤销该证书', en: 'its issuer revoked the certificate' };
          const reversals = planWithdrawal(revoked, ledger, reason).map((l, k) => ({
            ...l,
            id: `rev_${k}`,
            accountId: 'cba_1',
            at: new Date(0),
          }));
          expect(reversals.map((r) => r.reversesId).sort()).toEqual(own.map((t) => t.id).sort());
          for (const r of reversals) {
            expect(r.kind).toBe('REVERSE');
            expect(r.explanation.en).toContain('revoked');
            expect(r.explanation.zh).toContain(r.reversesId!);
          }
          const after = [...ledger, ...reversals];
          expect(after.slice(0, ledger.length)).toEqual(ledger);
          expect(tenths(balanceOf(after))).toBe(
            tenths(before) - own.reduce((s, t) => s + tenths(t.credits), 0),
          );
          expect(standing(after).some((t) => t.outcomeId === revoked.id)).toBe(false);
          // Its exemptions are free again: another outcome may now exempt those courses.
          for (const t of own.filter((t) => t.kind === 'EXEMPT'))
            expect(exemptedAt(after, INSTITUTION).has(t.courseId!)).toBe(false);
          // Withdrawing twice reverses nothing more.
          expect(planWithdrawal(revoked, after, reason)).toEqual([]);
        },
      ),
    );
  });
});
