/**
 * Regenerates docs/certificate-page1.png: page 1 of the certificate PDF of the test fixture's
 * 中级 credential, rendered by poppler's pdftoppm (apt-get install poppler-utils).
 *
 *   npx tsx scripts/certificate-page1.ts
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { certificatePdfFor } from '../packages/api/src/index.ts';
import { baseUrl, issueCertificates } from '../packages/api/test/certificate-fixtures.ts';

const fixture = await issueCertificates();
const dir = mkdtempSync(join(tmpdir(), 'onex-cert-'));
try {
  const { bytes } = await certificatePdfFor(fixture.platform, fixture.mine[1]!.id, baseUrl);
  writeFileSync(join(dir, 'cert.pdf'), bytes);
  const out = new URL('../docs/certificate-page1', import.meta.url).pathname;
  execFileSync('pdftoppm', [
    '-png',
    '-r',
    '110',
    '-f',
    '1',
    '-l',
    '1',
    '-singlefile',
    join(dir, 'cert.pdf'),
    out,
  ]);
  process.stdout.write(`wrote ${out}.png (${bytes.length} bytes of PDF)\n`);
} finally {
  rmSync(dir, { recursive: true, force: true });
  await fixture.database.close();
}
