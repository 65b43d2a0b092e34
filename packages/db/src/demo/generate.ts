import {
  type Course,
  DomainError,
  type IdentityVault,
  type Institution,
  type LearnerRecord,
  maskNationalId,
  type NewLearner,
  type Platform,
  type Programme,
} from '@onex/core';
import type { Kysely } from 'kysely';
import { ProgramsRepository } from '../repositories/programs.repository.ts';
import type { Runtime } from '../runtime.ts';
import type { DB } from '../schema.ts';
import { seededIds } from '../system.ts';
import { buildCurriculum, courseDomainOf, curriculumProblems, stageOf } from './curriculum.ts';
import { countDemoEmployers, seedDemoEmployers } from './employers.ts';
import { planInstitutions, profileInstitution } from './institutions.ts';
import { ensureDemoIntegration, seedDemoIntegration } from './integration.ts';
import { chineseName, dayNumber, idCapacity, syntheticNationalId } from './people.ts';
import type { CourseDomain } from './places.ts';
import { allocate, deriveSeed, Rng } from './rng.ts';
import { demoStandardTree } from './standards.ts';

export const demoScales = ['small', 'province', 'national'] as const;
export type DemoScale = (typeof demoScales)[number];

/** The size of a dataset. */
export interface DemoPlan {
  institutions: number;
  learners: number;
  /** How many majors an institution offers (inclusive range). */
  majorsPerInstitution: readonly [number, number];
  cohortYears: readonly number[];
  /** How many of `cohortYears` each major runs (one programme per major and cohort). */
  cohortsPerMajor: number;
  /** Share of learners who are social learners (社会学习者), not students of a programme. */
  socialShare: number;
}

/**
 * `small` is what `npm start` seeds (a few seconds on PGlite); `province` is one province-sized
 * dataset (a large province such as 河南 has more, a small one fewer); `national` is the planning
 * figure of DOMAIN.md §6.1 (~11,000 schools, ~35 M students) on the same streaming code path.
 */
export const demoPlans: Readonly<Record<DemoScale, DemoPlan>> = {
  small: {
    institutions: 30,
    learners: 2_000,
    majorsPerInstitution: [2, 5],
    cohortYears: [2024, 2025, 2026],
    cohortsPerMajor: 1,
    socialShare: 0.05,
  },
  province: {
    institutions: 300,
    learners: 1_000_000,
    majorsPerInstitution: [3, 6],
    cohortYears: [2024, 2025, 2026],
    cohortsPerMajor: 3,
    socialShare: 0.05,
  },
  national: {
    institutions: 11_000,
    learners: 35_000_000,
    majorsPerInstitution: [3, 7],
    cohortYears: [2024, 2025, 2026],
    cohortsPerMajor: 3,
    socialShare: 0.05,
  },
};

export interface DemoProgress {
  start(total: number, label: string): void;
  update(done: number): void;
  stop(): void;
}

export interface DemoOptions {
  scale: DemoScale;
  /** Any non-negative integer: same seed ⇒ same data. */
  seed: number;
  progress?: DemoProgress | undefined;
  /**
   * The identity vault the platform encrypts ID numbers with. With it (here or as `runtime.vault`)
   * learners are encrypted here and bulk-inserted; without it they go through
   * `platform.programs.registerLearners`, which is correct but does per-row look-ups (fine for
   * `small`, far too slow for `province`).
   */
  vault?: IdentityVault | undefined;
  /** Overrides of the scale's plan (benchmarks and tests). */
  plan?: Partial<DemoPlan> | undefined;
}

/** What generateDemo needs of a Runtime; `vault` is optional until the runtime exposes it. */
export type DemoRuntime = Pick<Runtime, 'database' | 'platform'> & { vault?: IdentityVault | undefined };

export interface DemoSummary {
  /** Bilingual report for the CLI. */
  text: string;
  institutions: number;
  programmes: number;
  courses: number;
  learners: number;
  /** Demo employers (用人单位) there are. */
  employers: number;
  /** Skill standards published by this run. */
  standards: number;
  learnersPerSecond: number;
  peakRssMb: number;
  /** True when demo data was already there and nothing was written. */
  noop: boolean;
  /** How learners were written: bulk with the vault, or through the programmes service. */
  learnerPath: 'bulk' | 'service';
  seconds: number;
}

/** The date demo rows are stamped with (created_at): the generated content never reads the clock. */
export const demoReferenceDate = new Date('2026-09-01T00:00:00Z');

/** Learners per insert: one statement in ProgramsRepository (13 columns × 4,000 < 65,535 parameters). */
export const learnerBatchSize = 4_000;

const metaKey = 'demo';

/** True when any demo institution (synthetic, code `SYN-…`) exists. */
export async function isDemoSeeded(db: Kysely<DB>): Promise<boolean> {
  const row = await db
    .selectFrom('institution')
    .select('id')
    .where('synthetic', '=', true)
    .where('code', 'like', 'SYN-%')
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Adds the demo employers to a demo dataset seeded before employers existed (migration 0010), so
 * the demo HR account has an employer; does nothing when they are there. Returns how many it added.
 */
export async function ensureDemoEmployers(db: Kysely<DB>, seed = 1): Promise<number> {
  return seedDemoEmployers(db, seededIds(seed), demoReferenceDate);
}

/**
 * Generates a deterministic, clearly synthetic demo dataset: a published skill standard for every
 * catalog certificate that has none, then institutions, programmes with full course plans, and
 * learners, streamed in batches so memory stays flat at any scale. When demo data is already
 * there it does nothing and says so (a rerun never duplicates).
 */
export async function generateDemo(runtime: DemoRuntime, opts: DemoOptions): Promise<DemoSummary> {
  const started = performance.now();
  const db = runtime.database.db;
  const seed = opts.seed;
  if (!Number.isSafeInteger(seed) || seed < 0) {
    throw new DomainError(
      'VALIDATION_FAILED',
      { zh: '随机种子必须是非负整数', en: 'The seed must be a non-negative integer' },
      { issues: [{ path: 'seed', message: `not a non-negative integer: ${seed}` }] },
    );
  }
  if (await isDemoSeeded(db)) {
    const employersAdded = await ensureDemoEmployers(db, seed);
    // A demo seeded before mappings, rules and the demo learner's credits existed gets them.
    await ensureDemoIntegration(runtime);
    return noopSummary(db, started, employersAdded);
  }

  const plan: DemoPlan = { ...demoPlans[opts.scale], ...opts.plan };
  if (plan.learners > idCapacity || plan.institutions < 1 || plan.learners < 0) {
    throw new DomainError(
      'VALIDATION_FAILED',
      { zh: '演示数据规模超出范围', en: 'The demo plan is out of range' },
      { issues: [{ path: 'plan', message: `1 ≤ institutions, 0 ≤ learners ≤ ${idCapacity}` }] },
    );
  }
  const vault = opts.vault ?? runtime.vault;
  const progress = opts.progress;
  let peakRss = process.memoryUsage().rss;
  const sampleRss = () => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  };

  await writeMeta(db, { scale: opts.scale, seed, status: 'running' });
  const standards = await seedStandards(runtime.platform, seed);

  const plans = planInstitutions(seed, plan.institutions, plan.learners);
  const ids = seededIds(seed);
  const salt = deriveSeed(seed, 'national-id');
  const usedNames = new Set<string>();
  const provincesSeen = new Set<string>();
  const counts = { institutions: 0, urban: 0, programmes: 0, courses: 0, learners: 0, social: 0 };
  let learnerNo = 0;
  let pending: DemoLearner[] = [];

  const flush = async () => {
    if (pending.length === 0) return;
    const batch = pending;
    pending = [];
    if (vault) {
      const records: LearnerRecord[] = batch.map((l) => ({
        id: ids.next('lrn'),
        kind: l.kind,
        nameZh: l.nameZh,
        institutionId: l.institutionId,
        programmeId: l.programmeId,
        provinceCode: l.provinceCode,
        birthYear: l.birthYear,
        gender: l.gender,
        nationalIdMasked: maskNationalId(l.nationalId),
        nationalIdCipher: vault.encrypt(l.nationalId),
        nationalIdIndex: vault.index(l.nationalId),
        synthetic: true,
      }));
      await new ProgramsRepository(db).insertLearners(records, demoReferenceDate);
    } else {
      await runtime.platform.programs.registerLearners(
        batch.map(
          (l): NewLearner => ({
            kind: l.kind,
            nameZh: l.nameZh,
            nationalId: l.nationalId,
            institutionId: l.institutionId ?? undefined,
            programmeId: l.programmeId ?? undefined,
            provinceCode: l.provinceCode,
            synthetic: true,
          }),
        ),
      );
    }
    counts.learners += batch.length;
    sampleRss();
    progress?.update(counts.learners);
  };

  const streamStarted = performance.now();
  progress?.start(plan.learners, 'learners');
  try {
    for (const p of plans) {
      const profile = profileInstitution(seed, p, plan.majorsPerInstitution, usedNames);
      const inst: Institution = {
        id: ids.next('inst'),
        code: profile.code,
        nameZh: profile.nameZh,
        nameEn: profile.nameEn,
        type: p.type,
        provinceCode: p.provinceCode,
        urbanRural: p.urbanRural,
        isDoubleHigh: profile.isDoubleHigh,
        synthetic: true,
      };
      const cohortRng = new Rng(seed, 'cohorts', p.index);
      const programmes: (Programme & { domain: CourseDomain; stage: ReturnType<typeof stageOf> })[] = [];
      const courses: Course[] = [];
      for (const major of profile.majors) {
        const years = cohortRng
          .indices(plan.cohortYears.length, plan.cohortsPerMajor)
          .map((i) => plan.cohortYears[i]!);
        // One plan per major at an institution, shared by its cohorts.
        const planned = buildCurriculum(new Rng(seed, 'curriculum', p.index, major.code), major);
        const problems = curriculumProblems(stageOf(major), planned);
        if (problems.length > 0)
          throw new Error(`demo curriculum for ${major.code} breaks a rule: ${problems.join('; ')}`);
        for (const year of years) {
          const prog: Programme = {
            id: ids.next('prog'),
            institutionId: inst.id,
            majorCode: major.code,
            cohortYear: year,
            nameZh: major.nameZh,
            hoursPerCredit: profile.hoursPerCredit,
          };
          programmes.push({ ...prog, domain: courseDomainOf(major), stage: stageOf(major) });
          for (const c of planned) {
            courses.push({
              id: ids.next('course'),
              programmeId: prog.id,
              code: c.code,
              nameZh: c.nameZh,
              nameEn: c.nameEn,
              hours: c.hours,
              practiceHours: c.practiceHours,
              // The service's default: hours / hours-per-credit, to the half credit.
              credits: Math.max(0.5, Math.round((c.hours / prog.hoursPerCredit) * 2) / 2),
              type: c.type,
              semester: c.semester,
            });
          }
        }
      }
      await db.transaction().execute(async (trx) => {
        const repo = new ProgramsRepository(trx);
        await repo.insertInstitutions([inst], demoReferenceDate);
        await repo.insertProgrammes(
          programmes.map(({ domain: _d, stage: _s, ...prog }) => prog),
          demoReferenceDate,
        );
        await repo.insertCourses(courses);
      });
      counts.institutions++;
      if (inst.urbanRural === 'URBAN') counts.urban++;
      provincesSeen.add(inst.provinceCode);
      counts.programmes += programmes.length;
      counts.courses += courses.length;

      // Learners: students spread over the programmes, then the institution's social learners.
      const rng = new Rng(seed, 'learners', p.index);
      const social = programmes.length === 0 ? p.learners : Math.round(p.learners * plan.socialShare);
      const perProgramme = allocate(
        p.learners - social,
        programmes.map(() => 0.6 + rng.next() * 0.8),
      );
      for (const [i, prog] of programmes.entries()) {
        for (let k = 0; k < perProgramme[i]!; k++) {
          const gender = rng.chance(maleShare[prog.domain]) ? 'M' : 'F';
          const entryAge = prog.stage === 'SECONDARY' ? 15 : 18;
          const lastYear = Math.min(2008, Math.max(2002, prog.cohortYear - entryAge));
          const id = syntheticNationalId(
            learnerNo++,
            rng,
            { fromDay: dayNumber(lastYear - 2), toDay: dayNumber(lastYear, 12, 31) },
            gender,
            salt,
          );
          pending.push({
            kind: 'STUDENT',
            nameZh: chineseName(rng, gender),
            nationalId: id.nationalId,
            institutionId: inst.id,
            programmeId: prog.id,
            provinceCode: inst.provinceCode,
            birthYear: id.birthYear,
            gender,
          });
          if (pending.length >= learnerBatchSize) await flush();
        }
      }
      for (let k = 0; k < social; k++) {
        const gender = rng.chance(0.5) ? 'M' : 'F';
        const id = syntheticNationalId(
          learnerNo++,
          rng,
          { fromDay: dayNumber(2000), toDay: dayNumber(2006, 12, 31) },
          gender,
          salt,
        );
        pending.push({
          kind: 'SOCIAL',
          nameZh: chineseName(rng, gender),
          nationalId: id.nationalId,
          // Half of them train at this institution; the others registered on their own.
          institutionId: rng.chance(0.5) ? inst.id : null,
          programmeId: null,
          provinceCode: inst.provinceCode,
          birthYear: id.birthYear,
          gender,
        });
        counts.social++;
        if (pending.length >= learnerBatchSize) await flush();
      }
    }
    await flush();
  } finally {
    progress?.stop();
  }
  const employers = await seedDemoEmployers(db, ids, demoReferenceDate);
  const integration = await seedDemoIntegration(runtime, seed);
  const streamSeconds = (performance.now() - streamStarted) / 1000;
  sampleRss();
  await writeMeta(db, { scale: opts.scale, seed, status: 'complete' });

  const seconds = (performance.now() - started) / 1000;
  const learnersPerSecond = Math.round(counts.learners / Math.max(streamSeconds, 1e-3));
  const peakRssMb = Math.round(peakRss / 1_048_576);
  const fmt = (n: number) => n.toLocaleString('en-US');
  const pct = (a: number, b: number) => (b === 0 ? '0' : ((100 * a) / b).toFixed(1));
  const text = [
    `演示数据已生成 / Demo data generated — scale ${opts.scale}, seed ${seed}`,
    `  院校 institutions: ${fmt(counts.institutions)} in ${provincesSeen.size} 个省级行政区 provinces (城镇 urban ${pct(counts.urban, counts.institutions)}% / 农村 rural ${pct(counts.institutions - counts.urban, counts.institutions)}%)`,
    `  专业 programmes: ${fmt(counts.programmes)} · 课程 courses: ${fmt(counts.courses)}`,
    `  学习者 learners: ${fmt(counts.learners)} (社会学习者 social learners ${pct(counts.social, counts.learners)}%)`,
    `  用人单位 employers: ${employers}`,
    `  书证融通 curriculum mappings: ${fmt(integration.mappings)} of ${integration.programmes} programmes · 转换规则 conversion rules: ${integration.rules} · 示例学习者学习成果 demo learner's outcomes: ${integration.outcomes}`,
    `  技能标准 skill standards published: ${standards.published} (${fmt(standards.requirements)} 项职业技能要求 requirements; ${standards.skipped} 个已有版本跳过 skipped, already had a version)`,
    `  写入速度 learners/s: ${fmt(learnersPerSecond)} · 峰值内存 peak RSS: ${fmt(peakRssMb)} MB · 用时 elapsed: ${seconds.toFixed(1)} s (${vault ? '批量写入 bulk insert' : '逐条校验 via the programmes service'})`,
    '  全部为合成数据 All rows are synthetic: synthetic = true, codes SYN-…, names end in （示例）, ID numbers start with 99 (no GB/T 2260 area code starts with 9).',
  ].join('\n');
  return {
    text,
    institutions: counts.institutions,
    programmes: counts.programmes,
    courses: counts.courses,
    learners: counts.learners,
    employers,
    standards: standards.published,
    learnersPerSecond,
    peakRssMb,
    noop: false,
    learnerPath: vault ? 'bulk' : 'service',
    seconds,
  };
}

interface DemoLearner {
  kind: 'STUDENT' | 'SOCIAL';
  nameZh: string;
  nationalId: string;
  institutionId: string | null;
  programmeId: string | null;
  provinceCode: string;
  birthYear: number;
  gender: 'F' | 'M';
}

/** Share of male students per domain [U: rough, for plausible-looking classes]. */
const maleShare: Record<CourseDomain, number> = {
  agriculture: 0.6,
  construction: 0.75,
  mechanical: 0.9,
  automation: 0.88,
  automotive: 0.92,
  electronics: 0.75,
  computing: 0.7,
  nursing: 0.12,
  childcare: 0.08,
  eldercare: 0.25,
  finance: 0.3,
  ecommerce: 0.4,
  logistics: 0.55,
  media: 0.45,
};

/** Publishes version 1 of a demo standard for every certificate that has no version yet. */
async function seedStandards(
  platform: Platform,
  seed: number,
): Promise<{ published: number; skipped: number; requirements: number }> {
  const result = { published: 0, skipped: 0, requirements: 0 };
  for (const cert of await platform.catalog.listCertificates()) {
    if ((await platform.catalog.listStandards(cert.id)).length > 0) {
      result.skipped++;
      continue;
    }
    const draft = await platform.catalog.createStandardVersion(cert.id, demoStandardTree(seed, cert));
    await platform.catalog.publishStandard(draft.id);
    result.published++;
    result.requirements += draft.nodes.filter((n) => n.kind === 'REQUIREMENT').length;
  }
  return result;
}

async function writeMeta(
  db: Kysely<DB>,
  value: { scale: DemoScale; seed: number; status: 'running' | 'complete' },
) {
  const json = JSON.stringify(value);
  await db
    .insertInto('meta')
    .values({ key: metaKey, value: json })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: json }))
    .execute();
}

async function noopSummary(db: Kysely<DB>, started: number, employersAdded: number): Promise<DemoSummary> {
  const meta = await db.selectFrom('meta').select('value').where('key', '=', metaKey).executeTakeFirst();
  const previous = meta ? (JSON.parse(meta.value) as { scale?: string; seed?: number; status?: string }) : {};
  const count = async (q: Promise<{ n: number | string | bigint } | undefined>) => Number((await q)?.n ?? 0);
  const demoInstitutions = db
    .selectFrom('institution')
    .select('id')
    .where('synthetic', '=', true)
    .where('code', 'like', 'SYN-%');
  const institutions = await count(
    db
      .selectFrom('institution')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('synthetic', '=', true)
      .where('code', 'like', 'SYN-%')
      .executeTakeFirst(),
  );
  const programmes = await count(
    db
      .selectFrom('programme')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('institution_id', 'in', demoInstitutions)
      .executeTakeFirst(),
  );
  const courses = await count(
    db
      .selectFrom('course')
      .innerJoin('programme', 'programme.id', 'course.programme_id')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('programme.institution_id', 'in', demoInstitutions)
      .executeTakeFirst(),
  );
  const learners = await count(
    db
      .selectFrom('learner')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('synthetic', '=', true)
      .executeTakeFirst(),
  );
  const what = previous.scale ? `scale ${previous.scale}, seed ${previous.seed}` : 'unknown scale and seed';
  const incomplete = previous.status === 'running';
  const text = [
    employersAdded > 0
      ? `演示数据已存在，仅补充了演示用人单位 / Demo data is already present (${what}); only the ${employersAdded} demo employers it predates were added.`
      : `演示数据已存在，未做任何更改 / Demo data is already present (${what}); nothing was changed.`,
    `  院校 institutions: ${institutions} · 专业 programmes: ${programmes} · 课程 courses: ${courses} · 学习者 learners: ${learners}`,
    ...(incomplete
      ? ['  注意：上次生成未完成 Note: the previous run did not finish; the dataset is partial.']
      : []),
    '  如需重新生成，请使用新的数据目录（ONEX_DATA）或数据库 To regenerate, use a fresh data folder (ONEX_DATA) or database.',
  ].join('\n');
  return {
    text,
    institutions,
    programmes,
    courses,
    learners,
    employers: await countDemoEmployers(db),
    standards: 0,
    learnersPerSecond: 0,
    peakRssMb: Math.round(process.memoryUsage().rss / 1_048_576),
    noop: true,
    learnerPath: 'bulk',
    seconds: (performance.now() - started) / 1000,
  };
}
