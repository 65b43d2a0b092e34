import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openRuntime } from '@onex/db';
import { seedCurriculumFixture } from '@onex/db/testing/curriculum-fixture.ts';
import { testMasterKey } from '@onex/db/testing/index.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onexIn } from './run-onex.ts';

let home: string;
let programmeId: string;

const onex = onexIn(() => home, {
  env: { ONEX_MASTER_KEY: Buffer.from(testMasterKey).toString('base64') },
  timeoutMs: 120_000,
});

beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), 'onex-cli-curriculum-'));
  const runtime = await openRuntime({
    dataDir: join(home, 'data'),
    masterKey: testMasterKey,
    signingThreads: 0,
  });
  try {
    programmeId = (await seedCurriculumFixture(runtime.platform)).programmeId;
  } finally {
    await runtime.close();
  }
}, 120_000);
afterAll(() => rmSync(home, { recursive: true, force: true }));

describe('onex curriculum', () => {
  it('prints the coverage and the requirements still uncovered', async () => {
    const r = await onex('curriculum', 'gaps', programmeId, 'X-0102', '2');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('软件技术（510203）× Web前端开发 中级');
    expect(r.stdout).toMatch(/覆盖率 coverage 42\.2 %/);
    expect(r.stdout).toMatch(/^\s+1\.1\.1 /m);
  });

  it('prints an exact plan within the budget, and uses candidates from a file', async () => {
    const r = await onex('curriculum', 'optimize', programmeId, 'X-0102', '2', '--budget', '24');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/MILP OPTIMAL, budget 24 h/);
    const file = join(home, 'candidates.json');
    writeFileSync(
      file,
      JSON.stringify([
        {
          id: 'VUE',
          kind: 'NEW',
          nameZh: 'Vue 综合实训',
          hours: 16,
          practiceHours: 16,
          elective: true,
          covers: [{ requirementCode: '1.1.1', weight: 0.7 }],
        },
      ]),
    );
    const c = await onex(
      'curriculum',
      'optimize',
      programmeId,
      'X-0102',
      '2',
      '--candidates',
      file,
      '--json',
    );
    expect(c.code).toBe(0);
    expect(JSON.parse(c.stdout).result.chosen.map((m: { id: string }) => m.id)).toEqual(['VUE']);
  });

  it('refuses a level that is not 1, 2 or 3 with exit code 2', async () => {
    const r = await onex('curriculum', 'gaps', programmeId, 'X-0102', '4');
    expect(r.code).toBe(2);
  });
});
