import { DomainError, type Platform } from '@onex/core';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/database.ts';
import { type CurriculumFixture, seedCurriculumFixture } from '../src/testing/curriculum-fixture.ts';
import { createTestPlatform, testEngines } from '../src/testing/index.ts';

/** 书证融通 over the real repository: PGlite always, PostgreSQL when DATABASE_URL is set. */
describe.each(testEngines())('curriculum on $name', (engine) => {
  let database: Database;
  let platform: Platform;
  let fx: CurriculumFixture;

  beforeAll(async () => {
    database = await engine.open();
    ({ platform } = createTestPlatform(database));
    fx = await seedCurriculumFixture(platform);
  });
  afterAll(async () => {
    await database?.close();
  });

  const refusal = async (p: Promise<unknown>, code: string) => {
    const e = await p.then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(DomainError);
    expect((e as DomainError).code).toBe(code);
    return e as DomainError;
  };
  const count = async (table: string) =>
    (await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(database.db))
      .rows[0]!.n;
  const enc = (s: string) => new TextEncoder().encode(s);

  it('stores the mappings and computes the same coverage when read back', async () => {
    expect(await count('curriculum_mapping')).toBe(fx.mappings.length);
    const again = await platform.curriculum.coverage(fx.programmeId, 'X-0102', 2);
    expect(again.summary).toEqual(fx.coverage.summary);
    expect(again.summary.coverage).toBeGreaterThan(0);
    expect(again.summary.coverage).toBeLessThan(1);
    expect(again.requirements.every((r) => r.hours > 0)).toBe(true);
  });

  it('exports the mappings as CSV and imports them back to the same coverage', async () => {
    const csv = await platform.curriculum.exportMappingsCsv(fx.programmeId, 'X-0102', 2);
    expect(csv.split('\r\n')[0]).toContain('要求代码 / requirementCode');
    const report = await platform.curriculum.importMappingsCsv(fx.programmeId, 'X-0102', 2, enc(csv));
    expect(report.summary).toEqual(fx.coverage.summary);
    expect(await count('curriculum_mapping')).toBe(fx.mappings.length);
  });

  it('refuses a CSV mapping to unknown requirements and courses, naming rows, and writes nothing', async () => {
    const before = await sql<{
      id: string;
      weight: number;
    }>`select id, weight from curriculum_mapping order by id`.execute(database.db);
    const file =
      '课程代码,要求代码,融通方式,覆盖权重\nZH01,1.1.1,EMBED,1\nZH01,9.9.9,EMBED,0.5\nNOPE,1.1.2,EMBED,0.5\nZH01,1.1.3,EMBED,2\n';
    const e = await refusal(
      platform.curriculum.importMappingsCsv(fx.programmeId, 'X-0102', 2, enc(file)),
      'CURRICULUM_IMPORT_INVALID',
    );
    expect(e.details.issues!.map((i) => i.path)).toEqual([
      'row 3 · 要求代码',
      'row 4 · 课程代码',
      'row 5 · 覆盖权重',
    ]);
    const after = await sql<{
      id: string;
      weight: number;
    }>`select id, weight from curriculum_mapping order by id`.execute(database.db);
    expect(after.rows).toEqual(before.rows);
  });

  it('names the plan rules a programme breaks, and none for the generated plan', async () => {
    const check = await platform.curriculum.checkPlan(fx.programmeId);
    expect(check.stage).toBe('HIGHER');
    expect(check.violations).toEqual([]);
    expect(check.totals.total).toBeGreaterThanOrEqual(2500);
  });

  it('closes the gaps within the budget with an exact, explained plan', async () => {
    const plan = await platform.curriculum.optimize(fx.programmeId, 'X-0102', 2, { budget: 40 });
    expect(plan.result).toMatchObject({ method: 'MILP', status: 'OPTIMAL' });
    expect(plan.result.addedHours).toBeLessThanOrEqual(40);
    expect(plan.after.coverage).toBeGreaterThan(plan.before.coverage);
    expect(plan.after.coverage).toBe(plan.result.coverageAfter);
    expect(plan.result.constraints.find((c) => c.name === 'BUDGET')!.binding).toBe(true);
    const greedy = await platform.curriculum.optimize(fx.programmeId, 'X-0102', 2, {
      budget: 40,
      method: 'GREEDY',
    });
    expect(greedy.result.method).toBe('GREEDY');
    expect(greedy.result.objectiveHours).toBeLessThanOrEqual(plan.result.objectiveHours + 1e-6);
    expect(greedy.result.gap).toBeGreaterThanOrEqual(0);
  });

  it('ranks the levels each programme of an institution is closest to', async () => {
    const [p] = await platform.curriculum.closestLevels(fx.institutionId);
    expect(p!.levels[0]).toMatchObject({ certificateCode: 'X-0102', level: 2, targeted: true });
    expect(p!.levels[0]!.summary).toEqual(fx.coverage.summary);
  });

  it('round-trips a standard through CASE 1.1 into a new version with the same nodes', async () => {
    const pkg = await platform.curriculum.exportCase(fx.standardId);
    const imported = await platform.curriculum.importCase(JSON.parse(JSON.stringify(pkg)));
    const original = await platform.catalog.getStandard(fx.standardId);
    expect(imported.version).toBe(original.version + 1);
    expect(imported.status).toBe('PUBLISHED');
    expect(imported.nodes).toEqual(original.nodes);
    expect([imported.titleZh, imported.titleEn]).toEqual([original.titleZh, original.titleEn]);
  });

  it('refuses a malformed CASE file with coded errors and writes nothing', async () => {
    const standards = await count('skill_standard');
    const nodes = await count('skill_node');
    const pkg = await platform.curriculum.exportCase(fx.standardId);
    pkg.CFAssociations.pop();
    const e = await refusal(platform.curriculum.importCase(pkg), 'CURRICULUM_CASE_MALFORMED');
    expect(e.details.issues![0]!.message).toContain('has no isChildOf association');
    await refusal(
      platform.curriculum.importCase({ CFDocument: { title: 'x' } }),
      'CURRICULUM_CASE_MALFORMED',
    );
    const other = await platform.curriculum.exportCase(fx.standardId);
    other.CFDocument.subject = ['X-9999'];
    other.CFDocument.extensions = {};
    await refusal(platform.curriculum.importCase(other), 'CURRICULUM_CASE_MALFORMED');
    expect([await count('skill_standard'), await count('skill_node')]).toEqual([standards, nodes]);
  });
});
