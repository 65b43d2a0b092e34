import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from '@cantoo/pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onexIn } from './run-onex.ts';

let home: string;

const onex = onexIn(() => home, { cwd: () => home });

beforeAll(() => {
  home = mkdtempSync(join(tmpdir(), 'onex-cli-pdf-'));
});
afterAll(() => rmSync(home, { recursive: true, force: true }));

describe('onex pdf and onex verify <file.pdf>', () => {
  it('writes the certificate PDF of an issued credential and verifies it through its attachment (exit 0), with and without a bundle', async () => {
    const unsigned = join(home, 'unsigned.json');
    writeFileSync(
      unsigned,
      JSON.stringify({
        '@context': [
          'https://www.w3.org/ns/credentials/v2',
          'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
        ],
        type: ['VerifiableCredential', 'OpenBadgeCredential'],
        name: 'Web前端开发职业技能等级证书（初级）',
        credentialSubject: {
          type: ['AchievementSubject'],
          achievement: {
            id: 'https://onex.example/achievements/X-0102/1',
            type: ['Achievement'],
            name: 'Web前端开发职业技能等级证书（初级）',
            description: '初级',
            criteria: { narrative: '通过考核' },
          },
        },
      }),
    );
    const issued = await onex('issue', unsigned);
    expect(issued.code).toBe(0);
    const vc = JSON.parse(issued.stdout) as { id: string };

    const made = await onex('pdf', vc.id, '-o', 'cert.pdf');
    expect(made.stderr).toBe('');
    expect(made.code).toBe(0);
    expect(made.stdout).toMatch(/Wrote the certificate PDF: .*cert\.pdf/);
    const file = join(home, 'cert.pdf');
    expect(readFileSync(file).subarray(0, 5).toString('latin1')).toBe('%PDF-');

    const ok = await onex('verify', file);
    expect(ok.stdout).toMatch(/已验证 VERIFIED/);
    expect(ok.stdout).toMatch(/✓ proof/);
    expect(ok.code).toBe(0);

    const bundle = await onex('bundle', vc.id);
    expect(bundle.code).toBe(0);
    writeFileSync(join(home, 'bundle.json'), bundle.stdout);
    const offline = await onex('verify', file, '--bundle', join(home, 'bundle.json'), '--require-logged');
    expect(offline.stdout).toMatch(/✓ logged/);
    expect(offline.code).toBe(0);
  });

  it('exits 2 with a coded error for a PDF that carries no credential', async () => {
    const plain = await PDFDocument.create();
    plain.addPage();
    const file = join(home, 'plain.pdf');
    writeFileSync(file, await plain.save());
    const res = await onex('verify', file);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/error CERTIFICATE_PDF_NO_CREDENTIAL/);
    expect(res.stderr).toMatch(/错误：/);
  });

  it('exits 3 (NOT_FOUND) for a credential this instance never issued', async () => {
    const res = await onex('pdf', 'urn:uuid:00000000-0000-4000-8000-000000000000');
    expect(res.code).toBe(3);
    expect(res.stderr).toMatch(/error NOT_FOUND/);
  });
});
