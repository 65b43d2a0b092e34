/** Runs the real `onex` binary (through tsx) for the CLI tests (not a test file). */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);
const main = new URL('../src/main.ts', import.meta.url).pathname;
const tsx = new URL('../../../node_modules/.bin/tsx', import.meta.url).pathname;

export interface OnexResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * An `onex(...args)` bound to a home folder (ONEX_HOME, embedded PGlite, no demo data, public URL
 * https://onex.example unless `env` says otherwise); resolves with the exit code and both outputs,
 * never rejects. `home` is read at each call, so a test may create it in `beforeAll`.
 */
export function onexIn(
  home: () => string,
  options: { env?: Record<string, string>; timeoutMs?: number; cwd?: () => string } = {},
) {
  return async (...args: string[]): Promise<OnexResult> => {
    const env = {
      ...process.env,
      ONEX_HOME: home(),
      DATABASE_URL: '',
      ONEX_DEMO: '0',
      ONEX_PUBLIC_URL: 'https://onex.example',
      ...options.env,
    };
    try {
      const { stdout, stderr } = await run(tsx, [main, ...args], {
        env,
        timeout: options.timeoutMs ?? 120_000,
        ...(options.cwd ? { cwd: options.cwd() } : {}),
      });
      return { code: 0, stdout, stderr };
    } catch (e) {
      const err = e as { code: number; stdout: string; stderr: string };
      return { code: err.code, stdout: err.stdout, stderr: err.stderr };
    }
  };
}
