import type { ConsentGrant } from '@onex/core';
import { nationalIdCheckChar } from '@onex/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/database.ts';
import { AccessRepository, EmployersRepository } from '../src/repositories/index.ts';
import { createTestPlatform, testEngines } from '../src/testing/index.ts';

/** Employers and consent grants in the database, on every engine. */
describe.each(testEngines())('employers and consent grants on $name', (engine) => {
  let database: Database;
  let repo: EmployersRepository;
  let learnerId: string;
  let employerId: string;
  const at = new Date('2026-09-01T08:00:00Z');
  const grant = (g: Partial<ConsentGrant>): ConsentGrant => ({
    id: 'consent_x',
    learnerId,
    employerId,
    scope: 'ALL',
    credentialIds: [],
    purpose: '应聘',
    revealIdentity: false,
    grantedBy: 'user_1',
    grantedAt: at,
    expiresAt: new Date(at.getTime() + 1000),
    revokedAt: null,
    revokedBy: null,
    ...g,
  });

  beforeAll(async () => {
    database = await engine.open();
    const { platform } = createTestPlatform(database);
    repo = new EmployersRepository(database.db);
    learnerId = (
      await platform.programs.registerLearner({
        kind: 'SOCIAL',
        nameZh: '王五',
        nationalId: `33010619900101123${nationalIdCheckChar('33010619900101123')}`,
        provinceCode: '33',
      })
    ).id;
    employerId = (
      await platform.employers.registerEmployer({
        code: 'EMP-1',
        nameZh: '甲',
        nameEn: 'A',
        uscc: '91330100799655058B',
      })
    ).id;
  });
  afterAll(async () => {
    await database?.close();
  });

  it('finds an employer by id or code, and owners of employers and grants for scoping', async () => {
    expect((await repo.findEmployer('EMP-1'))?.id).toBe(employerId);
    expect((await repo.findEmployer(employerId))?.code).toBe('EMP-1');
    await repo.insertGrant(grant({ id: 'consent_owner' }));
    const access = new AccessRepository(database.db);
    expect(await access.ownerOf('employer', 'EMP-1')).toMatchObject({ employerId });
    // A grant is its learner's, never its employer's.
    expect(await access.ownerOf('consent', 'consent_owner')).toEqual({
      teoId: null,
      institutionId: null,
      learnerId,
    });
    expect(await access.ownerOf('consent', 'consent_none')).toBeNull();
  });

  it('lists a grant as live until the instant it expires, and never once revoked', async () => {
    await repo.insertGrant(grant({ id: 'consent_live', scope: 'SELECTED', credentialIds: ['c1', 'c2'] }));
    const live = (t: number) =>
      repo
        .listLiveGrants({ employerId, learnerId, at: new Date(at.getTime() + t) })
        .then((g) => g.map((x) => x.id));
    expect(await live(999)).toContain('consent_live');
    expect(await live(1000)).not.toContain('consent_live');
    expect((await repo.findGrant('consent_live'))?.credentialIds).toEqual(['c1', 'c2']);
    const [first, second] = await Promise.all([
      repo.revokeGrant('consent_live', at, 'user_1'),
      repo.revokeGrant('consent_live', at, 'user_2'),
    ]);
    // Two revocations at once: exactly one of them revokes.
    expect([first, second].filter(Boolean)).toHaveLength(1);
    expect(await live(0)).not.toContain('consent_live');
  });

  it('refuses a grant whose scope and credential list disagree, or that expires before it starts', async () => {
    await expect(repo.insertGrant(grant({ id: 'consent_bad1', scope: 'SELECTED' }))).rejects.toThrow();
    await expect(repo.insertGrant(grant({ id: 'consent_bad2', credentialIds: ['c1'] }))).rejects.toThrow();
    await expect(repo.insertGrant(grant({ id: 'consent_bad3', expiresAt: at }))).rejects.toThrow();
    expect(await repo.findGrant('consent_bad1')).toBeUndefined();
  });
});
