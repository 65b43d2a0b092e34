import { type CredentialRecord, nationalIdCheckChar, type Platform } from '@onex/core';
import type { Database } from '@onex/db';
import { seedAssessmentFixture } from '@onex/db/testing/assessment-fixture.ts';
import { createTestPlatform, testEngines } from '@onex/db/testing/index.ts';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { haveBrowser, screenshot, signIn, signOut, startWeb, type WebHarness } from './browser-harness.ts';

/**
 * Issue 6, "an employer only sees candidates who consented", in a real browser against the real
 * API over PGlite, in Chinese and in English: a learner with two issued certificates grants
 * employer A consent to one of them (after bad input refused under its field, nothing written),
 * HR of employer A sees exactly that candidate, masked, with that one certificate verified; HR of
 * employer B sees nobody and is refused A's candidate with a coded error; the learner revokes and
 * HR of employer A sees nobody.
 */
const langs = ['zh', 'en'] as const;
type Lang = (typeof langs)[number];
const DAY = 86_400_000;

interface SeededLearner {
  id: string;
  nameZh: string;
  masked: string;
  email: string;
  /** Level 1 and level 2 certificates, issued through bulk issuance. */
  level1: CredentialRecord;
  level2: CredentialRecord;
}

interface Seeded {
  learners: Record<Lang, SeededLearner>;
  employerA: { id: string; nameZh: string; nameEn: string };
}

const learnerNames: Record<Lang, { nameZh: string; masked: string }> = {
  zh: { nameZh: '张晓明', masked: '张**' },
  en: { nameZh: '欧阳娜娜', masked: '欧阳**' },
};

/**
 * Two learners of a pilot college, each passing a level 1 and a level 2 session of the fixture's
 * certificate: scores recorded, results published and certificates issued through the platform.
 */
async function seedLearners(platform: Platform): Promise<Record<Lang, SeededLearner>> {
  const fx = await seedAssessmentFixture(platform, 'EMP');
  const now = Date.now();
  const dates = [2, 3].map((d) => new Date(now + d * DAY).toISOString().slice(0, 10));
  for (const year of new Set(dates.map((d) => Number(d.slice(0, 4)))))
    await platform.assessment.createPilotAuthorization({
      institutionId: fx.pilotInstitutionId,
      certificateId: fx.certificateId,
      levels: [1, 2],
      year,
    });
  const site = await platform.assessment.createSite({
    code: 'S-EMP',
    nameZh: '前端学院考核站点',
    teoId: fx.teoId,
    hostType: 'INSTITUTION',
    hostInstitutionId: fx.pilotInstitutionId,
    capacity: 10,
    certificateLevels: [
      { certificateId: fx.certificateId, level: 1 },
      { certificateId: fx.certificateId, level: 2 },
    ],
  });
  await platform.assessment.approveSite(site.id);
  const learners = await platform.programs.registerLearners(
    langs.map((lang, i) => {
      const first17 = `33010620010101${500 + i}`;
      return {
        kind: 'STUDENT' as const,
        nameZh: learnerNames[lang].nameZh,
        nationalId: first17 + nationalIdCheckChar(first17),
        institutionId: fx.pilotInstitutionId,
      };
    }),
  );
  for (const [i, level] of ([1, 2] as const).entries()) {
    const session = await platform.assessment.createSession({
      certificateId: fx.certificateId,
      level,
      standardId: fx.publishedStandardId,
      siteId: site.id,
      date: dates[i]!,
      theoryMode: 'ONLINE',
      practicalMode: 'ON_COMPUTER',
      registrationOpensAt: new Date(now - DAY),
      registrationClosesAt: new Date(now + DAY),
    });
    const outcomes = await platform.assessment.registerMany(
      session.id,
      learners.map((l) => ({ learnerId: l.id })),
    );
    const registrations = outcomes.flatMap((o) => (o.status === 'REGISTERED' ? [o.registration] : []));
    if (registrations.length !== learners.length)
      throw new Error(JSON.stringify(outcomes.find((o) => o.status === 'REFUSED')));
    await platform.assessment.recordScores(
      session.id,
      registrations.map((r) => ({ registrationId: r.id, theory: 85, practical: 90 })),
    );
    await platform.assessment.publishResults(session.id);
    await platform.issuance.issueSession(session.id);
  }
  const out = {} as Record<Lang, SeededLearner>;
  for (const [i, lang] of langs.entries()) {
    const id = learners[i]!.id;
    const records = await platform.credentials.listForLearner(id);
    const level1 = records.find((r) => r.level === 1);
    const level2 = records.find((r) => r.level === 2);
    if (!level1 || !level2) throw new Error(`learner ${id} was not issued both levels`);
    out[lang] = { id, ...learnerNames[lang], email: `learner-${lang}@employer.test`, level1, level2 };
  }
  return out;
}

describe.runIf(haveBrowser)('learner consent and the employer’s candidates in Chromium', () => {
  let database: Database;
  let platform: Platform;
  let web: WebHarness;
  let origin: string;
  let seeded: Seeded;

  beforeAll(async () => {
    database = await testEngines()[0]!.open();
    // Whole seconds: a credential's validFrom has no milliseconds, and the issuer's accreditation
    // must not start after it.
    ({ platform } = createTestPlatform(
      database,
      new Date(Math.floor(Date.now() / 1000) * 1000).toISOString(),
    ));
    const learners = await seedLearners(platform);
    const employerA = await platform.employers.registerEmployer({
      code: 'EMP-A',
      nameZh: '杭州甲科技有限公司',
      nameEn: 'Hangzhou Jia Technology Co., Ltd.',
      uscc: '91330100799655058B',
      provinceCode: '33',
      industryCode: 'I',
    });
    const employerB = await platform.employers.registerEmployer({
      code: 'EMP-B',
      nameZh: '深圳乙网络有限公司',
      nameEn: 'Shenzhen Yi Network Co., Ltd.',
      uscc: '9144030071526726XG',
    });
    seeded = { learners, employerA };
    web = await startWeb(platform, database);
    origin = web.origin;
    for (const lang of langs)
      await web.account({ email: learners[lang].email, role: 'LEARNER', learnerId: learners[lang].id });
    await web.account({ email: 'hr-a@employer.test', role: 'EMPLOYER_HR', orgId: employerA.id });
    await web.account({ email: 'hr-b@employer.test', role: 'EMPLOYER_HR', orgId: employerB.code });
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
      let learner: SeededLearner;
      const shot = (name: string) => screenshot(page, name, lang);
      const employerAName = () => (lang === 'zh' ? seeded.employerA.nameZh : seeded.employerA.nameEn);
      const candidateRows = () => page.getByTestId('candidate-list').locator('tbody tr.ant-table-row');

      beforeAll(async () => {
        ({ context, page } = await web.context(lang));
        learner = seeded.learners[lang];
      });
      afterAll(async () => {
        await context?.close();
      });

      it('refuses a grant without a purpose or beyond a year under its field, writing nothing, then grants employer A one certificate', async () => {
        await signIn(page, origin, learner.email, lang, '/learner/consents');
        await page
          .getByRole('heading', {
            level: 1,
            name: t('向用人单位授权查看证书', 'Let employers see your certificates'),
          })
          .waitFor();
        await page.getByTestId('consents-empty').waitFor();
        expect(await page.getByTestId('consents-empty').textContent()).toBe(
          t('你还没有向任何用人单位授权。', 'You have not granted any employer consent yet.'),
        );

        const form = page.locator('form#consent');
        // The employer: a searchable select of the directory.
        await form.getByLabel(t('用人单位', 'Employer'), { exact: true }).fill('EMP-A');
        await page
          .locator('.ant-select-dropdown:visible')
          .getByText(`${employerAName()} (EMP-A)`, { exact: true })
          .click();
        // Chosen certificates (the default scope): the level 1 one only.
        const options = form.getByRole('checkbox');
        expect(await options.count()).toBe(2);
        await form.getByRole('checkbox', { name: new RegExp(learner.level1.certificateNumber!) }).check();
        // The expiry defaults to 90 days from today.
        const expiry = form.getByLabel(t('到期时间', 'Expires'), { exact: true });
        const day = (d: Date) =>
          `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
        expect(await expiry.inputValue()).toBe(day(new Date(Date.now() + 90 * DAY)));

        // No purpose: refused on the page, under the purpose field.
        // The submit button (after a request, antd may leave its fading "loading" icon in its name).
        const grantButton = form.locator('button[type="submit"]');
        expect(await grantButton.textContent()).toBe(t('授权', 'Grant'));
        await grantButton.click();
        const purposeError = form
          .locator('.ant-form-item', { has: page.locator('#consent_purpose') })
          .locator('.ant-form-item-explain-error');
        await purposeError.waitFor();
        expect(await purposeError.textContent()).toBe(t('请说明授权用途', 'Say what the consent is for'));

        // An expiry two years away: the API refuses it, and its coded error shows under the expiry.
        const purpose = t('应聘前端开发工程师', 'Application: front-end developer');
        await form.getByLabel(t('用途', 'Purpose'), { exact: true }).fill(purpose);
        await expiry.fill(day(new Date(Date.now() + 730 * DAY)));
        await grantButton.click();
        const expiryError = form
          .locator('.ant-form-item', { has: page.locator('#consent_expiresAt') })
          .locator('.ant-form-item-explain-error');
        await expiryError.waitFor();
        expect(await expiryError.textContent()).toBe(
          `${t('授权期限最长 365 天', 'A grant lasts at most 365 days')} (CONSENT_EXPIRY_TOO_LONG)`,
        );
        // Nothing was written, as the platform sees it.
        expect(await platform.employers.listConsents(learner.id)).toEqual([]);
        await page.getByTestId('consents-empty').waitFor();

        // Thirty days: granted, and listed as active with the one certificate.
        const expiresOn = day(new Date(Date.now() + 30 * DAY));
        await expiry.fill(expiresOn);
        await grantButton.click();
        const state = page.getByTestId('consent-state');
        await state.waitFor();
        expect(await state.getAttribute('data-state')).toBe('ACTIVE');
        expect(await state.textContent()).toBe(t('有效', 'Active'));
        const row = page.getByTestId('consent-list').locator('tbody tr.ant-table-row');
        expect(await row.count()).toBe(1);
        const rowText = (await row.textContent())!;
        expect(rowText).toContain(employerAName());
        expect(rowText).toContain(purpose);
        expect(rowText).toContain(learner.level1.certificateNumber!);
        expect(rowText).not.toContain(learner.level2.certificateNumber!);
        expect(rowText).toContain(t('仅显示姓氏', 'Surname only'));

        const grants = await platform.employers.listConsents(learner.id);
        expect(grants).toHaveLength(1);
        expect(grants[0]).toMatchObject({
          employerId: seeded.employerA.id,
          scope: 'SELECTED',
          credentialIds: [learner.level1.id],
          purpose,
          revealIdentity: false,
          state: 'ACTIVE',
        });
        expect(day(grants[0]!.expiresAt)).toBe(expiresOn);
        // The form is ready for another grant.
        expect(await form.getByLabel(t('用途', 'Purpose'), { exact: true }).inputValue()).toBe('');
        await page.locator('.ant-message-notice').waitFor({ state: 'detached' });
        await shot('learner-consents');
      });

      it('shows HR of employer A exactly that candidate, masked, with the one certificate verified', async () => {
        await signOut(page, lang);
        await signIn(page, origin, 'hr-a@employer.test', lang);
        // An employer's HR lands on its candidates.
        await page.waitForURL(`${origin}/employer/candidates`);
        await page
          .getByRole('heading', {
            level: 1,
            name: t(
              `${seeded.employerA.nameZh} 的授权候选人`,
              `Consenting candidates of ${seeded.employerA.nameEn}`,
            ),
          })
          .waitFor();
        await candidateRows().first().waitFor();
        expect(await candidateRows().count()).toBe(1);
        expect(await page.getByTestId('candidate-name').textContent()).toBe(learner.masked);
        expect(await page.getByTestId('candidate-count').textContent()).toBe('1');
        const text = (await page.getByTestId('candidate-list').textContent())!;
        expect(text).toContain(t('应聘前端开发工程师', 'Application: front-end developer'));
        expect(text).toContain(t('选定证书', 'Chosen certificates'));
        expect(await page.locator('body').textContent()).not.toContain(learner.nameZh);
        await shot('employer-candidates');

        await page
          .getByRole('link', {
            name: t(`查看 ${learner.masked} 的证书`, `View the certificates of ${learner.masked}`),
          })
          .click();
        expect(page.url()).toBe(`${origin}/employer/candidates/${learner.id}`);
        const card = page.getByTestId('candidate-credential');
        await card.waitFor();
        expect(await card.count()).toBe(1);
        expect(await card.getAttribute('data-verified')).toBe('true');
        expect(await card.getByTestId('verdict').textContent()).toBe(t('已验证', 'Verified'));
        expect(await card.getByTestId('credential-number').textContent()).toBe(
          learner.level1.certificateNumber,
        );
        const cardText = (await card.textContent())!;
        expect(cardText).toContain(t('初级', 'Elementary'));
        expect(cardText).toContain(t('测评培训评价组织', 'Assessment test TEO'));
        // Every named check, its result in the reader's language; the proof passed, nothing failed.
        expect(await card.locator('tr.check-passed', { hasText: 'proof' }).count()).toBe(1);
        expect(await card.locator('tr.check-failed').count()).toBe(0);
        const statuses = await card.getByTestId('check-status').allTextContents();
        expect(statuses.length).toBeGreaterThanOrEqual(4);
        expect(statuses).toContain(t('通过', 'Passed'));
        expect(cardText).toMatch(lang === 'zh' ? /[\u4e00-\u9fff]{4}/ : /signature|proof|issuer/i);
        const body = (await page.locator('#main').textContent())!;
        expect(body).toContain(learner.masked);
        expect(body).not.toContain(learner.nameZh);
        expect(body).not.toContain(learner.level2.certificateNumber!);
        await shot('employer-candidate');

        // The public verification page verifies it too.
        const verify = card.getByTestId('verify-link');
        expect(await verify.getAttribute('href')).toBe(
          `/verify?credential=${encodeURIComponent(learner.level1.id)}`,
        );
        await verify.click();
        const result = page.getByTestId('verification-result');
        await result.waitFor();
        expect(await result.getAttribute('data-verified')).toBe('true');
      });

      it('shows HR of employer B no candidates, and refuses A’s candidate with a coded error', async () => {
        await signOut(page, lang);
        await signIn(page, origin, 'hr-b@employer.test', lang, '/employer/candidates');
        await page.getByTestId('candidates-empty').waitFor();
        expect(await page.getByTestId('candidates-empty').textContent()).toBe(
          t(
            '目前没有学习者授权本单位查看证书。',
            'No learner has consented to this employer seeing their certificates.',
          ),
        );
        expect(await candidateRows().count()).toBe(0);
        await page.goto(`${origin}/employer/candidates/${learner.id}`);
        const alert = page.getByRole('alert');
        await alert.waitFor();
        expect(await alert.textContent()).toContain('(NOT_FOUND)');
        expect(await page.getByTestId('candidate-credential').count()).toBe(0);
        expect(await page.locator('body').textContent()).not.toContain(learner.level1.certificateNumber!);
      });

      it('lets the learner revoke after a confirmation, and HR of employer A then sees no candidate', async () => {
        await signOut(page, lang);
        await signIn(page, origin, learner.email, lang, '/learner/consents');
        const revoke = page.getByRole('button', {
          name: t(
            `撤回对 ${seeded.employerA.nameZh} 的授权`,
            `Revoke the consent to ${seeded.employerA.nameEn}`,
          ),
        });
        // From the keyboard: focus the button, Enter opens the confirmation.
        await revoke.focus();
        await page.keyboard.press('Enter');
        await page.getByRole('button', { name: t('撤回授权', 'Revoke the consent'), exact: true }).click();
        const state = page.getByTestId('consent-state');
        await expect.poll(() => state.getAttribute('data-state')).toBe('REVOKED');
        expect(await state.textContent()).toBe(t('已撤回', 'Revoked'));
        expect(await revoke.count()).toBe(0);
        expect((await platform.employers.listConsents(learner.id)).map((g) => g.state)).toEqual(['REVOKED']);

        await signOut(page, lang);
        await signIn(page, origin, 'hr-a@employer.test', lang);
        await page.getByTestId('candidates-empty').waitFor();
        expect(await candidateRows().count()).toBe(0);
        await page.goto(`${origin}/employer/candidates/${learner.id}`);
        const alert = page.getByRole('alert');
        await alert.waitFor();
        expect(await alert.textContent()).toContain('(NOT_FOUND)');
      });
    });
  }
});
