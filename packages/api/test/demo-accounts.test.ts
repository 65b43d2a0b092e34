import type { Platform } from '@onex/core';
import type { Database } from '@onex/db';
import { seedAssessmentFixture } from '@onex/db/testing/assessment-fixture.ts';
import { createTestPlatform, testEngines } from '@onex/db/testing/index.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSessionAuth } from '../src/auth/better-auth.ts';
import { seedDemoAccounts } from '../src/auth/demo-accounts.ts';

describe('demo accounts', () => {
  let database: Database;
  let platform: Platform;
  const sessions = () =>
    createSessionAuth({
      db: database.db as never,
      secret: 'a-test-secret-of-more-than-thirty-two-characters',
      baseUrl: 'https://onex.example',
      trustedOrigins: ['https://onex.example'],
    });
  const hr = () =>
    database.db
      .selectFrom('auth_user')
      .select(['org_kind', 'org_id', 'name'])
      .where('email', '=', 'hr@demo.onex')
      .executeTakeFirstOrThrow();

  beforeAll(async () => {
    database = await testEngines()[0]!.open();
    ({ platform } = createTestPlatform(database));
    await seedAssessmentFixture(platform, 'DA');
  });
  afterAll(async () => {
    await database?.close();
  });

  it('puts the HR account in the first employer, and moves a placeholder one there on a later start', async () => {
    const second = await platform.employers.registerEmployer({
      code: 'SYN-EMP-0002',
      nameZh: '乙（示例）',
      nameEn: 'B (demo)',
      uscc: '9144030071526726XG',
    });
    const first = await platform.employers.registerEmployer({
      code: 'SYN-EMP-0001',
      nameZh: '甲（示例）',
      nameEn: 'A (demo)',
      uscc: '91330100799655058B',
    });
    const made = await seedDemoAccounts(database, sessions());
    expect(made.find((a) => a.role === 'EMPLOYER_HR')?.of).toBe('甲（示例） (SYN-EMP-0001)');
    expect(await hr()).toMatchObject({ org_kind: 'EMPLOYER', org_id: first.id });

    // A database whose demo accounts predate employers gave HR the placeholder EMP-DEMO.
    await database.db
      .updateTable('auth_user')
      .set({ org_id: 'EMP-DEMO' })
      .where('email', '=', 'hr@demo.onex')
      .execute();
    expect(await seedDemoAccounts(database, sessions())).toEqual([]);
    expect(await hr()).toMatchObject({ org_id: first.id, name: '甲（示例） (SYN-EMP-0001)' });
    // A real employer is kept.
    await database.db
      .updateTable('auth_user')
      .set({ org_id: second.id })
      .where('email', '=', 'hr@demo.onex')
      .execute();
    await seedDemoAccounts(database, sessions());
    expect((await hr()).org_id).toBe(second.id);
  });
});
