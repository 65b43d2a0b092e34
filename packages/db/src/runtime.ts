import { type Clock, createPlatform, type IdGenerator, type Platform, referenceCatalogDocument } from '@onex/core';
import { type Database, openDatabase } from './database.ts';
import { createIdentityVault } from './identity-vault.ts';
import { migrate } from './migrate.ts';
import { loadReferenceData } from './reference-data.ts';
import { createRepositories } from './repositories/index.ts';
import { randomIds, systemClock } from './system.ts';

export interface RuntimeOptions {
  databaseUrl?: string | undefined;
  dataDir?: string | undefined;
  masterKey: Uint8Array;
  clock?: Clock;
  ids?: IdGenerator;
}

export interface Runtime {
  database: Database;
  platform: Platform;
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
  try {
    const { applied } = await migrate(database.db);
    await loadReferenceData(database.db);
    const clock = options.clock ?? systemClock;
    const repos = createRepositories(database.db);
    const platform = createPlatform({
      catalogStore: repos.catalog,
      programsStore: repos.programs,
      vault: createIdentityVault(options.masterKey),
      clock,
      ids: options.ids ?? randomIds(clock),
    });
    await platform.catalog.importCatalog(referenceCatalogDocument());
    return { database, platform, applied, close: () => database.close() };
  } catch (e) {
    await database.close();
    throw e;
  }
}
