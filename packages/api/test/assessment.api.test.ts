import { parseResultsFile } from '@onex/core';
import type { Database } from '@onex/db';
import { type AssessmentFixture, seedAssessmentFixture } from '@onex/db/testing/assessment-fixture.ts';
import { createTestPlatform, testEngines } from '@onex/db/testing/index.ts';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';

const token = 'test-admin-token';
const auth = { authorization: `Bearer ${token}` };
const engine = testEngines()[0]!;

let database: Database;
let app: FastifyInstance;
let fx: AssessmentFixture;

async function counts(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of ['assessment_site', 'assessment_session', 'assessment_registration', 'assessment_result']) {
    out[t] = (await sql<{ n: number }>`select count(*)::int as n from ${sql.table(t)}`.execute(database.db))
      .rows[0]!.n;
  }
  return out;
}

const post = (url: string, payload: InjectOptions['payload']) =>
  app.inject({ method: 'POST', url, headers: auth, ...(payload === undefined ? {} : { payload }) });
const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

beforeAll(async () => {
  database = await engine.open();
  const { platform } = createTestPlatform(database, '2026-09-01T08:00:00Z');
  fx = await seedAssessmentFixture(platform);
  app = await buildApp({
    platform,
    engine: database.engine,
    adminToken: token,
    baseUrl: 'https://onex.example',
  });
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

describe('assessment routes', () => {
  let sessionId: string;
  let regIds: string[];

  it('documents the assessment routes in OpenAPI and refuses writes without the admin token', async () => {
    const doc = (await app.inject('/openapi.json')).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/assessment-sessions/{id}/results-import',
        '/api/v1/assessment-sessions/{id}/results-template.xlsx',
        '/api/v1/assessment-sessions/{id}/registrations/bulk',
      ]),
    );
    const before = await counts();
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/assessment-sites',
      payload: {
        code: 'S-X',
        nameZh: '站点',
        teoId: fx.teoId,
        hostType: 'ENTERPRISE',
        hostNameZh: '企业',
        provinceCode: '33',
        capacity: 1,
        certificateLevels: [{ certificateId: fx.certificateCode, level: 1 }],
      },
    });
    expect(res.statusCode).toBe(401);
    expect(await counts()).toEqual(before);
  });

  it('sets up a pilot, an approved site and a session, and registers learners one by one and in bulk', async () => {
    expect(
      (
        await post('/api/v1/pilot-authorizations', {
          institutionId: fx.pilotInstitutionId,
          certificateId: fx.certificateCode,
          levels: [1],
          year: 2026,
        })
      ).statusCode,
    ).toBe(201);
    const site = await post('/api/v1/assessment-sites', {
      code: 'S-API',
      nameZh: '试点学院考核站点',
      teoId: fx.teoId,
      hostType: 'INSTITUTION',
      hostInstitutionId: fx.pilotInstitutionId,
      capacity: 30,
      certificateLevels: [{ certificateId: fx.certificateCode, level: 1 }],
    });
    expect(site.statusCode).toBe(201);
    expect((await post('/api/v1/assessment-sites/S-API/approve', {})).json().status).toBe('APPROVED');
    const session = await post('/api/v1/assessment-sessions', {
      certificateId: fx.certificateCode,
      level: 1,
      standardId: fx.publishedStandardId,
      siteId: 'S-API',
      date: '2026-10-15',
      theoryMode: 'ONLINE',
      practicalMode: 'ON_SITE',
      registrationOpensAt: '2026-09-01T00:00:00Z',
      registrationClosesAt: '2026-10-10T00:00:00+08:00',
    });
    expect(session.statusCode).toBe(201);
    expect(session.json()).toMatchObject({ capacity: 30, resultsStatus: 'DRAFT', resultsPublishedAt: null });
    sessionId = session.json().id;

    const before = await counts();
    const refused = await post(`/api/v1/assessment-sessions/${sessionId}/registrations`, {
      learnerId: fx.outsider,
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({
      code: 'ASSESSMENT_NOT_ELIGIBLE',
      details: { rule: 'PILOT_AUTHORIZATION' },
      messageZh: expect.stringContaining('试点'),
    });
    expect(await counts()).toEqual(before);

    const one = await post(`/api/v1/assessment-sessions/${sessionId}/registrations`, {
      learnerId: fx.students[0],
    });
    expect(one.statusCode).toBe(201);
    const bulk = await post(`/api/v1/assessment-sessions/${sessionId}/registrations/bulk`, {
      registrations: [
        { learnerId: fx.students[1] },
        { learnerId: fx.students[0] },
        { learnerId: fx.social[0] },
      ],
    });
    expect(bulk.statusCode).toBe(200);
    expect(bulk.json().items.map((o: { status: string; rule?: string }) => o.rule ?? o.status)).toEqual([
      'REGISTERED',
      'DOUBLE_SITTING',
      'REGISTERED',
    ]);
    regIds = [one.json().id, bulk.json().items[0].registration.id, bulk.json().items[2].registration.id];
  });

  it('serves the results template as XLSX and CSV, prefilled and readable by the importer', async () => {
    const xlsx = await app.inject({
      url: `/api/v1/assessment-sessions/${sessionId}/results-template.xlsx`,
      headers: auth,
    });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const parsed = await parseResultsFile(new Uint8Array(xlsx.rawPayload), 'xlsx');
    expect(parsed.count).toBe(3);
    const csv = await app.inject({
      url: `/api/v1/assessment-sessions/${sessionId}/results-template.csv`,
      headers: auth,
    });
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('准考证号 / registrationId');
  });

  it('dry-runs an import with every bad row named, then refuses the same file for real and changes nothing', async () => {
    const file = b64(
      ['准考证号,理论成绩,实操成绩,缺考', `${regIds[0]},80,90,`, `${regIds[1]},120,90,`, 'reg_x,60,60,'].join(
        '\n',
      ),
    );
    const before = await counts();
    const dry = await post(`/api/v1/assessment-sessions/${sessionId}/results-import?dryRun=true`, {
      format: 'csv',
      base64: file,
    });
    expect(dry.statusCode).toBe(200);
    expect(dry.json().issues.map((i: { path: string }) => i.path)).toEqual([
      'row 3 · 理论成绩',
      'row 4 · 准考证号',
    ]);
    const real = await post(`/api/v1/assessment-sessions/${sessionId}/results-import`, {
      format: 'csv',
      base64: file,
    });
    expect(real.statusCode).toBe(422);
    expect(real.json().code).toBe('ASSESSMENT_IMPORT_INVALID');
    expect(real.json().details.issues).toHaveLength(2);
    const junk = await post(`/api/v1/assessment-sessions/${sessionId}/results-import`, {
      format: 'xlsx',
      base64: b64('not a workbook'),
    });
    expect(junk.statusCode).toBe(400);
    expect(junk.json().code).toBe('ASSESSMENT_IMPORT_UNREADABLE');
    expect(await counts()).toEqual(before);
  });

  it('imports good results, publishes them and lists the passes for issuance', async () => {
    const file = b64(
      [
        'registrationId,theory,practical,absent',
        `${regIds[0]},80,90.5,`,
        `${regIds[1]},50,90,`,
        `${regIds[2]},,,yes`,
      ].join('\n'),
    );
    const res = await post(`/api/v1/assessment-sessions/${sessionId}/results-import`, {
      format: 'csv',
      base64: file,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ written: 3, summary: { scored: 2, absent: 1, passed: 1, failed: 2 } });
    expect((await post(`/api/v1/assessment-sessions/${sessionId}/publish`, {})).json().resultsStatus).toBe(
      'PUBLISHED',
    );
    const again = await post(`/api/v1/assessment-sessions/${sessionId}/scores`, {
      entries: [{ registrationId: regIds[1], theory: 60, practical: 90 }],
    });
    expect(again.statusCode).toBe(409);
    const passed = await app.inject({
      url: `/api/v1/assessment-sessions/${sessionId}/passed-results?limit=10`,
      headers: auth,
    });
    expect(passed.json().items).toEqual([
      expect.objectContaining({
        registrationId: regIds[0],
        total: 85.3,
        level: 1,
        publishedAt: expect.any(String),
      }),
    ]);
  });

  it('re-scores a published result with a reason and shows its history', async () => {
    const results = (
      await app.inject({ url: `/api/v1/assessment-sessions/${sessionId}/results`, headers: auth })
    ).json().items;
    const failed = results.find((r: { registrationId: string }) => r.registrationId === regIds[1]);
    const res = await post(`/api/v1/assessment-results/${failed.id}/rescore`, {
      theory: 62,
      practical: 90,
      reason: '复核：理论卷漏判一题',
      actor: 'reviewer-1',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ passed: true, revision: 2 });
    expect(res.json().revisions.map((r: { theory: number; actor: string }) => [r.theory, r.actor])).toEqual([
      [50, 'admin'],
      [62, 'reviewer-1'],
    ]);
    const noReason = await post(`/api/v1/assessment-results/${failed.id}/rescore`, {
      theory: 1,
      practical: 1,
      actor: 'x',
    });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().details.issues[0].path).toBe('body.reason');
  });
});
