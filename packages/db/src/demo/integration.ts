import {
  type CertificateWithTeo,
  type CurriculumMapping,
  certificateNumber,
  certificateNumberPrefix,
  composeAchievementCredential,
  createVerifier,
  type LevelCode,
  levelNames,
  levelRequirements,
  type Platform,
} from '@onex/core';
import { nodeCrypto } from '@onex/core/crypto/node-provider.ts';
import type { Kysely } from 'kysely';
import { createRepositories } from '../repositories/index.ts';
import type { Runtime } from '../runtime.ts';
import type { DB } from '../schema.ts';
import { seededIds } from '../system.ts';
import { demoMappings } from './mappings.ts';
import { Rng } from './rng.ts';

/**
 * The demo's 书证融通 and 学分银行 content, so their pages have something to show:
 *
 * - **Mappings** (deterministic ids `map_<seed>_…`) of a handful of programmes to the certificate
 *   levels that target their major (at most three a programme, Web前端开发 first): every programme of
 *   the *home* institution (that of the first learner by institution code and learner id, whom
 *   `learner@demo.onex` signs in as, and whose staff `college-admin@` and `teacher@` are) and the
 *   软件技术 (510203) programmes (else two programmes Web前端开发 targets), at most eight. Coverage
 *   is partial with gaps (`demoMappings`).
 * - **Conversion rules**: per institution with mappings, one X_CERT rule for its first mapped
 *   certificate level (Web前端开发 where mapped), exempting the course the certificate replaces plus
 *   2 substituted credits; the home institution's has two versions (from 2024-09-01 until
 *   2026-09-01, and from 2026-09-01 with one credit more), and the home institution also has a
 *   COMPETITION rule (`DEMO-SKILLS-2025-WEB-2`, 3 credits) and a COURSE rule
 *   (`DEMO-SMARTEDU-JS-101`, 2 credits).
 * - **The home learner's account**: an X certificate of the first mapped level, issued and signed
 *   by its TEO (number `1X-25…`, valid from 2025-06-20) and recognised after verification; a
 *   competition award declared with evidence and approved by a reviewer (`demo:teacher`, submitted
 *   by `demo:learner`); both converted at the home institution; and an online course declared with
 *   evidence, PENDING review (the reviewers' queue of the home institution).
 *
 * Ids of rules, outcomes and transactions come from the platform's ports (deterministic under the
 * test ports, like standards). Idempotent: a `meta` row (`demo-integration`) marks it done, and each
 * part skips what is there, so an interrupted run finishes on the next.
 */
export interface DemoIntegrationSummary {
  noop: boolean;
  programmes: number;
  mappings: number;
  rules: number;
  outcomes: number;
}

/** What the demo's integration content needs of a runtime (generateDemo's runtime is one). */
type DemoRuntime = Pick<Runtime, 'database' | 'platform'>;

const metaKey = 'demo-integration';
/** Declared codes the home institution's rules and the home learner's outcomes use. */
export const demoOutcomeCodes = {
  competition: 'DEMO-SKILLS-2025-WEB-2',
  course: 'DEMO-SMARTEDU-JS-101',
} as const;

/**
 * Adds the demo's mappings, rules and credit account content to a demo dataset seeded before they
 * existed (or finishes an interrupted run), with the seed it was made with; one `meta` read when done.
 */
export async function ensureDemoIntegration(runtime: DemoRuntime): Promise<DemoIntegrationSummary> {
  const db = runtime.database.db;
  const none = { noop: true, programmes: 0, mappings: 0, rules: 0, outcomes: 0 };
  const rows = await db
    .selectFrom('meta')
    .select(['key', 'value'])
    .where('key', 'in', ['demo', metaKey])
    .execute();
  const demo = rows.find((r) => r.key === 'demo');
  if (rows.some((r) => r.key === metaKey) || !demo) return none;
  const meta = JSON.parse(demo.value) as { seed?: number; status?: string };
  if (meta.status !== 'complete' || typeof meta.seed !== 'number') return none;
  return seedDemoIntegration(runtime, meta.seed);
}

export async function seedDemoIntegration(
  runtime: DemoRuntime,
  seed: number,
): Promise<DemoIntegrationSummary> {
  const db = runtime.database.db;
  const none = { noop: true, programmes: 0, mappings: 0, rules: 0, outcomes: 0 };
  if (await db.selectFrom('meta').select('key').where('key', '=', metaKey).executeTakeFirst()) return none;
  const { platform } = runtime;
  const home = await db
    .selectFrom('learner as l')
    .innerJoin('institution as i', 'i.id', 'l.institution_id')
    .select(['l.id', 'l.programme_id', 'l.province_code', 'i.id as institution_id', 'i.code'])
    .orderBy('i.code')
    .orderBy('l.id')
    .executeTakeFirst();
  if (!home) return none;

  const selected = await selectProgrammes(db, home.institution_id);
  const certificates = await platform.catalog.listCertificates();
  const plans = await planMappings(platform, seed, selected, certificates);
  const mappings = await writeMappings(db, seed, plans);
  const rules = await defineRules(platform, plans, home.institution_id);
  const outcomes = await seedLearner(platform, db, seed, home, plans, certificates);
  await db
    .insertInto('meta')
    .values({ key: metaKey, value: JSON.stringify({ seed, learnerId: home.id }) })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  return { noop: false, programmes: selected.length, mappings, rules, outcomes };
}

interface SelectedProgramme {
  id: string;
  institutionId: string;
  majorCode: string;
  hoursPerCredit: number;
}

async function selectProgrammes(db: Kysely<DB>, homeInstitutionId: string): Promise<SelectedProgramme[]> {
  const columns = [
    'p.id',
    'p.institution_id as institutionId',
    'p.major_code as majorCode',
    'p.hours_per_credit as hoursPerCredit',
  ] as const;
  const homes = await db
    .selectFrom('programme as p')
    .select(columns)
    .where('p.institution_id', '=', homeInstitutionId)
    .orderBy('p.id')
    .execute();
  let software = await db
    .selectFrom('programme as p')
    .innerJoin('institution as i', 'i.id', 'p.institution_id')
    .select(columns)
    .where('p.major_code', '=', '510203')
    .orderBy('i.code')
    .orderBy('p.id')
    .limit(4)
    .execute();
  if (software.length === 0) {
    software = await db
      .selectFrom('programme as p')
      .innerJoin('institution as i', 'i.id', 'p.institution_id')
      .select(columns)
      .where('p.major_code', 'in', ['510201', '510202', '510204', '710201', '710202', '310203'])
      .orderBy('i.code')
      .orderBy('p.id')
      .limit(2)
      .execute();
  }
  const out = new Map<string, SelectedProgramme>();
  for (const p of [...homes, ...software]) out.set(p.id, { ...p, hoursPerCredit: Number(p.hoursPerCredit) });
  return [...out.values()].slice(0, 8);
}

interface PlannedLevel {
  programme: SelectedProgramme;
  certificate: CertificateWithTeo;
  level: LevelCode;
  standardId: string;
  rows: CurriculumMapping[];
  /** The course the certificate replaces (the rules exempt it). */
  replaced: { id: string; credits: number } | undefined;
}

async function planMappings(
  platform: Platform,
  seed: number,
  programmes: readonly SelectedProgramme[],
  certificates: readonly CertificateWithTeo[],
): Promise<PlannedLevel[]> {
  const out: PlannedLevel[] = [];
  for (const programme of programmes) {
    const targets = certificates
      .flatMap((c) =>
        c.levels.filter((l) => l.targetMajors.includes(programme.majorCode)).map((l) => ({ c, l })),
      )
      .sort((a, b) => Number(b.c.code === 'X-0102') - Number(a.c.code === 'X-0102'))
      .slice(0, 3);
    if (targets.length === 0) continue;
    const { courses } = await platform.programs.getProgramme(programme.id);
    for (const { c, l } of targets) {
      const { standard, target } = await platform.curriculum.resolveTarget(c.id, l.level);
      const requirements = levelRequirements(standard.nodes, l.level, target.nominalHours);
      const areaTitles = new Map(
        standard.nodes
          .filter((n) => n.level === l.level && n.kind === 'AREA')
          .map((n) => [n.code, n.titleZh]),
      );
      const rng = new Rng(seed, 'demo-mappings', programme.id, c.code, l.level);
      const { mappings, replaced } = demoMappings(rng, c.code, courses, requirements, areaTitles);
      const byCode = new Map(courses.map((x) => [x.code, x]));
      out.push({
        programme,
        certificate: c,
        level: l.level,
        standardId: standard.id,
        rows: mappings.map((m) => ({
          id: '',
          programmeId: programme.id,
          courseId: byCode.get(m.courseCode)!.id,
          courseCode: m.courseCode,
          standardId: standard.id,
          certificateId: c.id,
          level: l.level,
          requirementCode: m.requirementCode,
          kind: m.kind,
          weight: m.weight,
        })),
        replaced:
          replaced === undefined
            ? undefined
            : { id: byCode.get(replaced)!.id, credits: byCode.get(replaced)!.credits },
      });
    }
  }
  return out;
}

/** Inserts the planned mappings with seeded ids, unless the programmes have mappings already. */
async function writeMappings(db: Kysely<DB>, seed: number, plans: readonly PlannedLevel[]): Promise<number> {
  const programmeIds = [...new Set(plans.map((p) => p.programme.id))];
  if (programmeIds.length === 0) return 0;
  const present = await db
    .selectFrom('curriculum_mapping')
    .select('id')
    .where('programme_id', 'in', programmeIds)
    .limit(1)
    .executeTakeFirst();
  if (present) return 0;
  const ids = seededIds(seed);
  const rows = plans.flatMap((p) => p.rows.map((r) => ({ ...r, id: ids.next('map') })));
  await db.transaction().execute((trx) => createRepositories(trx).curriculum.insertMappings(rows));
  return rows.length;
}

async function defineRules(
  platform: Platform,
  plans: readonly PlannedLevel[],
  homeInstitutionId: string,
): Promise<number> {
  let made = 0;
  const done = new Set<string>();
  for (const p of plans) {
    // One rule an institution: its first mapped level (Web前端开发 where it is mapped).
    const institution = p.programme.institutionId;
    if (done.has(institution) || !p.replaced) continue;
    done.add(institution);
    // The home institution's gets a second version, to show versions in force by date.
    const twoVersions = institution === homeInstitutionId;
    const existing = await platform.creditBank.listRules({
      institution,
      certificateCode: p.certificate.code,
    });
    if (existing.some((r) => r.level === p.level)) continue;
    const base = {
      institution,
      certificateCode: p.certificate.code,
      level: p.level,
      exemptCourses: [p.replaced.id],
    };
    await platform.creditBank.defineRule({
      ...base,
      credits: p.replaced.credits + 2,
      effectiveFrom: '2024-09-01',
      effectiveTo: twoVersions ? '2026-09-01' : null,
      note: '示例规则：证书替代课程免修，另置换 2 学分 / Demo rule: the certificate exempts the course it replaces, plus 2 credits',
    });
    made++;
    if (twoVersions) {
      await platform.creditBank.defineRule({
        ...base,
        credits: p.replaced.credits + 3,
        effectiveFrom: '2026-09-01',
        note: '示例规则第 2 版：置换学分增至 3 / Demo rule, version 2: 3 substituted credits',
      });
      made++;
    }
  }
  const declared = await platform.creditBank.listRules({ institution: homeInstitutionId });
  if (!declared.some((r) => r.outcomeKind === 'COMPETITION')) {
    await platform.creditBank.defineRule({
      institution: homeInstitutionId,
      outcomeKind: 'COMPETITION',
      outcomeCode: demoOutcomeCodes.competition,
      credits: 3,
      effectiveFrom: '2024-09-01',
      note: '省级职业院校技能大赛 网站设计与开发 二等奖 / Provincial skills competition, web design, second prize',
    });
    made++;
  }
  if (!declared.some((r) => r.outcomeKind === 'COURSE')) {
    await platform.creditBank.defineRule({
      institution: homeInstitutionId,
      outcomeKind: 'COURSE',
      outcomeCode: demoOutcomeCodes.course,
      credits: 2,
      effectiveFrom: '2024-09-01',
      note: '国家职业教育智慧教育平台在线课程 / An online course of the national smart education platform',
    });
    made++;
  }
  return made;
}

/** The home learner's certificate, declared outcomes and conversions, unless the account has outcomes. */
async function seedLearner(
  platform: Platform,
  db: Kysely<DB>,
  seed: number,
  home: { id: string; programme_id: string | null; province_code: string; institution_id: string },
  plans: readonly PlannedLevel[],
  certificates: readonly CertificateWithTeo[],
): Promise<number> {
  const account = await platform.creditBank.openAccount(home.id);
  const held = await db
    .selectFrom('credit_outcome')
    .select('id')
    .where('account_id', '=', account.id)
    .limit(1)
    .executeTakeFirst();
  if (held) return 0;
  const rng = new Rng(seed, 'demo-credit', home.id);
  const hex = (n: number) => Array.from({ length: n }, () => rng.int(0, 15).toString(16)).join('');

  // An X certificate of the learner's first mapped level, issued by its TEO as bulk issuance would.
  const mine = plans.find((p) => p.programme.id === home.programme_id) ?? plans[0];
  if (mine) {
    const certificate = certificates.find((c) => c.id === mine.certificate.id)!;
    const level = certificate.levels.find((l) => l.level === mine.level)!;
    const issuerDid = await platform.credentials.ensureIssuer('TEO', certificate.teo.code);
    const standard = await platform.catalog.getStandard(mine.standardId);
    const salt = hex(32);
    const hashes = await platform.programs.hashNationalIds(
      [home.id],
      (nationalId) =>
        `sha256$${Buffer.from(nodeCrypto.sha256(new TextEncoder().encode(nationalId + salt))).toString('hex')}`,
    );
    const id = `urn:uuid:${hex(8)}-${hex(4)}-4${hex(3)}-8${hex(3)}-${hex(12)}`;
    // Read before the transaction: on PGlite (one connection) a read outside it would wait for it.
    const baseUrl = await instanceBaseUrl(platform);
    const prefix = certificateNumberPrefix(2025, certificate.code, mine.level, home.province_code);
    await createRepositories(db).credentials.transaction(async (tx) => {
      const serial = await tx.reserveSerials(prefix, 1);
      const number = certificateNumber(prefix, serial);
      const credential = composeAchievementCredential({
        id,
        issuer: { id: issuerDid, nameZh: certificate.teo.nameZh, nameEn: certificate.teo.nameEn },
        baseUrl,
        certificate: {
          code: certificate.code,
          nameZh: certificate.nameZh,
          nameEn: certificate.nameEn,
          fullNameZh: certificate.fullNameZh,
        },
        level: { level: mine.level, nameZh: levelNames[mine.level].zh, nameEn: levelNames[mine.level].en },
        standard: {
          id: standard.id,
          version: standard.version,
          requirementCodes: standard.nodes
            .filter((n) => n.level === mine.level && n.kind === 'REQUIREMENT')
            .map((n) => ({ code: n.code, titleZh: n.titleZh })),
        },
        occupationCodes: certificate.occupationCodes,
        majorCodes: level.targetMajors,
        recipient: { identityHash: hashes.get(home.id)!, salt },
        scores: { theory: 82, practical: 88, total: null },
        validFrom: '2025-06-20T02:00:00Z',
        certificateNumber: number,
        credentialStatus: [],
      });
      await platform.credentials.issueMany(
        [
          {
            credential,
            options: {
              learnerId: home.id,
              certificateCode: certificate.code,
              level: mine.level,
              certificateNumber: number,
              sourceKey: `demo:${home.id}:${certificate.code}:${mine.level}`,
            },
          },
        ],
        tx,
      );
    });
  }

  // A competition award, declared with evidence and approved by a reviewer of the institution.
  const award = await platform.creditBank.recordOutcome(
    home.id,
    {
      kind: 'COMPETITION',
      titleZh: '2025 年省级职业院校技能大赛 网站设计与开发赛项 二等奖（示例）',
      titleEn:
        '2025 provincial vocational skills competition, web design and development, second prize (demo)',
      institution: home.institution_id,
      code: demoOutcomeCodes.competition,
      achievedOn: '2025-05-18',
      reference: 'DEMO-AWARD-2025-0007',
      evidence: [
        { description: '获奖证书扫描件 Award certificate (scan)', sha256: hex(64) },
        {
          description: '省教育厅获奖名单公示 The published list of winners',
          uri: 'https://example.org/demo/awards-2025',
        },
      ],
    },
    'demo:learner',
  );
  await platform.creditBank.reviewOutcome(home.id, award.id, {
    decision: 'APPROVE',
    note: '已核对获奖名单 Checked against the published list of winners',
    reviewer: { actorId: 'demo:teacher', institutionId: home.institution_id },
  });
  // An online course, declared with evidence, waiting for review.
  await platform.creditBank.recordOutcome(
    home.id,
    {
      kind: 'COURSE',
      titleZh: '国家职业教育智慧教育平台《JavaScript 程序设计》在线课程（示例）',
      titleEn: 'National smart education platform online course "JavaScript Programming" (demo)',
      institution: home.institution_id,
      code: demoOutcomeCodes.course,
      achievedOn: '2026-01-15',
      reference: 'DEMO-MOOC-2026-0113',
      evidence: [
        {
          description: '课程结业证明 Course completion statement',
          uri: 'https://example.org/demo/mooc/js-101',
        },
      ],
    },
    'demo:learner',
  );
  // Recognise the certificate (verified against this instance's own documents) and convert.
  await platform.creditBank.apply(home.id, { verifier: demoVerifier(platform) });
  return (await platform.creditBank.getAccount(home.id)).outcomes.length;
}

/**
 * This instance's public base URL, as its trust list names achievements with it (the platform does
 * not expose it otherwise): certificates must name the same achievement ids to pass `catalog`.
 */
async function instanceBaseUrl(platform: Platform): Promise<string> {
  const list = await platform.credentials.trustList();
  const id = list.certificates.flatMap((c) => c.achievements)[0]?.id ?? '';
  return id.slice(0, id.indexOf('/achievements/'));
}

/** A verifier over this instance's own DID documents, status lists and trust list, in-process. */
function demoVerifier(platform: Platform) {
  return createVerifier({
    crypto: nodeCrypto,
    sources: {
      didDocument: (did) => platform.credentials.didDocument(did),
      statusListCredential: (url) => platform.credentials.statusListCredential(url),
      trustListCredential: () => platform.credentials.signedTrustList(),
    },
    clock: { now: () => new Date() },
    regulatorDid: platform.credentials.didOf('REGULATOR', 'MOE'),
  });
}
