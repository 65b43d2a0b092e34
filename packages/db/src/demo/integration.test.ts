import { type Platform, referenceCatalogDocument } from '@onex/core';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../database.ts';
import { createIdentityVault } from '../identity-vault.ts';
import { createTestPlatform, testEngines, testMasterKey } from '../testing/index.ts';
import { demoOutcomeCodes, ensureDemoIntegration, generateDemo, seedDemoIntegration } from './index.ts';

/** The demo's 书证融通 and 学分银行 content: what the web pages of issue 7 show on a fresh start. */
describe('the demo curriculum and credit bank', () => {
  let database: Database;
  let platform: Platform;
  let home: { learnerId: string; institutionId: string };

  const count = async (table: string) =>
    (await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(database.db))
      .rows[0]!.n;
  const counts = async () =>
    Promise.all(
      ['curriculum_mapping', 'credit_rule', 'credit_outcome', 'credit_transaction', 'credential'].map(count),
    );

  beforeAll(async () => {
    database = await testEngines()[0]!.open();
    ({ platform } = createTestPlatform(database));
    await platform.catalog.importCatalog(referenceCatalogDocument());
    const vault = createIdentityVault(testMasterKey);
    await generateDemo({ database, platform, vault }, { scale: 'small', seed: 1, plan: { learners: 300 } });
    // The learner demo-accounts.ts signs in as learner@demo.onex, and whose institution's staff are the demo's.
    const first = await database.db
      .selectFrom('learner as l')
      .innerJoin('institution as i', 'i.id', 'l.institution_id')
      .select(['l.id', 'i.id as institution_id'])
      .orderBy('i.code')
      .orderBy('l.id')
      .executeTakeFirstOrThrow();
    home = { learnerId: first.id, institutionId: first.institution_id };
  });
  afterAll(async () => {
    await database?.close();
  });

  it("maps the home institution's programmes and the 软件技术 programmes, partially, with gaps", async () => {
    const cells = await platform.curriculum.coverageOverview(home.institutionId);
    const mapped = cells.filter((c) => c.mapped);
    expect(mapped.length).toBeGreaterThan(0);
    for (const c of mapped) {
      expect(c.targeted).toBe(true);
      expect(c.summary.coverage).toBeGreaterThan(0);
      expect(c.summary.coverage).toBeLessThan(1);
      expect(c.summary.hoursNeeded).toBeGreaterThan(0);
      // The matrix of the detail view says the same.
      const matrix = await platform.curriculum.coverage(c.programmeId, c.certificateCode, c.level);
      expect(matrix.summary).toEqual(c.summary);
      expect(matrix.requirements.some((r) => r.status !== 'COVERED')).toBe(true);
      expect(matrix.requirements.some((r) => r.cells.some((x) => x.kind === 'REPLACE'))).toBe(true);
    }
    const software = await database.db
      .selectFrom('programme')
      .select('id')
      .where('major_code', '=', '510203')
      .execute();
    for (const p of software.slice(0, 4)) {
      const web = await platform.curriculum.coverage(p.id, 'X-0102', 2);
      expect(web.summary.covered + web.summary.partial).toBeGreaterThan(0);
      expect(web.summary.coverage).toBeLessThan(1);
    }
    // The optimizer has gaps to close.
    const [first] = mapped;
    const plan = await platform.curriculum.optimize(
      first!.programmeId,
      first!.certificateCode,
      first!.level,
      {
        budget: 24,
      },
    );
    expect(plan.after.coverage).toBeGreaterThan(plan.before.coverage);
  });

  it('gives every institution with mappings a conversion rule, and the home one versions and declared-outcome rules', async () => {
    const institutions = await database.db
      .selectFrom('curriculum_mapping as m')
      .innerJoin('programme as p', 'p.id', 'm.programme_id')
      .select('p.institution_id')
      .distinct()
      .execute();
    for (const { institution_id } of institutions) {
      const rules = await platform.creditBank.listRules({ institution: institution_id });
      expect(rules.some((r) => r.outcomeKind === 'X_CERT' && r.exemptCourseIds.length === 1)).toBe(true);
    }
    const rules = await platform.creditBank.listRules({ institution: home.institutionId });
    expect(rules.map((r) => [r.outcomeKind, r.outcomeCode ?? r.certificateCode, r.version])).toEqual([
      ['X_CERT', rules[0]!.certificateCode, 1],
      ['X_CERT', rules[0]!.certificateCode, 2],
      ['COURSE', demoOutcomeCodes.course, 1],
      ['COMPETITION', demoOutcomeCodes.competition, 1],
    ]);
    expect(rules[0]!.effectiveTo).toBe(rules[1]!.effectiveFrom);
  });

  it("fills the demo learner's account: a verified, converted certificate, an approved award, a course pending review", async () => {
    const view = await platform.creditBank.getAccount(home.learnerId);
    expect(view.outcomes.map((o) => [o.kind, o.status]).sort()).toEqual([
      ['COMPETITION', 'CONVERTED'],
      ['COURSE', 'PENDING'],
      ['X_CERT', 'CONVERTED'],
    ]);
    const cert = view.outcomes.find((o) => o.kind === 'X_CERT')!;
    expect(cert.verification?.verified).toBe(true);
    expect(cert.achievedOn).toBe('2025-06-20');
    const award = view.outcomes.find((o) => o.kind === 'COMPETITION')!;
    expect(award.review).toMatchObject({ decision: 'APPROVED', reviewerId: 'demo:teacher' });
    expect(award.submittedBy).toBe('demo:learner');
    expect(award.evidence.length).toBeGreaterThan(0);
    expect(view.transactions.map((t) => t.kind)).toEqual([
      'ACCUMULATE',
      'ACCUMULATE',
      'CREDIT',
      'EXEMPT',
      'CREDIT',
    ]);
    for (const t of view.transactions) expect(t.explanation.zh.length).toBeGreaterThan(20);
    expect(view.exemptions).toHaveLength(1);
    expect(view.balance).toBeGreaterThan(0);
    const queue = await platform.creditBank.listInstitutionOutcomes(home.institutionId);
    expect(queue.map((o) => [o.learnerId, o.outcomeCode])).toEqual([
      [home.learnerId, demoOutcomeCodes.course],
    ]);
    // The certificate is a real one of this instance: in the learner's wallet, with its number.
    const [record] = await platform.credentials.listForLearner(home.learnerId);
    expect(record?.certificateNumber).toMatch(/^1X-25\d{5}-\d{2}-000001$/);
  });

  it('adds nothing when run again, and finishes an interrupted run without duplicating', async () => {
    const before = await counts();
    expect(await seedDemoIntegration({ database, platform }, 1)).toMatchObject({ noop: true });
    expect(await ensureDemoIntegration({ database, platform })).toMatchObject({ noop: true });
    expect((await generateDemo({ database, platform }, { scale: 'small', seed: 1 })).noop).toBe(true);
    expect(await counts()).toEqual(before);
    // As if the run had stopped before marking itself done: every part finds its work there.
    await database.db.deleteFrom('meta').where('key', '=', 'demo-integration').execute();
    expect(await ensureDemoIntegration({ database, platform })).toMatchObject({
      noop: false,
      mappings: 0,
      rules: 0,
      outcomes: 0,
    });
    expect(await counts()).toEqual(before);
  });
});
