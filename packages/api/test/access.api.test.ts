import { type Principal, type Role, referenceCatalogDocument, roles } from '@onex/core';
import type { Database } from '@onex/db';
import { type AssessmentFixture, seedAssessmentFixture } from '@onex/db/testing/assessment-fixture.ts';
import { createTestPlatform, testEngines } from '@onex/db/testing/index.ts';
import { getMigrations } from 'better-auth/db/migration';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { registeredRoutes } from '../src/auth/access.ts';
import { createSessionAuth } from '../src/auth/better-auth.ts';
import { policies, policyFor } from '../src/policies.ts';

const token = 'test-admin-token';
const admin = { authorization: `Bearer ${token}` };
const baseUrl = 'https://onex.example';
const origin = 'https://onex.example';
const secret = 'a-test-secret-of-more-than-thirty-two-characters';
const password = 'correct horse battery';

describe.each(testEngines())('accounts, policies and audit on $name', (engine) => {
  let database: Database;
  let app: FastifyInstance;
  let fx: AssessmentFixture;
  /** A Bearer header (API key) for every role but LEARNER, a cookie for LEARNER. */
  const as: Partial<Record<Role, Record<string, string>>> = {};
  let otherTeoId: string;
  let otherTeoKey: Record<string, string>;
  let otherTeacherKey: Record<string, string>;

  const call = (o: InjectOptions) => app.inject(o);
  const post = (url: string, headers: Record<string, string>, payload?: object) =>
    app.inject({
      method: 'POST',
      url,
      headers,
      ...(payload === undefined ? {} : { payload }),
    } as InjectOptions);

  /** Row counts of every table but the audit log: equal before and after means nothing changed. */
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

  async function key(role: Role, orgId: string): Promise<Record<string, string>> {
    const res = await post('/api/v1/api-keys', admin, { name: `${role} key`, role, orgId });
    expect(res.statusCode).toBe(201);
    return { authorization: `Bearer ${res.json().secret}` };
  }

  async function signIn(email: string, pw = password) {
    return post('/api/v1/auth/sign-in', { origin }, { email, password: pw });
  }
  const cookieOf = (res: { cookies: { name: string; value: string }[] }) =>
    res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');

  beforeAll(async () => {
    database = await engine.open();
    const { platform } = createTestPlatform(database);
    await platform.catalog.importCatalog(referenceCatalogDocument());
    fx = await seedAssessmentFixture(platform, 'AC');
    otherTeoId = (await platform.catalog.getTeo('TEO-0002')).id;
    app = await buildApp({
      platform,
      engine: database.engine,
      adminToken: token,
      baseUrl,
      sessions: { db: database.db, secret },
      rateLimits: { signIn: 5, verification: 8 },
    });
    as.REGULATOR_ADMIN = admin;
    as.TEO_ADMIN = await key('TEO_ADMIN', fx.teoId);
    as.ASSESSOR = await key('ASSESSOR', fx.teoId);
    as.INSTITUTION_ADMIN = await key('INSTITUTION_ADMIN', fx.pilotInstitutionId);
    as.TEACHER = await key('TEACHER', fx.pilotInstitutionId);
    await platform.employers.registerEmployer({
      code: 'EMP-0001',
      nameZh: '测试用人单位',
      nameEn: 'Test employer',
      uscc: '91330100799655058B',
    });
    as.EMPLOYER_HR = await key('EMPLOYER_HR', 'EMP-0001');
    otherTeoKey = await key('TEO_ADMIN', otherTeoId);
    otherTeacherKey = await key('TEACHER', fx.otherInstitutionId);
    const learner = await post('/api/v1/accounts', admin, {
      email: 'learner@example.cn',
      name: '学生甲',
      password,
      role: 'LEARNER',
      learnerId: fx.students[0],
    });
    expect(learner.statusCode).toBe(201);
    as.LEARNER = { cookie: cookieOf(await signIn('learner@example.cn')), origin };
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('creates exactly the tables better-auth needs (migration 0007 leaves it nothing to add)', async () => {
    const auth = createSessionAuth({ db: database.db as never, secret, baseUrl, trustedOrigins: [origin] });
    const { toBeCreated, toBeAdded } = await getMigrations(auth.options);
    expect(toBeCreated).toEqual([]);
    expect(toBeAdded).toEqual([]);
  });

  describe('the role × route matrix', () => {
    it('has a policy for every registered route, and no policy for a route that does not exist', () => {
      const routes = registeredRoutes(app).filter((r) => r.method !== 'HEAD');
      expect(routes.length).toBeGreaterThan(80);
      const missing = routes.filter((r) => !policyFor(r.method, r.url)).map((r) => `${r.method} ${r.url}`);
      expect(missing).toEqual([]);
      const registered = new Set(routes.map((r) => `${r.method} ${r.url}`));
      const stale = Object.keys(policies).filter((id) => !id.startsWith('GET /docs') && !registered.has(id));
      expect(stale).toEqual([]);
    });

    it('refuses every private route to anonymous callers with 401, and each role not named with 403', async () => {
      const routes = registeredRoutes(app).filter((r) => r.method !== 'HEAD' && !r.url.startsWith('/docs'));
      const seen: string[] = [];
      for (const route of routes) {
        const policy = policyFor(route.method, route.url)!;
        const url = route.url
          .replace(/:[A-Za-z]+/g, (p) => (p === ':level' ? '1' : 'nope'))
          .replace('*', 'x');
        const method = route.method as InjectOptions['method'];
        if (policy.public) continue;
        const anonymous = await call({ method, url });
        expect([route.url, anonymous.statusCode]).toEqual([route.url, 401]);
        for (const role of roles) {
          const allowed = role === 'REGULATOR_ADMIN' || policy.roles.includes(role);
          if (allowed) continue;
          const res = await call({ method, url, headers: as[role]! });
          expect([route.method, route.url, role, res.statusCode]).toEqual([
            route.method,
            route.url,
            role,
            403,
          ]);
          expect(res.json().code).toBe('FORBIDDEN');
          seen.push(`${route.method} ${route.url} ${role}`);
        }
      }
      expect(seen.length).toBeGreaterThan(100);
    });

    it('lets every role named by a route’s policy past the role check', async () => {
      for (const [id, policy] of Object.entries(policies)) {
        if (policy.public || !id.startsWith('GET ')) continue;
        const url = id.slice(4).replace(/:[A-Za-z]+/g, (p) => (p === ':level' ? '1' : 'nope'));
        for (const role of policy.roles) {
          const res = await call({ method: 'GET', url, headers: as[role]! });
          expect([id, role, res.statusCode]).not.toContainEqual(401);
          if (res.statusCode === 403) expect(res.json().details.reason).toBe('NOT_YOUR_ORGANIZATION');
        }
      }
    });
  });

  describe('organization scoping', () => {
    it('lists only the teacher’s own institution’s learners, and refuses another institution’s list', async () => {
      const own = await call({ method: 'GET', url: '/api/v1/learners', headers: as.TEACHER! });
      expect(own.statusCode).toBe(200);
      const ids = (own.json().items as { id: string }[]).map((l) => l.id);
      expect(ids.sort()).toEqual([...fx.students].sort());
      const other = await call({
        method: 'GET',
        url: `/api/v1/learners?institutionId=${fx.otherInstitutionId}`,
        headers: as.TEACHER!,
      });
      expect(other.statusCode).toBe(403);
      expect(
        (await call({ method: 'GET', url: `/api/v1/learners/${fx.outsider}`, headers: as.TEACHER! }))
          .statusCode,
      ).toBe(403);
      expect(
        (await call({ method: 'GET', url: `/api/v1/learners/${fx.students[1]}`, headers: otherTeacherKey }))
          .statusCode,
      ).toBe(403);
    });

    it('refuses a TEO changing another TEO’s standard, and changes nothing', async () => {
      const before = await counts();
      const publish = await post(`/api/v1/standards/${fx.draftStandardId}/publish`, otherTeoKey);
      expect(publish.statusCode).toBe(403);
      const pilot = await post('/api/v1/pilot-authorizations', otherTeoKey, {
        institutionId: fx.pilotInstitutionId,
        certificateId: fx.certificateId,
        levels: [1],
        year: 2026,
      });
      expect(pilot.statusCode).toBe(403);
      expect(await counts()).toEqual(before);
      const draft = await call({ method: 'GET', url: `/api/v1/standards/${fx.draftStandardId}` });
      expect(draft.json().status).toBe('DRAFT');
    });

    it('refuses a teacher registering a learner at another institution, and changes nothing', async () => {
      const before = await counts();
      const res = await post('/api/v1/learners', otherTeacherKey, {
        kind: 'STUDENT',
        nameZh: '冒名学生',
        nationalId: '11010519491231002X',
        institutionId: fx.pilotInstitutionId,
      });
      expect(res.statusCode).toBe(403);
      expect(await counts()).toEqual(before);
    });

    it('shows a learner their own credentials and nobody else’s', async () => {
      const own = await call({
        method: 'GET',
        url: `/api/v1/learners/${fx.students[0]}/credentials`,
        headers: as.LEARNER!,
      });
      expect(own.statusCode).toBe(200);
      const other = await call({
        method: 'GET',
        url: `/api/v1/learners/${fx.students[1]}/credentials`,
        headers: as.LEARNER!,
      });
      expect(other.statusCode).toBe(403);
    });

    it('answers 404, not 403, for a target that does not exist', async () => {
      const res = await post('/api/v1/standards/std_none/publish', as.TEO_ADMIN!);
      expect(res.statusCode).toBe(404);
    });

    it('refuses an organization admin granting roles outside its organization', async () => {
      const before = await counts();
      const res = await post('/api/v1/api-keys', as.TEO_ADMIN!, {
        name: 'x',
        role: 'TEO_ADMIN',
        orgId: otherTeoId,
      });
      expect(res.statusCode).toBe(403);
      const up = await post('/api/v1/api-keys', as.TEO_ADMIN!, {
        name: 'x',
        role: 'REGULATOR_ADMIN',
        orgId: 'MOE',
      });
      expect(up.statusCode).toBe(403);
      expect(await counts()).toEqual(before);
    });
  });

  describe('sign-in and sessions', () => {
    it('signs in with a password into an HttpOnly SameSite=Strict cookie, and refuses a wrong password', async () => {
      const made = await post('/api/v1/accounts', as.TEO_ADMIN!, {
        email: 'assessor@teo.example.cn',
        name: '考评员',
        password,
        role: 'ASSESSOR',
        orgId: fx.teoId,
      });
      expect(made.statusCode).toBe(201);
      expect((await signIn('assessor@teo.example.cn', 'wrong password!')).statusCode).toBe(401);
      const res = await signIn('assessor@teo.example.cn');
      expect(res.statusCode).toBe(200);
      expect(res.json().account).toMatchObject({ role: 'ASSESSOR', orgKind: 'TEO', orgId: fx.teoId });
      const cookie = res.cookies.find((c) => c.name.includes('session_token'))!;
      expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', secure: true });
      const stored = await sql<{
        password: string;
      }>`select password from auth_account where user_id = ${made.json().id}`.execute(database.db);
      expect(stored.rows[0]!.password).not.toContain(password);
      // The sign-in is audited under the account that signed in (refusals write nothing).
      const audited = await sql<{ actor_id: string; org_id: string | null; status_code: number }>`
        select actor_id, org_id, status_code from audit_log
        where action = 'POST /api/v1/auth/sign-in' order by id`.execute(database.db);
      expect(audited.rows.at(-1)).toEqual({ actor_id: made.json().id, org_id: fx.teoId, status_code: 200 });
      const who = await call({
        method: 'GET',
        url: '/api/v1/auth/session',
        headers: { cookie: cookieOf(res) },
      });
      expect(who.json()).toMatchObject({
        via: 'session',
        role: 'ASSESSOR',
        orgId: fx.teoId,
      } satisfies Partial<Principal>);
    });

    it('refuses a cookie-session write without a trusted Origin (CSRF), and accepts it with one', async () => {
      const cookie = cookieOf(await signIn('assessor@teo.example.cn'));
      const url = `/api/v1/assessment-sessions/nope/scores`;
      const forged = await post(url, { cookie, origin: 'https://evil.example' }, { scores: [] });
      expect(forged.statusCode).toBe(403);
      expect(forged.json().code).toBe('CSRF_REJECTED');
      expect((await post(url, { cookie }, { scores: [] })).json().code).toBe('CSRF_REJECTED');
      const same = await post(url, { cookie, origin }, { scores: [] });
      expect(same.json().code).not.toBe('CSRF_REJECTED');
    });

    it('ends the session on sign-out', async () => {
      const cookie = cookieOf(await signIn('assessor@teo.example.cn'));
      expect((await post('/api/v1/auth/sign-out', { cookie, origin })).statusCode).toBe(204);
      expect(
        (await call({ method: 'GET', url: '/api/v1/auth/session', headers: { cookie } })).statusCode,
      ).toBe(401);
    });
  });

  describe('API keys', () => {
    it('shows the secret once, stores only its hash, and stops working when revoked', async () => {
      const res = await post('/api/v1/api-keys', as.TEO_ADMIN!, {
        name: 'LMS sync',
        role: 'ASSESSOR',
        orgId: fx.teoId,
      });
      expect(res.statusCode).toBe(201);
      const { key, secret: keySecret } = res.json();
      expect(keySecret).toMatch(/^onex_[0-9a-f]{64}$/);
      const listed = await call({ method: 'GET', url: '/api/v1/api-keys', headers: as.TEO_ADMIN! });
      expect(JSON.stringify(listed.json())).not.toContain(keySecret);
      expect(listed.json().items.every((k: { orgId: string }) => k.orgId === fx.teoId)).toBe(true);
      const rows = await sql`select * from api_key where id = ${key.id}`.execute(database.db);
      expect(JSON.stringify(rows.rows)).not.toContain(keySecret.slice(12));
      const bearer = { authorization: `Bearer ${keySecret}` };
      expect((await call({ method: 'GET', url: '/api/v1/auth/session', headers: bearer })).statusCode).toBe(
        200,
      );
      expect((await post(`/api/v1/api-keys/${key.id}/revoke`, otherTeoKey)).statusCode).toBe(404);
      expect((await post(`/api/v1/api-keys/${key.id}/revoke`, as.TEO_ADMIN!)).statusCode).toBe(200);
      expect((await call({ method: 'GET', url: '/api/v1/auth/session', headers: bearer })).statusCode).toBe(
        401,
      );
    });
  });

  describe('the audit log', () => {
    it('records every write with actor, organization, action, target and request id, viewable and exportable', async () => {
      const res = await post('/api/v1/api-keys', as.TEO_ADMIN!, {
        name: 'audited',
        role: 'ASSESSOR',
        orgId: fx.teoId,
      });
      const keyId = res.json().key.id as string;
      const log = await call({ method: 'GET', url: '/api/v1/audit-log', headers: as.TEO_ADMIN! });
      expect(log.statusCode).toBe(200);
      const items = log.json().items as Record<string, unknown>[];
      expect(items.every((e) => e.orgId === fx.teoId)).toBe(true);
      expect(items.at(-1)).toMatchObject({
        action: 'POST /api/v1/api-keys',
        target: keyId,
        role: 'TEO_ADMIN',
        orgKind: 'TEO',
        actorVia: 'api-key',
        statusCode: 201,
        requestId: expect.any(String),
      });
      const all = (await call({ method: 'GET', url: '/api/v1/audit-log?limit=10000', headers: admin })).json()
        .items;
      expect(all.length).toBeGreaterThan(items.length);
      const csv = await call({ method: 'GET', url: '/api/v1/audit-log?format=csv', headers: admin });
      expect(csv.headers['content-type']).toContain('text/csv');
      expect(csv.body.split('\n')[0]).toBe(
        'id,at,actorId,actorVia,role,orgKind,orgId,action,target,statusCode,requestId',
      );
      expect(csv.body).toContain(keyId);
      expect((await call({ method: 'GET', url: '/api/v1/audit-log', headers: as.TEACHER! })).statusCode).toBe(
        403,
      );
    });

    it('filters by actor, action, target, organization and time, pages newest first, and keeps scoped admins to their own', async () => {
      const made = await post('/api/v1/api-keys', as.INSTITUTION_ADMIN!, {
        name: 'filtered',
        role: 'TEACHER',
        orgId: fx.pilotInstitutionId,
      });
      const keyId = made.json().key.id as string;
      const audit = async (qs: string, headers: Record<string, string> = admin) => {
        const res = await call({ method: 'GET', url: `/api/v1/audit-log?${qs}`, headers });
        expect(res.statusCode, res.body).toBe(200);
        return res.json().items as { id: number; action: string; target: string; orgId: string }[];
      };
      const byTarget = await audit(`target=${keyId.toUpperCase().slice(2)}&action=api-KEYS`);
      expect(byTarget.map((e) => [e.action, e.target])).toEqual([['POST /api/v1/api-keys', keyId]]);
      const inst = await audit(`orgId=${fx.pilotInstitutionId}&limit=10000`);
      expect(inst.length).toBeGreaterThan(0);
      expect(inst.every((e) => e.orgId === fx.pilotInstitutionId)).toBe(true);
      const [latest] = await audit('order=desc&limit=1');
      expect(latest!.target).toBe(keyId);
      const page1 = await audit('order=desc&limit=2');
      const page2 = await audit(`order=desc&limit=2&afterId=${page1[1]!.id}`);
      expect([...page1, ...page2].map((e) => e.id)).toEqual(
        (await audit('order=desc&limit=4')).map((e) => e.id),
      );
      expect(await audit('from=2999-01-01T00:00:00Z')).toEqual([]);
      expect((await audit('to=2999-01-01T00:00:00Z&limit=10000')).length).toBeGreaterThan(inst.length);
      // A scoped admin's orgId filter cannot reach another organization's entries.
      const widened = await audit(`orgId=${fx.teoId}&limit=10000`, as.INSTITUTION_ADMIN!);
      expect(widened.length).toBeGreaterThan(0);
      expect(widened.every((e) => e.orgId === fx.pilotInstitutionId)).toBe(true);
      const bad = await call({ method: 'GET', url: '/api/v1/audit-log?from=yesterday', headers: admin });
      expect(bad.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
    });

    it('does not audit a refused write', async () => {
      const before = (
        await call({ method: 'GET', url: '/api/v1/audit-log?limit=10000', headers: admin })
      ).json().items.length;
      await post(`/api/v1/standards/${fx.draftStandardId}/publish`, otherTeoKey);
      const after = (
        await call({ method: 'GET', url: '/api/v1/audit-log?limit=10000', headers: admin })
      ).json().items.length;
      expect(after).toBe(before);
    });

    it('is append-only: the database refuses to update, delete or truncate it', async () => {
      await expect(sql`update audit_log set actor_id = 'someone else'`.execute(database.db)).rejects.toThrow(
        /append-only/,
      );
      await expect(sql`delete from audit_log`.execute(database.db)).rejects.toThrow(/append-only/);
      await expect(sql`truncate audit_log`.execute(database.db)).rejects.toThrow(/append-only/);
    });
  });

  describe('hardening', () => {
    it('sends security headers with a same-origin content security policy', async () => {
      const res = await call({ method: 'GET', url: '/health' });
      expect(res.headers['content-security-policy']).toContain("default-src 'self'");
      expect(res.headers['content-security-policy']).toContain("script-src 'self'");
      expect(res.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['strict-transport-security']).toBeDefined();
    });

    it('limits sign-in attempts per client with 429 RATE_LIMITED', async () => {
      const codes: number[] = [];
      for (let i = 0; i < 7; i++)
        codes.push((await signIn('nobody@example.cn', 'wrong password!')).statusCode);
      expect(codes).toContain(429);
      const last = await signIn('nobody@example.cn', 'wrong password!');
      expect(last.json().code).toBe('RATE_LIMITED');
    });

    it('limits verification requests per client with 429', async () => {
      const codes: number[] = [];
      for (let i = 0; i < 10; i++) codes.push((await call({ method: 'GET', url: '/trust-list' })).statusCode);
      expect(codes.slice(0, 8).every((c) => c === 200)).toBe(true);
      expect(codes.at(-1)).toBe(429);
    });
  });
});
