/**
 * Bulk issuance until killed, for the crash test (`ledger.crash.test.ts`): opens a runtime on a
 * PGlite folder or a PostgreSQL URL and issues credentials in `issueMany` batches, signing a
 * checkpoint every third batch, printing `batch <n> <total>` after each commit.
 *
 *   node --import tsx ledger-crash-child.ts <dataDir | -> [databaseUrl] [tag]
 */
import { openRuntime } from '../src/runtime.ts';
import { testMasterKey } from '../src/testing/index.ts';
import { unsigned } from './ledger-fixtures.ts';

const [dataDir, databaseUrl, tag = 'a'] = process.argv.slice(2);
const runtime = await openRuntime({
  dataDir: dataDir === '-' ? undefined : dataDir,
  databaseUrl: databaseUrl || undefined,
  masterKey: testMasterKey,
  baseUrl: 'https://onex.example',
});
await runtime.platform.credentials.ensureIssuer('TEO', 'TEO-0002');
let total = 0;
// Stops by itself after a while, should the parent die without killing it.
for (let b = 0; b < 2000; b++) {
  const items = Array.from({ length: 40 }, (_, k) => ({
    credential: { ...unsigned(b * 40 + k), id: `urn:onex:crash:${tag}:${b}:${k}` },
    options: {
      cryptosuite: 'eddsa-jcs-2022' as const,
      certificateCode: 'X-0102',
      level: 2,
    },
  }));
  total += (await runtime.platform.credentials.issueMany(items)).length;
  if (b % 3 === 2) await runtime.platform.ledger.checkpoint();
  process.stdout.write(`batch ${b} ${total}\n`);
}
await runtime.close();
