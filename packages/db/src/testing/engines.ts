import { type Database, openDatabase } from '../database.ts';
import { migrate } from '../migrate.ts';
import { loadReferenceData } from '../reference-data.ts';

export interface TestEngine {
  name: 'pglite' | 'postgres';
  /** A fresh, migrated database with the reference data loaded. */
  open(): Promise<Database>;
}

let counter = 0;

/**
 * The engines a repository contract suite runs on: PGlite always, PostgreSQL whenever
 * `DATABASE_URL` is set (CI sets it). Each `open()` on PostgreSQL makes a new schema-isolated
 * database so tests never see each other's rows.
 */
export function testEngines(): TestEngine[] {
  const engines: TestEngine[] = [
    {
      name: 'pglite',
      async open() {
        const database = await openDatabase({ dataDir: 'memory://' });
        await migrate(database.db);
        await loadReferenceData(database.db);
        return database;
      },
    },
  ];
  const url = process.env.DATABASE_URL;
  if (url) {
    engines.push({
      name: 'postgres',
      async open() {
        const name = `onex_t_${process.pid}_${Date.now().toString(36)}_${counter++}`;
        const admin = await openDatabase({ url, poolSize: 1 });
        const { sql } = await import('kysely');
        await sql.raw(`create database ${name}`).execute(admin.db);
        await admin.close();
        const u = new URL(url);
        u.pathname = `/${name}`;
        const database = await openDatabase({ url: u.toString(), poolSize: 4 });
        await migrate(database.db);
        await loadReferenceData(database.db);
        return {
          ...database,
          async close() {
            await database.close();
            const again = await openDatabase({ url, poolSize: 1 });
            await dropTestDatabase(again, name);
            await again.close();
          },
        };
      },
    });
  }
  return engines;
}

/**
 * Drops a test database once its connections are gone: a pool that was just closed may still have
 * clients closing, and a forced drop would kill them (an unhandled 57P01 error in the test run).
 */
export async function dropTestDatabase(admin: Database, name: string): Promise<void> {
  const { sql } = await import('kysely');
  for (let i = 0; i < 100; i++) {
    const r = await sql<{ n: number }>`
      select count(*)::int as n from pg_stat_activity where datname = ${name}`.execute(admin.db);
    if (r.rows[0]!.n === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  await sql.raw(`drop database if exists ${name} with (force)`).execute(admin.db);
}

/**
 * Runs `fn` with the URL of a fresh, empty PostgreSQL database on the server of `url` (for tests
 * that start their own processes on it), and drops the database afterwards.
 */
export async function withScratchDatabase<T>(
  url: string,
  prefix: string,
  fn: (databaseUrl: string) => Promise<T>,
): Promise<T> {
  const { sql } = await import('kysely');
  const name = `${prefix}_${process.pid}_${Date.now().toString(36)}`;
  const admin = await openDatabase({ url, poolSize: 1 });
  await sql.raw(`create database ${name}`).execute(admin.db);
  const u = new URL(url);
  u.pathname = `/${name}`;
  try {
    return await fn(u.toString());
  } finally {
    await dropTestDatabase(admin, name);
    await admin.close();
  }
}
