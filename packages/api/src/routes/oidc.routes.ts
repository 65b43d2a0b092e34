import {
  authProviderSchema,
  idParam,
  listOf,
  oidcCallbackQuerySchema,
  oidcStartQuerySchema,
} from '@onex/contracts';
import { DomainError } from '@onex/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { principalOfAccount } from '../auth/access.ts';
import { type AccountUser, type SessionAuth, toHeaders } from '../auth/better-auth.ts';
import { type OidcProviderConfig, oidcFailure, sameOriginReturnTo } from '../auth/oidc.ts';
import type { RouteDeps } from './route-deps.ts';

const noSuchProvider = (provider: string) =>
  new DomainError('NOT_FOUND', { zh: '没有这个身份提供方', en: 'No such identity provider' }, { provider });

/**
 * Sign-in through an organization's identity provider (OIDC, issue 6): the list of providers for the
 * sign-in page, the redirect to a provider, and the provider's callback. better-auth does the
 * protocol (state bound to the browser, PKCE, nonce, ID token check) through `auth.api`; these routes
 * only check the return path, carry its cookies and turn its error redirects into coded refusals.
 * A browser (Accept: text/html) refused at the callback is sent to `/login?error=<code>`.
 */
export function oidcRoutes({
  app,
  platform,
  baseUrl,
  sessions,
  providers,
}: RouteDeps & { sessions: SessionAuth; providers: OidcProviderConfig[] }) {
  const tags = ['access'];
  const byId = new Map(providers.map((p) => [p.id, p]));
  const errorPath = new URL(`${baseUrl.replace(/\/+$/, '')}/api/v1/auth/error`).pathname;
  const origin = new URL(baseUrl).origin;

  app.get(
    '/api/v1/auth/providers',
    {
      schema: {
        tags,
        summary: 'Identity providers (OIDC) people may sign in through, for the sign-in page',
        response: { 200: listOf(authProviderSchema) },
      },
    },
    async () => ({ items: providers.map((p) => ({ id: p.id, nameZh: p.nameZh, nameEn: p.nameEn })) }),
  );

  app.get(
    '/api/v1/auth/oidc/:provider/start',
    {
      schema: {
        tags,
        summary: 'Sign in through an identity provider: redirects to it (authorization code with PKCE)',
        params: z.object({ provider: idParam }),
        querystring: oidcStartQuerySchema,
      },
    },
    async (req, reply) => {
      const { provider } = req.params;
      if (!byId.has(provider)) throw noSuchProvider(provider);
      const callbackURL = sameOriginReturnTo(req.query.returnTo, baseUrl);
      if (!callbackURL) {
        const message = 'returnTo must be a page of this site (/…): not another origin, nor an API path';
        throw new DomainError(
          'VALIDATION_FAILED',
          { zh: '返回地址必须是本站页面路径', en: message },
          { issues: [{ path: 'query.returnTo', message }] },
        );
      }
      const res = await sessions.api
        .signInSocial({
          body: { provider, callbackURL, disableRedirect: true },
          headers: toHeaders({ 'user-agent': req.headers['user-agent'] }),
          asResponse: true,
        })
        .catch(() => null);
      const url = res?.ok ? ((await res.json()) as { url?: string }).url : undefined;
      if (!res || !url) throw oidcFailure('provider_unavailable', provider);
      for (const cookie of res.headers.getSetCookie()) reply.header('set-cookie', cookie);
      return reply.header('cache-control', 'no-store').redirect(url, 302);
    },
  );

  app.get(
    '/api/v1/auth/oidc/:provider/callback',
    {
      schema: {
        tags,
        summary: 'The identity provider’s redirect back: sets the session cookie, then goes to returnTo',
        params: z.object({ provider: idParam }),
        querystring: oidcCallbackQuerySchema,
      },
    },
    async (req, reply) => {
      const { provider } = req.params;
      if (!byId.has(provider)) throw noSuchProvider(provider);
      const { code, state, iss, error, error_description } = req.query;
      const query = Object.fromEntries(
        Object.entries({ code, state, iss, error, error_description }).filter(([, v]) => v !== undefined),
      );
      const res = await sessions.api
        .callbackOAuth({
          method: 'GET',
          params: { id: provider },
          query,
          headers: toHeaders(req.headers),
          asResponse: true,
        })
        .catch(() => null);
      const location = res?.headers.get('location');
      for (const cookie of res?.headers.getSetCookie() ?? []) reply.header('set-cookie', cookie);
      reply.header('cache-control', 'no-store');
      if (!res || !location) return refuse(req, reply, oidcFailure('no_redirect', provider));
      const to = new URL(location, baseUrl);
      if (to.pathname === errorPath)
        return refuse(req, reply, oidcFailure(to.searchParams.get('error') ?? 'unknown', provider));
      if (to.origin !== origin) return refuse(req, reply, oidcFailure('foreign_redirect', provider));
      // A sign-in is recorded like a write (the audit hook only sees POSTs): who, through which provider.
      const cookie = res.headers
        .getSetCookie()
        .map((c) => c.split(';')[0])
        .join('; ');
      const session = await sessions.api.getSession({ headers: new Headers({ cookie }) }).catch(() => null);
      if (session) {
        const principal = principalOfAccount(session.user as unknown as AccountUser);
        await platform.access.record({
          actorId: principal.actorId,
          actorVia: principal.via,
          role: principal.role,
          orgKind: principal.orgKind,
          orgId: principal.orgId,
          action: 'GET /api/v1/auth/oidc/:provider/callback',
          target: provider,
          statusCode: 302,
          requestId: req.id,
        });
      }
      return reply.redirect(to.href, 302);
    },
  );
}

/** A browser goes back to the sign-in page with the code; any other client gets the coded problem. */
function refuse(req: FastifyRequest, reply: FastifyReply, error: DomainError) {
  if (!(req.headers.accept ?? '').includes('text/html')) throw error;
  return reply.redirect(`/login?error=${encodeURIComponent(error.code)}`, 303);
}
