import { generateKeyPairSync } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Database } from '@onex/db';
import { createTestPlatform, testEngines } from '@onex/db/testing/index.ts';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import Provider from 'oidc-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { parseOidcProviders } from '../src/auth/oidc.ts';
import { ConfigError, loadConfig } from '../src/config.ts';

const token = 'test-admin-token';
const admin = { authorization: `Bearer ${token}` };
const secret = 'a-test-secret-of-more-than-thirty-two-characters';
const clientId = 'onex';
const clientSecret = 'onex-client-secret-for-tests';

/** The identity provider's people: subject → the claims it asserts. */
const people: Record<string, { email: string; email_verified: boolean; name: string }> = {
  dean: { email: 'dean@zjtc.example.cn', email_verified: true, name: '院长' },
  stranger: { email: 'stranger@zjtc.example.cn', email_verified: true, name: '陌生人' },
  outsider: { email: 'teacher@other.example.cn', email_verified: true, name: '外校教师' },
  unverified: { email: 'registrar@zjtc.example.cn', email_verified: false, name: '教务' },
};

const listen = (server: Server) =>
  new Promise<number>((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)),
  );
const close = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()));

/** A free port for the OneX server: its base URL (the redirect URI) must be known before it starts. */
async function freePort(): Promise<number> {
  const probe = createServer();
  const port = await listen(probe);
  await close(probe);
  return port;
}

/**
 * A real OpenID provider (panva's oidc-provider) on 127.0.0.1, with one confidential client and a tiny
 * interaction handler: `/interaction/:uid?login=<subject>` signs that subject in and grants consent.
 */
async function startIdentityProvider(redirectUri: string) {
  const server = createServer();
  const port = await listen(server);
  const issuer = `http://127.0.0.1:${port}`;
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [redirectUri],
        response_types: ['code'],
        grant_types: ['authorization_code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), kid: 'test-key', use: 'sig', alg: 'RS256' }] },
    claims: { email: ['email', 'email_verified'], profile: ['name'] },
    cookies: { keys: ['idp-cookie-key-for-tests'] },
    pkce: { required: () => true },
    features: { devInteractions: { enabled: false } },
    ttl: {
      AccessToken: 600,
      AuthorizationCode: 60,
      Grant: 600,
      IdToken: 600,
      Interaction: 600,
      Session: 600,
    },
    findAccount: async (_ctx: unknown, sub: string) =>
      people[sub] ? { accountId: sub, claims: async () => ({ sub, ...people[sub] }) } : undefined,
  });
  const handle = provider.callback();
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (!req.url?.startsWith('/interaction/')) return handle(req, res);
    void interact(req, res).catch((e: unknown) => {
      res.statusCode = 500;
      res.end(String(e));
    });
  });
  async function interact(req: IncomingMessage, res: ServerResponse) {
    const details = await provider.interactionDetails(req, res);
    if (details.prompt.name === 'login') {
      const login = new URL(req.url!, issuer).searchParams.get('login');
      return provider.interactionFinished(req, res, { login: { accountId: login } });
    }
    const grant = new provider.Grant({ accountId: details.session.accountId, clientId });
    grant.addOIDCScope(details.prompt.details.missingOIDCScope?.join(' ') ?? 'openid');
    return provider.interactionFinished(req, res, { consent: { grantId: await grant.save() } });
  }
  return { issuer, close: () => close(server) };
}

/** A browser without JavaScript: follows redirects by hand, keeps cookies per origin. */
class Browser {
  private readonly jar = new Map<string, Map<string, string>>();

  async get(url: string, accept = 'application/json'): Promise<Response> {
    const { origin } = new URL(url);
    const cookies = [...(this.jar.get(origin) ?? new Map<string, string>())].map(([k, v]) => `${k}=${v}`);
    const res = await fetch(url, {
      redirect: 'manual',
      headers: { accept, ...(cookies.length > 0 ? { cookie: cookies.join('; ') } : {}) },
    });
    const jar = this.jar.get(origin) ?? new Map<string, string>();
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const at = pair!.indexOf('=');
      const [name, value] = [pair!.slice(0, at).trim(), pair!.slice(at + 1).trim()];
      const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a)) || value === '';
      if (expired) jar.delete(name);
      else jar.set(name, value);
    }
    this.jar.set(origin, jar);
    return res;
  }

  cookie(origin: string, name: string): string | undefined {
    return this.jar.get(origin)?.get(name);
  }
}

describe('ONEX_OIDC_PROVIDERS', () => {
  const one = {
    id: 'zjtc-idp',
    issuer: 'https://idp.zjtc.example.cn',
    clientId: 'onex',
    clientSecret: 's3cret',
    nameZh: '浙江交通职业技术学院统一身份认证',
    nameEn: 'ZJTC single sign-on',
    orgKind: 'INSTITUTION',
    orgId: '14130',
  };

  it('reads a JSON array of providers, and none when unset', () => {
    const env = { ONEX_ADMIN_TOKEN: token, ONEX_MASTER_KEY: 'a'.repeat(64) };
    expect(loadConfig(env).oidcProviders).toEqual([]);
    expect(loadConfig({ ...env, ONEX_OIDC_PROVIDERS: JSON.stringify([one]) }).oidcProviders).toEqual([one]);
  });

  it('refuses malformed configuration, naming the variable and the field', () => {
    const env = { ONEX_ADMIN_TOKEN: token, ONEX_MASTER_KEY: 'a'.repeat(64) };
    expect(() => loadConfig({ ...env, ONEX_OIDC_PROVIDERS: '{' })).toThrow(ConfigError);
    expect(() =>
      loadConfig({ ...env, ONEX_OIDC_PROVIDERS: JSON.stringify([{ ...one, issuer: 'x' }]) }),
    ).toThrow(/ONEX_OIDC_PROVIDERS: \[0\.issuer\]/);
    expect(() => parseOidcProviders(JSON.stringify([one, one]))).toThrow(/appears twice/);
    expect(() => parseOidcProviders(JSON.stringify([{ ...one, orgKind: 'LEARNER' }]))).toThrow(/orgKind/);
  });
});

describe.each(testEngines())('OIDC sign-in through an institution’s identity provider on $name', (engine) => {
  let database: Database;
  let app: FastifyInstance;
  let idp: Awaited<ReturnType<typeof startIdentityProvider>>;
  let onex: string;
  let zjtcId: string;
  let otherId: string;
  let deanId: string;
  let outsiderId: string;

  const api = (method: 'GET' | 'POST', url: string, payload?: object) =>
    app.inject({ method, url, headers: admin, ...(payload ? { payload } : {}) });
  const rows = async () => {
    const n = async (table: 'auth_user' | 'auth_account' | 'auth_session') =>
      (await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(database.db))
        .rows[0]!.n;
    return {
      users: await n('auth_user'),
      accounts: await n('auth_account'),
      sessions: await n('auth_session'),
    };
  };

  /**
   * Drives the authorization code flow: OneX's start → the provider's authorization endpoint and
   * interactions (as `subject`) → back to OneX's callback, which is answered (possibly altered first).
   */
  async function signInThrough(
    browser: Browser,
    subject: string,
    options: { returnTo?: string; alter?: (callback: URL) => void; accept?: string; stop?: boolean } = {},
  ): Promise<{ callback: URL; res: Response | undefined }> {
    const query = options.returnTo === undefined ? '' : `?returnTo=${encodeURIComponent(options.returnTo)}`;
    const start = await browser.get(`${onex}/api/v1/auth/oidc/zjtc-idp/start${query}`, 'text/html');
    expect(start.status).toBe(302);
    let url = new URL(start.headers.get('location')!);
    expect(url.origin).toBe(idp.issuer);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('nonce')).toBeTruthy();
    for (let hops = 0; url.origin === idp.issuer; hops++) {
      expect(hops).toBeLessThan(10);
      if (url.pathname.startsWith('/interaction/')) url.searchParams.set('login', subject);
      const res = await browser.get(url.href, 'text/html');
      expect([302, 303]).toContain(res.status);
      url = new URL(res.headers.get('location')!, url);
    }
    expect(`${url.origin}${url.pathname}`).toBe(`${onex}/api/v1/auth/oidc/zjtc-idp/callback`);
    options.alter?.(url);
    if (options.stop) return { callback: url, res: undefined };
    return { callback: url, res: await browser.get(url.href, options.accept) };
  }

  beforeAll(async () => {
    database = await engine.open();
    const { platform } = createTestPlatform(database);
    const institution = (code: string, nameZh: string) =>
      platform.programs.createInstitution({
        code,
        nameZh,
        nameEn: code,
        type: 'HIGHER_VET',
        provinceCode: '33',
        urbanRural: 'URBAN',
      });
    zjtcId = (await institution('I-ZJTC', '浙江交通职业技术学院')).id;
    otherId = (await institution('I-OTHER', '另一所职业技术学院')).id;
    const port = await freePort();
    onex = `http://127.0.0.1:${port}`;
    idp = await startIdentityProvider(`${onex}/api/v1/auth/oidc/zjtc-idp/callback`);
    app = await buildApp({
      platform,
      engine: database.engine,
      adminToken: token,
      baseUrl: onex,
      rateLimits: { signIn: 1000 },
      sessions: {
        db: database.db,
        secret,
        oidcProviders: [
          {
            id: 'zjtc-idp',
            issuer: idp.issuer,
            clientId,
            clientSecret,
            nameZh: '浙江交通职业技术学院统一身份认证',
            nameEn: 'ZJTC single sign-on',
            orgKind: 'INSTITUTION',
            // Its code: the API resolves it to the institution's id.
            orgId: 'I-ZJTC',
          },
        ],
      },
    });
    await app.listen({ host: '127.0.0.1', port });
    const account = async (email: string, role: string, orgId: string) => {
      const res = await api('POST', '/api/v1/accounts', {
        email,
        name: email,
        password: 'correct horse battery',
        role,
        orgId,
      });
      expect(res.statusCode).toBe(201);
      return res.json().id as string;
    };
    deanId = await account(people.dean!.email, 'INSTITUTION_ADMIN', zjtcId);
    await account(people.unverified!.email, 'TEACHER', zjtcId);
    outsiderId = await account(people.outsider!.email, 'TEACHER', otherId);
  });
  afterAll(async () => {
    await app?.close();
    await idp?.close();
    await database?.close();
  });

  it('lists the configured providers for the sign-in page, without their secrets', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/auth/providers' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      items: [{ id: 'zjtc-idp', nameZh: '浙江交通职业技术学院统一身份认证', nameEn: 'ZJTC single sign-on' }],
    });
    expect(res.body).not.toContain(clientSecret);
    const unknown = await app.inject({ method: 'GET', url: '/api/v1/auth/oidc/nobody/start' });
    expect(unknown.statusCode).toBe(404);
    const paths = Object.keys((await app.inject({ method: 'GET', url: '/openapi.json' })).json().paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/v1/auth/providers',
        '/api/v1/auth/oidc/{provider}/start',
        '/api/v1/auth/oidc/{provider}/callback',
      ]),
    );
  });

  it('signs an existing institution account in: the onex session cookie, then the same principal', async () => {
    const browser = new Browser();
    const res = (await signInThrough(browser, 'dean', { returnTo: '/teo/sessions?tab=open' })).res!;
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe(`${onex}/teo/sessions?tab=open`);
    const set = res.headers.getSetCookie().find((c) => c.startsWith('onex.session_token='))!;
    expect(set).toMatch(/HttpOnly/i);
    expect(set).toMatch(/SameSite=Strict/i);
    const who = await browser.get(`${onex}/api/v1/auth/session`);
    expect(who.status).toBe(200);
    expect(await who.json()).toEqual({
      via: 'session',
      actorId: deanId,
      role: 'INSTITUTION_ADMIN',
      orgKind: 'INSTITUTION',
      orgId: zjtcId,
      learnerId: null,
    });
    const linked = await sql<{ account_id: string; access_token: string | null }>`
      select account_id, access_token from auth_account
      where user_id = ${deanId} and provider_id = 'zjtc-idp'`.execute(database.db);
    expect(linked.rows.map((r) => r.account_id)).toEqual(['dean']);
    // The provider's access token is not kept in the clear.
    expect(linked.rows[0]!.access_token).toMatch(/^\$ba\$|^[0-9a-f]+$/);

    // Signing in again uses the linked identity, and goes to `/` without a returnTo.
    const again = await signInThrough(new Browser(), 'dean');
    expect(again.res!.status).toBe(302);
    expect(again.res!.headers.get('location')).toBe(`${onex}/`);

    // Each sign-in is in the audit log under the account, with the provider as its target.
    const audited = await sql<{ actor_id: string; org_id: string; target: string }>`
      select actor_id, org_id, target from audit_log
      where action = 'GET /api/v1/auth/oidc/:provider/callback' order by id`.execute(database.db);
    expect(audited.rows).toEqual([
      { actor_id: deanId, org_id: zjtcId, target: 'zjtc-idp' },
      { actor_id: deanId, org_id: zjtcId, target: 'zjtc-idp' },
    ]);
  });

  it('refuses an email no account has, and creates no user, account or session', async () => {
    const before = await rows();
    const browser = new Browser();
    const res = (await signInThrough(browser, 'stranger')).res!;
    expect(res.status).toBe(403);
    const body = await res.json();
    expect(body).toMatchObject({ code: 'OIDC_NO_ACCOUNT', details: { provider: 'zjtc-idp' } });
    expect(body.message).toMatch(/no self sign-up/);
    expect(body.messageZh).toMatch(/不支持自行注册/);
    expect(browser.cookie(onex, 'onex.session_token')).toBeUndefined();
    expect(await rows()).toEqual(before);
    const emails = await sql`select 1 from auth_user where email = ${people.stranger!.email}`.execute(
      database.db,
    );
    expect(emails.rows).toEqual([]);
    expect((await browser.get(`${onex}/api/v1/auth/session`)).status).toBe(401);
  });

  it('sends a refused browser back to the sign-in page with the code', async () => {
    const res = (await signInThrough(new Browser(), 'stranger', { accept: 'text/html' })).res!;
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/login?error=OIDC_NO_ACCOUNT');
  });

  it('refuses an account of another organization, linking nothing', async () => {
    const before = await rows();
    const browser = new Browser();
    const res = (await signInThrough(browser, 'outsider')).res!;
    expect(res.status).toBe(403);
    expect((await res.json()).code).toBe('OIDC_WRONG_ORGANIZATION');
    expect(await rows()).toEqual(before);
    const links =
      await sql`select 1 from auth_account where user_id = ${outsiderId} and provider_id = 'zjtc-idp'`.execute(
        database.db,
      );
    expect(links.rows).toEqual([]);
    expect(browser.cookie(onex, 'onex.session_token')).toBeUndefined();
  });

  it('refuses a linked identity once its account has moved to another organization', async () => {
    expect((await signInThrough(new Browser(), 'dean')).res!.status).toBe(302);
    await sql`update auth_user set org_id = ${otherId} where id = ${deanId}`.execute(database.db);
    try {
      const before = await rows();
      const res = (await signInThrough(new Browser(), 'dean')).res!;
      expect(res.status).toBe(403);
      expect((await res.json()).code).toBe('OIDC_WRONG_ORGANIZATION');
      expect(await rows()).toEqual(before);
    } finally {
      await sql`update auth_user set org_id = ${zjtcId} where id = ${deanId}`.execute(database.db);
    }
  });

  it('refuses an email the provider does not say is verified', async () => {
    const before = await rows();
    const res = (await signInThrough(new Browser(), 'unverified')).res!;
    expect(res.status).toBe(403);
    expect((await res.json()).code).toBe('OIDC_EMAIL_NOT_VERIFIED');
    expect(await rows()).toEqual(before);
  });

  it('refuses a tampered state, a callback in another browser and a replayed callback', async () => {
    const before = await rows();
    const tampered = await signInThrough(new Browser(), 'dean', {
      alter: (callback) => callback.searchParams.set('state', `${callback.searchParams.get('state')}x`),
    });
    expect(tampered.res!.status).toBe(400);
    expect((await tampered.res!.json()).code).toBe('OIDC_STATE_INVALID');

    expect(await rows()).toEqual(before);

    // Login CSRF: someone else's callback (code and state) opened in a browser that did not start it.
    const first = new Browser();
    const { callback } = await signInThrough(first, 'dean', { stop: true });
    const elsewhere = await new Browser().get(callback.href);
    expect(elsewhere.status).toBe(400);
    expect((await elsewhere.json()).code).toBe('OIDC_STATE_INVALID');
    expect(await rows()).toEqual(before);
    // The browser that started it still signs in, once: a replay is refused.
    expect((await first.get(callback.href)).status).toBe(302);
    const replayed = await first.get(callback.href);
    expect(replayed.status).toBe(400);
    expect((await replayed.json()).code).toBe('OIDC_STATE_INVALID');
    expect(await rows()).toEqual({ ...before, sessions: before.sessions + 1 });
  });

  it('refuses a returnTo of another origin before going to the provider', async () => {
    for (const returnTo of [
      'https://evil.example/',
      '//evil.example/path',
      '/\\evil.example',
      'http://127.0.0.1:1/',
      'javascript:alert(1)',
      'teo/sessions',
      '/api/v1/auth/error?error=x',
    ]) {
      const res = await new Browser().get(
        `${onex}/api/v1/auth/oidc/zjtc-idp/start?returnTo=${encodeURIComponent(returnTo)}`,
      );
      expect([returnTo, res.status]).toEqual([returnTo, 400]);
      expect(res.headers.get('location')).toBeNull();
      const body = await res.json();
      expect(body.code).toBe('VALIDATION_FAILED');
      expect(body.details.issues[0].path).toBe('query.returnTo');
    }
  });

  it('without identity providers, lists none and has no provider to start', async () => {
    const { platform } = createTestPlatform(database);
    const plain = await buildApp({
      platform,
      engine: database.engine,
      adminToken: token,
      baseUrl: 'https://onex.example',
      sessions: { db: database.db, secret },
    });
    try {
      expect((await plain.inject({ method: 'GET', url: '/api/v1/auth/providers' })).json()).toEqual({
        items: [],
      });
      const start = await plain.inject({ method: 'GET', url: '/api/v1/auth/oidc/zjtc-idp/start' });
      expect(start.statusCode).toBe(404);
      expect(start.json().code).toBe('NOT_FOUND');
    } finally {
      await plain.close();
    }
  });
});
