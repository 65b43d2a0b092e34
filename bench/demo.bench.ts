/**
 * The demo generator at province scale (1,000,000 learners, 300 institutions) and at a tenth of it
 * (100,000 learners, 30 institutions), each on a fresh PGlite in a temporary folder and in its own
 * child process, so that each peak RSS belongs to that run alone. Flat memory as scale grows is
 * the point: the generator streams learners in batches and never holds them all.
 */
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchResult } from './run.ts';

interface RunFigures {
  label: string;
  learners: number;
  institutions: number;
  programmes: number;
  courses: number;
  standards: number;
  seconds: number;
  learnersPerSecond: number;
  peakRssMb: number;
  rssAfterOpenMb: number;
  peakHeapMb: number;
  diskMb: number;
  learnerPath: string;
}

const runs = {
  tenth: { label: '1/10 province', plan: { institutions: 30, learners: 100_000 } },
  province: { label: 'province', plan: {} },
} as const;
type RunName = keyof typeof runs;

function dirSize(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    total += entry.isDirectory() ? dirSize(p) : statSync(p).size;
  }
  return total;
}

/** Runs in the child: one generation on a fresh PGlite, figures sent to the parent. */
async function child(name: RunName): Promise<RunFigures> {
  const { createIdentityVault, generateDemo, openRuntime } = await import('@onex/db');
  const dataDir = mkdtempSync(join(os.tmpdir(), `onex-bench-demo-${name}-`));
  let peakHeap = 0;
  const timer = setInterval(() => {
    peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  }, 200);
  try {
    const masterKey = new Uint8Array(randomBytes(32));
    const runtime = await openRuntime({ dataDir, masterKey });
    const rssAfterOpenMb = Math.round(process.memoryUsage().rss / 1_048_576);
    try {
      // The vault is built from the same key as the runtime's, so the rows are what the platform would write.
      const summary = await generateDemo(runtime, {
        scale: 'province',
        seed: 1,
        vault: createIdentityVault(masterKey),
        plan: runs[name].plan,
        progress: {
          start: (total) =>
            process.stderr.write(`  ${runs[name].label}: ${total.toLocaleString('en-US')} learners\n`),
          update: (done) => {
            if (done % 100_000 === 0) process.stderr.write(`  … ${done.toLocaleString('en-US')}\n`);
          },
          stop: () => {},
        },
      });
      await runtime.close();
      return {
        label: runs[name].label,
        learners: summary.learners,
        institutions: summary.institutions,
        programmes: summary.programmes,
        courses: summary.courses,
        standards: summary.standards,
        seconds: summary.seconds,
        learnersPerSecond: summary.learnersPerSecond,
        peakRssMb: summary.peakRssMb,
        rssAfterOpenMb,
        peakHeapMb: Math.round(peakHeap / 1_048_576),
        diskMb: Math.round(dirSize(dataDir) / 1_048_576),
        learnerPath: summary.learnerPath,
      };
    } catch (e) {
      await runtime.close();
      throw e;
    }
  } finally {
    clearInterval(timer);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Runs one generation in a child process (same tsx loader flags) and returns its figures. */
function inChild(name: RunName): Promise<RunFigures> {
  return new Promise((resolve, reject) => {
    const proc = fork(fileURLToPath(import.meta.url), ['--demo-bench-child', name], {
      execArgv: process.execArgv,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let figures: RunFigures | undefined;
    let failure: string | undefined;
    proc.on('message', (m: { ok: true; figures: RunFigures } | { ok: false; error: string }) => {
      if (m.ok) figures = m.figures;
      else failure = m.error;
    });
    proc.on('error', reject);
    proc.on('exit', (code) => {
      if (figures) resolve(figures);
      else reject(new Error(failure ?? `demo bench child ${name} exited with code ${code}`));
    });
  });
}

const fmt = (n: number) => n.toLocaleString('en-US');

export async function run(): Promise<BenchResult> {
  const tenth = await inChild('tenth');
  const full = await inChild('province');
  const both = (f: (r: RunFigures) => string) => `${f(tenth)} → ${f(full)}`;
  return {
    title:
      '`generateDemo` (packages/db/src/demo) on a fresh embedded PGlite in a temporary folder: a tenth of the ' +
      'province scale, then the province scale (`onex demo --scale province`). Learners are encrypted with the ' +
      'identity vault and bulk-inserted 4,000 per statement. Each run is a separate process.',
    rows: [
      {
        metric: 'Learners',
        value: both((r) => fmt(r.learners)),
        note: '1/10 province → province; ~5 % social learners',
      },
      {
        metric: 'Institutions / programmes / courses',
        value: both((r) => `${fmt(r.institutions)} / ${fmt(r.programmes)} / ${fmt(r.courses)}`),
      },
      {
        metric: 'Skill standards published',
        value: both((r) => fmt(r.standards)),
        note: 'one per catalog certificate',
      },
      {
        metric: 'Learners per second',
        value: both((r) => fmt(r.learnersPerSecond)),
        note: 'streaming phase: institutions, courses and learners',
      },
      {
        metric: 'Total time (s)',
        value: both((r) => r.seconds.toFixed(1)),
        note: 'generateDemo alone, after the runtime is open',
      },
      {
        metric: 'RSS after opening the database (MB)',
        value: both((r) => fmt(r.rssAfterOpenMb)),
        note: 'PGlite (WASM) and the platform, before generating',
      },
      {
        metric: 'Peak RSS (MB)',
        value: both((r) => fmt(r.peakRssMb)),
        note: 'sampled after every batch; includes PGlite’s WASM heap',
      },
      {
        metric: 'Peak JS heap used (MB)',
        value: both((r) => fmt(r.peakHeapMb)),
        note: 'sampled every 200 ms',
      },
      { metric: 'Database on disk (MB)', value: both((r) => fmt(r.diskMb)) },
      { metric: 'Learner write path', value: both((r) => r.learnerPath) },
    ],
    notes: [
      'Memory is flat when the 10× larger run peaks at about the same RSS and heap: learners are generated and written in batches of 4,000, never held together.',
      '`onex demo` and `npm start` use this bulk path (the runtime hands the platform’s identity vault to the generator). The checked path, `platform.programs.registerLearners`, looks every row up and runs at ~500 learners/s.',
    ],
  };
}

if (process.argv[2] === '--demo-bench-child') {
  const name = process.argv[3] as RunName;
  child(name).then(
    (figures) => {
      process.send?.({ ok: true, figures });
      process.disconnect?.();
    },
    (e: unknown) => {
      process.send?.({ ok: false, error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
      process.exitCode = 1;
      process.disconnect?.();
    },
  );
}
