import { createHmac } from 'node:crypto';
import { openRuntime, type Runtime } from '@onex/db';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.ts';
import { createSessionAuth } from './auth/better-auth.ts';
import { type DemoAccount, seedDemoAccounts } from './auth/demo-accounts.ts';
import type { Config } from './config.ts';
import { defaultWebRoot } from './plugins/web.ts';

export interface Server {
  app: FastifyInstance;
  runtime: Runtime;
  url: string;
  /** Demo accounts made by this start (first start with `demoAccounts`), with their passwords. */
  demoAccounts: DemoAccount[];
  close(): Promise<void>;
}

export interface StartOptions {
  /** Called once the database is ready, before listening; e.g. to seed the demo on first start. */
  beforeListen?: (runtime: Runtime) => Promise<void>;
  logger?: boolean;
  /** Make one account per role over the demo data when no account exists yet. */
  demoAccounts?: boolean;
}

/** Reads nothing itself: config → open db, migrate, reference data → buildApp → listen. */
export async function startServer(config: Config, options: StartOptions = {}): Promise<Server> {
  const runtime = await openRuntime({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    masterKey: config.masterKey,
    baseUrl: config.publicUrl,
  });
  // Session cookies are signed with a key derived from the master key: no new secret to manage.
  const sessionSecret = createHmac('sha256', config.masterKey).update('onex session secret').digest('hex');
  try {
    await options.beforeListen?.(runtime);
    const demoAccounts = options.demoAccounts
      ? await seedDemoAccounts(
          runtime.database,
          createSessionAuth({
            db: runtime.database.db as never,
            secret: sessionSecret,
            baseUrl: config.publicUrl,
            trustedOrigins: [new URL(config.publicUrl).origin],
          }),
        )
      : [];
    const app = await buildApp({
      platform: runtime.platform,
      engine: runtime.database.engine,
      adminToken: config.adminToken,
      baseUrl: config.publicUrl,
      defaultIssuerCode: config.defaultIssuerCode,
      logger: options.logger ?? false,
      sessions: { db: runtime.database.db, secret: sessionSecret, oidcProviders: config.oidcProviders },
      webRoot: defaultWebRoot,
    });
    const address = await app.listen({ host: config.host, port: config.port });
    const stopCheckpoints = scheduleCheckpoints(runtime, app, config.checkpointIntervalMs ?? 60_000);
    return {
      app,
      runtime,
      url: address,
      demoAccounts,
      async close() {
        await stopCheckpoints();
        await app.close();
        await runtime.close();
      },
    };
  } catch (e) {
    await runtime.close();
    throw e;
  }
}

/**
 * Signs a transparency-log checkpoint at start-up and then every `intervalMs` (C2SP checkpoints are
 * made on a schedule; `POST /log/checkpoint` makes one on demand). Ticks never overlap, failures are
 * logged, and the timer is unref'd so it never keeps the process alive. Returns the stopper.
 */
export function scheduleCheckpoints(
  runtime: Runtime,
  app: FastifyInstance,
  intervalMs: number,
): () => Promise<void> {
  if (intervalMs <= 0) return async () => {};
  let running: Promise<void> | undefined;
  const tick = () => {
    running ??= runtime.platform.ledger
      .checkpoint()
      .then(
        () => undefined,
        (e: unknown) => app.log.error({ err: e }, 'transparency log checkpoint failed'),
      )
      .finally(() => {
        running = undefined;
      });
  };
  tick();
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
