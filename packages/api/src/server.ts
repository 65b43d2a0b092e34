import { openRuntime, type Runtime } from '@onex/db';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.ts';
import type { Config } from './config.ts';

export interface Server {
  app: FastifyInstance;
  runtime: Runtime;
  url: string;
  close(): Promise<void>;
}

export interface StartOptions {
  /** Called once the database is ready, before listening; e.g. to seed the demo on first start. */
  beforeListen?: (runtime: Runtime) => Promise<void>;
  logger?: boolean;
}

/** Reads nothing itself: config → open db, migrate, reference data → buildApp → listen. */
export async function startServer(config: Config, options: StartOptions = {}): Promise<Server> {
  const runtime = await openRuntime({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    masterKey: config.masterKey,
  });
  try {
    await options.beforeListen?.(runtime);
    const app = await buildApp({
      platform: runtime.platform,
      engine: runtime.database.engine,
      adminToken: config.adminToken,
      baseUrl: config.publicUrl,
      defaultIssuerCode: config.defaultIssuerCode,
      logger: options.logger ?? false,
    });
    const address = await app.listen({ host: config.host, port: config.port });
    return {
      app,
      runtime,
      url: address,
      async close() {
        await app.close();
        await runtime.close();
      },
    };
  } catch (e) {
    await runtime.close();
    throw e;
  }
}
