import { nationalIdCheckChar, type Platform } from '@onex/core';
import type { Database } from '@onex/db';
import { type AssessmentFixture, seedAssessmentFixture } from '@onex/db/testing/assessment-fixture.ts';
import { createTestPlatform, testEngines } from '@onex/db/testing/index.ts';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';

const token = 'test-admin-token';
const auth = { authorization: `Bearer ${token}` };
const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

/**
 * Issue 5's end-to-end path over HTTP: a session, 200 learners (some refused, with the rule named),
 * a results file with bad rows in a dry run, then a clean one, bulk issuance with progress, every
 * certificate verified with all checks (the log included), one revoked and then refused.
 */
describe.each(testEngines())('from assessment to verified certificate over HTTP on $name', (engine) => {
  let database: Database;
  let platform: Platform;
  let app: FastifyInstance;
  let fx: AssessmentFixture;
  let sessionId: string;
  let registered: { id: string; learnerId: string }[];
  let passing: number;
  const post = (url: string, payload?: InjectOptions['payload']) =>
    app.inject({ method: 'POST', url, headers: auth, ...(payload === undefined ? {} : { payload }) });

  beforeAll(async () => {
    database = await engine.open();
    ({ platform } = createTestPlatform(database, '2026-09-01T08:00:00Z'));
    fx = await seedAssessmentFixture(platform, 'E2E');
    app = await buildApp({
      platform,
      engine: database.engine,
      adminToken: token,
      baseUrl: 'https://onex.example',
    });
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('registers 200 learners and names the rule of every refusal', async () => {
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
    expect(
      (
        await post('/api/v1/assessment-sites', {
          code: 'S-E2E',
          nameZh: '试点学院考核站点',
          teoId: fx.teoId,
          hostType: 'INSTITUTION',
          hostInstitutionId: fx.pilotInstitutionId,
          capacity: 200,
          certificateLevels: [{ certificateId: fx.certificateCode, level: 1 }],
        })
      ).statusCode,
    ).toBe(201);
    await post('/api/v1/assessment-sites/S-E2E/approve', {});
    const session = await post('/api/v1/assessment-sessions', {
      certificateId: fx.certificateCode,
      level: 1,
      standardId: fx.publishedStandardId,
      siteId: 'S-E2E',
      date: '2026-10-15',
      theoryMode: 'ONLINE',
      practicalMode: 'ON_COMPUTER',
      registrationOpensAt: '2026-09-01T00:00:00Z',
      registrationClosesAt: '2026-10-10T00:00:00+08:00',
    });
    expect(session.statusCode).toBe(201);
    sessionId = session.json().id;

    // 188 students of the pilot college, 12 of a college without a pilot authorization.
    const learners = await platform.programs.registerLearners(
      Array.from({ length: 200 }, (_, n) => {
        const first17 = `33010620010${1 + (n % 9)}${String(1 + (n % 28)).padStart(2, '0')}${String(n).padStart(3, '0')}`;
        return {
          kind: 'STUDENT' as const,
          nameZh: `学生${n}`,
          nationalId: first17 + nationalIdCheckChar(first17),
          institutionId: n < 188 ? fx.pilotInstitutionId : fx.otherInstitutionId,
        };
      }),
    );
    const bulk = await post(`/api/v1/assessment-sessions/${sessionId}/registrations/bulk`, {
      registrations: [...learners.map((l) => ({ learnerId: l.id })), { learnerId: learners[0]!.id }],
    });
    expect(bulk.statusCode).toBe(200);
    const items = bulk.json().items as {
      status: string;
      rule?: string;
      learnerId: string;
      registration?: { id: string };
    }[];
    const refusals = items.filter((o) => o.status === 'REFUSED').map((o) => o.rule);
    expect(refusals).toEqual([...Array(12).fill('PILOT_AUTHORIZATION'), 'DOUBLE_SITTING']);
    registered = items.flatMap((o) =>
      o.registration ? [{ id: o.registration.id, learnerId: o.learnerId }] : [],
    );
    expect(registered).toHaveLength(188);
  });

  it('dry-runs a results file naming each bad row, then imports a clean one and publishes', async () => {
    const scoreOf = (i: number) =>
      i % 10 === 9 ? ',,是' : i % 10 === 8 ? '90,40,' : `${60 + (i % 40)},${95 - (i % 30)},`;
    const good = registered.map((r, i) => `${r.id},${scoreOf(i)}`);
    const bad = [
      '准考证号,理论成绩,实操成绩,缺考',
      ...good.slice(0, 50),
      `${registered[50]!.id},101,70,`,
      `${registered[51]!.id},八十,70,`,
      'reg_nobody,70,70,',
      ...good.slice(52),
    ];
    const dry = await post(`/api/v1/assessment-sessions/${sessionId}/results-import?dryRun=true`, {
      format: 'csv',
      base64: b64(bad.join('\n')),
    });
    expect(dry.statusCode).toBe(200);
    expect(dry.json().issues.map((i: { path: string }) => i.path)).toEqual([
      'row 52 · 理论成绩',
      'row 53 · 理论成绩',
      'row 54 · 准考证号',
    ]);
    expect(dry.json().written).toBe(0);
    const clean = await post(`/api/v1/assessment-sessions/${sessionId}/results-import`, {
      format: 'csv',
      base64: b64(['准考证号,理论成绩,实操成绩,缺考', ...good].join('\n')),
    });
    expect(clean.statusCode).toBe(200);
    expect((await post(`/api/v1/assessment-sessions/${sessionId}/publish`)).statusCode).toBe(200);
    passing = registered.filter((_, i) => i % 10 < 8).length;
    const passed = await app.inject({
      url: `/api/v1/assessment-sessions/${sessionId}/passed-results?limit=1000`,
      headers: auth,
    });
    expect(passed.json().items).toHaveLength(passing);
  });

  it('issues a certificate per pass with progress, once, and every one verifies with all checks', async () => {
    const started = await post(`/api/v1/assessment-sessions/${sessionId}/issuance?batchSize=40`);
    expect(started.statusCode).toBe(202);
    let job = started.json();
    for (let i = 0; job.state === 'RUNNING' && i < 600; i++) {
      await new Promise((r) => setTimeout(r, 100));
      job = (await app.inject({ url: `/api/v1/issuance-jobs/${job.id}`, headers: auth })).json();
    }
    expect(job).toMatchObject({
      state: 'DONE',
      progress: { total: passing, done: passing, issued: passing },
    });
    const again = await post(`/api/v1/assessment-sessions/${sessionId}/issuance`);
    let second = again.json();
    for (let i = 0; second.state === 'RUNNING' && i < 600; i++) {
      await new Promise((r) => setTimeout(r, 50));
      second = (await app.inject({ url: `/api/v1/issuance-jobs/${second.id}`, headers: auth })).json();
    }
    expect(second.progress).toMatchObject({ total: passing, done: passing, issued: 0 });

    const passedLearners = registered.filter((_, i) => i % 10 < 8).map((r) => r.learnerId);
    let verified = 0;
    for (const learnerId of passedLearners) {
      const list = (
        await app.inject({ url: `/api/v1/learners/${learnerId}/credentials`, headers: auth })
      ).json();
      const items = (Array.isArray(list) ? list : list.items) as { document: unknown }[];
      expect(items).toHaveLength(1);
      const res = await post('/credentials/verify', { verifiableCredential: items[0]!.document });
      expect(res.statusCode).toBe(200);
      const checks = res.json().checks as { name: string; status: string }[];
      expect(checks.filter((c) => c.status !== 'passed')).toEqual([]);
      expect(checks.map((c) => c.name)).toContain('logged');
      verified++;
    }
    expect(verified).toBe(passing);
  }, 300_000);

  it('revokes the certificate of a pass that an appeal re-scores below the mark', async () => {
    const learnerId = registered[1]!.learnerId;
    const results = (
      await app.inject({ url: `/api/v1/assessment-sessions/${sessionId}/results`, headers: auth })
    ).json();
    const result = (
      (Array.isArray(results) ? results : results.items) as { id: string; learnerId: string }[]
    ).find((r) => r.learnerId === learnerId)!;
    const rescored = await post(`/api/v1/assessment-results/${result.id}/rescore`, {
      theory: 30,
      practical: 30,
      reason: '复核发现评分错误 marking error found on appeal',
      actor: 'assessor-1',
    });
    expect(rescored.statusCode).toBe(200);
    const list = (
      await app.inject({ url: `/api/v1/learners/${learnerId}/credentials`, headers: auth })
    ).json();
    const cert = ((Array.isArray(list) ? list : list.items) as { document: unknown; status: string }[])[0]!;
    expect(cert.status).toBe('REVOKED');
    const res = await post('/credentials/verify', { verifiableCredential: cert.document });
    expect(res.statusCode).toBe(422);
    expect(res.json().checks.find((c: { name: string }) => c.name === 'status')).toMatchObject({
      status: 'failed',
      code: 'STATUS_REVOKED',
    });
  });

  it('refuses a certificate once revoked, naming the revocation', async () => {
    const learnerId = registered[0]!.learnerId;
    const list = (
      await app.inject({ url: `/api/v1/learners/${learnerId}/credentials`, headers: auth })
    ).json();
    const cert = ((Array.isArray(list) ? list : list.items) as { id: string; document: unknown }[])[0]!;
    const revoked = await post(`/api/v1/credentials/${encodeURIComponent(cert.id)}/status`, {
      action: 'revoke',
      reason: '考核舞弊 exam misconduct',
    });
    expect(revoked.statusCode).toBe(200);
    const res = await post('/credentials/verify', { verifiableCredential: cert.document });
    expect(res.statusCode).toBe(422);
    expect(res.json().checks.find((c: { name: string }) => c.name === 'status')).toMatchObject({
      status: 'failed',
      code: 'STATUS_REVOKED',
    });
    expect((await platform.ledger.audit()).ok).toBe(true);
  });
});
