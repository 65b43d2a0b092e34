import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openRuntime } from '../src/runtime.ts';
import { withScratchDatabase } from '../src/testing/engines.ts';

import { testMasterKey } from '../src/testing/index.ts';
import { seedPassedSession } from '../src/testing/session-fixture.ts';

const N = Number(process.env.ONEX_CRASH_CERTIFICATES ?? 10_000);
const child = new URL('./issuance-crash-child.ts', import.meta.url).pathname;
const root = new URL('../../../', import.meta.url).pathname;
const children = new Set<ChildProcess>();
const dirs: string[] = [];
afterAll(() => {
  for (const p of children) p.kill('SIGKILL');
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

type Where = { dataDir?: string; databaseUrl?: string };
const open = (where: Where) =>
  openRuntime({ ...where, masterKey: testMasterKey, baseUrl: 'https://onex.example' });

/** A session with N passed, published results (the fixture every bulk-issuance run starts from). */
async function seedSession(where: Where): Promise<string> {
  const runtime = await open(where);
  try {
    return await seedPassedSession(runtime.platform, { count: N, prefix: 'CR' });
  } finally {
    await runtime.close();
  }
}

function issuing(where: Where, sessionId: string) {
  const args = [where.dataDir ?? '-', where.databaseUrl ?? '', sessionId];
  const proc = spawn(process.execPath, ['--import', 'tsx', child, ...args], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(proc);
  proc.once('exit', () => children.delete(proc));
  let out = '';
  let err = '';
  proc.stderr!.on('data', (d: Buffer) => {
    err += d.toString();
  });
  proc.stdout!.on('data', (d: Buffer) => {
    out += d.toString();
  });
  const progressed = (atLeast: number) =>
    new Promise<void>((resolve, reject) => {
      proc.stdout!.on('data', () => {
        const done = [...out.matchAll(/^done (\d+)$/gm)].map((m) => Number(m[1]));
        if (done.some((n) => n >= atLeast)) resolve();
      });
      proc.once('exit', (code, signal) => {
        if (signal !== 'SIGKILL')
          reject(new Error(`issuer exited (${code ?? signal}): ${err.slice(0, 2000)}`));
      });
    });
  const finished = new Promise<number>((resolve, reject) => {
    proc.once('exit', (code) => {
      const m = /^finished (\d+)$/m.exec(out);
      if (code === 0 && m) resolve(Number(m[1]));
      else reject(new Error(`issuer failed (${code}): ${err.slice(0, 2000)}`));
    });
  });
  return { proc, progressed, finished };
}

async function crashThenRerun(where: Where) {
  const sessionId = await seedSession(where);
  const first = issuing(where, sessionId);
  first.finished.catch(() => {}); // it is killed
  await first.progressed(500); // at least two batches committed
  await new Promise((r) => setTimeout(r, 150)); // then die in the middle of a later one
  const killed = new Promise((r) => first.proc.once('exit', r));
  first.proc.kill('SIGKILL');
  await killed;

  const second = issuing(where, sessionId);
  const issuedByRerun = await second.finished;
  expect(issuedByRerun).toBeGreaterThan(0);
  expect(issuedByRerun).toBeLessThan(N);

  const runtime = await open(where);
  try {
    const db = runtime.database.db;
    const { rows } = await sql<{ n: number; keys: number; numbers: number }>`
      select count(*)::int as n, count(distinct source_key)::int as keys,
             count(distinct certificate_number)::int as numbers
      from credential where source_key like 'result:%'`.execute(db);
    expect(rows[0]).toEqual({ n: N, keys: N, numbers: N });
    // Serials run 1..N with no gap under the session's one prefix.
    const serials = await sql<{ max: number }>`
      select max(right(certificate_number, 6)::int)::int as max from credential where source_key like 'result:%'`.execute(
      db,
    );
    expect(serials.rows[0]!.max).toBe(N);
    const report = await runtime.platform.ledger.audit();
    expect(report.findings).toEqual([]);
    expect(report.ok).toBe(true);
  } finally {
    await runtime.close();
  }
}

describe(`a crash (SIGKILL) while issuing ${N.toLocaleString('en-US')} certificates, then a rerun`, () => {
  it('leaves exactly one certificate per passed result and a clean log on PGlite', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'onex-issue-crash-'));
    dirs.push(dataDir);
    await crashThenRerun({ dataDir });
  }, 900_000);

  const url = process.env.DATABASE_URL;
  it.runIf(Boolean(url))(
    'leaves exactly one certificate per passed result and a clean log on PostgreSQL',
    async () => {
      await withScratchDatabase(url!, 'onex_issue_crash', (databaseUrl) => crashThenRerun({ databaseUrl }));
    },
    900_000,
  );
});
