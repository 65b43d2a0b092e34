import { DomainError, type NewCertificate, nationalIdCheckChar, type Platform } from '@onex/core';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/database.ts';
import { createIdentityVault } from '../src/identity-vault.ts';
import { createTestPlatform, testEngines, testMasterKey } from '../src/testing/index.ts';

/** One repository contract suite, run on every engine: PGlite always, PostgreSQL when DATABASE_URL is set. */
describe.each(testEngines())('repositories on $name', (engine) => {
  let database: Database;
  let platform: Platform;
  let clock: ReturnType<typeof createTestPlatform>['clock'];

  beforeAll(async () => {
    database = await engine.open();
    ({ platform, clock } = createTestPlatform(database));
  });
  afterAll(async () => {
    await database?.close();
  });

  const expectCode = async (p: Promise<unknown>, code: string) => {
    const e = await p.then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(DomainError);
    expect((e as DomainError).code).toBe(code);
    return e as DomainError;
  };

  const certificateInput = (teoId: string, code = 'T-WEB'): NewCertificate => ({
    code,
    teoId,
    nameZh: 'Web前端开发',
    nameEn: 'Web Front-End Development',
    domain: 'IT',
    occupationCodes: ['4-04-04-02'],
    levels: [1, 2, 3].map((level) => ({
      level: level as 1 | 2 | 3,
      nameZh: ['初级', '中级', '高级'][level - 1]!,
      nameEn: ['Elementary', 'Intermediate', 'Advanced'][level - 1]!,
      intendedStage: 'HIGHER_VET' as const,
      targetMajors: ['510203'],
      nominalHours: 64 * level,
      passRule: { theoryMin: 60, practicalMin: 60 },
      eqf: 3 + level,
    })),
  });

  describe('catalog', () => {
    it('takes a TEO from application to approval and a certificate from draft to active', async () => {
      const teo = await platform.catalog.applyTeo({
        code: 'T-1',
        nameZh: '测试评价组织',
        nameEn: 'Test TEO',
        orgType: 'ENTERPRISE',
      });
      expect(teo.status).toBe('APPLIED');
      const approved = await platform.catalog.transitionTeo('T-1', { to: 'APPROVED' });
      expect(approved.approvedAt?.toISOString()).toBe(clock.now().toISOString());
      const cert = await platform.catalog.createCertificate(certificateInput(teo.id));
      expect(cert.levels.map((l) => l.nameZh)).toEqual(['初级', '中级', '高级']);
      await platform.catalog.transitionCertificate(cert.code, 'PUBLIC_NOTICE');
      const active = await platform.catalog.transitionCertificate(cert.code, 'ACTIVE');
      expect(active.status).toBe('ACTIVE');
      const listed = await platform.catalog.listCertificates({ teoId: teo.id });
      expect(listed.map((c) => [c.code, c.status, c.teo.code, c.levels.length])).toEqual([
        ['T-WEB', 'ACTIVE', 'T-1', 3],
      ]);
    });

    it('refuses a duplicate certificate code and unknown occupation or major codes, writing nothing', async () => {
      const before = (await platform.catalog.listCertificates()).length;
      const teo = await platform.catalog.getTeo('T-1');
      await expectCode(
        platform.catalog.createCertificate(certificateInput(teo.id)),
        'CATALOG_DUPLICATE_CODE',
      );
      const bad = certificateInput(teo.id, 'T-BAD');
      bad.occupationCodes = ['9-99-99-99'];
      bad.levels[1]!.targetMajors = ['999999'];
      const e = await expectCode(platform.catalog.createCertificate(bad), 'VALIDATION_FAILED');
      expect(e.details.issues?.map((i) => i.path)).toEqual(['occupationCodes.0', 'levels.1.targetMajors.0']);
      expect((await platform.catalog.listCertificates()).length).toBe(before);
    });

    it('keeps a published standard immutable and diffs two versions', async () => {
      const tree = {
        titleZh: '标准',
        titleEn: 'Standard',
        levels: [
          {
            level: 1 as const,
            areas: [
              {
                titleZh: '领域',
                tasks: [
                  {
                    titleZh: '任务',
                    requirements: [
                      {
                        titleZh: '要求一',
                        behaviour: '行为',
                        condition: '条件',
                        standard: '标准',
                        result: '结果',
                      },
                      {
                        titleZh: '要求二',
                        behaviour: '行为',
                        condition: '条件',
                        standard: '标准',
                        result: '结果',
                      },
                    ],
                  },
                ],
              },
            ],
          },
        ],
      };
      const v1 = await platform.catalog.createStandardVersion('T-WEB', tree);
      expect(v1.version).toBe(1);
      await platform.catalog.publishStandard(v1.id);
      await expectCode(platform.catalog.updateDraft(v1.id, tree), 'CATALOG_STANDARD_PUBLISHED');
      await expectCode(platform.catalog.publishStandard(v1.id), 'CATALOG_STANDARD_PUBLISHED');
      // The database refuses the edit too, whoever tries it.
      await expect(
        sql`update skill_node set title_zh = 'x' where standard_id = ${v1.id}`.execute(database.db),
      ).rejects.toThrow(/immutable/);
      const changed = structuredClone(tree);
      changed.levels[0]!.areas[0]!.tasks[0]!.requirements[1]!.standard = '更高标准';
      const v2 = await platform.catalog.createStandardVersion('T-WEB', changed, v1.id);
      expect(v2.version).toBe(2);
      const diff = await platform.catalog.compareStandards(v1.id, v2.id);
      expect(diff.changed.map((c) => [c.code, c.fields])).toEqual([['1.1.2', ['standard']]]);
      expect(diff.added).toEqual([]);
      expect((await platform.catalog.getStandard(v1.id)).nodes).toHaveLength(4);
    });

    it('refuses a standard for a level the certificate does not offer', async () => {
      const teo = await platform.catalog.getTeo('T-1');
      const input = certificateInput(teo.id, 'T-TWO');
      input.levels = input.levels.slice(0, 2);
      await platform.catalog.createCertificate(input);
      const tree = {
        titleZh: 's',
        titleEn: 's',
        levels: [
          {
            level: 3 as const,
            areas: [
              {
                titleZh: 'a',
                tasks: [
                  {
                    titleZh: 't',
                    requirements: [
                      { titleZh: 'r', behaviour: 'b', condition: 'c', standard: 's', result: 'r' },
                    ],
                  },
                ],
              },
            ],
          },
        ],
      };
      const e = await expectCode(platform.catalog.createStandardVersion('T-TWO', tree), 'VALIDATION_FAILED');
      expect(e.details.issues?.[0]?.path).toBe('levels.0.level');
      expect(await platform.catalog.listStandards('T-TWO')).toEqual([]);
    });

    it('allows voluntary exit only a year after approval, and exit takes certificates out of the catalog', async () => {
      await expectCode(
        platform.catalog.transitionTeo('T-1', { to: 'EXITED', reason: '业务调整' }),
        'CATALOG_EXIT_TOO_EARLY',
      );
      expect((await platform.catalog.getTeo('T-1')).status).toBe('APPROVED');
      clock.advance(366 * 24 * 3600 * 1000);
      const exited = await platform.catalog.transitionTeo('T-1', { to: 'EXITED', reason: '业务调整' });
      expect(exited.status).toBe('EXITED');
      const certs = await platform.catalog.listCertificates({ teoId: exited.id });
      expect(certs.every((c) => c.status === 'EXITED')).toBe(true);
      await expectCode(
        platform.catalog.transitionTeo('T-1', { to: 'APPROVED' }),
        'CATALOG_INVALID_TRANSITION',
      );
    });

    it('exports and re-imports the catalog idempotently, and refuses a bad document whole', async () => {
      const doc = await platform.catalog.exportCatalog();
      const again = await platform.catalog.importCatalog(doc);
      expect(again.certificates.added).toEqual([]);
      expect(again.certificates.skipped.length).toBe(doc.certificates.length);
      const bad = structuredClone(doc);
      bad.teos.push({ ...bad.teos[0]!, code: 'T-NEW' });
      bad.certificates.push({ ...bad.certificates[0]!, code: 'T-NEW-CERT', teoCode: 'T-NOPE' });
      const e = await expectCode(platform.catalog.importCatalog(bad), 'VALIDATION_FAILED');
      expect(e.details.issues?.[0]?.path).toMatch(/^certificates\.\d+\.teoCode$/);
      expect(await platform.catalog.listTeos()).not.toContainEqual(
        expect.objectContaining({ code: 'T-NEW' }),
      );
    });
  });

  describe('programmes and learners', () => {
    const id = (first17: string) => first17 + nationalIdCheckChar(first17);

    it('builds a programme with courses and reports its totals', async () => {
      const inst = await platform.programs.createInstitution({
        code: 'I-1',
        nameZh: '测试职业技术学院',
        nameEn: 'Test Polytechnic',
        type: 'HIGHER_VET',
        provinceCode: '33',
        urbanRural: 'URBAN',
      });
      const prog = await platform.programs.createProgramme(inst.id, {
        majorCode: '510203',
        cohortYear: 2026,
        hoursPerCredit: 16,
      });
      expect(prog.nameZh).toBe('软件技术');
      const withCourses = await platform.programs.addCourses(prog.id, [
        { code: 'C1', nameZh: '程序设计基础', hours: 64, practiceHours: 32, type: 'PROFESSIONAL_FOUNDATION' },
        {
          code: 'C2',
          nameZh: 'Web 前端开发',
          hours: 72,
          practiceHours: 48,
          type: 'PROFESSIONAL_CORE',
          credits: 4,
        },
      ]);
      expect(withCourses).toMatchObject({ totalHours: 136, totalCredits: 8 });
      expect(withCourses.courses.map((c) => c.credits)).toEqual([4, 4]);
      await expectCode(
        platform.programs.addCourses(prog.id, [{ code: 'C1', nameZh: '重复', hours: 10, type: 'ELECTIVE' }]),
        'VALIDATION_FAILED',
      );
      expect((await platform.programs.getProgramme(prog.id)).courses).toHaveLength(2);
    });

    it('refuses a major that does not exist or does not fit the institution type', async () => {
      await expectCode(
        platform.programs.createProgramme('I-1', {
          majorCode: '999999',
          cohortYear: 2026,
          hoursPerCredit: 16,
        }),
        'VALIDATION_FAILED',
      );
      await expectCode(
        platform.programs.createProgramme('I-1', {
          majorCode: '710201',
          cohortYear: 2026,
          hoursPerCredit: 16,
        }),
        'VALIDATION_FAILED',
      );
      expect(await platform.programs.listProgrammes('I-1')).toHaveLength(1);
    });

    it('stores an ID number encrypted, finds it by keyed hash, and only ever shows it masked', async () => {
      const nationalId = id('99010520040312123');
      const learner = await platform.programs.registerLearner({
        kind: 'STUDENT',
        nameZh: '张三',
        nationalId,
        institutionId: 'I-1',
      });
      expect(learner.nationalIdMasked).toBe(`9901**********${nationalId.slice(-4)}`);
      expect(learner).toMatchObject({ birthYear: 2004, gender: 'M', provinceCode: '33' });
      expect(JSON.stringify(learner)).not.toContain(nationalId);
      const row = await database.db
        .selectFrom('learner')
        .selectAll()
        .where('id', '=', learner.id)
        .executeTakeFirstOrThrow();
      expect(Buffer.from(row.national_id_cipher).toString('latin1')).not.toContain(nationalId);
      expect(createIdentityVault(testMasterKey).decrypt(row.national_id_cipher)).toBe(nationalId);
      expect((await platform.programs.findLearnerByNationalId(nationalId))?.id).toBe(learner.id);
      await expectCode(
        platform.programs.registerLearner({
          kind: 'STUDENT',
          nameZh: '张三',
          nationalId,
          institutionId: 'I-1',
        }),
        'PROGRAMS_DUPLICATE_LEARNER',
      );
    });

    it('registers a batch of learners all or none, naming each bad row', async () => {
      const before = (await platform.programs.listLearners({ institutionId: 'I-1' })).length;
      const good = id('99010520050101002');
      const wrongCheck = `${good.slice(0, 17)}${good[17] === '0' ? '1' : '0'}`;
      const e = await expectCode(
        platform.programs.registerLearners([
          { kind: 'STUDENT', nameZh: '李四', nationalId: good, institutionId: 'I-1' },
          { kind: 'STUDENT', nameZh: '王五', nationalId: wrongCheck, institutionId: 'I-1' },
          { kind: 'SOCIAL', nameZh: '赵六', nationalId: id('99010519900101003') },
        ]),
        'VALIDATION_FAILED',
      );
      expect(e.details.issues).toEqual([
        { path: '1.nationalId', message: expect.stringContaining('check digit') },
        { path: '2.provinceCode', message: expect.stringContaining('province') },
      ]);
      expect((await platform.programs.listLearners({ institutionId: 'I-1' })).length).toBe(before);
    });
  });
});
