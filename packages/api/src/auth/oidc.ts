import { DomainError, type Text } from '@onex/core';
import { APIError } from 'better-auth/api';
import { type GenericOAuthConfig, genericOAuth } from 'better-auth/plugins/generic-oauth';
import { z } from 'zod';

/**
 * An organization's OpenID Connect identity provider (issue 6): people of that organization sign in
 * through it into the accounts an admin made for them. Read from `ONEX_OIDC_PROVIDERS` (a JSON array).
 */
export interface OidcProviderConfig {
  /** In URLs: `/api/v1/auth/oidc/{id}/start`, the redirect URI `/api/v1/auth/oidc/{id}/callback`. */
  id: string;
  /** The issuer URL, or its discovery document (`…/.well-known/openid-configuration`). */
  issuer: string;
  clientId: string;
  clientSecret: string;
  nameZh: string;
  nameEn: string;
  /** The organization the provider signs people into: only accounts of it may sign in through it. */
  orgKind: 'REGULATOR' | 'TEO' | 'INSTITUTION' | 'EMPLOYER';
  /** Its id (a TEO's or institution's code is accepted too). */
  orgId: string;
  /** Scopes besides `openid` (default `email profile`). */
  scopes?: string[] | undefined;
  /** How the client authenticates at the token endpoint (default `client_secret_basic`, OIDC's default). */
  tokenEndpointAuth?: 'client_secret_basic' | 'client_secret_post' | undefined;
}

export const oidcProviderConfigSchema = z
  .object({
    id: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'lower-case letters, digits and dashes')
      .describe('e.g. zjtc-idp'),
    issuer: z.url({ protocol: /^https?$/ }),
    clientId: z.string().min(1),
    clientSecret: z.string().min(1),
    nameZh: z.string().trim().min(1).max(120),
    nameEn: z.string().trim().min(1).max(120),
    orgKind: z.enum(['REGULATOR', 'TEO', 'INSTITUTION', 'EMPLOYER']),
    orgId: z.string().min(1).max(120),
    scopes: z.array(z.string().regex(/^[\x21\x23-\x5b\x5d-\x7e]+$/)).optional(),
    tokenEndpointAuth: z.enum(['client_secret_basic', 'client_secret_post']).optional(),
  })
  .strict();

/** Parses `ONEX_OIDC_PROVIDERS`: a JSON array of providers with distinct ids. Throws a readable message. */
export function parseOidcProviders(json: string): OidcProviderConfig[] {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    throw new Error('not JSON: expected an array of providers');
  }
  const parsed = z.array(oidcProviderConfigSchema).safeParse(raw);
  if (!parsed.success)
    throw new Error(parsed.error.issues.map((i) => `[${i.path.join('.')}] ${i.message}`).join('; '));
  const ids = parsed.data.map((p) => p.id);
  const twice = ids.find((id, i) => ids.indexOf(id) !== i);
  if (twice) throw new Error(`provider id ${twice} appears twice`);
  return parsed.data;
}

const discoveryUrl = (issuer: string) =>
  issuer.includes('/.well-known/')
    ? issuer
    : `${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;

/** The path of a provider's callback (its redirect URI, under the API's base URL). */
export const oidcCallbackPath = (id: string) => `/api/v1/auth/oidc/${id}/callback`;

/**
 * better-auth's generic OAuth plugin, one provider per configuration: discovery, authorization code
 * with PKCE (S256), state bound to the browser, ID tokens verified against the provider's JWKS
 * (issuer, audience, nonce). No sign-up: an unknown email is refused (`disableSignUp`).
 */
export function oidcPlugin(providers: OidcProviderConfig[], baseUrl: string) {
  const config: GenericOAuthConfig[] = providers.map((p) => ({
    providerId: p.id,
    name: p.nameEn,
    discoveryUrl: discoveryUrl(p.issuer),
    clientId: p.clientId,
    clientSecret: p.clientSecret,
    scopes: p.scopes ?? ['email', 'profile'],
    pkce: true,
    requireIdTokenVerification: true,
    redirectURI: `${baseUrl.replace(/\/+$/, '')}${oidcCallbackPath(p.id)}`,
    tokenEndpointAuth: { method: p.tokenEndpointAuth ?? 'client_secret_basic' },
    disableSignUp: true,
    disableImplicitSignUp: true,
    overrideUserInfo: false,
  }));
  return genericOAuth({ config });
}

/** Finds the account of a user id: its organization, as stored. */
export type FindAccountOrg = (userId: string) => Promise<{ orgKind?: unknown; orgId?: unknown } | null>;

/**
 * The organization check of OIDC sign-in, for better-auth's database hooks: before an identity is
 * linked to an account, and before a session is made through a provider, the account must belong to
 * the provider's organization. `resolveOrgId` turns a configured code into the stored id.
 */
export function oidcOrganizationGuard(
  providers: OidcProviderConfig[],
  resolveOrgId: (kind: OidcProviderConfig['orgKind'], id: string) => Promise<string | null>,
) {
  const byId = new Map(providers.map((p) => [p.id, p]));
  return async (providerId: string, userId: string, findAccount: FindAccountOrg): Promise<void> => {
    const provider = byId.get(providerId);
    if (!provider) return;
    const account = await findAccount(userId);
    const orgId = await resolveOrgId(provider.orgKind, provider.orgId);
    if (!account || orgId === null || account.orgKind !== provider.orgKind || account.orgId !== orgId)
      throw new APIError('FORBIDDEN', {
        code: 'OIDC_WRONG_ORGANIZATION',
        message: 'The account belongs to another organization',
      });
  };
}

const failures: Record<
  | 'OIDC_NO_ACCOUNT'
  | 'OIDC_EMAIL_NOT_VERIFIED'
  | 'OIDC_WRONG_ORGANIZATION'
  | 'OIDC_STATE_INVALID'
  | 'OIDC_FAILED',
  Text
> = {
  OIDC_NO_ACCOUNT: {
    zh: '没有与该身份提供方邮箱对应的账户：请联系本单位管理员开通（不支持自行注册）',
    en: 'No account has this email: ask your organization’s admin to create one (there is no self sign-up)',
  },
  OIDC_EMAIL_NOT_VERIFIED: {
    zh: '身份提供方未确认该邮箱已验证',
    en: 'The identity provider did not confirm that this email is verified',
  },
  OIDC_WRONG_ORGANIZATION: {
    zh: '该账户不属于此身份提供方所在的单位',
    en: 'The account belongs to another organization than this identity provider’s',
  },
  OIDC_STATE_INVALID: {
    zh: '登录请求无效或已过期，请从登录页重新开始',
    en: 'The sign-in request is invalid or expired: start again from the sign-in page',
  },
  OIDC_FAILED: {
    zh: '身份提供方未能完成登录',
    en: 'The identity provider did not complete the sign-in',
  },
};

const stateErrors = new Set([
  'state_not_found',
  'state_mismatch',
  'state_invalid',
  'state_security_mismatch',
  'invalid_callback_request',
  'please_restart_the_process',
]);

/** The coded, bilingual refusal for better-auth's callback error (`?error=` of its error redirect). */
export function oidcFailure(error: string, provider: string): DomainError {
  const code: keyof typeof failures =
    error in failures
      ? (error as keyof typeof failures)
      : error === 'signup_disabled'
        ? 'OIDC_NO_ACCOUNT'
        : error === 'account_not_linked'
          ? 'OIDC_EMAIL_NOT_VERIFIED'
          : stateErrors.has(error)
            ? 'OIDC_STATE_INVALID'
            : 'OIDC_FAILED';
  return new DomainError(code, failures[code], { provider, reason: error });
}

/**
 * `returnTo` as an absolute URL of this instance, or null: only a page of this origin is accepted
 * (`/wallet/x`), never another origin, a scheme-relative `//host`, a backslash trick or an API path
 * (the callback tells better-auth's error redirect, under `/api/v1/auth`, from success by its path).
 */
export function sameOriginReturnTo(returnTo: string | undefined, baseUrl: string): string | null {
  const origin = new URL(baseUrl).origin;
  const path = returnTo ?? '/';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
  if (!path.startsWith('/') || path.startsWith('//') || /[\\\u0000-\u001f\u007f]/.test(path)) return null;
  let url: URL;
  try {
    url = new URL(path, origin);
  } catch {
    return null;
  }
  return url.origin === origin && !url.pathname.startsWith('/api/') ? url.href : null;
}
