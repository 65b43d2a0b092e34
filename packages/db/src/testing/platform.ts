import { type Clock, createPlatform, manualClock, type Platform, sequentialIds } from '@onex/core';
import type { Database } from '../database.ts';
import { createIdentityVault } from '../identity-vault.ts';
import { createRepositories } from '../repositories/index.ts';

/** A fixed 32-byte key for tests: real AES-GCM, deterministic setup. */
export const testMasterKey = new Uint8Array(32).map((_, i) => i + 1);

export interface TestPlatform {
  platform: Platform;
  clock: ReturnType<typeof manualClock>;
}

/** The platform over a test database, with a clock the test moves and sequential ids. */
export function createTestPlatform(database: Database, start = '2026-09-01T08:00:00Z'): TestPlatform {
  const clock = manualClock(start);
  const repos = createRepositories(database.db);
  const platform = createPlatform({
    catalogStore: repos.catalog,
    programsStore: repos.programs,
    vault: createIdentityVault(testMasterKey),
    clock: clock satisfies Clock,
    ids: sequentialIds(),
  });
  return { platform, clock };
}
