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
    baseUrl: config.publicUrl,
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
    const stopCheckpoints = scheduleCheckpoints(runtime, app, config.checkpointIntervalMs ?? 60_000);
    return {
      app,
      runtime,
      url: address,
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
