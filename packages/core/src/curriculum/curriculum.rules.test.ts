import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../shared/index.ts';
import type { RequirementRef } from './curriculum.model.ts';
import {
  checkPlan,
  computeCoverage,
  estimateRequirementHours,
  type PlanCourse,
  summaryFromTotals,
  weightMicros,
} from './curriculum.rules.ts';
import { formatMappingCsv, parseMappingCsv } from './mapping-csv.ts';

const reqs: RequirementRef[] = ['1.1.1', '1.1.2', '1.2.1', '2.1.1'].map((code) => ({
  code,
  titleZh: `要求 ${code}`,
  titleEn: null,
  taskCode: code.slice(0, 3),
  taskTitleZh: '任务',
  hours: estimateRequirementHours(112, 4),
}));

const enc = (s: string) => new TextEncoder().encode(s);
const refs = { courses: new Set(['ZH01', 'ZH02']), requirements: new Set(reqs.map((r) => r.code)) };

function issuesOf(f: () => unknown): { code: string; paths: string[] } {
  try {
    f();
  } catch (e) {
    if (e instanceof DomainError) return { code: e.code, paths: (e.details.issues ?? []).map((i) => i.path) };
    throw e;
  }
  throw new Error('expected a DomainError');
}

describe('coverage', () => {
  it('caps a requirement at full coverage and charges hours only for what is left', () => {
    const { rows, summary } = computeCoverage(reqs, [
      { requirementCode: '1.1.1', courseCode: 'ZH01', kind: 'EMBED', weight: 0.7 },
      { requirementCode: '1.1.1', courseCode: 'ZH02', kind: 'EMBED', weight: 0.6 },
      { requirementCode: '1.1.2', courseCode: 'ZH01', kind: 'SUPPLEMENT', weight: 0.25 },
    ]);
    expect(rows.map((r) => [r.code, r.coverage, r.status])).toEqual([
      ['1.1.1', 1, 'COVERED'],
      ['1.1.2', 0.25, 'PARTIAL'],
      ['1.2.1', 0, 'UNCOVERED'],
      ['2.1.1', 0, 'UNCOVERED'],
    ]);
    expect(summary).toEqual({
      requirements: 4,
      covered: 1,
      partial: 1,
      uncovered: 2,
      coverage: 0.3125,
      hoursNeeded: 77,
    });
  });

  it('keeps coverage between 0 and 1 and hours covered plus needed equal to the level hours', () => {
    const cell = fc.record({
      requirementCode: fc.constantFrom(...reqs.map((r) => r.code), '9.9.9'),
      courseCode: fc.constantFrom('ZH01', 'ZH02', 'ZH03'),
      kind: fc.constantFrom('EMBED' as const, 'REPLACE' as const, 'SUPPLEMENT' as const),
      weight: fc.double({ min: 0.01, max: 1, noNaN: true }),
    });
    fc.assert(
      fc.property(fc.array(cell, { maxLength: 20 }), (cells) => {
        const { rows, summary } = computeCoverage(reqs, cells);
        for (const r of rows) expect(r.coverage).toBeGreaterThanOrEqual(0);
        for (const r of rows) expect(r.coverage).toBeLessThanOrEqual(1);
        const needed = rows.reduce((s, r) => s + r.hoursNeeded, 0);
        expect(summary.coverage * 112 + needed).toBeCloseTo(112, 1);
      }),
    );
  });
});

describe('coverage from totals', () => {
  it('equals the summary of the matrix, to the last digit, for any mappings', () => {
    const levelReqs = Array.from({ length: 32 }, (_, j) => ({
      ...reqs[0]!,
      code: `${1 + Math.floor(j / 8)}.${1 + (j % 8)}.1`,
      hours: estimateRequirementHours(112, 32),
    }));
    const cell = fc.record({
      requirementCode: fc.constantFrom(...levelReqs.map((r) => r.code)),
      courseCode: fc.constantFrom('ZH01', 'ZH02', 'ZH03'),
      kind: fc.constant('EMBED' as const),
      weight: fc.oneof(
        fc.integer({ min: 1, max: 1_000_000 }).map((m) => m / 1_000_000),
        fc.constantFrom(0.1, 0.2, 1 / 3, 0.05, 0.125),
      ),
    });
    fc.assert(
      fc.property(fc.array(cell, { maxLength: 60 }), (cells) => {
        const { rows, summary } = computeCoverage(levelReqs, cells);
        const totals = {
          covered: rows.filter((r) => r.status === 'COVERED').length,
          partial: rows.filter((r) => r.status === 'PARTIAL').length,
          coverageMicros: rows.reduce((s, r) => s + weightMicros(r.coverage), 0),
        };
        expect(summaryFromTotals(levelReqs.length, levelReqs[0]!.hours, totals)).toEqual(summary);
      }),
    );
    expect(summaryFromTotals(0, 0)).toEqual({
      requirements: 0,
      covered: 0,
      partial: 0,
      uncovered: 0,
      coverage: 0,
      hoursNeeded: 0,
    });
    expect(summaryFromTotals(48, 112 / 48)).toMatchObject({ uncovered: 48, coverage: 0, hoursNeeded: 112 });
  });
});

describe('plan rules', () => {
  const course = (
    code: string,
    type: PlanCourse['type'],
    hours: number,
    practiceHours: number,
  ): PlanCourse => ({
    code,
    nameZh: code,
    hours,
    practiceHours,
    type,
    credits: Math.round((hours / 16) * 2) / 2,
  });
  const good: PlanCourse[] = [
    course('GB01', 'PUBLIC_FOUNDATION', 700, 300),
    ...Array.from({ length: 6 }, (_, i) => course(`ZH0${i}`, 'PROFESSIONAL_CORE', 128, 80)),
    course('XX01', 'ELECTIVE', 256, 96),
    course('ZJ01', 'PROFESSIONAL_FOUNDATION', 176, 80),
    { ...course('SJ01', 'PRACTICUM', 600, 600), nameZh: '岗位实习' },
  ];

  it('finds nothing wrong with a plan that keeps every rule', () => {
    expect(checkPlan('HIGHER', good, 16).violations).toEqual([]);
  });

  it('names each broken rule: hours, practice share, electives and credits', () => {
    const bad = good.map((c) =>
      c.code === 'XX01'
        ? { ...c, hours: 64, credits: 4 }
        : c.code === 'SJ01'
          ? { ...c, practiceHours: 100 }
          : c,
    );
    bad[1] = { ...bad[1]!, credits: 12 };
    const v = checkPlan('HIGHER', bad, 16).violations;
    expect(v.map((x) => x.rule)).toEqual([
      'TOTAL_HOURS',
      'PRACTICE_SHARE',
      'ELECTIVE_SHARE',
      'COURSE_CREDITS',
    ]);
    expect(v[3]).toMatchObject({ courseCode: 'ZH00', actual: 12, required: 8 });
    expect(checkPlan('SECONDARY', good).violations.map((x) => x.rule)).toEqual([
      'TOTAL_HOURS',
      'PUBLIC_SHARE',
    ]);
  });
});

describe('mapping CSV', () => {
  const header = '课程代码 / courseCode,要求代码 / requirementCode,融通方式 / kind,覆盖权重 / weight\n';

  it('reads bilingual, Chinese-only and English-only headers and Chinese kind names', () => {
    expect(parseMappingCsv(enc(`${header}ZH01,1.1.1,嵌入,0.5\n`), refs)).toEqual([
      { courseCode: 'ZH01', requirementCode: '1.1.1', kind: 'EMBED', weight: 0.5 },
    ]);
    expect(
      parseMappingCsv(enc('课程代码,要求代码,融通方式,覆盖权重\nZH02,2.1.1,补充,1\n'), refs),
    ).toHaveLength(1);
    expect(
      parseMappingCsv(enc('courseCode,requirementCode,kind,weight\r\nZH02,2.1.1,REPLACE,1\r\n'), refs),
    ).toHaveLength(1);
  });

  it('names every bad row and column: unknown requirement, unknown course, kind, weight, a pair twice', () => {
    const file = `${header}ZH01,1.1.1,EMBED,0.5\nZH01,7.7.7,EMBED,0.5\nZX99,1.1.2,EMBED,0.5\nZH02,1.2.1,MERGE,0.5\nZH02,2.1.1,EMBED,1.5\nZH01,1.1.1,EMBED,0.2\n`;
    expect(issuesOf(() => parseMappingCsv(enc(file), refs))).toEqual({
      code: 'CURRICULUM_IMPORT_INVALID',
      paths: [
        'row 3 · 要求代码',
        'row 4 · 课程代码',
        'row 5 · 融通方式',
        'row 6 · 覆盖权重',
        'row 7 · 要求代码',
      ],
    });
    expect(issuesOf(() => parseMappingCsv(enc(`${header}ZH01,1.1.1,EMBED,0\n`), refs)).paths).toEqual([
      'row 2 · 覆盖权重',
    ]);
  });

  it('keeps weights to the millionth, as stored, and refuses one that rounds to nothing', () => {
    expect(parseMappingCsv(enc(`${header}ZH01,1.1.1,EMBED,0.3333333\n`), refs)[0]!.weight).toBe(0.333333);
    expect(issuesOf(() => parseMappingCsv(enc(`${header}ZH01,1.1.1,EMBED,0.0000001\n`), refs)).paths).toEqual(
      ['row 2 · 覆盖权重'],
    );
    expect(issuesOf(() => parseMappingCsv(enc(`${header}ZH01,1.1.1,EMBED,1.0000001\n`), refs)).paths).toEqual(
      ['row 2 · 覆盖权重'],
    );
  });

  it('refuses a file without the required columns or with an unclosed quote as unreadable', () => {
    expect(issuesOf(() => parseMappingCsv(enc('课程代码,融通方式\nZH01,EMBED\n'), refs)).code).toBe(
      'CURRICULUM_IMPORT_UNREADABLE',
    );
    expect(issuesOf(() => parseMappingCsv(enc(`${header}"ZH01,1.1.1,EMBED,0.5\n`), refs)).code).toBe(
      'CURRICULUM_IMPORT_UNREADABLE',
    );
  });

  it('reads back what it writes, names with commas and quotes included', () => {
    const rows = [
      {
        courseCode: 'ZH01',
        courseName: 'Web 前端框架, "Vue"',
        requirementCode: '1.2.1',
        requirementTitle: '组件',
        kind: 'SUPPLEMENT' as const,
        weight: 0.35,
      },
    ];
    expect(parseMappingCsv(enc(formatMappingCsv(rows)), refs)).toEqual([
      { courseCode: 'ZH01', requirementCode: '1.2.1', kind: 'SUPPLEMENT', weight: 0.35 },
    ]);
  });
});
