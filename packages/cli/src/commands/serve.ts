import { startServer } from '@onex/api';
import type { CommandContext } from '../context.ts';
import { seedDemoOnFirstStart } from './demo.ts';

/** Starts the API and keeps running; returns a description of what is up, for main to print. */
export async function serve(ctx: CommandContext): Promise<{ text: string; close: () => Promise<void> }> {
  const config = ctx.config();
  const server = await startServer(config, {
    beforeListen: (runtime) =>
      config.seedDemo ? seedDemoOnFirstStart(runtime, ctx.progress) : Promise.resolve(),
  });
  const lines = [
    ...config.warnings.map((w) => `warning: ${w}`),
    `OneX is running on ${server.runtime.database.engine === 'pglite' ? `embedded PostgreSQL (PGlite) in ${server.runtime.database.where}` : `PostgreSQL ${server.runtime.database.where}`}`,
    `  API       ${server.url}/api/v1/certificates`,
    `  API docs  ${server.url}/docs   (OpenAPI: ${server.url}/openapi.json)`,
    `  health    ${server.url}/health`,
    `  admin token for writes: ${process.env.ONEX_ADMIN_TOKEN ? '(from ONEX_ADMIN_TOKEN)' : `${config.home}/admin-token`}`,
  ];
  return { text: lines.join('\n'), close: () => server.close() };
}
