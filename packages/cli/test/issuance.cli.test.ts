import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { openRuntime } from '@onex/db';
import { testMasterKey } from '@onex/db/testing/index.ts';
import { seedPassedSession } from '@onex/db/testing/session-fixture.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const main = new URL('../src/main.ts', import.meta.url).pathname;
const tsx = new URL('../../../node_modules/.bin/tsx', import.meta.url).pathname;
let home: string;

async function onex(...args: string[]) {
  const env = {
    ...process.env,
    ONEX_HOME: home,
    DATABASE_URL: '',
    ONEX_DEMO: '0',
    ONEX_PUBLIC_URL: 'https://onex.example',
    ONEX_MASTER_KEY: Buffer.from(testMasterKey).toString('base64'),
  };
  try {
    const { stdout, stderr } = await run(tsx, [main, ...args], { env, timeout: 180_000 });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

beforeAll(() => {
  home = mkdtempSync(join(tmpdir(), 'onex-cli-issue-'));
});
afterAll(() => rmSync(home, { recursive: true, force: true }));

describe('onex issue session', () => {
  it('issues every passed result of a session once, and a rerun issues nothing', async () => {
    const runtime = await openRuntime({
      dataDir: join(home, 'data'),
      masterKey: testMasterKey,
      baseUrl: 'https://onex.example',
      signingThreads: 0,
    });
    let sessionId: string;
    try {
      sessionId = await seedPassedSession(runtime.platform, { count: 120, prefix: 'CLI' });
    } finally {
      await runtime.close();
    }
    const first = await onex('issue', 'session', sessionId);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/合格成绩 passed results\s+120/);
    expect(first.stdout).toMatch(/本次签发 issued now\s+120/);
    const again = await onex('issue', 'session', sessionId);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/本次签发 issued now\s+0/);
    expect(again.stdout).toMatch(/已有证书 with certificate\s+120/);
    const unknown = await onex('issue', 'session', 'no-such-session');
    expect(unknown.code).toBe(3);
    expect(unknown.stderr).toMatch(/NOT_FOUND/);
  }, 300_000);
});
