import { readFileSync } from 'node:fs';
import { createInstanceVerifier } from '@onex/api';
import { composeAchievementCredential, type Platform } from '@onex/core';
import type { Database } from '@onex/db';
import { type AssessmentFixture, seedAssessmentFixture } from '@onex/db/testing/assessment-fixture.ts';
import { createTestPlatform, testEngines } from '@onex/db/testing/index.ts';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  adminToken,
  haveBrowser,
  screenshot,
  signIn,
  signOut,
  startWeb,
  type WebHarness,
} from './browser-harness.ts';

/**
 * The regulator's catalog approval and trust list, the audit log with its CSV export, accounts and
 * API keys, and a learner's credit bank account with the CLR 2.0 export — in a real browser
 * against the real API over PGlite, in Chinese and in English.
 */
const baseUrl = 'https://onex.example';
const langs = ['zh', 'en'] as const;
type Lang = (typeof langs)[number];

interface Seeded {
  fx: AssessmentFixture;
  /** An APPLIED TEO per language, for the regulator to approve. */
  applied: Record<Lang, { id: string; code: string }>;
  /** The id of an API key a TEO admin made: an audit entry of another organization than the college's. */
  otherOrgKeyId: string;
  credentialId: string;
  ruleId: string;
}

/** An X certificate of the fixture's certificate, signed by its TEO and issued to `learnerId`. */
async function issueCertificate(
  platform: Platform,
  fx: AssessmentFixture,
  learnerId: string,
  validFrom: string,
) {
  const teoDid = await platform.credentials.ensureIssuer('TEO', 'T-ADM');
  const certificate = await platform.catalog.getCertificate(fx.certificateCode);
  const level = certificate.levels.find((l) => l.level === 1)!;
  const id = 'urn:uuid:6a1f0c2e-3b4d-4e5f-8a9b-00000000a001';
  const document = composeAchievementCredential({
    id,
    issuer: { id: teoDid, nameZh: '测评培训评价组织', nameEn: 'Assessment test TEO' },
    baseUrl,
    certificate: {
      code: certificate.code,
      nameZh: certificate.nameZh,
      nameEn: certificate.nameEn,
      fullNameZh: certificate.fullNameZh,
    },
    level: { level: 1, nameZh: level.nameZh, nameEn: level.nameEn },
    standard: { id: fx.publishedStandardId, version: 1, requirementCodes: [] },
    occupationCodes: [],
    majorCodes: [],
    recipient: { identityHash: `sha256$${'cd'.repeat(32)}`, salt: 'salt' },
    scores: { theory: 82, practical: 91, total: null },
    validFrom,
    certificateNumber: '1X-26AD1-33-00a001',
    credentialStatus: [],
  });
  return platform.credentials.issue(document, { learnerId, certificateCode: certificate.code, level: 1 });
}

describe.runIf(haveBrowser)('regulator, administration and credit bank pages in Chromium', () => {
  let database: Database;
  let web: WebHarness;
  let origin: string;
  let seeded: Seeded;

  beforeAll(async () => {
    database = await testEngines()[0]!.open();
    // Whole seconds: the credential's validFrom must not come before its issuer's accreditation.
    const now = new Date(Math.floor(Date.now() / 1000) * 1000).toISOString();
    const { platform } = createTestPlatform(database, now);
    const fx = await seedAssessmentFixture(platform, 'ADM');
    const applied = {} as Seeded['applied'];
    for (const lang of langs) {
      const code = `T-NEW-${lang.toUpperCase()}`;
      const teo = await platform.catalog.applyTeo({
        code,
        nameZh: lang === 'zh' ? '新申请培训评价组织甲' : '新申请培训评价组织乙',
        nameEn: lang === 'zh' ? 'Applicant TEO A' : 'Applicant TEO B',
        orgType: 'ENTERPRISE',
      });
      applied[lang] = { id: teo.id, code };
    }

    // The credit bank: a college course, a conversion rule, an issued certificate, rules applied.
    const programme = await platform.programs.createProgramme(fx.pilotInstitutionId, {
      majorCode: '510203',
      cohortYear: 2025,
      hoursPerCredit: 16,
    });
    await platform.programs.addCourses(programme.id, [
      {
        code: 'WEB1',
        nameZh: '网页设计基础',
        nameEn: 'Web design basics',
        hours: 64,
        credits: 4,
        type: 'PROFESSIONAL_CORE',
      },
    ]);
    const institution = await platform.programs.getInstitution(fx.pilotInstitutionId);
    const rule = await platform.creditBank.defineRule({
      institution: institution.code,
      certificateCode: fx.certificateCode,
      level: 1,
      credits: 6,
      exemptCourses: ['WEB1'],
      effectiveFrom: '2020-01-01',
    });
    const learner = fx.students[0]!;
    const credential = await issueCertificate(platform, fx, learner, `${now.slice(0, 19)}Z`);
    const report = await platform.creditBank.apply(learner, {
      verifier: createInstanceVerifier(platform, baseUrl),
    });
    if (report.transactions.length !== 2) throw new Error(JSON.stringify(report));

    web = await startWeb(platform, database);
    origin = web.origin;
    await web.account({ email: 'regulator@admin.test', role: 'REGULATOR_ADMIN' });
    await web.account({
      email: 'college@admin.test',
      role: 'INSTITUTION_ADMIN',
      orgId: fx.pilotInstitutionId,
    });
    await web.account({ email: 'learner@admin.test', role: 'LEARNER', learnerId: learner });

    // Another organization's write: a TEO admin's key makes an assessor key.
    const bearer = async (authorization: string, body: object) => {
      const res = await web.app.inject({
        method: 'POST',
        url: '/api/v1/api-keys',
        headers: { authorization },
        payload: body,
      });
      if (res.statusCode !== 201) throw new Error(res.body);
      return res.json() as { key: { id: string }; secret: string };
    };
    const teoKey = await bearer(`Bearer ${adminToken}`, {
      name: 'TEO system',
      role: 'TEO_ADMIN',
      orgId: fx.teoId,
    });
    const otherOrgKey = await bearer(`Bearer ${teoKey.secret}`, {
      name: 'TEO assessor system',
      role: 'ASSESSOR',
      orgId: fx.teoId,
    });
    seeded = { fx, applied, otherOrgKeyId: otherOrgKey.key.id, credentialId: credential.id, ruleId: rule.id };
  }, 240_000);

  afterAll(async () => {
    await web?.close();
    await database?.close();
  });

  for (const lang of langs) {
    const t = (zh: string, en: string) => (lang === 'zh' ? zh : en);

    describe(`in ${lang === 'zh' ? 'Chinese' : 'English'}`, () => {
      let context: BrowserContext;
      let page: Page;
      const shot = (name: string) => screenshot(page, name, lang);
      const download = async (click: () => Promise<void>) => {
        const [file] = await Promise.all([page.waitForEvent('download'), click()]);
        return { name: file.suggestedFilename(), text: readFileSync((await file.path())!, 'utf8') };
      };

      beforeAll(async () => {
        ({ context, page } = await web.context(lang));
      });
      afterAll(async () => {
        await context?.close();
      });

      it('lets the regulator approve an applied TEO with a reason and a confirmation, and shows a refused step’s coded error', async () => {
        const teo = seeded.applied[lang];
        await signIn(page, origin, 'regulator@admin.test', lang, '/regulator/catalog');
        await page.getByRole('heading', { level: 1, name: t('目录审批', 'Catalog approval') }).waitFor();
        await page.getByLabel(t('搜索（代码或名称）', 'Search (code or name)')).fill(teo.code);
        const row = page.locator(`tr[data-row-key="${teo.id}"]`);
        expect(await row.getByTestId('teo-status').textContent()).toBe(t('已申请', 'Applied'));

        await row.getByRole('button', { name: `${t('变更状态', 'Change status')} ${teo.code}` }).click();
        const dialog = page.getByRole('dialog');
        // Nothing chosen, no reason, no confirmation: the dialog says what is missing and sends nothing.
        await dialog.getByRole('button', { name: t('确认变更', 'Confirm the change') }).click();
        await dialog
          .getByRole('alert')
          .filter({ hasText: t('请选择要变更的状态。', 'Choose the new status.') })
          .waitFor();
        await dialog.getByRole('radio', { name: t('批准 → 已批准', 'Approve → Approved') }).check();
        await dialog
          .getByLabel(t('原因', 'Reason'))
          .fill(t('申报材料审核通过', 'Application documents checked'));
        await dialog
          .getByRole('checkbox', { name: new RegExp(t('我已核实', 'I have checked this')) })
          .check();
        await dialog.getByRole('button', { name: t('确认变更', 'Confirm the change') }).click();
        await dialog.waitFor({ state: 'detached' });
        await expect.poll(() => row.getByTestId('teo-status').textContent()).toBe(t('已批准', 'Approved'));

        // A voluntary exit the day it was approved: the catalog's rule refuses it, with its code.
        // The dialog opens from the keyboard too.
        await row.getByRole('button', { name: `${t('变更状态', 'Change status')} ${teo.code}` }).focus();
        await page.keyboard.press('Enter');
        await dialog
          .getByRole('radio', { name: t('退出目录 → 已退出', 'Exit the catalog → Exited') })
          .check();
        expect(
          await dialog
            .getByRole('checkbox', { name: new RegExp(t('自愿退出', 'Voluntary exit')) })
            .isChecked(),
        ).toBe(true);
        await dialog.getByLabel(t('原因', 'Reason')).fill(t('经营调整', 'Business change'));
        await dialog
          .getByRole('checkbox', { name: new RegExp(t('我已核实', 'I have checked this')) })
          .check();
        await dialog.getByRole('button', { name: t('确认变更', 'Confirm the change') }).click();
        const refused = dialog.getByTestId('transition-error');
        await refused.waitFor();
        const text = await refused.textContent();
        expect(text).toContain('CATALOG_EXIT_TOO_EARLY');
        expect(text).toContain(t('批准满一年', 'one year after approval'));
        await shot('regulator-catalog');
        await dialog.getByRole('button', { name: t('取消', 'Cancel') }).click();
        expect(await row.getByTestId('teo-status').textContent()).toBe(t('已批准', 'Approved'));
      });

      it('shows the signed trust list with the approved TEO, its DID and period, a verified signature, and its JSON', async () => {
        const teo = seeded.applied[lang];
        await page.goto(`${origin}/regulator/trust-list`);
        const proof = page.getByTestId('trust-list-proof');
        await proof.waitFor();
        expect(await proof.getAttribute('data-verified')).toBe('true');
        expect(await proof.textContent()).toContain('did:web:onex.example:regulator');
        const issuers = page.getByTestId('trust-list-issuers');
        const row = issuers.locator('tr', { hasText: teo.code });
        await row.waitFor();
        expect(await row.textContent()).toContain(`did:web:onex.example:teos:${teo.code}`);
        expect(await row.textContent()).toContain(t('持续有效', 'Ongoing'));
        expect(await page.getByTestId('trust-list-certificates').textContent()).toContain(
          seeded.fx.certificateCode,
        );
        await shot('regulator-trust-list');
        const file = await download(() =>
          page.getByRole('button', { name: t('下载 JSON', 'Download JSON') }).click(),
        );
        expect(file.name).toBe('trust-list.json');
        const vc = JSON.parse(file.text);
        expect(vc.type).toContain('OneXTrustListCredential');
        expect(vc.credentialSubject.issuers.map((i: { code: string }) => i.code)).toContain(teo.code);
        expect(vc.proof.cryptosuite).toBe('eddsa-jcs-2022');
      });

      it('lists the approval in the audit log with actor, action and target, and exports it as CSV', async () => {
        const teo = seeded.applied[lang];
        await page.goto(`${origin}/admin/audit`);
        const table = page.getByTestId('audit-table');
        await table.locator('tbody tr[data-row-key]').first().waitFor();
        await shot('admin-audit');
        await page.getByLabel(t('操作（包含）', 'Action (contains)')).fill('teos/:id/transitions');
        await page.getByLabel(t('对象（包含）', 'Target (contains)')).fill(teo.id);
        await page.getByLabel(t('对象（包含）', 'Target (contains)')).press('Enter');
        // One approval of this TEO: the refused exit wrote nothing.
        await expect.poll(() => table.locator('tbody tr[data-row-key]').count()).toBe(1);
        const row = table.locator('tbody tr[data-row-key]').first();
        expect(await row.getByTestId('audit-actor').textContent()).toBe('regulator@admin.test');
        expect(await row.getByTestId('audit-action').textContent()).toContain(
          'POST /api/v1/teos/:id/transitions',
        );
        expect(await row.getByTestId('audit-action').textContent()).toContain(
          t('变更培训评价组织状态', 'Change a TEO’s status'),
        );
        expect(await row.getByTestId('audit-target').textContent()).toBe(teo.id);
        const file = await download(() =>
          page.getByRole('button', { name: t('导出 CSV', 'Export CSV') }).click(),
        );
        expect(file.name).toBe('audit-log.csv');
        const lines = file.text.trim().split('\n');
        expect(lines[0]).toBe('id,at,actorId,actorVia,role,orgKind,orgId,action,target,statusCode,requestId');
        expect(lines.slice(1).every((l) => l.includes(`"${teo.id}"`))).toBe(true);
        expect(
          lines.some((l) => l.includes('"POST /api/v1/teos/:id/transitions"') && l.includes('"MOE"')),
        ).toBe(true);
      });

      it('lets a college admin create an API key whose secret shows once, and an account with field errors', async () => {
        await signOut(page, lang);
        await signIn(page, origin, 'college@admin.test', lang, '/admin/accounts');
        await page
          .getByRole('heading', { level: 1, name: t('账号与 API 密钥', 'Accounts & API keys') })
          .waitFor();
        const keyName = `${lang} timetable system`;
        const keyForm = page.locator('form#api-key');
        await keyForm.getByLabel(t('密钥名称', 'Key name')).fill(keyName);
        await keyForm.getByLabel(t('角色', 'Role'), { exact: true }).click();
        await page
          .locator('.ant-select-dropdown:visible')
          .getByText(t('教师', 'Teacher'), { exact: true })
          .click();
        await keyForm.getByRole('button', { name: t('新建 API 密钥', 'Create the API key') }).click();
        const secret = page.getByTestId('api-key-secret');
        await secret.waitFor();
        const value = (await secret.locator('code').textContent())!;
        expect(value).toMatch(/^onex_[0-9a-f]{64}$/);
        const keyRow = page.getByTestId('api-keys-table').locator('tr', { hasText: keyName });
        await keyRow.waitFor();
        const prefix = (await keyRow.locator('code').textContent())!.replace('…', '');
        expect(value.startsWith(prefix)).toBe(true);
        // The list never has the secret.
        expect(await page.getByTestId('api-keys-table').textContent()).not.toContain(value);

        // An account whose password is too short: the API's field error shows under the field.
        const accountForm = page.locator('form#account');
        await accountForm.getByLabel(t('邮箱', 'Email')).fill(`teacher-${lang}@admin.test`);
        await accountForm.getByLabel(t('姓名', 'Name')).fill(t('王老师', 'Ms Wang'));
        await accountForm.getByLabel(t('初始密码', 'Initial password'), { exact: false }).fill('short');
        await accountForm.getByLabel(t('角色', 'Role'), { exact: true }).click();
        await page
          .locator('.ant-select-dropdown:visible')
          .getByText(t('教师', 'Teacher'), { exact: true })
          .click();
        await accountForm.getByRole('button', { name: t('新建账号', 'Create the account') }).click();
        const fieldError = accountForm.locator('.ant-form-item-explain-error');
        await fieldError.waitFor();
        expect(await fieldError.textContent()).toMatch(/10/);
        await shot('admin-accounts');
        await accountForm
          .getByLabel(t('初始密码', 'Initial password'), { exact: false })
          .fill('a long enough password');
        await accountForm.getByRole('button', { name: t('新建账号', 'Create the account') }).click();
        await page
          .getByTestId('accounts-table')
          .locator('tr', { hasText: `teacher-${lang}@admin.test` })
          .waitFor();

        // Shown once: after a reload only the prefix is left.
        await page.reload();
        await page.getByTestId('api-keys-table').locator('tr', { hasText: keyName }).waitFor();
        expect(await page.getByTestId('api-key-secret').count()).toBe(0);
        expect(await page.locator('body').textContent()).not.toContain(value);
      });

      it('shows a college admin only their own organization’s audit entries', async () => {
        await page.goto(`${origin}/admin/audit`);
        const table = page.getByTestId('audit-table');
        await table.locator('tbody tr[data-row-key]').first().waitFor();
        const text = (await table.textContent())!;
        expect(text).toContain('POST /api/v1/api-keys');
        expect(text).toContain('POST /api/v1/accounts');
        expect(text).toContain('college@admin.test');
        // Neither the regulator's approvals nor the TEO's key.
        for (const other of [seeded.applied.zh.id, seeded.applied.en.id, seeded.otherOrgKeyId]) {
          expect(text).not.toContain(other);
        }
        const orgs = await table.getByTestId('audit-org').allTextContents();
        expect(orgs.length).toBeGreaterThan(0);
        for (const org of orgs) expect(org).toContain(seeded.fx.pilotInstitutionId);
        // Not even when asking for the TEO's entries by target.
        await page.getByLabel(t('对象（包含）', 'Target (contains)')).fill(seeded.otherOrgKeyId);
        await page.getByRole('button', { name: t('应用筛选', 'Apply filters') }).click();
        await table.getByText(t('没有符合条件的审计记录。', 'No audit entries match.')).waitFor();
      });

      it('shows a learner their credit account: the recognised certificate, its explained credits, and the CLR export', async () => {
        await signOut(page, lang);
        await signIn(page, origin, 'learner@admin.test', lang, '/learner/credits');
        await page
          .getByRole('heading', { level: 1, name: t('学分银行账户', 'Credit bank account') })
          .waitFor();
        const outcomes = page.getByTestId('credit-outcomes');
        const outcome = outcomes.locator('tr', { hasText: seeded.fx.certificateCode });
        await outcome.waitFor();
        expect(await outcome.getByTestId('outcome-status').textContent()).toBe(t('已转换', 'Converted'));
        expect(await outcome.textContent()).toContain(t('已验证', 'Verified'));
        const transactions = page.getByTestId('credit-transactions');
        const exempt = transactions.locator('tr', { hasText: t('免修', 'Exemption') }).first();
        const explanation = (await exempt.getByTestId('credit-explanation').textContent())!;
        // Both languages, naming the rule and the course.
        expect(explanation).toContain(seeded.ruleId);
        expect(explanation).toContain('免修课程《网页设计基础》');
        expect(explanation).toContain('exempts the course "Web design basics"');
        expect(await exempt.textContent()).toContain('+4');
        expect(await transactions.textContent()).toContain(t('学分置换', 'Credit substitution'));
        expect(await page.getByTestId('credit-exemptions').textContent()).toContain(
          t('网页设计基础 (WEB1)', 'Web design basics (WEB1)'),
        );
        expect(await page.locator('.ant-statistic').first().textContent()).toContain('6');
        await shot('learner-credits');
        const file = await download(() =>
          page.getByRole('button', { name: t('导出 CLR 2.0 学习记录', 'Export the CLR 2.0 record') }).click(),
        );
        expect(file.name).toMatch(/^clr-.*\.json$/);
        const clr = JSON.parse(file.text);
        expect(clr.type).toContain('ClrCredential');
        expect(clr.proof.cryptosuite).toBe('eddsa-rdfc-2022');
        const embedded = clr.credentialSubject.verifiableCredential as { id: string }[];
        expect(embedded.map((vc) => vc.id)).toContain(seeded.credentialId);
        await signOut(page, lang);
      });
    });
  }
});
