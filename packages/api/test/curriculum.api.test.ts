import type { Database } from '@onex/db';
import { type CurriculumFixture, seedCurriculumFixture } from '@onex/db/testing/curriculum-fixture.ts';
import { createTestPlatform, testEngines } from '@onex/db/testing/index.ts';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';

const token = 'test-admin-token';
const auth = { authorization: `Bearer ${token}` };
const engine = testEngines()[0]!;

let database: Database;
let app: FastifyInstance;
let fx: CurriculumFixture;
let base: string;

const count = async (table: string) =>
  (await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(database.db)).rows[0]!
    .n;
const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

beforeAll(async () => {
  database = await engine.open();
  const { platform } = createTestPlatform(database);
  fx = await seedCurriculumFixture(platform);
  app = await buildApp({
    platform,
    engine: database.engine,
    adminToken: token,
    baseUrl: 'https://onex.example',
  });
  base = `/api/v1/programmes/${fx.programmeId}/curriculum/X-0102/2`;
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

describe('curriculum routes', () => {
  it('serves the coverage matrix with gaps and hours needed', async () => {
    const res = await app.inject({ method: 'GET', headers: auth, url: `${base}/coverage` });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.summary).toEqual(fx.coverage.summary);
    expect(body.requirements[0]).toMatchObject({ code: '1.1.1', status: expect.any(String) });
  });

  it('refuses to change mappings without the admin token', async () => {
    const res = await app.inject({ method: 'PUT', url: `${base}/mappings`, payload: { mappings: [] } });
    expect(res.statusCode).toBe(401);
    expect(await count('curriculum_mapping')).toBe(fx.mappings.length);
  });

  it('refuses a CSV mapping to an unknown requirement with 422 naming the row, and writes nothing', async () => {
    const csv =
      '课程代码 / courseCode,要求代码 / requirementCode,融通方式 / kind,覆盖权重 / weight\nZH01,8.8.8,EMBED,0.5\n';
    const res = await app.inject({
      method: 'POST',
      url: `${base}/mappings-import`,
      headers: auth,
      payload: { base64: b64(csv) },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({
      code: 'CURRICULUM_IMPORT_INVALID',
      details: { issues: [{ path: 'row 2 · 要求代码' }] },
    });
    expect(await count('curriculum_mapping')).toBe(fx.mappings.length);
  });

  it('exports the mappings as CSV that imports back unchanged', async () => {
    const csv = await app.inject({ method: 'GET', headers: auth, url: `${base}/mappings.csv` });
    expect(csv.headers['content-type']).toContain('text/csv');
    const res = await app.inject({
      method: 'POST',
      url: `${base}/mappings-import`,
      headers: auth,
      payload: { base64: Buffer.from(csv.rawPayload).toString('base64') },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().summary).toEqual(fx.coverage.summary);
  });

  it('answers the optimizer with an explained plan within the budget', async () => {
    const res = await app.inject({
      method: 'POST',
      headers: auth,
      url: `${base}/optimize`,
      payload: { budget: 24 },
    });
    expect(res.statusCode).toBe(200);
    const plan = res.json();
    expect(plan.result).toMatchObject({ method: 'MILP', status: 'OPTIMAL' });
    expect(plan.result.addedHours).toBeLessThanOrEqual(24);
    expect(plan.after.coverage).toBeGreaterThan(plan.before.coverage);
    expect(plan.result.explanation.length).toBeGreaterThan(1);
  });

  it('reports plan rules and the closest levels of an institution', async () => {
    const check = await app.inject({
      method: 'GET',
      headers: auth,
      url: `/api/v1/programmes/${fx.programmeId}/plan-check`,
    });
    expect(check.json()).toMatchObject({ stage: 'HIGHER', violations: [] });
    const close = await app.inject({
      method: 'GET',
      headers: auth,
      url: `/api/v1/institutions/${fx.institutionId}/closest-levels?limit=2`,
    });
    expect(close.json().items[0].levels).toHaveLength(2);
  });

  it("serves an institution's coverage overview from one aggregate, equal to the programme's matrix", async () => {
    const res = await app.inject({
      method: 'GET',
      headers: auth,
      url: `/api/v1/institutions/${fx.institutionId}/curriculum-coverage?certificate=X-0102`,
    });
    expect(res.statusCode).toBe(200);
    const items = res.json().items;
    expect(items.map((c: { level: number; mapped: boolean }) => [c.level, c.mapped])).toEqual([
      [2, true],
      [3, false],
    ]);
    expect(items[0]).toMatchObject({ programmeId: fx.programmeId, cohortYear: 2026, targeted: true });
    expect(items[0].summary).toEqual(fx.coverage.summary);
    const bad = await app.inject({
      method: 'GET',
      headers: auth,
      url: `/api/v1/institutions/${fx.institutionId}/curriculum-coverage?level=4`,
    });
    expect(bad.statusCode).toBe(400);
  });

  it('refuses candidate modules naming unknown requirements or courses, by path, solving nothing', async () => {
    const module = {
      id: 'M1',
      kind: 'EXTEND',
      nameZh: '扩充',
      courseCode: 'NOPE',
      hours: 8,
      practiceHours: 4,
      elective: true,
      covers: [{ requirementCode: '9.9.9', weight: 0.5 }],
    };
    const res = await app.inject({
      method: 'POST',
      headers: auth,
      url: `${base}/optimize`,
      payload: { candidates: [module, { ...module, courseCode: 'ZH01', covers: [] }] },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().details.issues.map((i: { path: string }) => i.path)).toEqual([
      'candidates.0.courseCode',
      'candidates.0.covers.0.requirementCode',
      'candidates.1.id',
    ]);
  });

  it('exports a standard as CASE, refuses a malformed package with 422, and imports a good one', async () => {
    const exported = await app.inject({
      method: 'GET',
      headers: auth,
      url: `/api/v1/standards/${fx.standardId}/case`,
    });
    expect(exported.statusCode).toBe(200);
    const pkg = exported.json();
    const standards = await count('skill_standard');
    const bad = {
      ...pkg,
      CFItems: pkg.CFItems.map((i: { CFItemType: string }, k: number) =>
        k === 5 ? { ...i, extensions: {}, CFItemType: 'Chapter' } : i,
      ),
    };
    const refused = await app.inject({
      method: 'POST',
      url: '/api/v1/standards/case',
      headers: auth,
      payload: bad,
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().code).toBe('CURRICULUM_CASE_MALFORMED');
    expect(refused.json().details.issues.map((i: { path: string }) => i.path)).toContain(
      'CFItems.5.CFItemType',
    );
    expect(await count('skill_standard')).toBe(standards);
    const ok = await app.inject({
      method: 'POST',
      url: '/api/v1/standards/case',
      headers: auth,
      payload: pkg,
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().nodes).toHaveLength(pkg.CFItems.length - 3);
  });
});
