import { type Kysely, type MigrationResultSet, Migrator } from 'kysely';
import { migrations } from './migrations/index.ts';
import type { DB } from './schema.ts';

export interface MigrateResult {
  applied: string[];
}

/**
 * Applies pending migrations. Idempotent. Safe when several processes start at once against one
 * PostgreSQL: Kysely's PostgresAdapter takes a transaction-scoped advisory lock
 * (`pg_advisory_xact_lock`) around the whole run, so the second process waits and then finds
 * nothing to do (tested in `migrate.test.ts`).
 */
export async function migrate(db: Kysely<DB>): Promise<MigrateResult> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    migrationTableName: 'onex_migration',
    migrationLockTableName: 'onex_migration_lock',
  });
  const result: MigrationResultSet = await migrator.migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error');
    const reason = result.error instanceof Error ? result.error.message : String(result.error);
    throw new Error(`migration ${failed?.migrationName ?? '(unknown)'} failed: ${reason}`);
  }
  return {
    applied: (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName),
  };
}
