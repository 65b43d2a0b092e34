import { createHash } from 'node:crypto';
import { availableParallelism } from 'node:os';
import {
  type Clock,
  createPlatform,
  type IdentityVault,
  type IdGenerator,
  type Platform,
  type Random,
  referenceCatalogDocument,
} from '@onex/core';
import { nodeCrypto } from '@onex/core/crypto/node-provider.ts';
import { type Database, openDatabase } from './database.ts';
import { createIdentityVault } from './identity-vault.ts';
import { migrate } from './migrate.ts';
import { loadReferenceData } from './reference-data.ts';
import { createRepositories } from './repositories/index.ts';
import { createSecretBox } from './secret-box.ts';
import { createSigningPool, type SigningPool } from './signing/signing-pool.ts';
import { createMilpSolver } from './solver/milp-solver.ts';
import { randomIds, systemClock, systemRandom } from './system.ts';

export interface RuntimeOptions {
  databaseUrl?: string | undefined;
  dataDir?: string | undefined;
  masterKey: Uint8Array;
  /** Public base URL of this instance (default http://127.0.0.1:3000). */
  baseUrl?: string | undefined;
  clock?: Clock;
  ids?: IdGenerator;
  random?: Random;
  /** Worker threads that sign big issuance batches (default: one per core; 0 signs in this thread). */
  signingThreads?: number;
}

export interface Runtime {
  database: Database;
  platform: Platform;
  /** The identity vault the platform uses; bulk loaders (the demo) need the same one. */
  vault: IdentityVault;
  /** Migrations applied by this start (empty when the database was current). */
  applied: string[];
  close(): Promise<void>;
}

/**
 * Opens the database, migrates it, loads the reference data and the national catalog (idempotent),
 * and builds the platform. What `onex serve` and every other CLI command start from.
 */
export async function openRuntime(options: RuntimeOptions): Promise<Runtime> {
  const database = await openDatabase({ url: options.databaseUrl, dataDir: options.dataDir });
  let pool: SigningPool | undefined;
  let solver: ReturnType<typeof createMilpSolver> | undefined;
  try {
    const { applied } = await migrate(database.db);
    await loadReferenceData(database.db);
    const clock = options.clock ?? systemClock;
    const repos = createRepositories(database.db);
    const vault = createIdentityVault(options.masterKey);
    const threads = options.signingThreads ?? availableParallelism();
    pool = threads > 0 ? createSigningPool(threads) : undefined;
    solver = createMilpSolver();
    const platform = createPlatform({
      catalogStore: repos.catalog,
      programsStore: repos.programs,
      curriculumStore: repos.curriculum,
      milpSolver: solver,
      assessmentStore: repos.assessment,
      credentialStore: repos.credentials,
      ledgerStore: repos.ledger,
      creditBankStore: repos.creditBank,
      accessStore: repos.access,
      employersStore: repos.employers,
      vault,
      box: createSecretBox(options.masterKey),
      crypto: nodeCrypto,
      clock,
      ids: options.ids ?? randomIds(clock),
      random: options.random ?? systemRandom,
      baseUrl: options.baseUrl ?? 'http://127.0.0.1:3000',
      batchSigner: pool,
    });
    await seedNationalCatalog(database, platform);
    const close = async () => {
      await solver?.close();
      await pool?.close();
      await database.close();
    };
    return { database, platform, vault, applied, close };
  } catch (e) {
    await solver?.close();
    await pool?.close();
    await database.close();
    throw e;
  }
}

/**
 * Imports the shipped national catalog and gives every TEO and the regulator a signing key, once
 * per version of the reference data (a hash in `meta`), so later starts skip the work.
 */
async function seedNationalCatalog(database: Database, platform: Platform): Promise<void> {
  const doc = referenceCatalogDocument();
  const hash = createHash('sha256').update(JSON.stringify(doc)).digest('hex');
  const done = await database.db
    .selectFrom('meta')
    .select('value')
    .where('key', '=', 'national_catalog')
    .executeTakeFirst();
  if (done?.value === hash) return;
  await platform.catalog.importCatalog(doc);
  for (const teo of await platform.catalog.listTeos())
    await platform.credentials.ensureIssuer('TEO', teo.code);
  await platform.credentials.ensureIssuer('REGULATOR', 'MOE');
  await database.db
    .insertInto('meta')
    .values({ key: 'national_catalog', value: hash })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: hash }))
    .execute();
}
