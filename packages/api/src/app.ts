import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { healthSchema } from '@onex/contracts';
import { DomainError, type Owner, type Platform, type TargetKind } from '@onex/core';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
} from 'fastify-type-provider-zod';
import { installAccess, principalOf } from './auth/access.ts';
import { createSessionAuth } from './auth/better-auth.ts';
import type { OidcProviderConfig } from './auth/oidc.ts';
import { handleError } from './errors.ts';
import { serveWeb } from './plugins/web.ts';
import { verificationRoutes } from './policies.ts';
import { accessRoutes } from './routes/access.routes.ts';
import { assessmentRoutes } from './routes/assessment.routes.ts';
import { catalogRoutes } from './routes/catalog.routes.ts';
import { consentRoutes } from './routes/consent.routes.ts';
import { credentialsRoutes } from './routes/credentials.routes.ts';
import { creditBankRoutes } from './routes/credit-bank.routes.ts';
import { curriculumRoutes } from './routes/curriculum.routes.ts';
import { issuanceRoutes } from './routes/issuance.routes.ts';
import { ledgerRoutes } from './routes/ledger.routes.ts';
import { oidcRoutes } from './routes/oidc.routes.ts';
import { programsRoutes } from './routes/programs.routes.ts';
import { type RouteDeps, typed } from './routes/route-deps.ts';
import { verifyPdfRoutes } from './routes/verify-pdf.routes.ts';
import { createInstanceVerifier } from './verifier.ts';

export const VERSION = '0.1.0';

/** Routes under the sign-in rate limit. */
const signInRoutes = new Set([
  'POST /api/v1/auth/sign-in',
  'GET /api/v1/auth/oidc/:provider/start',
  'GET /api/v1/auth/oidc/:provider/callback',
]);

export interface AppOptions {
  platform: Platform;
  engine: 'pglite' | 'postgres';
  adminToken: string;
  logger?: boolean;
  /** Public base URL of this instance (DIDs, status lists). */
  baseUrl: string;
  /** TEO code that signs VC API credentials naming no issuer. */
  defaultIssuerCode?: string;
  /** Largest accepted request body, in bytes. */
  bodyLimit?: number;
  /**
   * Cookie sessions (better-auth) over the database that migration 0007 prepared; absent: only
   * Bearer credentials (the admin token, API keys) are accepted and sign-in routes do not exist.
   * `oidcProviders`: organizations' identity providers people may sign in through (none: none).
   */
  sessions?: {
    db: unknown;
    secret: string;
    trustedOrigins?: string[];
    oidcProviders?: OidcProviderConfig[] | undefined;
  };
  /** Requests per minute per client IP (defaults: sign-in 10, verification 1200). */
  rateLimits?: { signIn?: number; verification?: number };
  /** Folder of the built web application, served at `/` (absent: the API only). */
  webRoot?: string;
}

/** Builds the HTTP application without listening, so tests use `app.inject()`. */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: options.bodyLimit ?? 5 * 1024 * 1024,
    // Unknown query keys are refused by the schemas, not silently dropped.
    ajv: { customOptions: { removeAdditional: false } },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);

  // Hardening (issue 6): security headers with a same-origin CSP for the web app at `/`; rate
  // limits on sign-in and verification (in memory, per client IP), set on those routes below.
  const limits = { signIn: 10, verification: 1200, ...options.rateLimits };
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const id = (m: string) => `${m} ${route.url}`;
    const max = methods.some((m) => signInRoutes.has(id(m)))
      ? limits.signIn
      : methods.some((m) => verificationRoutes.has(id(m)))
        ? limits.verification
        : undefined;
    if (max !== undefined) route.config = { ...route.config, rateLimit: { max, timeWindow: 60_000 } };
  });
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) =>
      new DomainError(
        'RATE_LIMITED',
        { zh: '请求过于频繁，请稍后再试', en: `Too many requests: try again in ${context.after}` },
        { retryAfter: context.after },
      ),
  });
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // antd and the API docs (Swagger UI) set inline styles.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        mediaSrc: ["'self'", 'blob:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        // OneX is often served over plain HTTP on a LAN: upgrading would break every asset there.
        upgradeInsecureRequests: null,
      },
    },
    // Status lists, DID documents and the trust list are fetched cross-origin by verifiers.
    crossOriginResourcePolicy: { policy: 'cross-origin' },
  });

  const sessions =
    options.sessions &&
    createSessionAuth({
      db: options.sessions.db as never,
      secret: options.sessions.secret,
      baseUrl: options.baseUrl,
      trustedOrigins: options.sessions.trustedOrigins ?? [new URL(options.baseUrl).origin],
      oidcProviders: options.sessions.oidcProviders,
      resolveOrgId: async (kind, id) => {
        if (kind !== 'TEO' && kind !== 'INSTITUTION') return id;
        const owner = await options.platform.access.ownerOf(kind === 'TEO' ? 'teo' : 'institution', id);
        return (kind === 'TEO' ? owner?.teoId : owner?.institutionId) ?? null;
      },
    });
  const owners = new Map<TargetKind, (id: string) => Promise<Owner | null>>();
  installAccess(app, {
    platform: options.platform,
    adminToken: options.adminToken,
    sessions,
    trustedOrigins: options.sessions?.trustedOrigins ?? [new URL(options.baseUrl).origin],
    localOwners: owners,
  });
  const routeNotFound = (request: FastifyRequest, reply: FastifyReply) =>
    reply.status(404).send({
      code: 'ROUTE_NOT_FOUND',
      message: `No route ${request.method} ${request.url}`,
      messageZh: '没有这个接口',
      details: {},
    });
  // The built web application at `/` (client routes fall back to its index.html); API routes keep precedence.
  if (!(options.webRoot && (await serveWeb(app, options.webRoot, routeNotFound)))) {
    app.setNotFoundHandler(routeNotFound);
  }

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'OneX API',
        version: VERSION,
        description: 'The open platform for 1+X vocational skill level certificates (职业技能等级证书).',
      },
      components: {
        securitySchemes: { adminToken: { type: 'http', scheme: 'bearer', description: 'ONEX_ADMIN_TOKEN' } },
      },
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });

  const deps: RouteDeps = {
    app: typed(app),
    platform: options.platform,
    admin: async (request) => {
      principalOf(request);
    },
    verifier: () => {
      verifier ??= createInstanceVerifier(options.platform, options.baseUrl);
      return verifier;
    },
    defaultIssuerCode: options.defaultIssuerCode ?? 'TEO-0002',
    baseUrl: options.baseUrl,
    owners,
  };
  let verifier: ReturnType<typeof createInstanceVerifier> | undefined;

  deps.app.get(
    '/health',
    { schema: { tags: ['system'], summary: 'Liveness', response: { 200: healthSchema } } },
    async () => ({
      status: 'ok' as const,
      engine: options.engine,
      version: VERSION,
    }),
  );
  deps.app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  accessRoutes({ ...deps, sessions });
  if (sessions) oidcRoutes({ ...deps, sessions, providers: options.sessions?.oidcProviders ?? [] });
  catalogRoutes(deps);
  programsRoutes(deps);
  curriculumRoutes(deps);
  assessmentRoutes(deps);
  credentialsRoutes(deps);
  creditBankRoutes(deps);
  consentRoutes(deps);
  issuanceRoutes(deps);
  ledgerRoutes(deps);
  verifyPdfRoutes(deps);
  return app;
}
