import {
  bundleSources,
  type CredentialRecord,
  composeAchievementCredential,
  createVerifier,
  type DomainError,
  didKeyFromPublicKey,
  type JsonObject,
  type LevelCode,
  type Platform,
  signDataIntegrity,
  withDidKey,
} from '@onex/core';
import { nodeCrypto } from '@onex/core/crypto/node-provider.ts';
import type { Database } from '@onex/db';
import { type AssessmentFixture, seedAssessmentFixture } from '@onex/db/testing/assessment-fixture.ts';
import { createTestPlatform, testEngines } from '@onex/db/testing/index.ts';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { createInstanceVerifier } from '../src/verifier.ts';

const baseUrl = 'https://onex.example';
const token = 'test-admin-token';
const auth = { authorization: `Bearer ${token}` };

/**
 * The credit bank end to end: rules with effective dates, conversion that explains itself, no
 * double exemption, withdrawal of a revoked certificate, a learner who moves, a foreign did:key
 * credential, bad input that writes nothing, and a CLR 2.0 record that verifies with every check.
 */
describe.each(testEngines())('the credit bank on $name', (engine) => {
  let database: Database;
  let platform: Platform;
  let clock: ReturnType<typeof createTestPlatform>['clock'];
  let app: FastifyInstance;
  let fx: AssessmentFixture;
  let learner: string;
  let courses: Record<string, string>;
  let otherCourse: string;
  let certs: CredentialRecord[];

  async function issueX(learnerId: string, level: LevelCode): Promise<CredentialRecord> {
    const teoDid = await platform.credentials.ensureIssuer('TEO', `T-CB`);
    const certificate = await platform.catalog.getCertificate(fx.certificateCode);
    const lvl = certificate.levels.find((l) => l.level === level)!;
    const id = `urn:uuid:00000000-0000-4000-8000-${String(Math.floor(Math.random() * 1e12)).padStart(12, '0')}`;
    const doc = composeAchievementCredential({
      id,
      issuer: { id: teoDid, nameZh: '测评培训评价组织', nameEn: 'Test TEO' },
      baseUrl,
      certificate: {
        code: certificate.code,
        nameZh: certificate.nameZh,
        nameEn: certificate.nameEn,
        fullNameZh: certificate.fullNameZh,
      },
      level: { level, nameZh: lvl.nameZh, nameEn: lvl.nameEn },
      standard: { id: fx.publishedStandardId, version: 1, requirementCodes: [] },
      occupationCodes: [],
      majorCodes: [],
      recipient: { identityHash: `sha256$${'ab'.repeat(32)}`, salt: 'salt' },
      scores: { theory: 80, practical: 90, total: null },
      validFrom: `${clock.now().toISOString().slice(0, 19)}Z`,
      certificateNumber: `1X-26CB${level}-33-${id.slice(-6)}`,
      credentialStatus: [],
    });
    return platform.credentials.issue(doc, { learnerId, certificateCode: certificate.code, level });
  }

  async function ledgerSize(): Promise<number> {
    const view = await platform.creditBank.getAccount(learner);
    return view.transactions.length;
  }

  beforeAll(async () => {
    database = await engine.open();
    ({ platform, clock } = createTestPlatform(database, '2026-03-02T02:00:00Z'));
    fx = await seedAssessmentFixture(platform, 'CB');
    learner = fx.students[0]!;
    const programme = await platform.programs.createProgramme(fx.pilotInstitutionId, {
      majorCode: '510203',
      cohortYear: 2025,
      hoursPerCredit: 16,
    });
    const withCourses = await platform.programs.addCourses(programme.id, [
      {
        code: 'WEB1',
        nameZh: '网页设计基础',
        nameEn: 'Web design basics',
        hours: 64,
        credits: 4,
        type: 'PROFESSIONAL_CORE',
      },
      {
        code: 'WEB2',
        nameZh: '前端框架开发',
        nameEn: 'Front-end frameworks',
        hours: 48,
        credits: 3,
        type: 'PROFESSIONAL_CORE',
      },
      {
        code: 'ELEC',
        nameZh: '职业素养',
        nameEn: 'Professionalism',
        hours: 32,
        credits: 2,
        type: 'ELECTIVE',
      },
    ]);
    courses = Object.fromEntries(withCourses.courses.map((c) => [c.code, c.id]));
    const other = await platform.programs.createProgramme(fx.otherInstitutionId, {
      majorCode: '510203',
      cohortYear: 2025,
      hoursPerCredit: 16,
    });
    otherCourse = (
      await platform.programs.addCourses(other.id, [
        { code: 'W', nameZh: '网页开发', hours: 64, credits: 4, type: 'PROFESSIONAL_CORE' },
      ])
    ).courses[0]!.id;
    clock.set('2026-03-03T02:00:00Z');
    certs = [await issueX(learner, 1)];
    clock.set('2026-11-03T02:00:00Z');
    certs.push(await issueX(learner, 2));
    app = await buildApp({ platform, engine: database.engine, adminToken: token, baseUrl });
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('refuses bad rules with coded errors and writes nothing', async () => {
    const pilot = (await platform.programs.getInstitution(fx.pilotInstitutionId)).code;
    const good = { institution: pilot, certificateCode: fx.certificateCode, level: 1, credits: 6 };
    const v1 = await platform.creditBank.defineRule({
      ...good,
      exemptCourses: ['WEB1'],
      effectiveFrom: '2026-01-01',
      effectiveTo: '2026-09-01',
    });
    expect(v1).toMatchObject({ version: 1, exemptCourseIds: [courses.WEB1] });
    const before = await platform.creditBank.listRules({ institution: pilot });
    const refusals: [Record<string, unknown>, string][] = [
      [{ ...good, effectiveFrom: '2026-08-31' }, 'CREDIT_BANK_RULE_OVERLAP'],
      [{ ...good, effectiveFrom: '2025-01-01', effectiveTo: '2026-01-02' }, 'CREDIT_BANK_RULE_OVERLAP'],
      [
        { ...good, certificateCode: 'NO-SUCH-CERT', effectiveFrom: '2027-01-01' },
        'CREDIT_BANK_UNKNOWN_CERTIFICATE',
      ],
      [{ ...good, exemptCourses: [otherCourse], effectiveFrom: '2027-01-01' }, 'CREDIT_BANK_UNKNOWN_COURSE'],
      [{ ...good, exemptCourses: ['NOPE'], effectiveFrom: '2027-01-01' }, 'CREDIT_BANK_UNKNOWN_COURSE'],
      [{ ...good, effectiveFrom: '2027-02-30' }, 'VALIDATION_FAILED'],
      [{ ...good, effectiveFrom: '2027-01-01', effectiveTo: '2026-12-31' }, 'VALIDATION_FAILED'],
    ];
    for (const [body, code] of refusals) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/conversion-rules',
        headers: auth,
        payload: body,
      });
      expect(res.json(), JSON.stringify(body)).toMatchObject({ code });
      expect([409, 422, 400]).toContain(res.statusCode);
    }
    const overlap = await app.inject({
      method: 'POST',
      url: '/api/v1/conversion-rules',
      headers: auth,
      payload: { ...good, effectiveFrom: '2026-05-01' },
    });
    expect(overlap.statusCode).toBe(409);
    expect(overlap.json().message).toContain('version 1');
    expect(await platform.creditBank.listRules({ institution: pilot })).toEqual(before);
    const unauthenticated = await app.inject({
      method: 'POST',
      url: '/api/v1/conversion-rules',
      payload: { ...good, effectiveFrom: '2030-01-01' },
    });
    expect(unauthenticated.statusCode).toBe(401);
  });

  it('converts by the rule version in force on the day a certificate was achieved, explaining each credit', async () => {
    const pilot = (await platform.programs.getInstitution(fx.pilotInstitutionId)).code;
    // Version 2 of level 1 from 2026-09-01; level 2 exempts WEB1 again (already taken) and WEB2.
    const v2 = await platform.creditBank.defineRule({
      institution: pilot,
      certificateCode: fx.certificateCode,
      level: 1,
      credits: 2,
      effectiveFrom: '2026-09-01',
    });
    expect(v2.version).toBe(2);
    const l2 = await platform.creditBank.defineRule({
      institution: pilot,
      certificateCode: fx.certificateCode,
      level: 2,
      credits: 8,
      exemptCourses: [courses.WEB1!, 'WEB2'],
      effectiveFrom: '2026-01-01',
    });
    const res = await app.inject({
      method: 'POST',
      url: `/api/v1/credit-accounts/${learner}/apply`,
      headers: auth,
      payload: {},
    });
    expect(res.statusCode).toBe(200);
    const report = res.json();
    expect(report.recognised.map((o: { credentialId: string }) => o.credentialId)).toEqual(
      certs.map((c) => c.id),
    );
    for (const o of report.recognised) {
      expect(o.verification.verified).toBe(true);
      expect(o.issuerDid).toBe(platform.credentials.didOf('TEO', 'T-CB'));
    }
    const lines = report.transactions.map(
      (t: { kind: string; courseId: string | null; credits: number; ruleId: string }) => [
        t.kind,
        t.courseId,
        t.credits,
        t.ruleId,
      ],
    );
    // Level 1 (achieved 2026-03-03) under version 1: WEB1 4 credits + 2 substituted; level 2: WEB1
    // is not exempted twice, WEB2 3 credits, and 8 − 4 − 3 = 1 substituted (WEB1's share is not paid).
    const v1 = (await platform.creditBank.listRules({ institution: pilot })).find(
      (r) => r.level === 1 && r.version === 1,
    )!;
    expect(lines).toEqual([
      ['EXEMPT', courses.WEB1, 4, v1.id],
      ['CREDIT', null, 2, v1.id],
      ['EXEMPT', courses.WEB2, 3, l2.id],
      ['CREDIT', null, 1, l2.id],
    ]);
    expect(report.skipped).toEqual([
      expect.objectContaining({
        courseId: courses.WEB1,
        reason: expect.objectContaining({ en: expect.stringContaining('not exempted twice') }),
      }),
    ]);
    for (const t of report.transactions) {
      expect(t.explanation.zh).toContain(t.ruleId);
      expect(t.explanation.en).toContain(t.outcomeId);
    }
    expect(report.balance).toBe(10);
    // Applying again changes nothing.
    const size = await ledgerSize();
    const again = await platform.creditBank.apply(learner, {
      verifier: createInstanceVerifier(platform, baseUrl),
    });
    expect(again.transactions).toEqual([]);
    expect(await ledgerSize()).toBe(size);
  });

  it('keeps outcomes with the learner who moves institution, and converts them there under its own rules', async () => {
    const other = await platform.programs.getInstitution(fx.otherInstitutionId);
    await platform.creditBank.defineRule({
      institution: other.code,
      certificateCode: fx.certificateCode,
      level: 1,
      credits: 4,
      exemptCourses: [otherCourse],
      effectiveFrom: '2026-01-01',
    });
    const report = await platform.creditBank.apply(learner, {
      institution: other.code,
      verifier: createInstanceVerifier(platform, baseUrl),
    });
    expect(report.recognised).toEqual([]);
    expect(report.transactions.map((t) => [t.kind, t.institutionId, t.courseId, t.credits])).toEqual([
      ['EXEMPT', other.id, otherCourse, 4],
    ]);
    const view = await platform.creditBank.getAccount(learner);
    expect(view.exemptions.map((e) => e.institutionId).sort()).toEqual(
      [fx.pilotInstitutionId, fx.pilotInstitutionId, other.id].sort(),
    );
    expect(view.balance).toBe(14);
  });

  it("withdraws a revoked certificate's credits with reversing transactions that say why, deleting nothing", async () => {
    const before = await platform.creditBank.getAccount(learner);
    await platform.credentials.changeStatus(certs[0]!.id, 'revoke', '考核舞弊 exam misconduct');
    const report = await platform.creditBank.apply(learner, {
      verifier: createInstanceVerifier(platform, baseUrl),
    });
    const outcome = before.outcomes.find((o) => o.credentialId === certs[0]!.id)!;
    const own = before.transactions.filter((t) => t.outcomeId === outcome.id);
    expect(report.withdrawn.map((t) => t.reversesId).sort()).toEqual(own.map((t) => t.id).sort());
    for (const t of report.withdrawn) {
      expect(t.kind).toBe('REVERSE');
      expect(t.explanation.en).toContain('revoked');
      expect(t.explanation.zh).toContain('撤销');
    }
    const after = await platform.creditBank.getAccount(learner);
    expect(after.transactions.slice(0, before.transactions.length)).toEqual(before.transactions);
    expect(after.balance).toBe(before.balance - own.reduce((s, t) => s + t.credits, 0));
    expect(after.outcomes.find((o) => o.id === outcome.id)?.status).toBe('WITHDRAWN');
    expect(after.exemptions.some((e) => e.outcomeId === outcome.id)).toBe(false);
    // The ledger refuses to be rewritten.
    await expect(
      database.db.deleteFrom('credit_transaction').where('outcome_id', '=', outcome.id).execute(),
    ).rejects.toThrow(/append-only/);
    await expect(
      database.db
        .updateTable('credit_transaction')
        .set({ credits: 99 })
        .where('outcome_id', '=', outcome.id)
        .execute(),
    ).rejects.toThrow(/append-only/);
  });

  it('recognises a verified OB 3.0 credential from a did:key issuer, recording its issuer and checks, and refuses a tampered one', async () => {
    const seed = new Uint8Array(32).fill(7);
    const did = didKeyFromPublicKey(nodeCrypto.ed25519PublicKey(seed));
    const unsigned: JsonObject = {
      '@context': [
        'https://www.w3.org/ns/credentials/v2',
        'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
      ],
      id: 'urn:uuid:5b2c3f1e-1f0a-4c1d-9a0b-000000000001',
      type: ['VerifiableCredential', 'OpenBadgeCredential'],
      issuer: { id: did, type: ['Profile'], name: '全国职业院校技能大赛 Skills Competition' },
      validFrom: '2026-05-20T00:00:00Z',
      name: '网站设计与开发 一等奖',
      credentialSubject: {
        type: ['AchievementSubject'],
        achievement: {
          id: 'https://competition.example/awards/web-1',
          type: ['Achievement'],
          name: '网站设计与开发 一等奖',
          description: 'First prize, web design and development',
          criteria: { narrative: 'Ranked first.' },
        },
      },
    };
    const signed = await signDataIntegrity(unsigned, {
      cryptosuite: 'eddsa-rdfc-2022',
      signer: nodeCrypto.ed25519Signer(seed),
      verificationMethod: `${did}#${did.slice('did:key:'.length)}`,
      created: '2026-05-20T00:00:00Z',
      crypto: nodeCrypto,
    });
    const verifier = createVerifier({ crypto: nodeCrypto, sources: withDidKey(bundleSources({})), clock });
    const tampered = { ...signed, name: '网站设计与开发 特等奖' };
    const size = await ledgerSize();
    await expect(
      platform.creditBank.recognizeCredential(learner, { credential: tampered }, verifier),
    ).rejects.toMatchObject({
      code: 'CREDIT_BANK_NOT_VERIFIED',
    } satisfies Partial<DomainError>);
    expect(await ledgerSize()).toBe(size);
    const outcome = await platform.creditBank.recognizeCredential(learner, { credential: signed }, verifier);
    expect(outcome).toMatchObject({
      kind: 'OB_CREDENTIAL',
      issuerDid: did,
      status: 'ACCUMULATED',
      achievedOn: '2026-05-20',
    });
    expect(outcome.verification?.checks.find((c) => c.name === 'proof')?.status).toBe('passed');
    await expect(
      platform.creditBank.recognizeCredential(learner, { credential: signed }, verifier),
    ).rejects.toMatchObject({
      code: 'CREDIT_BANK_ALREADY_RECOGNISED',
    });
    const view = await platform.creditBank.getAccount(learner);
    expect(view.transactions.at(-1)).toMatchObject({ kind: 'ACCUMULATE', outcomeId: outcome.id, credits: 0 });
    expect(view.transactions.at(-1)?.explanation.en).toContain(did);
  });

  it('exports the learner record as a ClrCredential signed by the institution that verifies with every check', async () => {
    const res = await app.inject({
      method: 'POST',
      url: `/api/v1/credit-accounts/${learner}/clr`,
      headers: auth,
      payload: {},
    });
    expect(res.statusCode).toBe(201);
    const clr = res.json().verifiableCredential as JsonObject;
    const institution = await platform.programs.getInstitution(fx.pilotInstitutionId);
    expect(clr.type).toEqual(['VerifiableCredential', 'ClrCredential']);
    expect((clr.issuer as JsonObject).id).toBe(platform.credentials.didOf('INSTITUTION', institution.code));
    const subject = clr.credentialSubject as JsonObject;
    const embedded = subject.verifiableCredential as JsonObject[];
    // The revoked certificate is left out; the active one and the did:key award are in.
    expect(embedded.map((vc) => vc.id)).toEqual([
      certs[1]!.id,
      'urn:uuid:5b2c3f1e-1f0a-4c1d-9a0b-000000000001',
    ]);
    expect((clr.proof as JsonObject).cryptosuite).toBe('eddsa-rdfc-2022');
    const verifier = createInstanceVerifier(platform, baseUrl);
    const result = await verifier.verifyCredential(clr);
    expect(result.checks.filter((c) => c.status !== 'passed' && c.name !== 'catalog')).toEqual([]);
    expect(result.checks.find((c) => c.name === 'catalog')?.status).toBe('skipped');
    expect(result.checks.find((c) => c.name === 'issuerAccredited')?.details).toMatchObject({
      kind: 'INSTITUTION',
    });
    expect(result.verified).toBe(true);
    const http = await app.inject({
      method: 'POST',
      url: '/credentials/verify',
      payload: { verifiableCredential: clr },
    });
    expect(http.statusCode).toBe(200);
    // Each certificate inside still verifies on its own.
    expect((await verifier.verifyCredential(embedded[0])).verified).toBe(true);
    // A tampered record does not.
    const forged = structuredClone(clr);
    ((forged.credentialSubject as JsonObject).verifiableCredential as JsonObject[]).pop();
    expect((await verifier.verifyCredential(forged)).verified).toBe(false);
  });

  it('shows the account over HTTP and refuses a record for a learner with no credential', async () => {
    const res = await app.inject({ method: 'GET', url: `/api/v1/credit-accounts/${learner}`, headers: auth });
    expect(res.statusCode).toBe(200);
    expect(res.json().account.accountNo).toMatch(/^CB-2026-\d{8}$/);
    const empty = await app.inject({
      method: 'POST',
      url: `/api/v1/credit-accounts/${fx.students[1]}/clr`,
      headers: auth,
      payload: {},
    });
    expect(empty.statusCode).toBe(422);
    expect(empty.json().code).toBe('CREDIT_BANK_CLR_EMPTY');
  });

  it('recognises declared outcomes only after a review of their evidence, then converts them by kind and code', async () => {
    const pilot = await platform.programs.getInstitution(fx.pilotInstitutionId);
    const other = await platform.programs.getInstitution(fx.otherInstitutionId);
    const teacher = await platform.access.createApiKey({
      name: 'reviewer',
      role: 'TEACHER',
      orgId: pilot.id,
      createdBy: 'test',
    });
    const outsider = await platform.access.createApiKey({
      name: 'other reviewer',
      role: 'TEACHER',
      orgId: other.id,
      createdBy: 'test',
    });
    const asTeacher = { authorization: `Bearer ${teacher.secret}` };
    const competitionRule = await app.inject({
      method: 'POST',
      url: '/api/v1/conversion-rules',
      headers: auth,
      payload: {
        institution: pilot.code,
        outcomeKind: 'COMPETITION',
        outcomeCode: 'CVSC-2026-WEB-1',
        credits: 5,
        exemptCourses: ['ELEC'],
        effectiveFrom: '2026-01-01',
      },
    });
    expect(competitionRule.statusCode).toBe(201);
    expect(competitionRule.json()).toMatchObject({
      outcomeKind: 'COMPETITION',
      outcomeCode: 'CVSC-2026-WEB-1',
      certificateCode: null,
      level: null,
      version: 1,
    });
    // A declared rule names a code, not a certificate; an X_CERT rule names a certificate level.
    for (const [payload, path] of [
      [{ outcomeKind: 'COURSE', certificateCode: fx.certificateCode, level: 1 }, 'outcomeCode'],
      [{ outcomeKind: 'X_CERT', outcomeCode: 'CVSC-2026-WEB-1' }, 'certificateCode'],
    ] as const) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/conversion-rules',
        headers: auth,
        payload: { institution: pilot.code, credits: 1, effectiveFrom: '2026-01-01', ...payload },
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().details.issues.map((i: { path: string }) => i.path)).toContain(path);
    }
    const size = await ledgerSize();
    const declare = (payload: Record<string, unknown>) =>
      app.inject({
        method: 'POST',
        url: `/api/v1/credit-accounts/${learner}/outcomes`,
        headers: auth,
        payload,
      });
    const award = {
      kind: 'COMPETITION',
      titleZh: '职业院校技能大赛 网站设计与开发 一等奖',
      titleEn: 'Vocational Skills Competition, web design and development, first prize',
      institution: pilot.code,
      code: 'CVSC-2026-WEB-1',
      achievedOn: '2026-05-20',
      reference: 'award-2026-0042',
    };
    const noEvidence = await declare({ ...award, evidence: [] });
    expect(noEvidence.statusCode).toBe(400);
    const refused = await platform.creditBank
      .recordOutcome(
        learner,
        { ...award, kind: 'COMPETITION', code: 'no spaces', achievedOn: '2026-02-30', evidence: [] },
        'acct_learner',
      )
      .catch((e: DomainError) => e);
    expect(refused).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect((refused as DomainError).details.issues?.map((i) => i.path)).toEqual([
      'achievedOn',
      'code',
      'evidence',
    ]);
    expect(await ledgerSize()).toBe(size);
    expect(
      (await platform.creditBank.getAccount(learner)).outcomes.some((o) =>
        o.sourceKey.includes('award-2026-0042'),
      ),
    ).toBe(false);
    const submitted = await declare({
      ...award,
      evidence: [{ description: '获奖证书扫描件 award certificate scan', sha256: 'ab'.repeat(32) }],
    });
    expect(submitted.statusCode).toBe(201);
    const pending = submitted.json();
    expect(pending).toMatchObject({
      status: 'PENDING',
      submittedBy: 'admin-token',
      review: null,
      credits: 0,
    });
    expect(await ledgerSize()).toBe(size);
    // Pending: not converted by apply.
    const early = await platform.creditBank.apply(learner, {
      verifier: createInstanceVerifier(platform, baseUrl),
    });
    expect(early.transactions.filter((t) => t.outcomeId === pending.id)).toEqual([]);
    expect(early.skipped.find((x) => x.outcomeId === pending.id)?.reason.en).toContain('awaits review');
    expect(await ledgerSize()).toBe(size);

    const review = (headers: Record<string, string>, payload: Record<string, unknown>) =>
      app.inject({
        method: 'POST',
        url: `/api/v1/credit-accounts/${learner}/outcomes/${pending.id}/review`,
        headers,
        payload,
      });
    const self = await review(auth, { decision: 'APPROVE' });
    expect([self.statusCode, self.json().code]).toEqual([403, 'CREDIT_BANK_SELF_REVIEW']);
    // The other institution's teacher is refused by the policy (the learner is not theirs).
    const foreign = await review({ authorization: `Bearer ${outsider.secret}` }, { decision: 'APPROVE' });
    expect(foreign.statusCode).toBe(403);
    await expect(
      platform.creditBank.reviewOutcome(learner, pending.id, {
        decision: 'APPROVE',
        reviewer: { actorId: 'acct_elsewhere', institutionId: other.id },
      }),
    ).rejects.toMatchObject({ code: 'CREDIT_BANK_NOT_REVIEWER' });
    const noNote = await review(asTeacher, { decision: 'REJECT' });
    expect(noNote.statusCode).toBe(400);
    expect(await ledgerSize()).toBe(size);

    const queue = await app.inject({ method: 'GET', url: '/api/v1/credit-outcomes', headers: asTeacher });
    expect(queue.statusCode).toBe(200);
    expect(queue.json().items.map((o: { id: string; learnerId: string }) => [o.id, o.learnerId])).toEqual([
      [pending.id, learner],
    ]);
    const approved = await review(asTeacher, {
      decision: 'APPROVE',
      note: '核对获奖名单 checked the results list',
    });
    expect(approved.statusCode).toBe(200);
    expect(approved.json().outcome).toMatchObject({
      status: 'ACCUMULATED',
      review: { decision: 'APPROVED', reviewerId: teacher.key.id },
    });
    const [deposit] = approved.json().transactions;
    expect(deposit).toMatchObject({ kind: 'ACCUMULATE', outcomeId: pending.id });
    expect(deposit.explanation.en).toContain(`approved by reviewer ${teacher.key.id}`);
    expect(deposit.explanation.zh).toContain('证明材料 1 份');
    const again = await review(asTeacher, { decision: 'APPROVE' });
    expect([again.statusCode, again.json().code]).toEqual([409, 'CREDIT_BANK_WRONG_STATE']);

    const applied = await platform.creditBank.apply(learner, {
      verifier: createInstanceVerifier(platform, baseUrl),
    });
    const rule = competitionRule.json();
    expect(applied.transactions.map((t) => [t.kind, t.outcomeId, t.courseId, t.credits, t.ruleId])).toEqual([
      ['EXEMPT', pending.id, courses.ELEC, 2, rule.id],
      ['CREDIT', pending.id, null, 3, rule.id],
    ]);
    expect(applied.transactions[0]!.explanation.zh).toContain('竞赛获奖 CVSC-2026-WEB-1');

    // A rejected declaration deposits nothing, is never converted, and has nothing to withdraw.
    const course = await platform.creditBank.recordOutcome(
      learner,
      {
        kind: 'COMPETITION',
        titleZh: '同一奖项的重复申报',
        titleEn: 'The same award declared again',
        institution: pilot.code,
        code: 'CVSC-2026-WEB-1',
        achievedOn: '2026-05-20',
        reference: 'award-2026-0042-copy',
        evidence: [{ description: '复印件 a photocopy' }],
      },
      'acct_learner',
    );
    const before = await ledgerSize();
    const rejected = await platform.creditBank.reviewOutcome(learner, course.id, {
      decision: 'REJECT',
      note: '与 award-2026-0042 重复 duplicate of award-2026-0042',
      reviewer: { actorId: 'acct_teacher', institutionId: pilot.id },
    });
    expect(rejected).toMatchObject({ outcome: { status: 'REJECTED' }, transactions: [] });
    const later = await platform.creditBank.apply(learner, {
      verifier: createInstanceVerifier(platform, baseUrl),
    });
    expect(later.transactions).toEqual([]);
    expect(await ledgerSize()).toBe(before);
    await expect(
      platform.creditBank.withdrawOutcome(learner, course.id, { zh: '撤回', en: 'withdraw' }),
    ).rejects.toMatchObject({ code: 'CREDIT_BANK_WRONG_STATE' });
  });
});
