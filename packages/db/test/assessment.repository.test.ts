import { type AssessmentSession, DomainError, type NewSession, type Platform } from '@onex/core';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/database.ts';
import { type AssessmentFixture, seedAssessmentFixture } from '../src/testing/assessment-fixture.ts';
import { createTestPlatform, testEngines } from '../src/testing/index.ts';

/** The assessment use cases over the real repository: PGlite always, PostgreSQL when DATABASE_URL is set. */
describe.each(testEngines())('assessment on $name', (engine) => {
  let database: Database;
  let platform: Platform;
  let clock: ReturnType<typeof createTestPlatform>['clock'];
  let fx: AssessmentFixture;
  let siteId: string;
  let session: AssessmentSession;

  beforeAll(async () => {
    database = await engine.open();
    ({ platform, clock } = createTestPlatform(database, '2026-09-01T08:00:00Z'));
    fx = await seedAssessmentFixture(platform);
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
  const sessionInput = (over: Partial<NewSession> = {}): NewSession => ({
    certificateId: fx.certificateCode,
    level: 1,
    standardId: fx.publishedStandardId,
    siteId,
    date: '2026-10-15',
    theoryMode: 'ONLINE',
    practicalMode: 'ON_COMPUTER',
    registrationOpensAt: new Date('2026-09-01T00:00:00Z'),
    registrationClosesAt: new Date('2026-10-10T00:00:00Z'),
    ...over,
  });

  it('authorizes a pilot institution once per certificate and year, and closes the authorization', async () => {
    const pilot = await platform.assessment.createPilotAuthorization({
      institutionId: fx.pilotInstitutionId,
      certificateId: fx.certificateCode,
      levels: [2, 1],
      year: 2026,
    });
    expect(pilot).toMatchObject({ levels: [1, 2], status: 'ACTIVE', certificateId: fx.certificateId });
    await refusal(
      platform.assessment.createPilotAuthorization({
        institutionId: fx.pilotInstitutionId,
        certificateId: fx.certificateId,
        levels: [1],
        year: 2026,
      }),
      'ASSESSMENT_DUPLICATE',
    );
    const old = await platform.assessment.createPilotAuthorization({
      institutionId: fx.pilotInstitutionId,
      certificateId: fx.certificateId,
      levels: [1],
      year: 2025,
    });
    expect((await platform.assessment.closePilotAuthorization(old.id)).status).toBe('CLOSED');
    await refusal(platform.assessment.closePilotAuthorization(old.id), 'ASSESSMENT_INVALID_TRANSITION');
    const listed = await platform.assessment.listPilotAuthorizations({
      institutionId: fx.pilotInstitutionId,
    });
    expect(listed.map((p) => [p.year, p.status])).toEqual(
      expect.arrayContaining([
        [2026, 'ACTIVE'],
        [2025, 'CLOSED'],
      ]),
    );
  });

  it('takes a site from application to approval, suspension and back, and never reopens a closed one', async () => {
    const site = await platform.assessment.createSite({
      code: 'S-1',
      nameZh: '试点学院考核站点',
      teoId: fx.teoId,
      hostType: 'INSTITUTION',
      hostInstitutionId: fx.pilotInstitutionId,
      capacity: 40,
      certificateLevels: [
        { certificateId: fx.certificateCode, level: 1 },
        { certificateId: fx.certificateCode, level: 2 },
      ],
    });
    siteId = site.id;
    expect(site).toMatchObject({ status: 'PENDING', provinceCode: '33', hostNameZh: '试点职业技术学院' });
    await refusal(platform.assessment.createSession(sessionInput()), 'ASSESSMENT_SITE_NOT_APPROVED');
    const approved = await platform.assessment.approveSite('S-1');
    expect(approved.status).toBe('APPROVED');
    expect(approved.approvedAt?.toISOString()).toBe(clock.now().toISOString());
    await platform.assessment.transitionSite('S-1', 'SUSPENDED', '整改');
    expect((await platform.assessment.approveSite('S-1')).status).toBe('APPROVED');

    const ent = await platform.assessment.createSite({
      code: 'S-ENT',
      nameZh: '企业考核站点',
      teoId: fx.teoId,
      hostType: 'ENTERPRISE',
      hostNameZh: '杭州某科技有限公司',
      provinceCode: '33',
      capacity: 10,
      certificateLevels: [{ certificateId: fx.certificateId, level: 1 }],
    });
    await platform.assessment.transitionSite(ent.id, 'CLOSED', '不再承办');
    await refusal(platform.assessment.approveSite(ent.id), 'ASSESSMENT_INVALID_TRANSITION');
    const changes = await database.db.selectFrom('assessment_site_status_change').selectAll().execute();
    expect(changes.map((c) => `${c.from_status}>${c.to_status}`)).toEqual([
      'PENDING>APPROVED',
      'APPROVED>SUSPENDED',
      'SUSPENDED>APPROVED',
      'PENDING>CLOSED',
    ]);
  });

  it('schedules a session only under a published standard, at an approved level, within the site capacity', async () => {
    await refusal(
      platform.assessment.createSession(sessionInput({ standardId: fx.draftStandardId })),
      'ASSESSMENT_STANDARD_NOT_PUBLISHED',
    );
    const noLevel = await refusal(
      platform.assessment.createSession(sessionInput({ level: 3 })),
      'VALIDATION_FAILED',
    );
    expect(noLevel.details.issues?.[0]?.path).toBe('standardId');
    await refusal(
      platform.assessment.createSession(sessionInput({ siteId: 'S-ENT' })),
      'ASSESSMENT_SITE_NOT_APPROVED',
    );
    const tooBig = await refusal(
      platform.assessment.createSession(sessionInput({ capacity: 41 })),
      'VALIDATION_FAILED',
    );
    expect(tooBig.details.issues?.[0]?.path).toBe('capacity');
    const lateClose = await refusal(
      platform.assessment.createSession(
        sessionInput({ registrationClosesAt: new Date('2026-10-15T16:00:00Z') }),
      ),
      'VALIDATION_FAILED',
    );
    expect(lateClose.details.issues?.[0]?.path).toBe('registrationClosesAt');
    expect(await count('assessment_session')).toBe(0);
    session = await platform.assessment.createSession(sessionInput({ capacity: 4 }));
    expect(await platform.assessment.getSession(session.id)).toMatchObject({
      certificateCode: fx.certificateCode,
      standardVersion: 1,
      capacity: 4,
      registeredCount: 0,
      resultsStatus: 'DRAFT',
      date: '2026-10-15',
    });
  });

  it('registers a pilot student and refuses, naming the rule, everyone the data makes ineligible', async () => {
    const reg = await platform.assessment.register(session.id, { learnerId: fx.students[0]! });
    expect(reg.sessionId).toBe(session.id);
    const before = await count('assessment_registration');
    const outsider = await refusal(
      platform.assessment.register(session.id, { learnerId: fx.outsider }),
      'ASSESSMENT_NOT_ELIGIBLE',
    );
    expect(outsider.details.rule).toBe('PILOT_AUTHORIZATION');
    expect(outsider.text.zh).toContain('试点');
    const again = await refusal(
      platform.assessment.register(session.id, { learnerId: fx.students[0]! }),
      'ASSESSMENT_NOT_ELIGIBLE',
    );
    expect(again.details.rule).toBe('DOUBLE_SITTING');
    const sameDay = await platform.assessment.createSession(sessionInput({ capacity: 4 }));
    const twice = await refusal(
      platform.assessment.register(sameDay.id, { learnerId: fx.students[0]! }),
      'ASSESSMENT_NOT_ELIGIBLE',
    );
    expect(twice.details.rule).toBe('DOUBLE_SITTING');
    expect(await count('assessment_registration')).toBe(before);
  });

  it('holds social learners to the TEO prerequisite of training hours, not to the pilot rule', async () => {
    await platform.assessment.setPrerequisites(fx.certificateCode, 1, [
      { kind: 'TRAINING_HOURS', min: 40, appliesTo: 'SOCIAL' },
    ]);
    const short = await refusal(
      platform.assessment.register(session.id, { learnerId: fx.social[0]!, trainingHours: 32 }),
      'ASSESSMENT_NOT_ELIGIBLE',
    );
    expect(short.details.rule).toBe('PREREQUISITE_TRAINING_HOURS');
    const ok = await platform.assessment.register(session.id, {
      learnerId: fx.social[0]!,
      trainingHours: 48,
    });
    expect(ok.trainingHours).toBe(48);
  });

  it('registers in bulk with one outcome per learner, filling the session and refusing the rest', async () => {
    const outcomes = await platform.assessment.registerMany(session.id, [
      { learnerId: fx.students[1]! },
      { learnerId: 'lrn_missing' },
      { learnerId: fx.outsider },
      { learnerId: fx.students[2]! },
      { learnerId: fx.students[3]! },
    ]);
    expect(outcomes.map((o) => (o.status === 'REFUSED' ? o.rule : o.status))).toEqual([
      'REGISTERED',
      'LEARNER_NOT_FOUND',
      'PILOT_AUTHORIZATION',
      'REGISTERED',
      'CAPACITY',
    ]);
    expect((await platform.assessment.getSession(session.id)).registeredCount).toBe(4);
  });

  it('never lets concurrent registrations overfill a session', async () => {
    const small = await platform.assessment.createSession(sessionInput({ date: '2026-10-16', capacity: 2 }));
    const settled = await Promise.allSettled(
      fx.students.map((learnerId) => platform.assessment.register(small.id, { learnerId })),
    );
    expect(settled.filter((s) => s.status === 'fulfilled')).toHaveLength(2);
    for (const s of settled) {
      if (s.status === 'rejected') expect((s.reason as DomainError).details.rule).toBe('CAPACITY');
    }
    expect((await platform.assessment.listRegistrations(small.id)).length).toBe(2);
  });

  it('refuses registration once the window has closed', async () => {
    const late = await platform.assessment.createSession(
      sessionInput({ date: '2026-10-17', registrationClosesAt: new Date('2026-09-01T08:00:00Z') }),
    );
    const e = await refusal(
      platform.assessment.register(late.id, { learnerId: fx.students[5]! }),
      'ASSESSMENT_NOT_ELIGIBLE',
    );
    expect(e.details.rule).toBe('WINDOW');
  });

  it('records draft scores all or none, publishes complete results, and then refuses draft edits', async () => {
    const regs = await platform.assessment.listRegistrations(session.id);
    expect(regs).toHaveLength(4);
    const bad = await refusal(
      platform.assessment.recordScores(session.id, [
        { registrationId: regs[0]!.id, theory: 101, practical: 50 },
        { registrationId: regs[1]!.id, absent: true, theory: 10 },
        { registrationId: 'reg_nope', theory: 60, practical: 60 },
      ]),
      'VALIDATION_FAILED',
    );
    expect(bad.details.issues?.map((i) => i.path)).toEqual(['0.theory', '1.absent', '2.registrationId']);
    expect(await count('assessment_result')).toBe(0);

    const results = await platform.assessment.recordScores(session.id, [
      { registrationId: regs[0]!.id, theory: 85, practical: 72.5 },
      { registrationId: regs[1]!.id, absent: true },
      { registrationId: regs[2]!.id, theory: 59.5, practical: 90 },
    ]);
    expect(results.map((r) => [r.status, r.total, r.passed])).toEqual([
      ['SCORED', 78.8, true],
      ['ABSENT', null, false],
      ['SCORED', 74.8, false],
    ]);
    const incomplete = await refusal(
      platform.assessment.publishResults(session.id),
      'ASSESSMENT_RESULTS_INCOMPLETE',
    );
    expect(incomplete.details.issues?.map((i) => i.path)).toEqual([regs[3]!.id]);
    expect(await platform.assessment.listPassedResults(session.id, { limit: 10 })).toEqual([]);

    await platform.assessment.recordScores(session.id, [
      { registrationId: regs[3]!.id, theory: 90, practical: 95 },
    ]);
    const published = await platform.assessment.publishResults(session.id);
    expect(published.resultsStatus).toBe('PUBLISHED');
    await refusal(
      platform.assessment.recordScores(session.id, [
        { registrationId: regs[0]!.id, theory: 1, practical: 1 },
      ]),
      'ASSESSMENT_RESULTS_PUBLISHED',
    );
    await refusal(platform.assessment.publishResults(session.id), 'ASSESSMENT_RESULTS_PUBLISHED');
  });

  it('lists published passed results by id page by page, for issuance', async () => {
    const all = await platform.assessment.listPassedResults(session.id, { limit: 10 });
    expect(all).toHaveLength(2);
    expect(all[0]).toMatchObject({
      sessionId: session.id,
      certificateCode: fx.certificateCode,
      level: 1,
      standardId: fx.publishedStandardId,
      standardVersion: 1,
      theory: 85,
      practical: 72.5,
      total: 78.8,
      publishedAt: expect.any(Date),
    });
    const first = await platform.assessment.listPassedResults(session.id, { limit: 1 });
    const second = await platform.assessment.listPassedResults(session.id, {
      afterId: first[0]!.resultId,
      limit: 1,
    });
    expect([...first, ...second].map((r) => r.resultId)).toEqual(all.map((r) => r.resultId));
    expect([...all.map((r) => r.resultId)].sort()).toEqual(all.map((r) => r.resultId));
  });

  it('re-scores a published result after an appeal and keeps every earlier version with reason, who and when', async () => {
    const failed = (await platform.assessment.listResults(session.id)).find((r) => r.theory === 59.5)!;
    clock.advance(86_400_000);
    const after = await platform.assessment.rescore(failed.id, {
      theory: 61,
      practical: 90,
      reason: '复核申请 2026-001：理论第 12 题评分错误',
      actor: 'teo-reviewer',
    });
    expect(after).toMatchObject({ theory: 61, passed: true, revision: 2 });
    expect(after.revisions.map((r) => [r.revision, r.theory, r.passed, r.actor])).toEqual([
      [1, 59.5, false, 'admin'],
      [2, 61, true, 'teo-reviewer'],
    ]);
    expect(after.revisions[1]!.reason).toContain('复核申请');
    expect(after.revisions[1]!.at.toISOString()).toBe(clock.now().toISOString());
    const passed = await platform.assessment.listPassedResults(session.id, { limit: 10 });
    expect(passed.map((p) => p.resultId)).toContain(failed.id);
  });

  it('requires the lower level passed when the TEO says so, reading published results', async () => {
    await platform.assessment.setPrerequisites(fx.certificateId, 2, [{ kind: 'HOLDS_LOWER_LEVEL' }]);
    const level2 = await platform.assessment.createSession(
      sessionInput({ level: 2, date: '2026-10-20', capacity: 10 }),
    );
    const passedStudent = (await platform.assessment.listPassedResults(session.id, { limit: 10 }))[0]!
      .learnerId;
    expect((await platform.assessment.register(level2.id, { learnerId: passedStudent })).sessionId).toBe(
      level2.id,
    );
    const e = await refusal(
      platform.assessment.register(level2.id, { learnerId: fx.students[4]! }),
      'ASSESSMENT_NOT_ELIGIBLE',
    );
    expect(e.details.rule).toBe('PREREQUISITE_LOWER_LEVEL');
  });

  describe('results import', () => {
    let imp: AssessmentSession;
    let regIds: string[];
    const csv = (lines: string[]) => new TextEncoder().encode(lines.join('\n'));

    beforeAll(async () => {
      imp = await platform.assessment.createSession(sessionInput({ date: '2026-10-21', capacity: 10 }));
      const outcomes = await platform.assessment.registerMany(
        imp.id,
        fx.students.slice(0, 3).map((learnerId) => ({ learnerId })),
      );
      regIds = outcomes.map((o) => (o.status === 'REGISTERED' ? o.registration.id : ''));
    });

    it('dry-runs a file, naming every bad row against the session, and writes nothing', async () => {
      const before = await count('assessment_result');
      const report = await platform.assessment.importResults(
        imp.id,
        csv([
          '准考证号,理论成绩,实操成绩,缺考',
          `${regIds[0]},80,90,`,
          'reg_unknown,80,90,',
          `${regIds[1]},abc,90,`,
          `${regIds[2]},70,70,是`,
        ]),
        'csv',
        { dryRun: true },
      );
      expect(report).toMatchObject({ dryRun: true, rows: 4, written: 0 });
      expect(report.issues.map((i) => i.path)).toEqual([
        'row 3 · 准考证号',
        'row 4 · 理论成绩',
        'row 5 · 理论成绩',
        'row 5 · 实操成绩',
      ]);
      expect(await count('assessment_result')).toBe(before);
    });

    it('refuses the whole file when any row is bad, listing every bad row', async () => {
      const before = await count('assessment_result');
      const e = await refusal(
        platform.assessment.importResults(
          imp.id,
          csv(['准考证号,理论成绩,实操成绩', `${regIds[0]},80,90`, `${regIds[1]},80,`, `${regIds[0]},1,1`]),
          'csv',
        ),
        'ASSESSMENT_IMPORT_INVALID',
      );
      expect(e.details.issues?.map((i) => i.path)).toEqual(['row 3 · 实操成绩', 'row 4 · 准考证号']);
      expect(await count('assessment_result')).toBe(before);
    });

    it('imports a good XLSX file in one go, by registration id and by learner number', async () => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('成绩');
      ws.addRow(['准考证号 / registrationId', '学习者编号 / learnerId', '理论成绩', '实操成绩', '缺考']);
      ws.addRow([regIds[0], null, 88, 91.5, null]);
      ws.addRow([null, fx.students[1], 40, 50, null]);
      ws.addRow([regIds[2], null, null, null, '是']);
      const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
      const report = await platform.assessment.importResults(imp.id, bytes, 'xlsx', { actor: 'site-clerk' });
      expect(report).toMatchObject({
        dryRun: false,
        written: 3,
        issues: [],
        summary: { scored: 2, absent: 1, passed: 1, failed: 2 },
      });
      const results = await platform.assessment.listResults(imp.id);
      expect(results.map((r) => r.status).sort()).toEqual(['ABSENT', 'SCORED', 'SCORED']);
      const template = await platform.assessment.resultsTemplate(imp.id, 'csv');
      expect(new TextDecoder().decode(template)).toContain(`${regIds[0]},${fx.students[0]},学生甲`);
    });
  });
});
