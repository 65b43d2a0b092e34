import { createHash } from 'node:crypto';
import {
  isValidUscc,
  majorCatalog,
  type Platform,
  parseNationalId,
  referenceCatalogDocument,
} from '@onex/core';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../database.ts';
import { createIdentityVault } from '../identity-vault.ts';
import type { DB } from '../schema.ts';
import { createTestPlatform, type TestEngine, testEngines, testMasterKey } from '../testing/index.ts';
import { buildCurriculum, curriculumProblems, stageOf } from './curriculum.ts';
import { type DemoSummary, generateDemo, isDemoSeeded } from './index.ts';
import { dayNumber, idCapacity, syntheticNationalId } from './people.ts';
import { Rng } from './rng.ts';

const vault = createIdentityVault(testMasterKey);

/** A fresh migrated database with the reference catalog, and the platform over it. */
async function fresh(engine: TestEngine): Promise<{ database: Database; platform: Platform }> {
  const database = await engine.open();
  const { platform } = createTestPlatform(database);
  await platform.catalog.importCatalog(referenceCatalogDocument());
  return { database, platform };
}

describe.each(testEngines())('the small demo on $name', (engine) => {
  let database: Database;
  let platform: Platform;
  let summary: DemoSummary;
  let db: Kysely<DB>;

  beforeAll(async () => {
    ({ database, platform } = await fresh(engine));
    db = database.db;
    expect(await isDemoSeeded(db)).toBe(false);
    summary = await generateDemo({ database, platform, vault }, { scale: 'small', seed: 1 });
  });
  afterAll(async () => {
    await database?.close();
  });

  it('places institutions of all three types in many provinces, urban and rural', async () => {
    const rows = await db.selectFrom('institution').selectAll().execute();
    expect(rows.length).toBe(30);
    expect(new Set(rows.map((r) => r.province_code)).size).toBeGreaterThanOrEqual(12);
    expect(new Set(rows.map((r) => r.urban_rural))).toEqual(new Set(['URBAN', 'RURAL']));
    expect(new Set(rows.map((r) => r.type))).toEqual(
      new Set(['SECONDARY_VET', 'HIGHER_VET', 'VOCATIONAL_UNDERGRAD']),
    );
    for (const r of rows) {
      expect(r.code).toMatch(new RegExp(`^SYN-${r.province_code}-\\d{4}$`));
      expect(r.name_zh.endsWith('（示例）')).toBe(true);
      expect(r.synthetic).toBe(true);
    }
    expect(await isDemoSeeded(db)).toBe(true);
  });

  it('gives every programme at least 2,500 hours (高职) or 3,000 (中职) at 16–18 hours per credit', async () => {
    const rows = await db
      .selectFrom('programme as p')
      .innerJoin('reference_major as m', 'm.code', 'p.major_code')
      .innerJoin('course as c', 'c.programme_id', 'p.id')
      .select(['p.id', 'p.hours_per_credit', 'm.level', 'c.hours'])
      .execute();
    const byProgramme = new Map<string, { level: string; hpc: number; hours: number }>();
    for (const r of rows) {
      const p = byProgramme.get(r.id) ?? { level: r.level, hpc: r.hours_per_credit, hours: 0 };
      p.hours += r.hours;
      byProgramme.set(r.id, p);
    }
    expect(byProgramme.size).toBeGreaterThanOrEqual(80);
    expect(byProgramme.size).toBe(summary.programmes);
    for (const p of byProgramme.values()) {
      expect(p.hpc).toBeGreaterThanOrEqual(16);
      expect(p.hpc).toBeLessThanOrEqual(18);
      expect(p.hours).toBeGreaterThanOrEqual(p.level === 'SECONDARY_VET' ? 3000 : 2500);
    }
  });

  it('follows the plan rules: public ≥ 1/4, electives ≥ 10 %, practice ≥ 50 %, 6–8 core courses, a placement', async () => {
    const courses = await db
      .selectFrom('course as c')
      .innerJoin('programme as p', 'p.id', 'c.programme_id')
      .selectAll('c')
      .select('p.hours_per_credit')
      .execute();
    const byProgramme = new Map<string, typeof courses>();
    for (const c of courses) byProgramme.set(c.programme_id, [...(byProgramme.get(c.programme_id) ?? []), c]);
    for (const list of byProgramme.values()) {
      const sum = (f: (c: (typeof list)[number]) => number) => list.reduce((s, c) => s + f(c), 0);
      const total = sum((c) => c.hours);
      expect(list.length).toBeGreaterThanOrEqual(25);
      expect(list.length).toBeLessThanOrEqual(32);
      expect(sum((c) => (c.type === 'PUBLIC_FOUNDATION' ? c.hours : 0))).toBeGreaterThanOrEqual(total / 4);
      expect(sum((c) => (c.type === 'ELECTIVE' ? c.hours : 0))).toBeGreaterThanOrEqual(total / 10);
      expect(sum((c) => c.practice_hours)).toBeGreaterThanOrEqual(total / 2);
      const core = list.filter((c) => c.type === 'PROFESSIONAL_CORE').length;
      expect(core).toBeGreaterThanOrEqual(6);
      expect(core).toBeLessThanOrEqual(8);
      expect(list.some((c) => c.type === 'PRACTICUM' && c.name_zh === '岗位实习' && c.hours >= 600)).toBe(
        true,
      );
      for (const c of list) {
        expect(Number(c.credits)).toBe(Math.max(0.5, Math.round((c.hours / c.hours_per_credit) * 2) / 2));
      }
    }
  });

  it('offers only majors of the levels its institution type may offer', async () => {
    const rows = await db
      .selectFrom('programme as p')
      .innerJoin('institution as i', 'i.id', 'p.institution_id')
      .innerJoin('reference_major as m', 'm.code', 'p.major_code')
      .select(['i.type', 'm.level'])
      .execute();
    const allowed: Record<string, string[]> = {
      SECONDARY_VET: ['SECONDARY_VET'],
      HIGHER_VET: ['HIGHER_VET_SHORT'],
      VOCATIONAL_UNDERGRAD: ['VOCATIONAL_BACHELOR', 'HIGHER_VET_SHORT'],
    };
    for (const r of rows) expect(allowed[r.type]).toContain(r.level);
  });

  it('gives every learner a valid ID number that starts with 99 and matches the stored birth year and gender', async () => {
    const rows = await db
      .selectFrom('learner')
      .select([
        'national_id_cipher',
        'national_id_index',
        'national_id_masked',
        'birth_year',
        'gender',
        'synthetic',
      ])
      .execute();
    expect(rows.length).toBe(2000);
    const seen = new Set<string>();
    for (const r of rows) {
      const id = vault.decrypt(r.national_id_cipher);
      const parsed = parseNationalId(id);
      if ('problem' in parsed) throw new Error(`${id}: ${parsed.problem}`);
      expect(id.startsWith('99')).toBe(true);
      expect(parsed.birthYear).toBeGreaterThanOrEqual(2000);
      expect(parsed.birthYear).toBeLessThanOrEqual(2008);
      expect(parsed.birthYear).toBe(r.birth_year);
      expect(parsed.gender).toBe(r.gender);
      expect(r.national_id_masked).toBe(`${id.slice(0, 4)}**********${id.slice(-4)}`);
      expect(Buffer.from(r.national_id_index).equals(Buffer.from(vault.index(id)))).toBe(true);
      expect(r.synthetic).toBe(true);
      seen.add(id);
    }
    expect(seen.size).toBe(rows.length);
  });

  it('finds a demo learner by ID number through the platform', async () => {
    const row = await db
      .selectFrom('learner')
      .select(['id', 'national_id_cipher'])
      .limit(1)
      .executeTakeFirstOrThrow();
    const found = await platform.programs.findLearnerByNationalId(vault.decrypt(row.national_id_cipher));
    expect(found?.id).toBe(row.id);
  });

  it('registers about 5 % social learners and puts every student in a programme of their institution', async () => {
    const rows = await db
      .selectFrom('learner as l')
      .leftJoin('programme as p', 'p.id', 'l.programme_id')
      .select(['l.kind', 'l.institution_id', 'p.institution_id as programme_institution'])
      .execute();
    const social = rows.filter((r) => r.kind === 'SOCIAL').length;
    expect(social / rows.length).toBeGreaterThan(0.03);
    expect(social / rows.length).toBeLessThan(0.08);
    for (const r of rows.filter((x) => x.kind === 'STUDENT'))
      expect(r.programme_institution).toBe(r.institution_id);
  });

  it('publishes one standard per certificate with 3–6 areas × 2–5 tasks × 2–6 requirements per level', async () => {
    const certificates = await platform.catalog.listCertificates();
    expect(certificates.length).toBe(16);
    const perLevel = [0, 0, 0];
    for (const cert of certificates) {
      const versions = await platform.catalog.listStandards(cert.id);
      expect(versions.map((v) => [v.version, v.status])).toEqual([[1, 'PUBLISHED']]);
      const std = await platform.catalog.getStandard(versions[0]!.id);
      for (const level of cert.levels.map((l) => l.level)) {
        const nodes = std.nodes.filter((n) => n.level === level);
        const areas = nodes.filter((n) => n.kind === 'AREA');
        expect(areas.length).toBeGreaterThanOrEqual(3);
        expect(areas.length).toBeLessThanOrEqual(6);
        for (const area of areas) {
          const tasks = nodes.filter((n) => n.kind === 'TASK' && n.code.startsWith(`${area.code}.`));
          expect(tasks.length).toBeGreaterThanOrEqual(2);
          expect(tasks.length).toBeLessThanOrEqual(5);
          for (const task of tasks) {
            const reqs = nodes.filter((n) => n.kind === 'REQUIREMENT' && n.code.startsWith(`${task.code}.`));
            expect(reqs.length).toBeGreaterThanOrEqual(2);
            expect(reqs.length).toBeLessThanOrEqual(6);
            for (const r of reqs) {
              for (const text of [r.behaviour, r.condition, r.standard, r.result])
                expect(text).toMatch(/\p{Script=Han}/u);
              expect(r.titleEn).toBeTruthy();
            }
          }
        }
        perLevel[level - 1]! += nodes.filter((n) => n.kind === 'REQUIREMENT').length;
      }
    }
    // Higher levels ask for more.
    expect(perLevel[0]).toBeLessThan(perLevel[1]!);
    expect(perLevel[1]).toBeLessThan(perLevel[2]!);
  });

  it('adds three clearly synthetic demo employers with well-formed credit codes that cannot be real', async () => {
    const employers = await platform.employers.listEmployers();
    expect(employers.map((e) => e.code)).toEqual(['SYN-EMP-0001', 'SYN-EMP-0002', 'SYN-EMP-0003']);
    for (const e of employers) {
      expect(e.synthetic).toBe(true);
      expect(e.nameZh).toMatch(/（示例）$/);
      expect(isValidUscc(e.uscc)).toBe(true);
      // Characters 3–8 are a GB/T 2260 area code, and none starts with 99.
      expect(e.uscc.slice(2, 4)).toBe('99');
    }
    expect(summary.employers).toBe(3);
  });

  it('reports what it made, with throughput and memory', () => {
    expect(summary).toMatchObject({
      institutions: 30,
      learners: 2000,
      standards: 16,
      noop: false,
      learnerPath: 'bulk',
    });
    expect(summary.courses).toBeGreaterThan(summary.programmes * 24);
    expect(summary.learnersPerSecond).toBeGreaterThan(0);
    expect(summary.peakRssMb).toBeGreaterThan(0);
    expect(summary.text).toContain('学习者 learners: 2,000');
    expect(summary.text).toContain('peak RSS');
  });

  it('does nothing on a second run, whatever the seed', async () => {
    const count = async () => ({
      institutions: (await db.selectFrom('institution').select('id').execute()).length,
      learners: (await db.selectFrom('learner').select('id').execute()).length,
      standards: (await db.selectFrom('skill_standard').select('id').execute()).length,
    });
    const before = await count();
    const again = await generateDemo({ database, platform, vault }, { scale: 'small', seed: 2 });
    expect(again.noop).toBe(true);
    expect(again.text).toContain('nothing was changed');
    expect(again).toMatchObject({ institutions: 30, learners: 2000, standards: 0 });
    expect(await count()).toEqual(before);
  });
});

/** A digest of every demo row in a stable order (cipher bytes excluded: AES-GCM nonces are random by design). */
async function digest(db: Kysely<DB>): Promise<string> {
  const h = createHash('sha256');
  const add = (rows: unknown[]) =>
    h.update(JSON.stringify(rows, (_k, v) => (v instanceof Uint8Array ? Buffer.from(v).toString('hex') : v)));
  add(await db.selectFrom('institution').selectAll().orderBy('id').execute());
  add(await db.selectFrom('programme').selectAll().orderBy('id').execute());
  add(await db.selectFrom('course').selectAll().orderBy('id').execute());
  add(
    await db
      .selectFrom('learner')
      .select([
        'id',
        'kind',
        'name_zh',
        'institution_id',
        'programme_id',
        'province_code',
        'birth_year',
        'gender',
      ])
      .select(['national_id_index', 'national_id_masked', 'synthetic', 'created_at'])
      .orderBy('id')
      .execute(),
  );
  add(await db.selectFrom('skill_standard').selectAll().orderBy('id').execute());
  add(await db.selectFrom('employer').selectAll().orderBy('id').execute());
  add(await db.selectFrom('curriculum_mapping').selectAll().orderBy('id').execute());
  add(
    await db
      .selectFrom('skill_node')
      .selectAll()
      .orderBy('standard_id')
      .orderBy('level')
      .orderBy('code')
      .execute(),
  );
  return h.digest('hex');
}

describe('demo determinism', () => {
  const engine = testEngines()[0]!;

  async function run(seed: number): Promise<{ digest: string; names: string[] }> {
    const { database, platform } = await fresh(engine);
    try {
      await generateDemo({ database, platform, vault }, { scale: 'small', seed });
      const names = (
        await database.db.selectFrom('institution').select('name_zh').orderBy('code').execute()
      ).map((r) => r.name_zh);
      return { digest: await digest(database.db), names };
    } finally {
      await database.close();
    }
  }

  let first: { digest: string; names: string[] };
  beforeAll(async () => {
    first = await run(7);
  });

  it('writes identical rows from the same seed into two fresh databases', async () => {
    expect((await run(7)).digest).toBe(first.digest);
  });

  it('writes different data from a different seed', async () => {
    const other = await run(8);
    expect(other.digest).not.toBe(first.digest);
    expect(other.names).not.toEqual(first.names);
  });

  it('registers learners through the programmes service when no vault is given', async () => {
    const { database, platform } = await fresh(engine);
    try {
      const summary = await generateDemo(
        { database, platform },
        { scale: 'small', seed: 3, plan: { learners: 300 } },
      );
      expect(summary).toMatchObject({ learners: 300, learnerPath: 'service' });
      const row = await database.db
        .selectFrom('learner')
        .select('national_id_cipher')
        .limit(1)
        .executeTakeFirstOrThrow();
      expect(vault.decrypt(row.national_id_cipher)).toMatch(/^99\d{15}[\dX]$/);
    } finally {
      await database.close();
    }
  });
});

describe('demo building blocks', () => {
  it('plans a compliant curriculum for every major of the catalogue', () => {
    for (const major of majorCatalog.majors) {
      for (let i = 0; i < 5; i++) {
        const plan = buildCurriculum(new Rng(i, major.code), major);
        expect(curriculumProblems(stageOf(major), plan)).toEqual([]);
      }
    }
  });

  it('never gives two learners the same ID number, across the whole capacity', () => {
    const rng = new Rng(1);
    const range = { fromDay: dayNumber(2004), toDay: dayNumber(2008, 12, 31) };
    const seen = new Set<string>();
    const block = idCapacity / 16;
    const numbers: number[] = [];
    for (let n = 0; n < 60_000; n++) numbers.push(n);
    // The same slot in every day-residue block, and the last numbers of the capacity.
    for (let k = 0; k < 16; k++) for (let r = 0; r < 50; r++) numbers.push(k * block + 123_457 + r);
    for (let n = idCapacity - 1000; n < idCapacity; n++) numbers.push(n);
    for (const n of numbers) {
      // One gender for all, so that the parity digit cannot hide a collision.
      const { nationalId, birthYear } = syntheticNationalId(n, rng, range, 'F', 4242);
      expect('problem' in parseNationalId(nationalId)).toBe(false);
      expect(birthYear).toBeGreaterThanOrEqual(2004);
      seen.add(nationalId);
    }
    expect(seen.size).toBe(new Set(numbers).size);
    expect(() => syntheticNationalId(idCapacity, rng, range, 'M', 0)).toThrow(RangeError);
  });
});
