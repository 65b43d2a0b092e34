import type { Platform } from '@onex/core';
import type { Database } from '@onex/db';
import { seedAssessmentFixture } from '@onex/db/testing/assessment-fixture.ts';
import { createTestPlatform, testEngines } from '@onex/db/testing/index.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInstanceVerifier } from '../src/verifier.ts';

/**
 * From registration to verified certificate: a session's passed results become certificates
 * exactly once, every one verifies with all checks (the log included), and a revocation shows.
 */
describe.each(testEngines())('issuing an assessment session on $name', (engine) => {
  let database: Database;
  let platform: Platform;
  let sessionId: string;
  let passed: string[];

  beforeAll(async () => {
    database = await engine.open();
    ({ platform } = createTestPlatform(database, '2026-09-01T08:00:00Z'));
    const fx = await seedAssessmentFixture(platform);
    await platform.assessment.createPilotAuthorization({
      institutionId: fx.pilotInstitutionId,
      certificateId: fx.certificateId,
      levels: [1],
      year: 2026,
    });
    const site = await platform.assessment.createSite({
      code: 'S-E2E',
      nameZh: '试点学院考核站点',
      teoId: fx.teoId,
      hostType: 'INSTITUTION',
      hostInstitutionId: fx.pilotInstitutionId,
      capacity: 40,
      certificateLevels: [{ certificateId: fx.certificateId, level: 1 }],
    });
    await platform.assessment.approveSite(site.id);
    const session = await platform.assessment.createSession({
      certificateId: fx.certificateId,
      level: 1,
      standardId: fx.publishedStandardId,
      siteId: site.id,
      date: '2026-10-15',
      theoryMode: 'ONLINE',
      practicalMode: 'ON_COMPUTER',
      registrationOpensAt: new Date('2026-09-01T00:00:00Z'),
      registrationClosesAt: new Date('2026-10-10T00:00:00Z'),
    });
    sessionId = session.id;
    const outcomes = await platform.assessment.registerMany(session.id, [
      ...fx.students.map((learnerId) => ({ learnerId })),
      { learnerId: fx.outsider },
    ]);
    const refused = outcomes.filter((o) => o.status === 'REFUSED');
    expect(refused.map((o) => (o.status === 'REFUSED' ? o.rule : ''))).toEqual(['PILOT_AUTHORIZATION']);
    const registrations = outcomes.flatMap((o) => (o.status === 'REGISTERED' ? [o.registration] : []));
    // Four pass, one fails the practical part, one is absent.
    await platform.assessment.recordScores(
      session.id,
      registrations.map((r, i) =>
        i === 4
          ? { registrationId: r.id, theory: 90, practical: 40 }
          : i === 5
            ? { registrationId: r.id, absent: true }
            : { registrationId: r.id, theory: 70 + i, practical: 80 - i },
      ),
    );
    await platform.assessment.publishResults(session.id);
    passed = registrations.slice(0, 4).map((r) => r.learnerId);
  }, 120_000);
  afterAll(async () => {
    await database?.close();
  });

  it('issues one certificate per passed result, and a rerun issues none', async () => {
    const seen: number[] = [];
    const first = await platform.issuance.issueSession(sessionId, {
      batchSize: 3,
      onProgress: (p) => seen.push(p.done),
    });
    expect(first).toMatchObject({ total: 4, issued: 4, done: 4 });
    expect(seen).toEqual([0, 3, 4]);
    const again = await platform.issuance.issueSession(sessionId);
    expect(again).toMatchObject({ total: 4, issued: 0, done: 4 });
    const issued = (
      await Promise.all(passed.map((learnerId) => platform.credentials.listForLearner(learnerId)))
    ).flat();
    expect(issued).toHaveLength(4);
    expect(new Set(issued.map((c) => c.certificateNumber)).size).toBe(4);
    for (const c of issued) expect(c.certificateNumber).toMatch(/^1X-26\d{4}1-33-\d{6}$/);
  });

  it('gives certificates that verify with every check, the log included, until one is revoked', async () => {
    const verifier = createInstanceVerifier(platform, 'https://onex.example');
    const issued = (
      await Promise.all(passed.map((learnerId) => platform.credentials.listForLearner(learnerId)))
    ).flat();
    for (const c of issued) {
      const result = await verifier.verifyCredential(c.document);
      expect(result.checks.filter((k) => k.status !== 'passed')).toEqual([]);
      expect(result.verified).toBe(true);
    }
    const revoked = issued[0]!;
    await platform.credentials.changeStatus(revoked.id, 'revoke', '考核舞弊 exam misconduct');
    const after = await verifier.verifyCredential(revoked.document);
    expect(after.verified).toBe(false);
    expect(after.checks.find((k) => k.name === 'status')).toMatchObject({
      status: 'failed',
      code: 'STATUS_REVOKED',
    });
    expect((await platform.ledger.audit()).ok).toBe(true);
  });
});
