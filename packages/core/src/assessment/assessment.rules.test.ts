import { describe, expect, it } from 'vitest';
import type { EligibilityFacts } from './assessment.rules.ts';
import { chinaDate, isValidScore, judge, prerequisiteIssues, refusalsFor } from './assessment.rules.ts';

describe('judge', () => {
  it('passes a candidate at or above both part minimums and names each part below it', () => {
    const rule = { theoryMin: 60, practicalMin: 60 };
    expect(judge(rule, { theory: 60, practical: 75.5 })).toEqual({ passed: true, total: 67.8, reasons: [] });
    const failed = judge(rule, { theory: 59.9, practical: 40 });
    expect(failed.passed).toBe(false);
    expect(failed.reasons.map((r) => r.code)).toEqual(['THEORY_BELOW_MIN', 'PRACTICAL_BELOW_MIN']);
    expect(failed.reasons[0]).toMatchObject({
      zh: expect.stringContaining('理论成绩 59.9'),
      en: expect.any(String),
    });
  });

  it('applies a weighted total minimum as the 10 kV live-working certificate does (total ≥ 80)', () => {
    const rule = { totalMin: 80, weights: { theory: 0.3, practical: 0.7 } };
    expect(judge(rule, { theory: 70, practical: 85 })).toEqual({ passed: true, total: 80.5, reasons: [] });
    const low = judge(rule, { theory: 90, practical: 75 });
    expect(low.total).toBe(79.5);
    expect(low.reasons.map((r) => r.code)).toEqual(['TOTAL_BELOW_MIN']);
  });

  it('computes the total in tenths, so decimal weights do not drift (33.3 × 0.5 + 66.6 × 0.5)', () => {
    expect(judge({ totalMin: 50 }, { theory: 33.3, practical: 66.6 }).total).toBe(50);
    expect(judge({ totalMin: 0 }, { theory: 0.1, practical: 0 }).total).toBe(0.1);
  });

  it('falls back to theory ≥ 60 and practical ≥ 60 when the rule names no minimum', () => {
    expect(judge({}, { theory: 59, practical: 100 }).passed).toBe(false);
    expect(judge({ weights: { theory: 1, practical: 3 } }, { theory: 60, practical: 60 }).passed).toBe(true);
  });

  it('judges an absent candidate as not passed, with no total and the reason ABSENT', () => {
    expect(judge({ theoryMin: 0, practicalMin: 0 }, { absent: true })).toEqual({
      passed: false,
      total: null,
      reasons: [{ code: 'ABSENT', zh: '缺考', en: 'Absent' }],
    });
  });
});

describe('scores and dates', () => {
  it('accepts scores from 0 to 100 with at most one decimal and nothing else', () => {
    for (const ok of [0, 100, 59.5, 0.1, 99.9]) expect(isValidScore(ok)).toBe(true);
    for (const bad of [-0.1, 100.1, 60.25, Number.NaN, Number.POSITIVE_INFINITY, '60', null]) {
      expect(isValidScore(bad)).toBe(false);
    }
  });

  it('reads the calendar date in China Standard Time', () => {
    expect(chinaDate(new Date('2026-06-30T16:00:00Z'))).toBe('2026-07-01');
    expect(chinaDate(new Date('2026-06-30T15:59:59Z'))).toBe('2026-06-30');
  });

  it('refuses a lower-level prerequisite on level 1 and training hours that are not a positive whole number', () => {
    expect(prerequisiteIssues(1, [{ kind: 'HOLDS_LOWER_LEVEL' }]).map((i) => i.path)).toEqual(['0.kind']);
    expect(prerequisiteIssues(2, [{ kind: 'TRAINING_HOURS', min: 0 }]).map((i) => i.path)).toEqual(['0.min']);
    expect(
      prerequisiteIssues(2, [{ kind: 'HOLDS_LOWER_LEVEL' }, { kind: 'TRAINING_HOURS', min: 40 }]),
    ).toEqual([]);
  });
});

describe('eligibility', () => {
  const facts = (over: Partial<EligibilityFacts> = {}): EligibilityFacts => ({
    now: new Date('2026-05-10T00:00:00Z'),
    session: {
      registrationOpensAt: new Date('2026-05-01T00:00:00Z'),
      registrationClosesAt: new Date('2026-05-20T00:00:00Z'),
      capacity: 30,
      level: 2,
      date: '2026-06-13',
      certificateCode: 'X-0102',
    },
    registeredCount: 0,
    siteApproved: true,
    learner: { kind: 'STUDENT', institutionId: 'inst_1' },
    alreadyInSession: false,
    sameDaySitting: false,
    pilotLevels: [1, 2],
    prerequisites: [],
    passedLowerLevel: false,
    trainingHours: null,
    ...over,
  });
  const rules = (over: Partial<EligibilityFacts>) => refusalsFor(facts(over)).map((r) => r.rule);

  it('lets a student of a pilot institution register for an authorized level inside the window', () => {
    expect(refusalsFor(facts())).toEqual([]);
  });

  it('refuses a student whose institution holds no authorization, or one without the level', () => {
    expect(rules({ pilotLevels: null })).toEqual(['PILOT_AUTHORIZATION']);
    expect(rules({ pilotLevels: [1] })).toEqual(['PILOT_AUTHORIZATION']);
  });

  it('exempts a social learner from the pilot rule but not from the training-hours prerequisite', () => {
    const social = { learner: { kind: 'SOCIAL' as const, institutionId: null }, pilotLevels: null };
    const prerequisites = [{ kind: 'TRAINING_HOURS' as const, min: 40, appliesTo: 'SOCIAL' as const }];
    expect(rules(social)).toEqual([]);
    expect(rules({ ...social, prerequisites, trainingHours: 39 })).toEqual(['PREREQUISITE_TRAINING_HOURS']);
    expect(rules({ ...social, prerequisites, trainingHours: 40 })).toEqual([]);
    expect(rules({ prerequisites, trainingHours: null })).toEqual([]);
  });

  it('refuses a level whose lower level the learner has not passed when the TEO requires it', () => {
    const prerequisites = [{ kind: 'HOLDS_LOWER_LEVEL' as const }];
    expect(rules({ prerequisites })).toEqual(['PREREQUISITE_LOWER_LEVEL']);
    expect(rules({ prerequisites, passedLowerLevel: true })).toEqual([]);
  });

  it('refuses before the window opens and from the moment it closes', () => {
    expect(rules({ now: new Date('2026-04-30T23:59:59Z') })).toEqual(['WINDOW']);
    expect(rules({ now: new Date('2026-05-20T00:00:00Z') })).toEqual(['WINDOW']);
    expect(rules({ now: new Date('2026-05-19T23:59:59Z') })).toEqual([]);
  });

  it('refuses a double sitting in this session or another one on the same date, and a full session', () => {
    expect(rules({ alreadyInSession: true })).toEqual(['DOUBLE_SITTING']);
    expect(rules({ sameDaySitting: true })).toEqual(['DOUBLE_SITTING']);
    expect(rules({ registeredCount: 30 })).toEqual(['CAPACITY']);
    expect(rules({ registeredCount: 29 })).toEqual([]);
  });

  it('lists every broken rule in a fixed order, each with Chinese and English text', () => {
    const all = refusalsFor(
      facts({
        siteApproved: false,
        now: new Date('2026-06-01T00:00:00Z'),
        pilotLevels: null,
        registeredCount: 30,
      }),
    );
    expect(all.map((r) => r.rule)).toEqual([
      'SITE_NOT_APPROVED',
      'WINDOW',
      'PILOT_AUTHORIZATION',
      'CAPACITY',
    ]);
    for (const r of all) expect(r.text.zh && r.text.en).toBeTruthy();
  });
});
