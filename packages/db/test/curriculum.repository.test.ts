import { DomainError, findMajor, type MappingInput, type Platform } from '@onex/core';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/database.ts';
import { buildCurriculum } from '../src/demo/curriculum.ts';
import { Rng } from '../src/demo/rng.ts';
import { demoStandardTree } from '../src/demo/standards.ts';
import { createRepositories } from '../src/repositories/index.ts';
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

  it('gives the same summaries from the one SQL aggregate as from each coverage matrix', async () => {
    // A second programme mapped to three certificates: X-0210 (published), X-0208 whose version 1
    // is mapped but version 2 is the latest (version 1 rows must not count), with sums above 1,
    // weights like 1/3, and rows to codes that are not requirements of the level (ignored by both).
    const rng = new Rng(3, 'coverage-paths');
    const standardOf = async (code: string) => {
      const cert = await platform.catalog.getCertificate(code);
      const std = await platform.catalog.createStandardVersion(cert.id, demoStandardTree(2, cert));
      return platform.catalog.publishStandard(std.id);
    };
    const x0210 = await standardOf('X-0210');
    const x0208v1 = await standardOf('X-0208');
    const prog = await platform.programs.createProgramme(fx.institutionId, {
      majorCode: '510206',
      cohortYear: 2025,
      hoursPerCredit: 16,
    });
    const plan = buildCurriculum(new Rng(5, 'cloud'), findMajor('510206')!);
    const { courses } = await platform.programs.addCourses(
      prog.id,
      plan.map((c) => ({ ...c })),
    );
    const professional = courses.filter((c) => c.type !== 'PUBLIC_FOUNDATION');
    const weights = [0.1, 0.2, 0.25, 0.3, 1 / 3, 0.5, 0.6, 0.7, 1];
    const randomMappings = (codes: string[]) => {
      const out: MappingInput[] = [];
      for (const c of professional.slice(0, 6))
        for (const j of rng.indices(codes.length, Math.min(codes.length, rng.int(2, 12))))
          out.push({
            courseCode: c.code,
            requirementCode: codes[j]!,
            kind: 'EMBED',
            weight: rng.pick(weights),
          });
      return out;
    };
    const codesOf = (std: { nodes: { level: number; kind: string; code: string }[] }, level: number) =>
      std.nodes.filter((n) => n.level === level && n.kind === 'REQUIREMENT').map((n) => n.code);
    const x0210cert = await platform.catalog.getCertificate('X-0210');
    for (const l of x0210cert.levels)
      await platform.curriculum.setMappings(
        prog.id,
        'X-0210',
        l.level,
        randomMappings(codesOf(x0210, l.level)),
      );
    const x0208cert = await platform.catalog.getCertificate('X-0208');
    const first = x0208cert.levels[0]!.level;
    await platform.curriculum.setMappings(prog.id, 'X-0208', first, randomMappings(codesOf(x0208v1, first)));
    const x0208v2 = await standardOf('X-0208');
    await platform.curriculum.setMappings(prog.id, 'X-0208', first, randomMappings(codesOf(x0208v2, first)));
    const level2 = x0210cert.levels.find((l) => l.level === 2)!.level;
    const task = x0210.nodes.find((n) => n.level === level2 && n.kind === 'TASK')!.code;
    await createRepositories(database.db).curriculum.insertMappings(
      ['9.9.9', task].map((code, i) => ({
        id: `map_stale_${i}`,
        programmeId: prog.id,
        courseId: professional[0]!.id,
        courseCode: professional[0]!.code,
        standardId: x0210.id,
        certificateId: x0210cert.id,
        level: level2,
        requirementCode: code,
        kind: 'EMBED' as const,
        weight: 0.9,
      })),
    );

    const closest = await platform.curriculum.closestLevels(fx.institutionId, { limit: 60 });
    expect(closest.map((p) => p.programmeId).sort()).toEqual([fx.programmeId, prog.id].sort());
    let compared = 0;
    let mapped = 0;
    for (const p of closest) {
      for (const l of p.levels) {
        const matrix = await platform.curriculum.coverage(p.programmeId, l.certificateCode, l.level);
        expect(l.summary, `${p.programmeId} ${l.certificateCode}/${l.level}`).toEqual(matrix.summary);
        compared++;
        if (matrix.summary.covered + matrix.summary.partial > 0) mapped++;
      }
    }
    const levels = (await platform.catalog.listCertificates())
      .filter((c) => ['X-0102', 'X-0208', 'X-0210'].includes(c.code))
      .reduce((n, c) => n + c.levels.length, 0);
    expect(compared).toBe(2 * levels);
    expect(mapped).toBe(1 + x0210cert.levels.length + 1);
    // The overview is the same cells, the relevant ones only unless all are asked for.
    const overview = await platform.curriculum.coverageOverview(fx.institutionId, { all: true });
    expect(overview).toHaveLength(compared);
    const web = await platform.curriculum.coverageOverview(fx.institutionId, {
      certificate: 'X-0102',
      level: 2,
    });
    expect(web.map((c) => [c.programmeId, c.mapped, c.targeted])).toEqual([[fx.programmeId, true, true]]);
    expect(web[0]!.summary).toEqual(fx.coverage.summary);
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
