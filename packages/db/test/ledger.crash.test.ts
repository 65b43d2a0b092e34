import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openRuntime } from '../src/runtime.ts';
import { withScratchDatabase } from '../src/testing/engines.ts';
import { testMasterKey } from '../src/testing/index.ts';

const child = new URL('./ledger-crash-child.ts', import.meta.url).pathname;
const root = new URL('../../../', import.meta.url).pathname;
const children = new Set<ChildProcess>();

/** Starts a bulk issuer; resolves with its committed total once it has committed `batches` batches. */
function issuer(args: string[], batches: number): { proc: ChildProcess; committed: Promise<number> } {
  // Node itself with tsx as a loader (not the tsx wrapper, which forks): SIGKILL must hit the issuer.
  const proc = spawn(process.execPath, ['--import', 'tsx', child, ...args], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(proc);
  proc.once('exit', () => children.delete(proc));
  let out = '';
  let err = '';
  const committed = new Promise<number>((resolve, reject) => {
    proc.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const done = [...out.matchAll(/^batch (\d+) (\d+)$/gm)];
      if (done.length >= batches) resolve(Number(done.at(-1)![2]));
    });
    proc.stderr!.on('data', (d: Buffer) => {
      err += d.toString();
    });
    proc.once('exit', (code, signal) => {
      if (signal !== 'SIGKILL')
        reject(new Error(`issuer exited early (${code ?? signal}): ${err.slice(0, 2000)}`));
    });
  });
  return { proc, committed };
}

/** Kill -9 a short, varying moment after a commit: in the middle of the next batch. */
async function killMidBatch(proc: ChildProcess, delayMs: number): Promise<void> {
  await new Promise((r) => setTimeout(r, delayMs));
  const exited = new Promise((r) => proc.once('exit', r));
  proc.kill('SIGKILL');
  await exited;
}

async function auditAfterCrash(options: { dataDir?: string; databaseUrl?: string }, atLeast: number) {
  const runtime = await openRuntime({
    ...options,
    masterKey: testMasterKey,
    baseUrl: 'https://onex.example',
  });
  try {
    const report = await runtime.platform.ledger.audit();
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from credential`.execute(
      runtime.database.db,
    );
    expect(report.findings).toEqual([]);
    expect(report.ok).toBe(true);
    expect(rows[0]!.n).toBeGreaterThanOrEqual(atLeast);
    // Every stored credential has its ISSUE entry and every entry its credential (the audit checks both ways).
    expect(report.entries).toBe(rows[0]!.n);
    expect(report.credentials).toBe(rows[0]!.n);
    // And the log carries on: it signs a checkpoint consistent with those signed before the crash.
    await runtime.platform.ledger.checkpoint();
    return report;
  } finally {
    await runtime.close();
  }
}

const dirs: string[] = [];
afterAll(() => {
  for (const p of children) p.kill('SIGKILL');
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('a crash (SIGKILL) in the middle of bulk issuance', () => {
  it('leaves a PGlite log that the audit finds consistent with the stored certificates', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'onex-crash-'));
    dirs.push(dataDir);
    await (await openRuntime({ dataDir, masterKey: testMasterKey, baseUrl: 'https://onex.example' })).close();
    const run = issuer([dataDir], 4);
    const committed = await run.committed;
    await killMidBatch(run.proc, 37);
    const report = await auditAfterCrash({ dataDir }, committed);
    expect(report.checkpoints).toBeGreaterThan(0);
  }, 180_000);

  const url = process.env.DATABASE_URL;
  it.runIf(Boolean(url))(
    'leaves a PostgreSQL log consistent when three processes issuing into it at once are all killed',
    async () => {
      await withScratchDatabase(url!, 'onex_crash', async (databaseUrl) => {
        await (
          await openRuntime({ databaseUrl, masterKey: testMasterKey, baseUrl: 'https://onex.example' })
        ).close();
        const runs = ['a', 'b', 'c'].map((tag) => issuer(['-', databaseUrl, tag], 3));
        const committed = await Promise.all(runs.map((r) => r.committed));
        await Promise.all(runs.map((r, i) => killMidBatch(r.proc, 11 + 17 * i)));
        const report = await auditAfterCrash(
          { databaseUrl },
          committed.reduce((a, b) => a + b, 0),
        );
        expect(report.checkpoints).toBeGreaterThan(0);
      });
    },
    180_000,
  );
});
