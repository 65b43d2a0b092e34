import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openRuntime } from '@onex/db';
import { testMasterKey } from '@onex/db/testing/index.ts';
import { seedPassedSession } from '@onex/db/testing/session-fixture.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onexIn } from './run-onex.ts';

let home: string;

const onex = onexIn(() => home, {
  env: { ONEX_MASTER_KEY: Buffer.from(testMasterKey).toString('base64') },
  timeoutMs: 180_000,
});

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
