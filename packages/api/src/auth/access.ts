import { timingSafeEqual } from 'node:crypto';
import {
  DomainError,
  decideRole,
  type Owner,
  ownScopeId,
  ownsTarget,
  type Platform,
  type Principal,
  REGULATOR_ORG_ID,
  type Role,
  type TargetKind,
  type TargetRule,
} from '@onex/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { policyFor, type RoutePolicy, readOnlyPosts } from '../policies.ts';
import { type AccountUser, type SessionAuth, toHeaders } from './better-auth.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** Who is calling (null: anonymous), set by the access hook. */
    principal: Principal | null;
  }
}

export interface AccessOptions {
  platform: Platform;
  adminToken: string;
  /** Cookie sessions (absent: only Bearer credentials are accepted). */
  sessions?: SessionAuth | undefined;
  /** Origins a cookie-authenticated write may come from (CSRF defence). */
  trustedOrigins: string[];
  /** Owners of records that live in the API process (issuance jobs). */
  localOwners: Map<TargetKind, (id: string) => Promise<Owner | null>>;
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/** `GET /api/v1/learners/:id`: the key of a route in the policy table. */
export const routeId = (method: string, url: string) => `${method === 'HEAD' ? 'GET' : method} ${url}`;

const unauthorized = (en: string, zh: string) => new DomainError('UNAUTHORIZED', { zh, en });
const forbidden = (details: Record<string, unknown>) =>
  new DomainError('FORBIDDEN', { zh: '无权执行此操作', en: 'Your account may not do this' }, details);

export function adminPrincipal(): Principal {
  return {
    via: 'admin-token',
    actorId: 'admin-token',
    role: 'REGULATOR_ADMIN',
    orgKind: 'REGULATOR',
    orgId: REGULATOR_ORG_ID,
    learnerId: null,
  };
}

export function principalOfAccount(user: AccountUser): Principal {
  return {
    via: 'session',
    actorId: user.id,
    role: user.role,
    orgKind: (user.orgKind ?? null) as Principal['orgKind'],
    orgId: user.orgId ?? null,
    learnerId: user.learnerId ?? null,
  };
}

function pick(request: FastifyRequest, from: TargetRule['from']): unknown {
  const [where, ...path] = from.split('.');
  let value: unknown = where === 'params' ? request.params : where === 'body' ? request.body : request.query;
  for (const key of path) value = (value as Record<string, unknown> | undefined)?.[key];
  return value;
}

/**
 * Installs authentication (admin token, API keys, cookie sessions with a CSRF Origin check),
 * the policy check of `policies.ts` for every route, organization scoping of targets, and the
 * audit log of every successful write. Call before any route is registered.
 */
export function installAccess(app: FastifyInstance, options: AccessOptions): void {
  const { platform } = options;
  const expected = Buffer.from(options.adminToken);
  app.decorateRequest('principal', null);
  const routes: { method: string; url: string }[] = [];
  collected.set(app, routes);
  app.addHook('onRoute', (route) => {
    for (const method of Array.isArray(route.method) ? route.method : [route.method])
      routes.push({ method, url: route.url });
  });

  async function authenticate(request: FastifyRequest): Promise<Principal | null> {
    const header = request.headers.authorization;
    if (header !== undefined) {
      const match = /^Bearer\s+(.+)$/i.exec(header);
      if (!match)
        throw unauthorized('Use Authorization: Bearer <token>', '请使用 Authorization: Bearer <令牌>');
      const given = Buffer.from(match[1]!.trim());
      if (given.length === expected.length && timingSafeEqual(given, expected)) return adminPrincipal();
      const key = await platform.access.authenticateApiKey(given.toString());
      if (key) return key;
      throw unauthorized('Invalid token', '令牌无效');
    }
    if (!options.sessions || !request.headers.cookie) return null;
    const session = await options.sessions.api.getSession({ headers: toHeaders(request.headers) });
    if (!session) return null;
    const principal = principalOfAccount(session.user as unknown as AccountUser);
    if (!SAFE.has(request.method)) {
      // Browsers send Origin on every cross-site (and same-site) POST/PUT/DELETE; a cookie-carried
      // write from anywhere else is refused. Bearer credentials are never sent automatically.
      const origin = request.headers.origin;
      if (!origin || !options.trustedOrigins.includes(origin)) {
        throw new DomainError(
          'CSRF_REJECTED',
          {
            zh: '来自不受信任来源的 Cookie 会话写请求被拒绝',
            en: 'A cookie-session write must come from a trusted Origin',
          },
          { origin: origin ?? null },
        );
      }
    }
    return principal;
  }

  const policyOf = (request: FastifyRequest): RoutePolicy | undefined => {
    const url = request.routeOptions.url;
    return url === undefined ? undefined : policyFor(request.method, url);
  };

  app.addHook('onRequest', async (request) => {
    if (request.routeOptions.url === undefined) return; // no such route: the 404 handler answers
    request.principal = await authenticate(request);
    const policy = policyOf(request);
    if (!policy) throw forbidden({ reason: 'NO_POLICY' });
    const decision = decideRole(policy, request.principal);
    if (decision === 'unauthenticated')
      throw unauthorized(
        'Sign in, or send Authorization: Bearer <API key or admin token>',
        '请登录，或提供 Authorization: Bearer <API 密钥或管理令牌>',
      );
    if (decision === 'forbidden') throw forbidden({ role: request.principal?.role });
  });

  // After validation: targets are read from the parsed params, query and body.
  app.addHook('preHandler', async (request) => {
    const policy = policyOf(request);
    const principal = request.principal;
    if (!policy || policy.public || !principal || principal.role === 'REGULATOR_ADMIN') return;
    const targets = policy.targets ?? [];
    if (targets.length === 0) return;
    let missing = false;
    for (const target of targets) {
      let id = pick(request, target.from);
      if (id === undefined && target.from.startsWith('query.') && isOrgKind(target.kind)) {
        // A list filtered by organization: confine a scoped caller to their own.
        id = ownScopeId(principal);
        if (id !== undefined) (request.query as Record<string, unknown>)[target.from.slice(6)] = id;
      }
      if (typeof id !== 'string') continue;
      const local = options.localOwners.get(target.kind);
      const owner = await (local ? local(id) : platform.access.ownerOf(target.kind, id));
      if (!owner) {
        missing = true;
        continue;
      }
      if (ownsTarget(principal, owner)) return;
    }
    if (missing && targets.length === 1)
      throw new DomainError(
        'NOT_FOUND',
        { zh: '未找到', en: 'Not found' },
        { id: pick(request, targets[0]!.from) },
      );
    throw forbidden({ reason: 'NOT_YOUR_ORGANIZATION' });
  });

  app.addHook('onSend', async (request, reply, payload) => {
    if (SAFE.has(request.method) || reply.statusCode >= 400 || request.routeOptions.url === undefined)
      return payload;
    const action = routeId(request.method, request.routeOptions.url);
    if (readOnlyPosts.has(action)) return payload;
    const principal = request.principal;
    await platform.access.record({
      actorId: principal?.actorId ?? 'anonymous',
      actorVia: principal?.via ?? 'anonymous',
      role: principal?.role ?? null,
      orgKind: principal?.orgKind ?? null,
      orgId: principal?.orgId ?? null,
      action,
      target: targetOf(request, payload),
      statusCode: reply.statusCode,
      requestId: request.id,
    });
    return payload;
  });
}

const isOrgKind = (kind: TargetKind) => kind === 'teo' || kind === 'institution';

/** What a write acted on: the route's `:id`, else the id or code of what it created. */
function targetOf(request: FastifyRequest, payload: unknown): string {
  const params = request.params as Record<string, string> | undefined;
  if (params?.id) return params.id;
  if (params?.code) return params.code;
  if (typeof payload === 'string' && payload.length < 65_536 && payload.startsWith('{')) {
    try {
      const body = JSON.parse(payload) as Record<string, unknown>;
      const found = body.id ?? body.code ?? (body.key as Record<string, unknown> | undefined)?.id;
      if (typeof found === 'string') return found;
    } catch {
      // not JSON: no target to name
    }
  }
  return '';
}

/** For handlers that need the caller: the principal, which the hook guarantees on private routes. */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw unauthorized('Sign in first', '请先登录');
  return request.principal;
}

export type { Role };

const collected = new WeakMap<FastifyInstance, { method: string; url: string }[]>();

/** Every route registered on `app` since `installAccess` (for the role × route matrix test). */
export function registeredRoutes(app: FastifyInstance): { method: string; url: string }[] {
  return collected.get(app) ?? [];
}
