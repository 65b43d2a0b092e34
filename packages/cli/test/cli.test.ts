import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const main = new URL('../src/main.ts', import.meta.url).pathname;
const tsx = new URL('../../../node_modules/.bin/tsx', import.meta.url).pathname;

let home: string;

/** Runs the real `onex` binary on an isolated PGlite data folder (no DATABASE_URL: the embedded default). */
async function onex(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { ...process.env, ONEX_HOME: home, DATABASE_URL: '', ONEX_DEMO: '0' };
  try {
    const { stdout, stderr } = await run(tsx, [main, ...args], { env, timeout: 120_000 });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

beforeAll(() => {
  home = mkdtempSync(join(tmpdir(), 'onex-cli-'));
});
afterAll(() => {
  rmSync(home, { recursive: true, force: true });
});

describe('the onex CLI', () => {
  it('migrates a new data folder and then reports it up to date', async () => {
    const first = await onex('db', 'migrate');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/pglite at .*: (applied 0001|already up to date)/);
    expect(first.stderr).toBe('');
    const second = await onex('db', 'migrate');
    expect(second.stdout).toMatch(/already up to date/);
  });

  it('lists the 16 certificates and shows one with its levels', async () => {
    const list = await onex('catalog', 'list');
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/16 certificates/);
    expect(list.stdout).toMatch(/Web前端开发/);
    const code = /^(\S+)\s+Web前端开发/m.exec(list.stdout)?.[1];
    const show = await onex('catalog', 'show', code!);
    expect(show.stdout).toMatch(/初级\/Elementary/);
    expect(show.stdout).toMatch(/高级\/Advanced/);
  });

  it('exports the catalog and re-imports it as a no-op', async () => {
    const exported = await onex('catalog', 'export');
    const file = join(home, 'catalog.json');
    writeFileSync(file, exported.stdout);
    const imported = await onex('catalog', 'import', file);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toMatch(/certificates: 0 added, 16 already present/);
  });

  it('refuses a malformed or invalid import with a coded error, a hint and a non-zero exit, changing nothing', async () => {
    const broken = join(home, 'broken.json');
    writeFileSync(broken, '{"format": "onex-catalog/1", "teos": [');
    const a = await onex('catalog', 'import', broken);
    expect(a.code).toBe(2);
    expect(a.stderr).toMatch(/error VALIDATION_FAILED: .*not valid JSON/);

    const invalid = join(home, 'invalid.json');
    const doc = JSON.parse((await onex('catalog', 'export')).stdout);
    doc.certificates.push({
      ...doc.certificates[0],
      code: 'X-NEW',
      occupationCodes: ['4-04-05'],
      levels: [],
    });
    doc.unexpected = true;
    writeFileSync(invalid, JSON.stringify(doc));
    const b = await onex('catalog', 'import', invalid);
    expect(b.code).toBe(2);
    expect(b.stderr).toMatch(/certificates\.16\.occupationCodes\.0/);
    expect(b.stderr).toMatch(/certificates\.16\.levels/);
    expect(b.stderr).toMatch(/unexpected/);
    expect(b.stderr).toMatch(/hint: /);
    expect((await onex('catalog', 'list')).stdout).toMatch(/16 certificates/);
  });

  it('answers an unknown certificate with NOT_FOUND and exit code 3', async () => {
    const r = await onex('catalog', 'show', 'NOPE');
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/error NOT_FOUND/);
  });

  it('answers a missing file and an unknown command with exit code 2', async () => {
    expect((await onex('catalog', 'import', join(home, 'nope.json'))).code).toBe(2);
    expect((await onex('frobnicate')).code).toBe(2);
  });
});
