import type { Role } from '@onex/core';
import { betterAuth } from 'better-auth';
import type { Kysely } from 'kysely';
import { type OidcProviderConfig, oidcOrganizationGuard, oidcPlugin } from './oidc.ts';

export interface SessionAuthOptions {
  /** The database (PGlite or PostgreSQL) whose `auth_*` tables migration 0007 made. */
  db: Kysely<never>;
  /** At least 32 characters: signs session cookies. */
  secret: string;
  baseUrl: string;
  trustedOrigins: string[];
  /** Identity providers people may sign in through (OIDC); none: password sign-in only. */
  oidcProviders?: OidcProviderConfig[] | undefined;
  /** The stored id of a provider's organization, given its id or code (default: as configured). */
  resolveOrgId?: (kind: OidcProviderConfig['orgKind'], id: string) => Promise<string | null>;
}

/**
 * better-auth over our Kysely database: email and password (scrypt, the library's own hashing),
 * sessions in `auth_session`, HttpOnly SameSite=Strict cookies (`Secure` over https). Sign-up is
 * off: accounts are made by admins (`POST /api/v1/accounts`). Its rate limiter is off because the
 * API limits sign-in itself; its routes are not mounted, the API calls `auth.api` directly.
 *
 * With `oidcProviders`, the generic OAuth plugin signs people in through their organization's
 * identity provider (`auth/oidc.ts`): only into an existing account with the provider's verified
 * email, of the provider's organization (checked by the database hooks below before an identity is
 * linked and before a session is made); the state cookie is SameSite=Lax so that it comes back with
 * the provider's cross-site redirect.
 */
export function createSessionAuth(options: SessionAuthOptions) {
  const secure = options.baseUrl.startsWith('https:');
  const oidc = options.oidcProviders ?? [];
  const oidcIds = new Set(oidc.map((p) => p.id));
  const guard = oidcOrganizationGuard(oidc, options.resolveOrgId ?? (async (_kind, id) => id));
  const findAccount =
    (ctx: { context: { internalAdapter: { findUserById(id: string): Promise<unknown> } } }) =>
    (userId: string) =>
      ctx.context.internalAdapter.findUserById(userId) as Promise<AccountUser | null>;
  return betterAuth({
    database: { db: options.db, type: 'postgres' },
    secret: options.secret,
    baseURL: options.baseUrl,
    basePath: '/api/v1/auth',
    trustedOrigins: options.trustedOrigins,
    telemetry: { enabled: false },
    logger: { level: 'error' },
    rateLimit: { enabled: false },
    emailAndPassword: { enabled: true, disableSignUp: true, minPasswordLength: 10 },
    plugins: oidc.length > 0 ? [oidcPlugin(oidc, options.baseUrl)] : [],
    databaseHooks:
      oidc.length > 0
        ? {
            account: {
              create: {
                before: async (account, ctx) => {
                  if (ctx && oidcIds.has(account.providerId))
                    await guard(account.providerId, account.userId, findAccount(ctx));
                },
              },
            },
            session: {
              create: {
                before: async (session, ctx) => {
                  // The callback route is better-auth's `/callback/:id` (called, not mounted).
                  const provider = ctx?.path === '/callback/:id' ? ctx.params?.id : undefined;
                  if (ctx && typeof provider === 'string' && oidcIds.has(provider))
                    await guard(provider, session.userId, findAccount(ctx));
                },
              },
            },
          }
        : undefined,
    session: {
      modelName: 'auth_session',
      expiresIn: 60 * 60 * 12,
      fields: {
        expiresAt: 'expires_at',
        createdAt: 'created_at',
        updatedAt: 'updated_at',
        ipAddress: 'ip_address',
        userAgent: 'user_agent',
        userId: 'user_id',
      },
    },
    user: {
      modelName: 'auth_user',
      fields: { emailVerified: 'email_verified', createdAt: 'created_at', updatedAt: 'updated_at' },
      additionalFields: {
        role: { type: 'string', required: true, input: false, fieldName: 'role' },
        orgKind: { type: 'string', required: false, input: false, fieldName: 'org_kind' },
        orgId: { type: 'string', required: false, input: false, fieldName: 'org_id' },
        learnerId: { type: 'string', required: false, input: false, fieldName: 'learner_id' },
      },
    },
    account: {
      modelName: 'auth_account',
      fields: {
        accountId: 'account_id',
        providerId: 'provider_id',
        userId: 'user_id',
        accessToken: 'access_token',
        refreshToken: 'refresh_token',
        idToken: 'id_token',
        accessTokenExpiresAt: 'access_token_expires_at',
        refreshTokenExpiresAt: 'refresh_token_expires_at',
        createdAt: 'created_at',
        updatedAt: 'updated_at',
      },
      // Identity providers' access and refresh tokens are kept encrypted (OneX does not use them).
      encryptOAuthTokens: true,
    },
    verification: {
      modelName: 'auth_verification',
      fields: { expiresAt: 'expires_at', createdAt: 'created_at', updatedAt: 'updated_at' },
    },
    advanced: {
      cookiePrefix: 'onex',
      useSecureCookies: secure,
      defaultCookieAttributes: { httpOnly: true, sameSite: 'strict', secure, path: '/' },
      // The OIDC state cookie must survive the identity provider's cross-site redirect back.
      cookies: { state: { attributes: { sameSite: 'lax', path: '/api/v1/auth/oidc' } } },
    },
  });
}
export type SessionAuth = ReturnType<typeof createSessionAuth>;

/** An account as better-auth returns it, with our additional fields. */
export interface AccountUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  orgKind?: string | null;
  orgId?: string | null;
  learnerId?: string | null;
}

export interface NewAccount {
  email: string;
  name: string;
  password: string;
  role: Role;
  orgKind: string | null;
  orgId: string | null;
  learnerId: string | null;
}

/**
 * Creates an account with a password credential, hashed by better-auth's own `password.hash`
 * (scrypt) through its internal adapter, since public sign-up is disabled.
 */
export async function createAccount(auth: SessionAuth, input: NewAccount): Promise<AccountUser> {
  const ctx = await auth.$context;
  const email = input.email.toLowerCase();
  const hash = await ctx.password.hash(input.password);
  const user = (await ctx.internalAdapter.createUser(
    {
      email,
      name: input.name,
      emailVerified: true,
      role: input.role,
      orgKind: input.orgKind,
      orgId: input.orgId,
      learnerId: input.learnerId,
    },
    { method: 'admin' },
  )) as unknown as AccountUser;
  await ctx.internalAdapter.linkAccount({
    userId: user.id,
    providerId: 'credential',
    accountId: user.id,
    password: hash,
  });
  return user;
}

/** Fastify's headers as a Fetch `Headers` (what better-auth reads cookies from). */
export function toHeaders(raw: Record<string, string | string[] | undefined>): Headers {
  const headers = new Headers();
  for (const [k, v] of Object.entries(raw)) {
    if (v === undefined) continue;
    for (const one of Array.isArray(v) ? v : [v]) headers.append(k, one);
  }
  return headers;
}
