import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.test.ts', 'packages/*/test/**/*.test.ts', 'bench/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // vitest's default (cores − 1) runs one file at a time on a 2-core machine; the slow files
    // (crash tests, CLI processes, browsers) mostly wait on I/O and children, so two at once pay.
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
});
