import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer } from '@onex/api';
import type { CommandContext } from '../context.ts';
import { seedDemoOnFirstStart } from './demo.ts';

/** Starts the API and keeps running; returns a description of what is up, for main to print. */
export async function serve(ctx: CommandContext): Promise<{ text: string; close: () => Promise<void> }> {
  const config = ctx.config();
  const server = await startServer(config, {
    beforeListen: (runtime) =>
      config.seedDemo ? seedDemoOnFirstStart(runtime, ctx.progress) : Promise.resolve(),
    demoAccounts: config.seedDemo,
  });
  const lines = [
    ...config.warnings.map((w) => `warning: ${w}`),
    `OneX is running on ${server.runtime.database.engine === 'pglite' ? `embedded PostgreSQL (PGlite) in ${server.runtime.database.where}` : `PostgreSQL ${server.runtime.database.where}`}`,
    `  web       ${server.url}/   (public verification: ${server.url}/verify)`,
    `  API       ${server.url}/api/v1/certificates`,
    `  API docs  ${server.url}/docs   (OpenAPI: ${server.url}/openapi.json)`,
    `  health    ${server.url}/health`,
    `  admin token for writes: ${process.env.ONEX_ADMIN_TOKEN ? '(from ONEX_ADMIN_TOKEN)' : `${config.home}/admin-token`}`,
  ];
  if (server.demoAccounts.length > 0) {
    // Shown once; also kept (0600) beside the other development secrets.
    const file = join(config.home, 'demo-accounts.txt');
    const list = server.demoAccounts.map(
      (a) => `  ${a.role.padEnd(18)} ${a.email.padEnd(26)} ${a.password}   ${a.of}`,
    );
    writeFileSync(file, `${list.join('\n')}\n`, { mode: 0o600 });
    lines.push(`  demo accounts (sign in at ${server.url}/login; also in ${file}):`, ...list);
  }
  return { text: lines.join('\n'), close: () => server.close() };
}
