import { buildStandardTree, type Platform, type SkillStandardTree } from '@onex/core';
import type { Database } from '@onex/db';
import { createTestPlatform, testEngines } from '@onex/db/testing/index.ts';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { haveBrowser, screenshot, signIn, signOut, startWeb, type WebHarness } from './browser-harness.ts';

/** Polls until the assertion holds (10 s: the machine may be busy). */
const eventually = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 10_000 });

interface Seeded {
  teoId: string;
  certificateId: string;
  /** A second certificate (`X-{prefix}-N`, level 1 only) with no standard yet. */
  bareCertificateId: string;
  /** Version 1, published, and version 2, a draft based on it (levels 1 and 2). */
  publishedStandardId: string;
  draftStandardId: string;
  /** A college that can host a site (code `I-{prefix}`). */
  institutionId: string;
}

const requirement = (titleZh: string) => ({
  titleZh,
  behaviour: '行为',
  condition: '条件',
  standard: '标准',
  result: '结果',
});
const tree: SkillStandardTree = {
  titleZh: 'Web前端开发职业技能等级标准',
  titleEn: 'Web front-end development skill standard',
  levels: [1, 2].map((level) => ({
    level: level as 1 | 2,
    areas: [{ titleZh: '领域', tasks: [{ titleZh: '任务', requirements: [requirement('要求')] }] }],
  })),
};

/**
 * An approved TEO (`T-{prefix}`) with an active certificate (`X-{prefix}`, three levels), its
 * standard (v1 published, v2 draft) and a college, all through the platform services, like
 * assessment-fixture.ts but without learners (whose ID numbers would clash when seeded twice).
 */
async function seedTeo(platform: Platform, prefix: string): Promise<Seeded> {
  const teo = await platform.catalog.applyTeo({
    code: `T-${prefix}`,
    nameZh: `测评培训评价组织${prefix}`,
    nameEn: `Test TEO ${prefix}`,
    orgType: 'ENTERPRISE',
  });
  await platform.catalog.transitionTeo(teo.id, { to: 'APPROVED' });
  const cert = await platform.catalog.createCertificate({
    code: `X-${prefix}`,
    teoId: teo.id,
    nameZh: 'Web前端开发',
    nameEn: 'Web Front-End Development',
    domain: 'IT',
    occupationCodes: ['4-04-04-02'],
    levels: ([1, 2, 3] as const).map((level) => ({
      level,
      nameZh: ['初级', '中级', '高级'][level - 1]!,
      nameEn: ['Elementary', 'Intermediate', 'Advanced'][level - 1]!,
      intendedStage: 'HIGHER_VET' as const,
      targetMajors: ['510203'],
      nominalHours: 64 * level,
      passRule: { theoryMin: 60, practicalMin: 60 },
      eqf: 3 + level,
    })),
  });
  await platform.catalog.transitionCertificate(cert.id, 'PUBLIC_NOTICE');
  await platform.catalog.transitionCertificate(cert.id, 'ACTIVE');
  const v1 = await platform.catalog.createStandardVersion(cert.id, tree);
  await platform.catalog.publishStandard(v1.id);
  const v2 = await platform.catalog.createStandardVersion(cert.id, tree, v1.id);
  const bare = await platform.catalog.createCertificate({
    code: `X-${prefix}-N`,
    teoId: teo.id,
    nameZh: '网络安全评估',
    nameEn: 'Network Security Assessment',
    domain: 'IT',
    occupationCodes: ['4-04-04-02'],
    levels: [
      {
        level: 1,
        nameZh: '初级',
        nameEn: 'Elementary',
        intendedStage: 'HIGHER_VET',
        targetMajors: ['510203'],
        nominalHours: 64,
        passRule: { theoryMin: 60, practicalMin: 60 },
        eqf: 4,
      },
    ],
  });
  const college = await platform.programs.createInstitution({
    code: `I-${prefix}`,
    nameZh: `测评职业技术学院${prefix}`,
    nameEn: `Test college ${prefix}`,
    type: 'HIGHER_VET',
    provinceCode: '33',
    urbanRural: 'URBAN',
  });
  return {
    teoId: teo.id,
    certificateId: cert.id,
    bareCertificateId: bare.id,
    publishedStandardId: v1.id,
    draftStandardId: v2.id,
    institutionId: college.id,
  };
}

/**
 * A TEO's skill standards and assessment sites in Chromium against the real API, in Chinese and
 * in English: the TEO admin edits a draft (a requirement added and saved, a bad edit refused with
 * its field named and nothing changed), publishes it, starts a new draft, changes it and compares
 * the two versions; creates and approves a site. An assessor of the same TEO is offered no
 * changes; a TEO admin of another TEO does not see the certificate and is refused changing its
 * standard. Every change (or its absence) is checked through the platform services afterwards.
 */
describe.runIf(haveBrowser)('skill standards and assessment sites in Chromium', () => {
  let database: Database;
  let platform: Platform;
  let web: WebHarness;
  let origin: string;
  const fixtures = {} as Record<'zh' | 'en', Seeded>;
  let other: Seeded;

  beforeAll(async () => {
    database = await testEngines()[0]!.open();
    ({ platform } = createTestPlatform(database, new Date().toISOString()));
    // One TEO per language (each run publishes and adds versions), and one more TEO.
    fixtures.zh = await seedTeo(platform, 'SZH');
    fixtures.en = await seedTeo(platform, 'SEN');
    other = await seedTeo(platform, 'SOT');
    web = await startWeb(platform, database);
    origin = web.origin;
    for (const lang of ['zh', 'en'] as const) {
      await web.account({ email: `teo-${lang}@std.test`, role: 'TEO_ADMIN', orgId: fixtures[lang].teoId });
      await web.account({
        email: `assessor-${lang}@std.test`,
        role: 'ASSESSOR',
        orgId: fixtures[lang].teoId,
      });
    }
    await web.account({ email: 'other-teo@std.test', role: 'TEO_ADMIN', orgId: other.teoId });
    await web.account({ email: 'regulator@std.test', role: 'REGULATOR_ADMIN' });
  }, 240_000);

  afterAll(async () => {
    await web?.close();
    await database?.close();
  });

  for (const lang of ['zh', 'en'] as const) {
    const t = (zh: string, en: string) => (lang === 'zh' ? zh : en);

    describe(`in ${lang === 'zh' ? 'Chinese' : 'English'}`, () => {
      let context: BrowserContext;
      let page: Page;
      let fx: Seeded;
      let newDraftId = '';
      /** A screenshot once the passing notices (a saved draft, a changed site) have gone. */
      const shot = async (name: string) => {
        await page.locator('.ant-message-notice').first().waitFor({ state: 'detached', timeout: 10_000 });
        await screenshot(page, name, lang);
      };
      const node = (key: string) => page.locator(`[data-testid="tree-node"][data-key="${key}"]`);
      const field = (zh: string, en: string) => page.getByLabel(t(zh, en), { exact: true });
      // antd's loading icon can outlive a very short request (its leave motion), still named
      // "loading" while invisible: the name may start with it.
      const button = (zh: string, en: string) =>
        page.getByRole('button', {
          name: new RegExp(`^(loading )?${t(zh, en).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`),
        });
      /**
       * Clicks a button of a popup (a confirmation, a dialog) once its opening motion has ended:
       * a popup still zooming in or being placed can move away from under the click.
       */
      const inPopup = async (popup: Locator, name: string | RegExp) => {
        await popup.waitFor();
        await eventually(() => popup.getAttribute('class')).not.toMatch(/zoom|-appear|-enter/);
        await popup.getByRole('button', { name }).click();
      };
      const confirm = () =>
        inPopup(
          page.locator('.ant-popover').filter({ visible: true }),
          new RegExp(`^(loading )?${t('确定', 'OK')}$`),
        );
      const confirmDialog = () =>
        inPopup(page.locator('.ant-modal').filter({ visible: true }), t('确定', 'Confirm'));
      const stored = async (id: string) => platform.catalog.getStandard(id);
      const nodeOf = async (id: string, level: number, code: string) =>
        (await stored(id)).nodes.find((n) => n.level === level && n.code === code);
      /** A write from the signed-in browser (its cookie and Origin), as the page would send it. */
      const browserWrite = (method: 'PUT' | 'POST', path: string, body?: unknown) =>
        page.evaluate(
          async ({ method, path, body }) => {
            const res = await fetch(path, {
              method,
              headers: body === undefined ? {} : { 'content-type': 'application/json' },
              ...(body === undefined ? {} : { body: JSON.stringify(body) }),
            });
            return { status: res.status, code: ((await res.json()) as { code?: string }).code };
          },
          { method, path, body },
        );

      beforeAll(async () => {
        fx = fixtures[lang];
        ({ context, page } = await web.context(lang));
      });
      afterAll(async () => {
        await context?.close();
      });

      it('lists the versions of the TEO’s certificate, and a TEO admin adds a requirement to the draft and saves it', async () => {
        await signIn(page, origin, `teo-${lang}@std.test`, lang, '/teo/standards');
        expect(page.url()).toBe(`${origin}/teo/standards`);
        await page.getByRole('heading', { level: 1 }).waitFor();
        const rows = page.getByTestId('standard-versions').locator('tbody tr');
        await eventually(() => rows.count()).toBe(2);
        expect(await page.getByTestId('version-status').allTextContents()).toEqual([
          t('草稿', 'Draft'),
          t('已发布', 'Published'),
        ]);
        await shot('teo-standards');

        await page.getByRole('link', { name: t('第 2 版', 'Version 2'), exact: true }).click();
        await page.waitForURL(`${origin}/teo/standards/${fx.draftStandardId}`);
        expect(await page.getByTestId('standard-status').textContent()).toBe(t('草稿', 'Draft'));
        await node('1/1.1').click();
        await button('添加职业技能要求', 'Add a skill requirement').click();
        await page.locator('[data-testid="node-editor"][data-key="1/1.1.2"]').waitFor();
        await field('名称（中文）', 'Name (Chinese)').fill('页面布局');
        await field('名称（英文，可选）', 'Name (English, optional)').fill('Page layout');
        await field('行为', 'Behaviour').fill('使用弹性布局完成页面');
        await field('条件', 'Condition').fill('给定设计稿');
        await field('标准', 'Standard').fill('与设计稿一致');
        await field('结果', 'Result').fill('可运行的页面');
        expect(await node('1/1.1.2').textContent()).toContain('页面布局');
        await button('保存草稿', 'Save draft').click();
        await page.getByTestId('unsaved').waitFor({ state: 'detached' });
        expect(await nodeOf(fx.draftStandardId, 1, '1.1.2')).toMatchObject({
          kind: 'REQUIREMENT',
          titleZh: '页面布局',
          titleEn: 'Page layout',
          behaviour: '使用弹性布局完成页面',
          result: '可运行的页面',
        });
      });

      it('names the field of a bad edit (an empty name) next to it, and nothing is changed', async () => {
        const before = await stored(fx.draftStandardId);
        // The tree works from the keyboard: arrows move through it, Enter opens a requirement.
        await page.getByTestId('standard-tree').getByRole('tree').focus();
        for (let i = 0; i < 10; i++) {
          if (await page.locator('.ant-tree-treenode-active [data-key="1/1.1.1"]').count()) break;
          await page.keyboard.press('ArrowDown');
        }
        await page.keyboard.press('Enter');
        await page.locator('[data-testid="node-editor"][data-key="1/1.1.1"]').waitFor();
        await field('名称（中文）', 'Name (Chinese)').fill('   ');
        await button('保存草稿', 'Save draft').click();
        const error = page.getByTestId('field-error-titleZh');
        await error.waitFor();
        expect(await error.textContent()).toContain(
          t('「名称（中文）」无效', '“Name (Chinese)” is not valid'),
        );
        expect(await field('名称（中文）', 'Name (Chinese)').getAttribute('aria-invalid')).toBe('true');
        expect(await page.getByTestId('save-error').textContent()).toContain('VALIDATION_FAILED');
        await shot('teo-standards-editor');
        expect((await stored(fx.draftStandardId)).nodes).toEqual(before.nodes);
        await button('放弃修改', 'Discard changes').click();
        expect(await field('名称（中文）', 'Name (Chinese)').inputValue()).toBe('要求');
      });

      it('publishes the draft after a confirmation; a published version offers no edit controls and the API refuses edits', async () => {
        await button('发布', 'Publish').click();
        await confirm();
        await eventually(() => page.getByTestId('standard-status').textContent()).toBe(
          t('已发布', 'Published'),
        );
        expect((await stored(fx.draftStandardId)).status).toBe('PUBLISHED');
        const noEditing = async () => {
          await page.getByTestId('read-only').waitFor();
          expect(await button('保存草稿', 'Save draft').count()).toBe(0);
          expect(await button('发布', 'Publish').count()).toBe(0);
          expect(await page.locator('#main input, #main textarea').count()).toBe(0);
        };
        await noEditing();
        await node('1/1.1.2').click();
        expect(await page.getByTestId('node-details').textContent()).toContain('使用弹性布局完成页面');
        expect(await page.getByRole('button', { name: t('删除', 'Remove') }).count()).toBe(0);
        // The first version, published by the fixture: the same.
        await page.goto(`${origin}/teo/standards/${fx.publishedStandardId}`);
        await noEditing();
        const tree = buildStandardTree(await stored(fx.publishedStandardId));
        expect(await browserWrite('PUT', `/api/v1/standards/${fx.publishedStandardId}`, tree)).toEqual({
          status: 409,
          code: 'CATALOG_STANDARD_PUBLISHED',
        });
      });

      it('starts a new draft from the latest version, changes it, and the comparison shows the change', async () => {
        await page.goto(`${origin}/teo/standards`);
        await button('基于第 2 版新建草稿', 'New draft from version 2').click();
        await confirm();
        await page.waitForURL(/\/teo\/standards\/std/);
        newDraftId = decodeURIComponent(page.url().split('/').at(-1)!);
        expect(await page.getByTestId('standard-status').textContent()).toBe(t('草稿', 'Draft'));
        const created = await stored(newDraftId);
        expect(created).toMatchObject({ version: 3, status: 'DRAFT', basedOnId: fx.draftStandardId });
        expect(created.nodes.map((n) => `${n.level}/${n.code}`)).toEqual(
          (await stored(fx.draftStandardId)).nodes.map((n) => `${n.level}/${n.code}`),
        );

        // Change a requirement, rename a work area, remove a requirement.
        await node('1/1.1.2').click();
        await field('行为', 'Behaviour').fill('使用网格布局完成响应式页面');
        await node('2/1').click();
        await field('名称（中文）', 'Name (Chinese)').fill('页面开发');
        await node('1/1.1.1').click();
        await button('删除', 'Remove').click();
        await confirm();
        expect(await node('1/1.1.1').count()).toBe(0);
        await button('保存草稿', 'Save draft').click();
        await page.getByTestId('unsaved').waitFor({ state: 'detached' });
        expect((await nodeOf(newDraftId, 1, '1.1.2'))?.behaviour).toBe('使用网格布局完成响应式页面');
        expect((await nodeOf(newDraftId, 2, '1'))?.titleZh).toBe('页面开发');
        expect(await nodeOf(newDraftId, 1, '1.1.1')).toBeUndefined();

        await page.getByRole('link', { name: t('返回版本列表', 'Back to the versions') }).click();
        await page.getByTestId('standard-versions').locator('tbody tr').nth(2).waitFor();
        // The newest two are preselected: version 2 → version 3.
        await button('比较', 'Compare').click();
        const diff = page.getByTestId('standard-diff');
        await diff.waitFor();
        expect(await page.getByTestId('diff-summary').textContent()).toContain(
          t('新增 0 · 删除 1 · 修改 2', '0 added · 1 removed · 2 changed'),
        );
        const rows = async (change: string) =>
          (await diff.locator(`[data-testid="diff-row"][data-change="${change}"]`).allInnerTexts()).map((r) =>
            r.replace(/\s+/g, ' '),
          );
        const changedRows = await rows('changed');
        expect(changedRows).toHaveLength(2);
        expect(changedRows[0]).toContain(`${t('修改', 'Changed')} 1 1.1.2`);
        expect(changedRows[0]).toContain('使用弹性布局完成页面 → 使用网格布局完成响应式页面');
        expect(changedRows[1]).toContain(`${t('修改', 'Changed')} 2 1`);
        expect(changedRows[1]).toContain('领域 → 页面开发');
        expect(await rows('removed')).toEqual([expect.stringContaining(`${t('删除', 'Removed')} 1 1.1.1`)]);
        expect(
          await diff
            .locator('[data-testid="diff-field"]')
            .evaluateAll((els) => els.map((e) => e.getAttribute('data-field'))),
        ).toEqual(['behaviour', 'titleZh']);
        expect(await diff.locator('.ant-tag-orange').count()).toBe(2);
        expect(await diff.locator('.ant-tag-red').count()).toBe(1);
        expect(page.url()).toContain(`to=${newDraftId}`);
        await shot('teo-standard-diff');

        // Against the first version, the requirement added in version 2 shows as added (green).
        await page.goto(`${origin}/teo/standards?from=${fx.publishedStandardId}&to=${newDraftId}`);
        const added = page.locator('[data-testid="diff-row"][data-change="added"]');
        await added.first().waitFor();
        expect(await added.textContent()).toContain('1.1.2');
        expect(await added.locator('.ant-tag-green').textContent()).toBe(t('新增', 'Added'));
      });

      it('creates a site (a bad capacity refused with its field named, nothing created) and approves it with a reason', async () => {
        await page.goto(`${origin}/teo/sites`);
        await page.getByRole('heading', { level: 1, name: t('考核站点', 'Assessment sites') }).waitFor();
        await page.getByTestId('create-site').waitFor();
        const code = `S-${lang.toUpperCase()}-1`;
        await field('站点代码', 'Site code').fill(code);
        await field('站点名称', 'Site name').fill('前端考核站点');
        const host = field('承办院校', 'Host college');
        await host.click();
        await host.fill(`I-${lang === 'zh' ? 'SZH' : 'SEN'}`);
        await page.keyboard.press('Enter');
        await field('容量（每场考生数）', 'Capacity (candidates per session)').fill('0');
        await page.getByLabel(`X-${lang === 'zh' ? 'SZH' : 'SEN'} · ${t('初级', 'Elementary')}`).check();
        await button('提交申请', 'Submit').click();
        const error = page.getByTestId('create-error');
        await error.waitFor();
        expect(await error.textContent()).toContain('VALIDATION_FAILED');
        expect(await page.getByTestId('field-error').textContent()).toContain(
          t('「容量（每场考生数）」无效', '“Capacity (candidates per session)” is not valid'),
        );
        expect(await platform.assessment.listSites({ teoId: fx.teoId })).toEqual([]);

        await field('容量（每场考生数）', 'Capacity (candidates per session)').fill('40');
        await button('提交申请', 'Submit').click();
        const row = page.getByTestId(`site-${code}`);
        await row.waitFor();
        expect(await row.getByTestId('site-status').textContent()).toBe(t('待审批', 'Pending'));
        expect(await row.textContent()).toContain('40');
        expect(await row.textContent()).toContain(
          `X-${lang === 'zh' ? 'SZH' : 'SEN'} · ${t('初级', 'Elementary')}`,
        );

        // The same code again: a coded conflict next to the form, on the code field.
        await field('站点代码', 'Site code').fill(code);
        await field('站点名称', 'Site name').fill('重复站点');
        await button('提交申请', 'Submit').click();
        await eventually(() => error.textContent()).toContain('ASSESSMENT_DUPLICATE');
        expect(await platform.assessment.listSites({ teoId: fx.teoId })).toHaveLength(1);

        await page.getByRole('button', { name: `${t('批准', 'Approve')} ${code}` }).click();
        const dialog = page.getByRole('dialog');
        await dialog
          .getByLabel(t('原因（可选，记入站点变更记录）', 'Reason (optional, kept in the site’s history)'))
          .fill(t('场地与设备核查通过', 'Rooms and equipment checked'));
        await confirmDialog();
        await eventually(() => row.getByTestId('site-status').textContent()).toBe(t('已批准', 'Approved'));
        const [site] = await platform.assessment.listSites({ teoId: fx.teoId });
        expect(site).toMatchObject({
          code,
          status: 'APPROVED',
          capacity: 40,
          hostInstitutionId: fx.institutionId,
        });
        expect(site!.certificateLevels).toEqual([{ certificateId: fx.certificateId, level: 1 }]);
        await shot('teo-sites');

        // Suspending asks for its reason the same way.
        await page.getByRole('button', { name: `${t('暂停', 'Suspend')} ${code}` }).click();
        await confirmDialog();
        await eventually(() => row.getByTestId('site-status').textContent()).toBe(t('已暂停', 'Suspended'));
        expect((await platform.assessment.getSite(code)).status).toBe('SUSPENDED');
      });

      it('shows an assessor of the same TEO the pages read-only, and the API refuses their writes', async () => {
        await signOut(page, lang);
        await signIn(page, origin, `assessor-${lang}@std.test`, lang, `/teo/standards/${newDraftId}`);
        await page.getByTestId('read-only').waitFor();
        expect(await page.getByTestId('read-only').textContent()).toBe(
          t(
            '当前账号只能查看技能标准，不能修改。',
            'This account may read skill standards but not change them.',
          ),
        );
        expect(await page.getByTestId('standard-status').textContent()).toBe(t('草稿', 'Draft'));
        expect(await button('保存草稿', 'Save draft').count()).toBe(0);
        expect(await page.locator('#main input, #main textarea').count()).toBe(0);

        await page.goto(`${origin}/teo/standards`);
        await page.getByTestId('standard-versions').locator('tbody tr').nth(2).waitFor();
        expect(await page.getByRole('button', { name: /新建草稿|New draft/ }).count()).toBe(0);

        await page.goto(`${origin}/teo/sites`);
        await page.getByTestId(`site-S-${lang.toUpperCase()}-1`).waitFor();
        await page.getByTestId('read-only').waitFor();
        expect(await page.getByTestId('create-site').count()).toBe(0);
        expect(
          await page
            .getByRole('button', { name: /批准|恢复|暂停|关闭|Approve|Reinstate|Suspend|Close/ })
            .count(),
        ).toBe(0);

        const before = await stored(newDraftId);
        const tree = buildStandardTree(before);
        expect(
          await browserWrite('PUT', `/api/v1/standards/${newDraftId}`, { ...tree, titleZh: '改名' }),
        ).toEqual({
          status: 403,
          code: 'FORBIDDEN',
        });
        expect(await browserWrite('POST', `/api/v1/standards/${newDraftId}/publish`)).toEqual({
          status: 403,
          code: 'FORBIDDEN',
        });
        expect(await stored(newDraftId)).toEqual(before);
      });

      it('does not show another TEO’s certificate to its admin, shows its standard read-only, and refuses changing it', async () => {
        await signOut(page, lang);
        await signIn(page, origin, 'other-teo@std.test', lang, '/teo/standards');
        // Their own certificate, and only theirs.
        await page.getByTestId('standard-versions').locator('tbody tr').first().waitFor();
        const picked = page.locator('.ant-select').filter({ hasText: 'X-SOT' });
        expect(await picked.count()).toBe(1);
        await page.getByLabel(t('证书', 'Certificate'), { exact: true }).click();
        const options = await page.locator('.ant-select-item-option').allTextContents();
        expect(options.every((o) => o.startsWith('X-SOT'))).toBe(true);
        await page.keyboard.press('Escape');

        await page.goto(`${origin}/teo/standards/${newDraftId}`);
        await page.getByTestId('read-only').waitFor();
        expect(await page.getByTestId('read-only').textContent()).toContain(
          `T-${lang === 'zh' ? 'SZH' : 'SEN'}`,
        );
        expect(await button('保存草稿', 'Save draft').count()).toBe(0);
        expect(await page.locator('#main input, #main textarea').count()).toBe(0);

        const before = await stored(newDraftId);
        const tree = buildStandardTree(before);
        expect(
          await browserWrite('PUT', `/api/v1/standards/${newDraftId}`, { ...tree, titleZh: '改名' }),
        ).toEqual({
          status: 403,
          code: 'FORBIDDEN',
        });
        expect(await browserWrite('POST', `/api/v1/standards/${newDraftId}/publish`)).toEqual({
          status: 403,
          code: 'FORBIDDEN',
        });
        expect(
          await browserWrite('POST', `/api/v1/certificates/${fx.certificateId}/standards`, {
            ...tree,
            basedOnId: newDraftId,
          }),
        ).toEqual({ status: 403, code: 'FORBIDDEN' });
        expect(await stored(newDraftId)).toEqual(before);
        expect(await platform.catalog.listStandards(fx.certificateId)).toHaveLength(3);

        await page.goto(`${origin}/teo/sites`);
        await page.getByTestId('create-site').waitFor();
        expect(await page.getByTestId(`site-S-${lang.toUpperCase()}-1`).count()).toBe(0);
        expect(
          await browserWrite('POST', `/api/v1/assessment-sites/S-${lang.toUpperCase()}-1/approve`, {}),
        ).toEqual({ status: 403, code: 'FORBIDDEN' });
        expect((await platform.assessment.getSite(`S-${lang.toUpperCase()}-1`)).status).toBe('SUSPENDED');
        await signOut(page, lang);
      });

      it('lets the regulator choose the TEO and act on its sites and standards', async () => {
        await signOut(page, lang);
        await signIn(page, origin, 'regulator@std.test', lang, '/teo/sites');
        const teo = page.getByLabel(t('培训评价组织', 'TEO'), { exact: true });
        await teo.click();
        await teo.fill(`T-${lang === 'zh' ? 'SZH' : 'SEN'}`);
        await page.keyboard.press('Enter');
        const row = page.getByTestId(`site-S-${lang.toUpperCase()}-1`);
        await row.waitFor();
        expect(await page.getByTestId('read-only').count()).toBe(0);
        await page
          .getByRole('button', { name: `${t('恢复', 'Reinstate')} S-${lang.toUpperCase()}-1` })
          .click();
        await confirmDialog();
        await eventually(() => row.getByTestId('site-status').textContent()).toBe(t('已批准', 'Approved'));
        expect((await platform.assessment.getSite(`S-${lang.toUpperCase()}-1`)).status).toBe('APPROVED');
        expect(new URL(page.url()).searchParams.get('teo')).toBe(fx.teoId);
        await page.goto(`${origin}/teo/standards/${newDraftId}`);
        await button('保存草稿', 'Save draft').waitFor();
        expect(await page.getByTestId('read-only').count()).toBe(0);

        // A certificate without a standard: its first version is written and saved here.
        await page.goto(`${origin}/teo/standards?teo=${fx.teoId}&certificate=${fx.bareCertificateId}`);
        await page
          .getByText(t('该证书还没有技能标准。', 'This certificate has no skill standard yet.'))
          .waitFor();
        await node('1/1').click();
        await field('名称（中文）', 'Name (Chinese)').fill('网络扫描');
        await node('1/1.1').click();
        await field('名称（中文）', 'Name (Chinese)').fill('端口扫描');
        await node('1/1.1.1').click();
        await field('名称（中文）', 'Name (Chinese)').fill('识别开放端口');
        for (const [zh, en] of [
          ['行为', 'Behaviour'],
          ['条件', 'Condition'],
          ['标准', 'Standard'],
          ['结果', 'Result'],
        ] as const) {
          await field(zh, en).fill(`${zh}：端口扫描`);
        }
        await button('保存草稿', 'Save draft').click();
        await page.waitForURL(/\/teo\/standards\/std/);
        expect(await page.getByTestId('standard-status').textContent()).toBe(t('草稿', 'Draft'));
        const [first] = await platform.catalog.listStandards(fx.bareCertificateId);
        expect(first).toMatchObject({ version: 1, status: 'DRAFT', titleZh: '网络安全评估职业技能等级标准' });
        expect((await stored(first!.id)).nodes.map((n) => `${n.kind} ${n.code} ${n.titleZh}`)).toEqual([
          'AREA 1 网络扫描',
          'TASK 1.1 端口扫描',
          'REQUIREMENT 1.1.1 识别开放端口',
        ]);
      });
    });
  }
});
