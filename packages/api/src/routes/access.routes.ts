import {
  accountSchema,
  apiKeySchema,
  auditEntrySchema,
  auditQuerySchema,
  createAccountRequestSchema,
  createApiKeyRequestSchema,
  createdApiKeySchema,
  idParam,
  listOf,
  principalSchema,
  signInRequestSchema,
  signInResponseSchema,
} from '@onex/contracts';
import {
  type ApiKey,
  DomainError,
  mayGrant,
  ownsTarget,
  type Platform,
  type Principal,
  REGULATOR_ORG_ID,
  type Role,
  roleOrgKind,
} from '@onex/core';
import { z } from 'zod';
import { principalOf, principalOfAccount } from '../auth/access.ts';
import { type AccountUser, createAccount, type SessionAuth, toHeaders } from '../auth/better-auth.ts';
import type { RouteDeps } from './route-deps.ts';

const presentKey = (k: ApiKey) => ({
  ...k,
  createdAt: k.createdAt.toISOString(),
  revokedAt: k.revokedAt?.toISOString() ?? null,
  lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
});

const presentAccount = (u: AccountUser) => ({
  id: u.id,
  email: u.email,
  name: u.name,
  role: u.role,
  orgKind: (u.orgKind ?? null) as z.infer<typeof accountSchema>['orgKind'],
  orgId: u.orgId ?? null,
  learnerId: u.learnerId ?? null,
});

const refuseGrant = (role: Role) =>
  new DomainError(
    'FORBIDDEN',
    { zh: `不能授予角色 ${role}`, en: `You may not grant ${role} in this organization` },
    { role },
  );

const csvCell = (v: unknown) => {
  const s = v === null || v === undefined ? '' : v instanceof Date ? v.toISOString() : String(v);
  // Quote every cell, and defuse spreadsheet formulas (=, +, -, @) in text.
  return `"${(/^[=+\-@]/.test(s) ? `'${s}` : s).replaceAll('"', '""')}"`;
};

/**
 * Sign-in and sign-out (cookie sessions), the caller's identity, accounts, API keys and the audit
 * log. Sign-in routes exist only when the app has a session store (`AppOptions.sessionSecret`).
 */
export function accessRoutes({ app, platform, sessions }: RouteDeps & { sessions: SessionAuth | undefined }) {
  const tags = ['access'];

  if (sessions) {
    app.post(
      '/api/v1/auth/sign-in',
      {
        schema: {
          tags,
          summary: 'Sign in with email and password: sets an HttpOnly SameSite=Strict session cookie',
          body: signInRequestSchema,
          response: { 200: signInResponseSchema },
        },
      },
      async (req, reply) => {
        const res = await sessions.api
          .signInEmail({ body: req.body, headers: toHeaders(req.headers), asResponse: true })
          .catch(() => null);
        if (!res?.ok) {
          throw new DomainError('UNAUTHORIZED', {
            zh: '邮箱或密码错误',
            en: 'Wrong email or password',
          });
        }
        for (const cookie of res.headers.getSetCookie()) reply.header('set-cookie', cookie);
        const body = (await res.json()) as { user: AccountUser };
        // The audit hook records this write under the account that just signed in, not 'anonymous'.
        req.principal = principalOfAccount(body.user);
        return { account: presentAccount(body.user) };
      },
    );
    app.post(
      '/api/v1/auth/sign-out',
      { schema: { tags, summary: 'End the session of this cookie', response: { 204: z.null() } } },
      async (req, reply) => {
        if (req.headers.cookie) {
          const res = await sessions.api
            .signOut({ headers: toHeaders(req.headers), asResponse: true })
            .catch(() => null);
          for (const cookie of res?.headers.getSetCookie() ?? []) reply.header('set-cookie', cookie);
        }
        return reply.status(204).send(null);
      },
    );
  }

  app.get(
    '/api/v1/auth/session',
    {
      schema: {
        tags,
        summary: 'Who the caller is (session, API key or admin token)',
        response: { 200: principalSchema },
      },
    },
    async (req) => principalOf(req),
  );

  if (sessions) {
    app.get(
      '/api/v1/accounts',
      {
        schema: {
          tags,
          summary: 'Accounts (an organization admin sees its own organization’s)',
          response: { 200: listOf(accountSchema) },
        },
      },
      async (req) => {
        const me = principalOf(req);
        const ctx = await sessions.$context;
        const users = (await ctx.internalAdapter.listUsers(
          10_000,
          0,
          { field: 'createdAt', direction: 'asc' },
          me.role === 'REGULATOR_ADMIN' ? undefined : [{ field: 'orgId', value: me.orgId ?? '' }],
        )) as unknown as AccountUser[];
        return { items: users.map(presentAccount) };
      },
    );
    app.post(
      '/api/v1/accounts',
      {
        schema: {
          tags,
          summary: 'Create an account with a password (no public sign-up)',
          body: createAccountRequestSchema,
          response: { 201: accountSchema },
        },
      },
      async (req, reply) => {
        const me = principalOf(req);
        const { role } = req.body;
        const orgKind = roleOrgKind[role];
        let orgId = req.body.orgId ?? null;
        let learnerId: string | null = null;
        if (role === 'LEARNER') {
          if (!req.body.learnerId || req.body.orgId)
            throw invalid(
              'body.learnerId',
              'A learner account names its learner record, and no organization',
            );
          const owner = await platform.access.ownerOf('learner', req.body.learnerId);
          if (!owner) throw invalid('body.learnerId', 'No such learner');
          if (me.role !== 'REGULATOR_ADMIN' && !ownsTarget(me, owner)) throw refuseGrant(role);
          learnerId = owner.learnerId;
          orgId = null;
        } else {
          if (role === 'REGULATOR_ADMIN') orgId = REGULATOR_ORG_ID;
          if (!orgId) throw invalid('body.orgId', 'This role belongs to an organization');
          if (orgKind === 'TEO' || orgKind === 'INSTITUTION' || orgKind === 'EMPLOYER')
            orgId = await orgIdOf(platform, orgKind, orgId);
        }
        if (!mayGrant(me, role, orgId)) throw refuseGrant(role);
        const existing = await (await sessions.$context).internalAdapter.findUserByEmail(req.body.email);
        if (existing)
          throw new DomainError(
            'CONFLICT',
            { zh: '该邮箱已有账户', en: 'An account with this email exists' },
            { email: req.body.email },
          );
        const user = await createAccount(sessions, {
          email: req.body.email,
          name: req.body.name,
          password: req.body.password,
          role,
          orgKind,
          orgId,
          learnerId,
        });
        return reply.status(201).send(presentAccount(user));
      },
    );
  }

  app.get(
    '/api/v1/api-keys',
    { schema: { tags, summary: 'API keys (never their secrets)', response: { 200: listOf(apiKeySchema) } } },
    async (req) => {
      const me = principalOf(req);
      const keys = await platform.access.listApiKeys(me.role === 'REGULATOR_ADMIN' ? null : me.orgId);
      return { items: keys.map(presentKey) };
    },
  );
  app.post(
    '/api/v1/api-keys',
    {
      schema: {
        tags,
        summary: 'Create an API key for one organization and role: the secret is shown once',
        body: createApiKeyRequestSchema,
        response: { 201: createdApiKeySchema },
      },
    },
    async (req, reply) => {
      const me = principalOf(req);
      const { role, name } = req.body;
      const orgKind = roleOrgKind[role];
      if (orgKind === null) throw invalid('body.role', 'API keys are for organizations, not learners');
      let orgId = req.body.orgId;
      if (orgKind === 'TEO' || orgKind === 'INSTITUTION' || orgKind === 'EMPLOYER')
        orgId = await orgIdOf(platform, orgKind, orgId);
      if (orgKind === 'REGULATOR') orgId = REGULATOR_ORG_ID;
      if (!mayGrant(me, role, orgId)) throw refuseGrant(role);
      const { key, secret } = await platform.access.createApiKey({
        name,
        role,
        orgId,
        createdBy: me.actorId,
      });
      return reply.status(201).send({ key: presentKey(key), secret });
    },
  );
  app.post(
    '/api/v1/api-keys/:id/revoke',
    {
      schema: {
        tags,
        summary: 'Revoke an API key (at once, for good)',
        params: z.object({ id: idParam }),
        response: { 200: apiKeySchema },
      },
    },
    async (req) => {
      const me = principalOf(req);
      const key = await platform.access.getApiKey(req.params.id);
      if (me.role !== 'REGULATOR_ADMIN' && key.orgId !== me.orgId)
        throw new DomainError('NOT_FOUND', { zh: '未找到 API 密钥', en: 'API key not found' });
      return presentKey(await platform.access.revokeApiKey(key.id));
    },
  );

  app.get(
    '/api/v1/audit-log',
    {
      schema: {
        tags,
        summary:
          'The audit log of every write, filtered and paged, oldest or newest first (JSON, or CSV with ?format=csv)',
        querystring: auditQuerySchema,
        response: { 200: listOf(auditEntrySchema) },
      },
    },
    async (req, reply) => {
      const me = principalOf(req);
      const q = req.query;
      const entries = await platform.access.listAudit({
        orgId: me.role === 'REGULATOR_ADMIN' ? q.orgId : (me.orgId ?? ''),
        afterId: q.afterId,
        limit: q.limit,
        order: q.order,
        actorId: q.actorId,
        action: q.action,
        target: q.target,
        from: q.from === undefined ? undefined : new Date(q.from),
        to: q.to === undefined ? undefined : new Date(q.to),
      });
      if (req.query.format === 'csv') {
        const columns = [
          'id',
          'at',
          'actorId',
          'actorVia',
          'role',
          'orgKind',
          'orgId',
          'action',
          'target',
          'statusCode',
          'requestId',
        ] as const;
        const lines = [columns.join(','), ...entries.map((e) => columns.map((c) => csvCell(e[c])).join(','))];
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', 'attachment; filename="audit-log.csv"')
          .serializer((s: string) => s)
          .send(`${lines.join('\n')}\n` as never);
      }
      return { items: entries.map((e) => ({ ...e, at: e.at.toISOString() })) };
    },
  );
}

/** The id of the TEO, institution or employer an account or API key names by id or code; unknown ones are refused. */
async function orgIdOf(
  platform: Platform,
  orgKind: 'TEO' | 'INSTITUTION' | 'EMPLOYER',
  orgId: string,
): Promise<string> {
  const kind = orgKind === 'TEO' ? 'teo' : orgKind === 'INSTITUTION' ? 'institution' : 'employer';
  const owner = await platform.access.ownerOf(kind, orgId);
  if (!owner) throw invalid('body.orgId', `No such ${orgKind}`);
  const id =
    orgKind === 'TEO' ? owner.teoId : orgKind === 'INSTITUTION' ? owner.institutionId : owner.employerId;
  return id ?? orgId;
}

function invalid(path: string, en: string): DomainError {
  return new DomainError(
    'VALIDATION_FAILED',
    { zh: '请求参数无效', en },
    { issues: [{ path, message: en }] },
  );
}

export type { Principal };
