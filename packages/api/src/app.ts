import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { healthSchema } from '@onex/contracts';
import type { Platform } from '@onex/core';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
} from 'fastify-type-provider-zod';
import { handleError } from './errors.ts';
import { requireAdmin } from './plugins/auth.ts';
import { assessmentRoutes } from './routes/assessment.routes.ts';
import { catalogRoutes } from './routes/catalog.routes.ts';
import { credentialsRoutes } from './routes/credentials.routes.ts';
import { issuanceRoutes } from './routes/issuance.routes.ts';
import { ledgerRoutes } from './routes/ledger.routes.ts';
import { programsRoutes } from './routes/programs.routes.ts';
import { type RouteDeps, typed } from './routes/route-deps.ts';
import { createInstanceVerifier } from './verifier.ts';

export const VERSION = '0.1.0';

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
  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send({
      code: 'ROUTE_NOT_FOUND',
      message: `No route ${request.method} ${request.url}`,
      messageZh: '没有这个接口',
      details: {},
    }),
  );

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
    admin: requireAdmin(options.adminToken),
    verifier: () => {
      verifier ??= createInstanceVerifier(options.platform, options.baseUrl);
      return verifier;
    },
    defaultIssuerCode: options.defaultIssuerCode ?? 'TEO-0002',
    baseUrl: options.baseUrl,
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

  catalogRoutes(deps);
  programsRoutes(deps);
  assessmentRoutes(deps);
  credentialsRoutes(deps);
  issuanceRoutes(deps);
  ledgerRoutes(deps);
  return app;
}
