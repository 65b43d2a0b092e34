import {
  type Clock,
  createPlatform,
  manualClock,
  type Platform,
  type Random,
  sequentialIds,
} from '@onex/core';
import { nodeCrypto } from '@onex/core/crypto/node-provider.ts';
import type { Database } from '../database.ts';
import { createIdentityVault } from '../identity-vault.ts';
import { createRepositories } from '../repositories/index.ts';
import { createSecretBox } from '../secret-box.ts';
import { createMilpSolver } from '../solver/milp-solver.ts';

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
    curriculumStore: repos.curriculum,
    milpSolver: testSolver(),
    assessmentStore: repos.assessment,
    credentialStore: repos.credentials,
    ledgerStore: repos.ledger,
    creditBankStore: repos.creditBank,
    accessStore: repos.access,
    employersStore: repos.employers,
    vault: createIdentityVault(testMasterKey),
    box: createSecretBox(testMasterKey),
    crypto: nodeCrypto,
    clock: clock satisfies Clock,
    ids: sequentialIds(),
    random: seededRandom(42),
    baseUrl: 'https://onex.example',
  });
  return { platform, clock };
}

let solver: ReturnType<typeof createMilpSolver> | undefined;

/** One HiGHS thread per test process (idle, it is unref'd and never keeps the process alive). */
export function testSolver(): ReturnType<typeof createMilpSolver> {
  solver ??= createMilpSolver();
  return solver;
}

/** Deterministic bytes (xorshift) for tests: real keys and real signatures, reproducible runs. */
export function seededRandom(seed: number): Random {
  let x = seed >>> 0 || 1;
  return {
    bytes(n) {
      const out = new Uint8Array(n);
      for (let i = 0; i < n; i++) {
        x ^= x << 13;
        x ^= x >>> 17;
        x ^= x << 5;
        out[i] = x & 0xff;
      }
      return out;
    },
  };
}
