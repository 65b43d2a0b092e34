import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../src/database.ts';
import { migrate } from '../src/migrate.ts';
import { migrations } from '../src/migrations/index.ts';
import { dropTestDatabase } from '../src/testing/engines.ts';

describe('migrations', () => {
  it('apply once on a new PGlite database and are a no-op the second time', async () => {
    const database = await openDatabase({ dataDir: 'memory://' });
    try {
      expect((await migrate(database.db)).applied).toEqual(Object.keys(migrations));
      expect((await migrate(database.db)).applied).toEqual([]);
    } finally {
      await database.close();
    }
  });

  it.runIf(process.env.DATABASE_URL)(
    'are applied exactly once when two processes start at once against one PostgreSQL',
    async () => {
      const url = process.env.DATABASE_URL!;
      const name = `onex_mig_${process.pid}_${Date.now().toString(36)}`;
      const admin = await openDatabase({ url, poolSize: 1 });
      await sql.raw(`create database ${name}`).execute(admin.db);
      const u = new URL(url);
      u.pathname = `/${name}`;
      const a = await openDatabase({ url: u.toString(), poolSize: 2 });
      const b = await openDatabase({ url: u.toString(), poolSize: 2 });
      try {
        const [ra, rb] = await Promise.all([migrate(a.db), migrate(b.db)]);
        // One run applied everything; the other waited on the advisory lock and found nothing to do.
        expect([ra.applied, rb.applied].sort((x, y) => y.length - x.length)).toEqual([
          Object.keys(migrations),
          [],
        ]);
        const rows = await sql<{ n: number }>`select count(*)::int as n from onex_migration`.execute(a.db);
        expect(rows.rows[0]?.n).toBe(Object.keys(migrations).length);
      } finally {
        await a.close();
        await b.close();
        await dropTestDatabase(admin, name);
        await admin.close();
      }
    },
  );
});
