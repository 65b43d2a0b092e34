/**
 * `npm run bench -- <name> [<name> …]` runs `bench/<name>.bench.ts`'s `run()`, prints its results as
 * a Markdown table and replaces the `## <name>` section of BENCHMARKS.md with them (with the date,
 * the Node version and the machine). Other sections are left alone, so each benchmark owns its own.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export interface BenchRow {
  metric: string;
  value: string;
  note?: string;
}

/** What a benchmark's `run()` returns. */
export interface BenchResult {
  title: string;
  rows: BenchRow[];
  notes?: string[];
}

const here = dirname(fileURLToPath(import.meta.url));
const benchmarksFile = join(here, '..', 'BENCHMARKS.md');

const header = `# Benchmarks

Measured figures from one machine: a guide to orders of magnitude, not a guarantee. Run a benchmark with

    npm run bench -- <name>        # e.g. npm run bench -- demo

Each benchmark is \`bench/<name>.bench.ts\` exporting \`run(): Promise<BenchResult>\`. \`bench/run.ts\` runs it,
prints a Markdown table and replaces the \`## <name>\` section below with the new results, the date, the Node
version and the machine. Commit the updated file together with the change that explains the numbers.
`;

/** Names of the benchmarks in this folder. */
export function availableBenchmarks(): string[] {
  return readdirSync(here)
    .filter((f) => f.endsWith('.bench.ts'))
    .map((f) => f.slice(0, -'.bench.ts'.length))
    .sort();
}

const cell = (s: string) => s.replaceAll('|', '\\|').replaceAll('\n', ' ');

/**
 * The results as a Markdown table, padded the way Biome formats Markdown (so `npm run lint` stays
 * clean on BENCHMARKS.md): every column as wide as its widest cell, the value column right-aligned.
 */
export function renderTable(result: BenchResult): string {
  const rows = [
    ['Metric', 'Value', 'Note'],
    ...result.rows.map((r) => [cell(r.metric), cell(r.value), cell(r.note ?? '')]),
  ];
  const len = (s: string) => [...s].length;
  const widths = [0, 1, 2].map((c) => Math.max(3, ...rows.map((r) => len(r[c]!))));
  const right = [false, true, false];
  const pad = (s: string, c: number) => {
    const fill = ' '.repeat(widths[c]! - len(s));
    return right[c] ? fill + s : s + fill;
  };
  const line = (cells: string[]) => `| ${cells.map(pad).join(' | ')} |`;
  const rule = `| ${widths.map((w, c) => (right[c] ? `${'-'.repeat(w - 1)}:` : '-'.repeat(w))).join(' | ')} |`;
  return [line(rows[0]!), rule, ...rows.slice(1).map(line)].join('\n');
}

export function machine(): string {
  const cpus = os.cpus();
  const model = cpus[0]?.model.trim() ?? 'unknown CPU';
  const memGb = Math.round(os.totalmem() / 1024 ** 3);
  return `${model}, ${cpus.length} cores, ${memGb} GB RAM, ${os.platform()} ${os.release()}`;
}

/** The `## <name>` section of BENCHMARKS.md for one result. */
export function renderSection(name: string, result: BenchResult, at: Date = new Date()): string {
  const parts = [
    `## ${name}`,
    '',
    result.title,
    '',
    `_Run ${at.toISOString().slice(0, 16).replace('T', ' ')} UTC · Node ${process.version} · ${machine()}_`,
    '',
    renderTable(result),
  ];
  if (result.notes?.length) parts.push('', ...result.notes.map((n) => `- ${n}`));
  return `${parts.join('\n')}\n`;
}

/** Replaces the section `## <name>` of a BENCHMARKS.md text in place, or appends it. */
export function replaceSection(doc: string | undefined, name: string, section: string): string {
  const text = doc && doc.trim().length > 0 ? doc : header;
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l.trim() === `## ${name}`);
  if (start < 0) return `${text.trimEnd()}\n\n${section}`;
  let end = lines.findIndex((l, i) => i > start && /^## /.test(l));
  if (end < 0) end = lines.length;
  const before = lines.slice(0, start).join('\n').trimEnd();
  const after = lines.slice(end).join('\n').trim();
  return `${before}\n\n${section}${after ? `\n${after}\n` : ''}`;
}

async function main(names: string[]): Promise<number> {
  const known = availableBenchmarks();
  if (names.length === 0) {
    process.stderr.write(
      `usage: npm run bench -- <name> [<name> …]\navailable: ${known.join(', ') || '(none)'}\n`,
    );
    return 2;
  }
  for (const name of names) {
    if (!known.includes(name)) {
      process.stderr.write(`unknown benchmark "${name}"; available: ${known.join(', ')}\n`);
      return 2;
    }
  }
  for (const name of names) {
    const mod = (await import(pathToFileURL(join(here, `${name}.bench.ts`)).href)) as {
      run?: () => Promise<BenchResult>;
    };
    if (typeof mod.run !== 'function') {
      process.stderr.write(`bench/${name}.bench.ts does not export run()\n`);
      return 2;
    }
    process.stderr.write(`running benchmark ${name} …\n`);
    const result = await mod.run();
    const section = renderSection(name, result);
    process.stdout.write(`\n${section}\n`);
    const current = existsSync(benchmarksFile) ? readFileSync(benchmarksFile, 'utf8') : undefined;
    writeFileSync(benchmarksFile, replaceSection(current, name, section));
    process.stderr.write(`updated ${benchmarksFile} (## ${name})\n`);
  }
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e: unknown) => {
      process.stderr.write(`benchmark failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exit(1);
    },
  );
}
