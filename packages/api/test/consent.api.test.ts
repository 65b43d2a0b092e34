import {
  type CredentialRecord,
  type LevelCode,
  nationalIdCheckChar,
  type Platform,
  referenceCatalogDocument,
} from '@onex/core';
import type { Database } from '@onex/db';
import { createTestPlatform, testEngines } from '@onex/db/testing/index.ts';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { issueWebCertificate } from './certificate-fixtures.ts';

const token = 'test-admin-token';
const admin = { authorization: `Bearer ${token}` };
const baseUrl = 'https://onex.example';
const origin = 'https://onex.example';
const secret = 'a-test-secret-of-more-than-thirty-two-characters';
const password = 'correct horse battery';
const DAY = 86_400_000;
const id17 = (s: string) => `${s}${nationalIdCheckChar(s)}`;

/**
 * Employer consent end to end: a learner grants an employer access to all or some of their
 * certificates; the employer sees exactly those (verified), another employer nothing; revocation
 * and expiry end access at once; nobody grants for somebody else; bad input is named and writes
 * nothing; grants and revocations are audited; the database refuses to edit a grant.
 */
describe.each(testEngines())('employer consent on $name', (engine) => {
  let database: Database;
  let platform: Platform;
  let clock: ReturnType<typeof createTestPlatform>['clock'];
  let app: FastifyInstance;
  let learnerA: string;
  let learnerB: string;
  let credsA: CredentialRecord[];
  let credB: CredentialRecord;
  let employer1: { id: string; code: string };
  let employer2: { id: string; code: string };
  let asA: Record<string, string>;
  let asB: Record<string, string>;
  let hr1: Record<string, string>;
  let hr2: Record<string, string>;

  const get = (url: string, headers: Record<string, string>) => app.inject({ method: 'GET', url, headers });
  const post = (url: string, headers: Record<string, string>, payload?: object) =>
    app.inject({
      method: 'POST',
      url,
      headers,
      ...(payload === undefined ? {} : { payload }),
    } as InjectOptions);
  const grant = (learnerId: string, headers: Record<string, string>, body: object) =>
    post(`/api/v1/learners/${learnerId}/consents`, headers, body);
  const candidates = (employerId: string, headers: Record<string, string>) =>
    get(`/api/v1/employers/${employerId}/candidates`, headers);
  const credentialsOf = (employerId: string, learnerId: string, headers: Record<string, string>) =>
    get(`/api/v1/employers/${employerId}/candidates/${learnerId}/credentials`, headers);

  /** Row counts of every table: equal before and after means nothing was written. */
  async function counts(): Promise<Record<string, number>> {
    const tables = await sql<{ name: string }>`
      select table_name as name from information_schema.tables
      where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`.execute(database.db);
    const out: Record<string, number> = {};
    for (const { name } of tables.rows) {
      const r = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(name)}`.execute(
        database.db,
      );
      out[name] = r.rows[0]!.n;
    }
    return out;
  }

  async function issueTo(learnerId: string, level: LevelCode, certificateNumber: string) {
    const issuerDid = await platform.credentials.ensureIssuer('TEO', 'TEO-0002');
    return issueWebCertificate(platform, issuerDid, learnerId, level, certificateNumber);
  }

  async function learnerSession(email: string, learnerId: string): Promise<Record<string, string>> {
    const made = await post('/api/v1/accounts', admin, {
      email,
      name: email,
      password,
      role: 'LEARNER',
      learnerId,
    });
    expect(made.statusCode).toBe(201);
    const res = await post('/api/v1/auth/sign-in', { origin }, { email, password });
    expect(res.statusCode).toBe(200);
    return { cookie: res.cookies.map((c) => `${c.name}=${c.value}`).join('; '), origin };
  }

  async function hrKey(orgId: string): Promise<Record<string, string>> {
    const res = await post('/api/v1/api-keys', admin, { name: 'HR', role: 'EMPLOYER_HR', orgId });
    expect(res.statusCode).toBe(201);
    return { authorization: `Bearer ${res.json().secret}` };
  }

  beforeAll(async () => {
    database = await engine.open();
    ({ platform, clock } = createTestPlatform(database));
    await platform.catalog.importCatalog(referenceCatalogDocument());
    learnerA = (
      await platform.programs.registerLearner({
        kind: 'SOCIAL',
        nameZh: '张晓明',
        nationalId: id17('33010619900101123'),
        provinceCode: '33',
      })
    ).id;
    learnerB = (
      await platform.programs.registerLearner({
        kind: 'SOCIAL',
        nameZh: '李华',
        nationalId: id17('11010119950505002'),
        provinceCode: '11',
      })
    ).id;
    credsA = [
      await issueTo(learnerA, 1, '1X-2601021-33-000001'),
      await issueTo(learnerA, 2, '1X-2601022-33-000001'),
    ];
    credB = await issueTo(learnerB, 1, '1X-2601021-11-000001');
    app = await buildApp({
      platform,
      engine: database.engine,
      adminToken: token,
      baseUrl,
      sessions: { db: database.db, secret },
      rateLimits: { signIn: 100 },
    });
    const e1 = await post('/api/v1/employers', admin, {
      code: 'EMP-0001',
      nameZh: '杭州甲科技有限公司',
      nameEn: 'Hangzhou Jia Technology Co., Ltd.',
      uscc: '91330100799655058B',
      provinceCode: '33',
      industryCode: 'I',
    });
    expect(e1.statusCode).toBe(201);
    employer1 = e1.json();
    const e2 = await post('/api/v1/employers', admin, {
      code: 'EMP-0002',
      nameZh: '深圳乙网络有限公司',
      nameEn: 'Shenzhen Yi Network Co., Ltd.',
      uscc: '9144030071526726XG',
    });
    expect(e2.statusCode).toBe(201);
    employer2 = e2.json();
    asA = await learnerSession('a@example.cn', learnerA);
    asB = await learnerSession('b@example.cn', learnerB);
    hr1 = await hrKey('EMP-0001');
    hr2 = await hrKey(employer2.id);
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('lists the employer directory to a learner, and gives an HR key its (known) employer’s id', async () => {
    const res = await get('/api/v1/employers', asA);
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((e: { code: string }) => e.code)).toEqual(['EMP-0001', 'EMP-0002']);
    const who = await get('/api/v1/auth/session', hr1);
    expect(who.json()).toMatchObject({ role: 'EMPLOYER_HR', orgKind: 'EMPLOYER', orgId: employer1.id });
    const unknown = await post('/api/v1/api-keys', admin, {
      name: 'HR',
      role: 'EMPLOYER_HR',
      orgId: 'EMP-9999',
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().details.issues[0].path).toBe('body.orgId');
  });

  it('refuses an employer with a bad unified social credit code or a taken code, naming the field', async () => {
    const bad = await post('/api/v1/employers', admin, {
      code: 'EMP-0003',
      nameZh: '丙',
      nameEn: 'Bing',
      uscc: '91330100799655058A',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.issues.map((i: { path: string }) => i.path)).toEqual(['body.uscc']);
    const taken = await post('/api/v1/employers', admin, {
      code: 'EMP-0001',
      nameZh: '丙',
      nameEn: 'Bing',
      uscc: '91110108551385082Q',
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.json()).toMatchObject({ code: 'EMPLOYERS_DUPLICATE' });
    expect((await post('/api/v1/employers', asA, { code: 'X' })).statusCode).toBe(403);
  });

  it('shows the employer exactly the granted credentials, verified, and the learner a masked name', async () => {
    expect((await candidates(employer1.id, hr1)).json().items).toEqual([]);
    const res = await grant(learnerA, asA, {
      employerId: 'EMP-0001',
      scope: 'SELECTED',
      credentialIds: [credsA[1]!.id],
      purpose: '应聘前端开发工程师',
    });
    expect(res.statusCode).toBe(201);
    const g = res.json();
    expect(g).toMatchObject({
      learnerId: learnerA,
      employerId: employer1.id,
      employer: { code: 'EMP-0001', nameZh: '杭州甲科技有限公司' },
      scope: 'SELECTED',
      credentialIds: [credsA[1]!.id],
      state: 'ACTIVE',
      revealIdentity: false,
      revokedAt: null,
    });
    expect(new Date(g.expiresAt).getTime() - clock.now().getTime()).toBe(90 * DAY);

    const list = await candidates(employer1.id, hr1);
    expect(list.statusCode).toBe(200);
    expect(list.json().items).toEqual([
      {
        learnerId: learnerA,
        displayName: '张**',
        identityRevealed: false,
        nationalIdMasked: null,
        credentialCount: 1,
        grants: [
          {
            id: g.id,
            scope: 'SELECTED',
            purpose: '应聘前端开发工程师',
            grantedAt: g.grantedAt,
            expiresAt: g.expiresAt,
          },
        ],
      },
    ]);
    expect(JSON.stringify(list.json())).not.toContain('张晓明');

    const shown = await credentialsOf(employer1.id, learnerA, hr1);
    expect(shown.statusCode).toBe(200);
    const items = shown.json().items as {
      credential: { id: string; certificateNumber: string };
      verification: { verified: boolean; checks: { name: string; status: string }[] };
      grantIds: string[];
    }[];
    expect(items.map((i) => i.credential.id)).toEqual([credsA[1]!.id]);
    expect(items[0]!.grantIds).toEqual([g.id]);
    expect(items[0]!.verification.checks.find((c) => c.name === 'proof')?.status).toBe('passed');
    expect(items[0]!.verification.verified).toBe(true);
    expect(shown.json().candidate.displayName).toBe('张**');
    // The learner who did not consent is not a candidate.
    expect((await credentialsOf(employer1.id, learnerB, hr1)).statusCode).toBe(404);
  });

  it('shows another employer nothing: 403 on the first employer’s routes, 404 and empty lists on its own', async () => {
    const other = await candidates(employer1.id, hr2);
    expect(other.statusCode).toBe(403);
    expect(other.json().details.reason).toBe('NOT_YOUR_ORGANIZATION');
    expect((await credentialsOf(employer1.id, learnerA, hr2)).statusCode).toBe(403);
    expect((await candidates(employer2.id, hr2)).json().items).toEqual([]);
    const own = await credentialsOf(employer2.id, learnerA, hr2);
    expect(own.statusCode).toBe(404);
    expect(JSON.stringify(own.json())).not.toContain('1X-');
    // Learners and other organizations never see an employer's candidates.
    expect((await candidates(employer1.id, asA)).statusCode).toBe(403);
  });

  it('refuses a learner granting, listing or revoking for another learner, and writes nothing', async () => {
    const before = await counts();
    const res = await grant(learnerA, asB, { employerId: employer2.id, scope: 'ALL', purpose: '冒名授权' });
    expect(res.statusCode).toBe(403);
    expect((await get(`/api/v1/learners/${learnerA}/consents`, asB)).statusCode).toBe(403);
    const grantId = (await get(`/api/v1/learners/${learnerA}/consents`, asA)).json().items[0].id;
    expect((await post(`/api/v1/consents/${grantId}/revoke`, asB)).statusCode).toBe(403);
    // Not even the regulator can consent for a learner.
    const byAdmin = await grant(learnerA, admin, {
      employerId: employer2.id,
      scope: 'ALL',
      purpose: '代为授权',
    });
    expect(byAdmin.statusCode).toBe(403);
    expect(byAdmin.json().code).toBe('CONSENT_NOT_THE_LEARNER');
    expect(await counts()).toEqual(before);
    expect((await candidates(employer2.id, hr2)).json().items).toEqual([]);
  });

  it('refuses bad grants with coded bilingual errors naming the field, and writes nothing', async () => {
    const before = await counts();
    const cases: [object, number, string, string][] = [
      [
        { employerId: 'EMP-9999', scope: 'ALL', purpose: 'p' },
        422,
        'CONSENT_UNKNOWN_EMPLOYER',
        'body.employerId',
      ],
      [
        {
          employerId: employer1.id,
          scope: 'ALL',
          purpose: 'p',
          expiresAt: new Date(clock.now().getTime() + 366 * DAY).toISOString(),
        },
        422,
        'CONSENT_EXPIRY_TOO_LONG',
        'body.expiresAt',
      ],
      [
        { employerId: employer1.id, scope: 'ALL', purpose: 'p', expiresAt: '2026-01-01T00:00:00Z' },
        422,
        'CONSENT_EXPIRY_PASSED',
        'body.expiresAt',
      ],
      [
        {
          employerId: employer1.id,
          scope: 'SELECTED',
          credentialIds: [credsA[0]!.id, credB.id],
          purpose: 'p',
        },
        422,
        'CONSENT_NOT_LEARNERS_CREDENTIAL',
        'body.credentialIds.1',
      ],
      [
        { employerId: employer1.id, scope: 'SELECTED', purpose: 'p' },
        422,
        'CONSENT_SCOPE_MISMATCH',
        'body.credentialIds',
      ],
      [{ employerId: employer1.id, scope: 'ALL', purpose: '' }, 400, 'VALIDATION_FAILED', 'body.purpose'],
      [{ employerId: employer1.id, scope: 'ALL', purpose: 'p', extra: 1 }, 400, 'VALIDATION_FAILED', 'body'],
    ];
    for (const [body, status, code, path] of cases) {
      const res = await grant(learnerA, asA, body);
      expect([code, res.statusCode]).toEqual([code, status]);
      const problem = res.json();
      expect(problem.code).toBe(code);
      expect(problem.messageZh).toMatch(/\p{Script=Han}/u);
      expect(problem.details.issues.map((i: { path: string }) => i.path)).toContain(path);
    }
    expect(await counts()).toEqual(before);
  });

  it('ends access at once on revocation, keeps the grant as REVOKED, and refuses revoking twice', async () => {
    const grants = (await get(`/api/v1/learners/${learnerA}/consents`, asA)).json().items;
    expect(grants).toHaveLength(1);
    const res = await post(`/api/v1/consents/${grants[0].id}/revoke`, asA);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      id: grants[0].id,
      state: 'REVOKED',
      revokedAt: clock.now().toISOString(),
    });
    expect((await candidates(employer1.id, hr1)).json().items).toEqual([]);
    expect((await credentialsOf(employer1.id, learnerA, hr1)).statusCode).toBe(404);
    const again = await post(`/api/v1/consents/${grants[0].id}/revoke`, asA);
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('CONSENT_ALREADY_REVOKED');
    expect((await post('/api/v1/consents/consent_none/revoke', asA)).statusCode).toBe(404);
    const listed = (await get(`/api/v1/learners/${learnerA}/consents`, asA)).json().items;
    expect(listed.map((g: { state: string }) => g.state)).toEqual(['REVOKED']);
  });

  it('covers every credential under ALL, reveals identity only when asked, and nothing once expired', async () => {
    const expiresAt = new Date(clock.now().getTime() + 10 * DAY).toISOString();
    const res = await grant(learnerA, asA, {
      employerId: employer1.code,
      scope: 'ALL',
      purpose: '校园招聘',
      expiresAt,
      revealIdentity: true,
    });
    expect(res.statusCode).toBe(201);
    const [candidate] = (await candidates(employer1.id, hr1)).json().items;
    expect(candidate).toMatchObject({
      learnerId: learnerA,
      displayName: '张晓明',
      identityRevealed: true,
      nationalIdMasked: '3301**********1234'.replace('1234', id17('33010619900101123').slice(-4)),
      credentialCount: 2,
    });
    const shown = (await credentialsOf(employer1.id, learnerA, hr1)).json().items;
    expect(shown.map((i: { credential: { id: string } }) => i.credential.id)).toEqual(
      credsA.map((c) => c.id),
    );
    expect(JSON.stringify(shown)).not.toContain(credB.id);

    clock.advance(10 * DAY);
    try {
      expect((await candidates(employer1.id, hr1)).json().items).toEqual([]);
      expect((await credentialsOf(employer1.id, learnerA, hr1)).statusCode).toBe(404);
      const listed = (await get(`/api/v1/learners/${learnerA}/consents`, asA)).json().items;
      expect(listed.map((g: { state: string }) => g.state)).toEqual(['EXPIRED', 'REVOKED']);
    } finally {
      clock.advance(-10 * DAY);
    }
  });

  it('records every grant and revocation in the audit log, and no refused one', async () => {
    const log = (await get('/api/v1/audit-log?limit=10000', admin)).json().items as {
      action: string;
      target: string;
      role: string;
      actorVia: string;
      statusCode: number;
    }[];
    const grants = log.filter((e) => e.action === 'POST /api/v1/learners/:id/consents');
    expect(grants).toHaveLength(2);
    for (const e of grants)
      expect(e).toMatchObject({ target: learnerA, role: 'LEARNER', actorVia: 'session', statusCode: 201 });
    const revokes = log.filter((e) => e.action === 'POST /api/v1/consents/:id/revoke');
    expect(revokes).toHaveLength(1);
    const revoked = (await get(`/api/v1/learners/${learnerA}/consents`, asA)).json().items[1];
    expect(revokes[0]).toMatchObject({ target: revoked.id, role: 'LEARNER', statusCode: 200 });
  });

  it('keeps grants unedited in the database: only revoked, once, never deleted', async () => {
    const [live, revoked] = (await get(`/api/v1/learners/${learnerA}/consents`, asA)).json().items;
    await expect(
      sql`update consent_grant set purpose = 'changed' where id = ${live.id}`.execute(database.db),
    ).rejects.toThrow(/never edited/);
    await expect(
      sql`update consent_grant set expires_at = expires_at + interval '1 year' where id = ${live.id}`.execute(
        database.db,
      ),
    ).rejects.toThrow(/never edited/);
    await expect(
      sql`update consent_grant set revoked_at = null, revoked_by = null where id = ${revoked.id}`.execute(
        database.db,
      ),
    ).rejects.toThrow(/never edited/);
    await expect(sql`delete from consent_grant`.execute(database.db)).rejects.toThrow(/never deleted/);
  });
});
