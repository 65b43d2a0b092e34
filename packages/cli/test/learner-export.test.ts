import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Config, extractCredentialFromPdf } from '@onex/api';
import type { Runtime } from '@onex/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, type CertificateFixture, issueCertificates } from '../../api/test/certificate-fixtures.ts';
import { learnerExport } from '../src/commands/learner.ts';
import { type CommandContext, silentProgress } from '../src/context.ts';

let f: CertificateFixture;
let dir: string;
let ctx: CommandContext;

beforeAll(async () => {
  f = await issueCertificates();
  dir = mkdtempSync(join(tmpdir(), 'onex-learner-export-'));
  const runtime = { platform: f.platform, database: f.database } as unknown as Runtime;
  ctx = {
    config: () => ({ publicUrl: baseUrl }) as Config,
    runtime: async () => runtime,
    progress: silentProgress,
    readInput: async () => '',
    readBytes: async () => new Uint8Array(),
  };
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await f?.database.close();
});

describe('onex learner export', () => {
  it("writes each of the learner's credentials as JSON and PDF, and a presentation of all of them", async () => {
    const out = await learnerExport(ctx, f.learnerId, dir);
    expect(out.text).toMatch(/Exported 2 credential\(s\)/);
    const numbers = f.mine.map((r) => r.certificateNumber!);
    expect(readdirSync(dir).sort()).toEqual(
      [...numbers.flatMap((n) => [`${n}.json`, `${n}.pdf`]), 'presentation.json'].sort(),
    );
    for (const record of f.mine) {
      const json = JSON.parse(readFileSync(join(dir, `${record.certificateNumber}.json`), 'utf8'));
      expect(json).toEqual(record.document);
      const pdf = readFileSync(join(dir, `${record.certificateNumber}.pdf`));
      expect(await extractCredentialFromPdf(pdf)).toEqual(record.document);
    }
    const vp = JSON.parse(readFileSync(join(dir, 'presentation.json'), 'utf8'));
    expect(vp.type).toEqual(['VerifiablePresentation']);
    expect(vp.verifiableCredential.map((c: { id: string }) => c.id)).toEqual(f.mine.map((r) => r.id));
    expect(vp).not.toHaveProperty('holder');
    expect(vp).not.toHaveProperty('proof');
  });

  it('fails with NOT_FOUND for an unknown learner', async () => {
    await expect(learnerExport(ctx, 'nobody', join(dir, 'x'))).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
