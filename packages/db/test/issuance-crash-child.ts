/**
 * Issues an assessment session until done or killed, for `issuance.crash.test.ts`: prints
 * `done <n>` after every committed batch and `finished <issued>` at the end.
 *
 *   node --import tsx issuance-crash-child.ts <dataDir | -> [databaseUrl] <sessionId>
 */
import { openRuntime } from '../src/runtime.ts';
import { testMasterKey } from '../src/testing/index.ts';

const [dataDir, databaseUrl, sessionId] = process.argv.slice(2);
const runtime = await openRuntime({
  dataDir: dataDir === '-' ? undefined : dataDir,
  databaseUrl: databaseUrl || undefined,
  masterKey: testMasterKey,
  baseUrl: 'https://onex.example',
});
const result = await runtime.platform.issuance.issueSession(sessionId!, {
  batchSize: 250,
  onProgress: (p) => process.stdout.write(`done ${p.done}\n`),
});
process.stdout.write(`finished ${result.issued}\n`);
await runtime.close();
