import { readFileSync } from 'node:fs';
import type { Platform } from '@onex/core';
import type { Database } from '@onex/db';
import { type CurriculumFixture, seedCurriculumFixture } from '@onex/db/testing/curriculum-fixture.ts';
import { createTestPlatform, testEngines } from '@onex/db/testing/index.ts';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { haveBrowser, screenshot, signIn, signOut, startWeb, type WebHarness } from './browser-harness.ts';

/**
 * The institution pages in Chromium against the real API over PGlite: an institution admin's
 * programmes and courses (a programme added, a course refused with a coded field error then
 * added, the plan rules) and 书证融通 against Web前端开发 中级 (the coverage heat-map and its table,
 * the gaps, the mapping file out and back in, a bad file refused whole, the optimizer's plan);
 * an admin of another institution is refused. In Chinese and in English, each language with its
 * own institution seeded by the curriculum fixture. Every number the page shows is compared with
 * what the platform computes here.
 */
describe.runIf(haveBrowser)('institution programmes and curriculum integration in Chromium', () => {
  let database: Database;
  let platform: Platform;
  let web: WebHarness;
  let origin: string;
  const fx = {} as Record<'zh' | 'en' | 'other', CurriculumFixture>;

  beforeAll(async () => {
    database = await testEngines()[0]!.open();
    ({ platform } = createTestPlatform(database, new Date().toISOString()));
    fx.zh = await seedCurriculumFixture(platform, '9101');
    fx.en = await seedCurriculumFixture(platform, '9102');
    fx.other = await seedCurriculumFixture(platform, '9103');
    web = await startWeb(platform, database);
    origin = web.origin;
    for (const key of ['zh', 'en', 'other'] as const) {
      await web.account({
        email: `${key}@college.test`,
        role: 'INSTITUTION_ADMIN',
        orgId: fx[key].institutionId,
      });
    }
  }, 240_000);

  afterAll(async () => {
    await web?.close();
    await database?.close();
  });

  const gapsOf = async (f: CurriculumFixture) => {
    const report = await platform.curriculum.coverage(f.programmeId, f.certificateCode, f.level);
    return {
      report,
      gaps: report.requirements.filter((r) => r.status !== 'COVERED').length,
      cells: report.requirements.reduce((n, r) => n + r.cells.length, 0),
    };
  };
  const mappingsOf = async (f: CurriculumFixture) =>
    (await platform.curriculum.listMappings(f.programmeId, f.certificateCode, f.level)).mappings;

  for (const lang of ['zh', 'en'] as const) {
    const t = (zh: string, en: string) => (lang === 'zh' ? zh : en);

    describe(`in ${lang === 'zh' ? 'Chinese' : 'English'}`, () => {
      let context: BrowserContext;
      let page: Page;
      const shot = (name: string) => screenshot(page, name, lang);
      const mine = () => fx[lang];
      const errorAlert = (code: string) => page.locator('.ant-alert-error', { hasText: code });

      beforeAll(async () => {
        ({ context, page } = await web.context(lang));
        await signIn(page, origin, `${lang}@college.test`, lang);
      });
      afterAll(async () => {
        await context?.close();
      });

      it("lists the institution's programmes, refuses a duplicate cohort with a coded error, adds one", async () => {
        await page.goto(`${origin}/institution/programmes`);
        await page.locator('h1', { hasText: t('专业与课程', 'Programmes and courses') }).waitFor();
        const list = page.getByTestId('programme-list');
        await list.locator('tbody tr.ant-table-row').first().waitFor();
        expect(await list.locator('tbody tr.ant-table-row').count()).toBe(1);
        expect(await list.textContent()).toContain('510203');
        expect(await page.getByTestId('institution').textContent()).toContain(
          `SYN-44-${lang === 'zh' ? '9101' : '9102'}`,
        );

        const major = page.getByLabel(t('专业', 'Major'), { exact: true });
        await major.fill('510203');
        await page.keyboard.press('Enter');
        const cohort = page.getByLabel(t('年级（入学年份）', 'Cohort (year of entry)'), { exact: true });
        await cohort.fill('2026');
        // Not exact: antd may leave its spinner's "loading" label in the name a while after a request.
        const create = page.getByRole('button', { name: t('创建专业', 'Add the programme') });
        await create.click();
        await errorAlert('PROGRAMS_DUPLICATE_CODE').waitFor();
        expect(await platform.programs.listProgrammes(mine().institutionId)).toHaveLength(1);

        await cohort.fill('2027');
        await create.click();
        await page.getByTestId('programme-created').waitFor();
        await expect.poll(() => list.locator('tbody tr.ant-table-row').count()).toBe(2);
        const programmes = await platform.programs.listProgrammes(mine().institutionId);
        expect(programmes.map((p) => p.cohortYear).sort()).toEqual([2026, 2027]);
        // The closest certificate levels of the institution, Web前端开发 中级 first for the mapped programme.
        const closest = page.getByTestId('closest-levels');
        await closest.locator('tbody tr.ant-table-row').first().waitFor();
        expect(await closest.locator('tbody tr.ant-table-row').first().textContent()).toContain('X-0102');
        await shot('institution-programme-list');
      });

      it('opens the programme, refuses a bad course with a coded field error, adds a course and shows the plan rules', async () => {
        await page.goto(`${origin}/institution/programmes`);
        await page
          .getByTestId('programme-list')
          .getByRole('link', { name: t('2026 级', 'cohort 2026') })
          .click();
        const before = await platform.programs.getProgramme(mine().programmeId);
        await expect
          .poll(() => page.getByTestId('course-count').textContent())
          .toBe(String(before.courses.length));
        await page.getByTestId('plan-check-summary').waitFor();
        expect(await page.getByTestId('plan-check-summary').textContent()).toBe(
          t('没有违反任何教学计划规则。', 'The plan breaks no rule.'),
        );

        const code = `WEB-${lang.toUpperCase()}`;
        await page.getByLabel(t('课程代码', 'Course code'), { exact: true }).fill(code);
        await page.getByLabel(t('课程名称', 'Course name'), { exact: true }).fill('前端性能优化');
        await page.getByLabel(t('课程类型', 'Course type'), { exact: true }).click();
        await page.locator('.ant-select-item-option', { hasText: t('选修课', 'Elective') }).click();
        await page.getByLabel(t('学时', 'Hours'), { exact: true }).fill('32');
        const practice = page.getByLabel(t('实践学时', 'Practice hours'), { exact: true });
        await practice.fill('40');
        const add = page.getByRole('button', { name: t('添加课程', 'Add the course') });
        await add.click();
        await errorAlert('VALIDATION_FAILED').waitFor();
        const fieldError = page
          .locator('.ant-form-item', { has: page.locator('#course_practiceHours') })
          .locator('.ant-form-item-explain-error');
        await fieldError.waitFor();
        expect(await fieldError.textContent()).toContain('VALIDATION_FAILED');
        expect(await fieldError.textContent()).toContain('practice hours exceed the course hours');
        expect((await platform.programs.getProgramme(mine().programmeId)).courses).toHaveLength(
          before.courses.length,
        );
        await shot('institution-programme-course-error');

        // Credits that do not match the hours break a plan rule, named on the page in both languages.
        await practice.fill('16');
        await page
          .getByLabel(t('学分（可选，默认按学时折算）', 'Credits (optional, from the hours by default)'))
          .fill('5');
        await add.click();
        await page.getByTestId('course-added').waitFor();
        await expect
          .poll(() => page.getByTestId('course-count').textContent())
          .toBe(String(before.courses.length + 1));
        expect(await page.getByTestId('course-list').textContent()).toContain(code);

        const check = await platform.curriculum.checkPlan(mine().programmeId);
        expect(check.violations.find((v) => v.rule === 'COURSE_CREDITS')?.courseCode).toBe(code);
        const violations = page.getByTestId('plan-violations');
        await violations.waitFor();
        expect(await violations.locator('tbody tr.ant-table-row').count()).toBe(check.violations.length);
        const text = await violations.textContent();
        expect(text).toContain(t('课程学分', 'Course credits'));
        for (const v of check.violations) {
          expect(text).toContain(v.rule);
          expect(text).toContain(v.text.zh);
          expect(text).toContain(v.text.en);
        }
        await shot('institution-programme-detail');
      });

      it('shows the coverage heat-map, its table and the gaps the platform computes', async () => {
        await page.goto(`${origin}/institution/programmes/${mine().programmeId}`);
        const level = t('中级', 'Intermediate');
        await page
          .getByRole('link', { name: `${t('覆盖分析', 'Coverage analysis')} X-0102 ${level}` })
          .click();
        expect(page.url()).toBe(`${origin}/institution/programmes/${mine().programmeId}/curriculum/X-0102/2`);

        const { report, gaps, cells } = await gapsOf(mine());
        expect(gaps).toBeGreaterThan(0);
        await page.getByTestId('coverage-heatmap').locator('svg').first().waitFor();
        expect(await page.getByTestId('coverage-heatmap').getAttribute('aria-label')).toContain(
          String(report.requirements.length),
        );
        expect(await page.getByTestId('coverage-summary').getAttribute('data-coverage')).toBe(
          String(report.summary.coverage),
        );
        expect(await page.getByTestId('gap-count').getAttribute('data-count')).toBe(String(gaps));
        expect(await page.getByTestId('gap-list').locator('tbody tr.ant-table-row').count()).toBe(gaps);
        expect(await page.getByTestId('gap-count').textContent()).toContain(
          String(report.summary.hoursNeeded),
        );

        // The table behind the heat-map: the same weights, one row per requirement.
        await page.getByText(t('数据表：', 'Data table:')).click();
        const matrix = page.getByTestId('coverage-matrix');
        expect(await matrix.locator('tbody tr').count()).toBe(report.requirements.length);
        expect(await matrix.locator('td[data-weight]').count()).toBe(cells);
        const first = report.requirements.find((r) => r.cells.length > 0)!;
        const row = matrix.locator('tbody tr', {
          has: page.locator('th', { hasText: new RegExp(`^${first.code}$`) }),
        });
        expect(await row.textContent()).toContain(String(first.cells[0]!.weight));
        await page.getByText(t('数据表：', 'Data table:')).click();
        await shot('curriculum-coverage');
      });

      it('refuses a mapping file naming unknown requirements whole, and takes back the downloaded one', async () => {
        const before = await mappingsOf(mine());
        const [saved] = await Promise.all([
          page.waitForEvent('download'),
          page.getByRole('button', { name: t('下载对应表（CSV）', 'Download the mappings (CSV)') }).click(),
        ]);
        const csv = readFileSync((await saved.path())!);
        expect(csv.toString('utf8')).toContain('课程代码 / courseCode');
        expect(csv.toString('utf8').trim().split(/\r?\n/)).toHaveLength(before.length + 1);

        const file = page.getByLabel(t('对应表文件（CSV）', 'Mapping file (CSV)'));
        const course = before[0]!.courseCode;
        const bad = [
          '课程代码 / courseCode,要求代码 / requirementCode,融通方式 / kind,覆盖权重 / weight',
          `${course},9.9.9,EMBED,0.5`,
          `${course},${before[0]!.requirementCode},EMBED,0.5`,
          `${course},8.1.1,嵌入,0.3`,
        ].join('\n');
        await file.setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
        const importButton = page.getByRole('button', {
          name: t('导入并替换对应关系', 'Import and replace the mappings'),
        });
        await importButton.click();
        await errorAlert('CURRICULUM_IMPORT_INVALID').waitFor();
        const issues = page.getByTestId('mapping-import-issues');
        await issues.waitFor();
        const rows = issues.locator('tbody tr.ant-table-row');
        expect(await rows.count()).toBe(2);
        expect(await rows.nth(0).textContent()).toContain('9.9.9');
        expect(await rows.nth(0).locator('td').first().textContent()).toBe('2');
        expect(await rows.nth(1).locator('td').first().textContent()).toBe('4');
        expect(await issues.textContent()).toContain(t('该等级标准没有技能要求', 'unknown requirement code'));
        expect(await mappingsOf(mine())).toEqual(before);
        await shot('curriculum-coverage-import-error');

        await file.setInputFiles({ name: 'mappings.csv', mimeType: 'text/csv', buffer: csv });
        await importButton.click();
        await page.getByTestId('mapping-imported').waitFor();
        expect(await page.getByTestId('mapping-imported').textContent()).toContain(String(before.length));
        expect(await mappingsOf(mine())).toEqual(before);
      });

      it("runs the optimizer: coverage after above before, the plan rules, the explanation in the reader's language", async () => {
        // From the keyboard: the method field, Tab to the button, Enter.
        await page.getByLabel(t('求解方法', 'Method'), { exact: true }).focus();
        await page.keyboard.press('Tab');
        expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(
          t('运行优化', 'Run the optimizer'),
        );
        await page.keyboard.press('Enter');
        const plan = page.getByTestId('optimizer-plan');
        await plan.waitFor({ timeout: 60_000 });
        const coverage = (await gapsOf(mine())).report.summary.coverage;
        expect(Number(await plan.getAttribute('data-before'))).toBe(coverage);
        expect(Number(await plan.getAttribute('data-after'))).toBeGreaterThan(coverage);
        expect(await plan.getAttribute('data-status')).toBe('OPTIMAL');
        expect(
          await page.getByTestId('plan-chosen').locator('tbody tr.ant-table-row').count(),
        ).toBeGreaterThan(0);
        const rules = page.getByTestId('plan-rules');
        expect(await rules.locator('tbody tr.ant-table-row').count()).toBe(4);
        expect(await rules.locator('.ant-tag-green').count()).toBe(4);
        const explanation = await page.getByTestId('plan-explanation').textContent();
        expect(explanation).toMatch(t('覆盖率由', 'coverage'));
        if (lang === 'en') expect(explanation).not.toMatch(/覆盖率由/);
        // The optimizer writes nothing.
        expect((await gapsOf(mine())).report.summary.coverage).toBe(coverage);

        // Fewer candidates: run again with only the first one ticked.
        const candidates = page.getByTestId('plan-candidates');
        await candidates.waitFor();
        await candidates.locator('thead input[type=checkbox]').click();
        await candidates.locator('tbody tr.ant-table-row').first().locator('input[type=checkbox]').click();
        await page
          .getByRole('button', {
            name: t('用勾选的候选模块重新优化', 'Run again with the ticked candidates'),
          })
          .click();
        await expect
          .poll(() => page.getByTestId('plan-chosen').locator('tbody tr.ant-table-row').count())
          .toBe(1);
        await page
          .getByRole('button', { name: t('恢复自动生成的候选模块', 'Back to the derived candidates') })
          .click();
        await page.getByRole('button', { name: t('运行优化', 'Run the optimizer') }).click();
        await expect
          .poll(() => page.getByTestId('plan-chosen').locator('tbody tr.ant-table-row').count())
          .toBeGreaterThan(1);
        await shot('curriculum-plan');
      });

      it("refuses an admin of another institution this programme's plan, courses and coverage", async () => {
        await signOut(page, lang);
        await signIn(page, origin, 'other@college.test', lang);
        // Their own programmes only.
        await page.goto(`${origin}/institution/programmes`);
        const list = page.getByTestId('programme-list');
        await list.locator('tbody tr.ant-table-row').first().waitFor();
        expect(await list.locator('tbody tr.ant-table-row').count()).toBe(1);
        expect(await page.getByTestId('institution').textContent()).toContain('SYN-44-9103');

        const courses = (await platform.programs.getProgramme(mine().programmeId)).courses.length;
        await page.goto(`${origin}/institution/programmes/${mine().programmeId}`);
        await page.getByTestId('plan-check').locator('.ant-alert-error', { hasText: 'FORBIDDEN' }).waitFor();
        await page.getByLabel(t('课程代码', 'Course code'), { exact: true }).fill('INTRUDER');
        await page.getByLabel(t('课程名称', 'Course name'), { exact: true }).fill('不该出现的课程');
        await page.getByLabel(t('学时', 'Hours'), { exact: true }).fill('16');
        await page.getByRole('button', { name: t('添加课程', 'Add the course') }).click();
        await page
          .getByTestId('add-course-result')
          .locator('.ant-alert-error', { hasText: 'FORBIDDEN' })
          .waitFor();
        expect((await platform.programs.getProgramme(mine().programmeId)).courses).toHaveLength(courses);

        const mappings = await mappingsOf(mine());
        await page.goto(`${origin}/institution/programmes/${mine().programmeId}/curriculum/X-0102/2`);
        await errorAlert('FORBIDDEN').waitFor();
        expect(await errorAlert('FORBIDDEN').textContent()).toContain(
          t('无权执行此操作', 'Your account may not do this'),
        );
        expect(await page.getByTestId('coverage-heatmap').count()).toBe(0);
        expect(await mappingsOf(mine())).toEqual(mappings);
        await shot('curriculum-coverage-refused');
        await signOut(page, lang);
      });
    });
  }
});
