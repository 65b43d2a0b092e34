import { readFileSync } from 'node:fs';
import { nationalIdCheckChar, type Platform } from '@onex/core';
import type { Database } from '@onex/db';
import { seedAssessmentFixture } from '@onex/db/testing/assessment-fixture.ts';
import { createTestPlatform, testEngines } from '@onex/db/testing/index.ts';
import type { BrowserContext, Page } from 'playwright-core';
import QRCode from 'qrcode';
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
 * The web application in a real browser (Debian's Chromium driven by playwright-core) against the
 * real API, listening on a random port over PGlite: public verification (valid, tampered and
 * revoked certificates; pasted JSON, uploaded PDF, a QR code image, the printed link), a TEO's
 * results import and issuance with progress, a learner's wallet — in Chinese and in English.
 * Screenshots go to test-artifacts/screenshots (ONEX_SCREENSHOT_DIR overrides, e.g. docs/screenshots).
 */
const header = '准考证号,理论成绩,实操成绩,缺考';

interface Seeded {
  valid: { id: string; document: Record<string, unknown>; learnerId: string };
  revoked: { id: string; document: Record<string, unknown> };
  teoId: string;
  /** A draft session per language: registrations, no results yet. */
  draft: Record<'zh' | 'en', { id: string; registrations: { id: string; learnerId: string }[] }>;
}

/**
 * One TEO, certificate and pilot college (the shared fixture), and a session per label at one
 * approved site, each with `count` new students registered and no results yet.
 */
async function seedSessions(platform: Platform, labels: string[], count: number) {
  const fx = await seedAssessmentFixture(platform, 'WEB');
  const now = Date.now();
  const dates = labels.map((_, i) => new Date(now + (2 + i) * 86_400_000).toISOString().slice(0, 10));
  // A pilot authorization covers the calendar year of the exam date.
  for (const year of new Set(dates.map((d) => Number(d.slice(0, 4))))) {
    await platform.assessment.createPilotAuthorization({
      institutionId: fx.pilotInstitutionId,
      certificateId: fx.certificateId,
      levels: [1],
      year,
    });
  }
  const site = await platform.assessment.createSite({
    code: 'S-WEB',
    nameZh: '前端学院考核站点',
    teoId: fx.teoId,
    hostType: 'INSTITUTION',
    hostInstitutionId: fx.pilotInstitutionId,
    capacity: 50,
    certificateLevels: [{ certificateId: fx.certificateId, level: 1 }],
  });
  await platform.assessment.approveSite(site.id);
  const sessions: Record<string, { id: string; registrations: { id: string; learnerId: string }[] }> = {};
  let n = 0;
  for (const [i, label] of labels.entries()) {
    const session = await platform.assessment.createSession({
      certificateId: fx.certificateId,
      level: 1,
      standardId: fx.publishedStandardId,
      siteId: site.id,
      date: dates[i]!,
      theoryMode: 'ONLINE',
      practicalMode: 'ON_COMPUTER',
      registrationOpensAt: new Date(now - 86_400_000),
      registrationClosesAt: new Date(now + 86_400_000),
    });
    const learners = await platform.programs.registerLearners(
      Array.from({ length: count }, () => {
        const first17 = `11010119990101${String(n++).padStart(3, '0')}`;
        return {
          kind: 'STUDENT' as const,
          nameZh: `学生${n}`,
          nationalId: first17 + nationalIdCheckChar(first17),
          institutionId: fx.pilotInstitutionId,
        };
      }),
    );
    const outcomes = await platform.assessment.registerMany(
      session.id,
      learners.map((l) => ({ learnerId: l.id })),
    );
    const registrations = outcomes.flatMap((o) =>
      o.status === 'REGISTERED' ? [{ id: o.registration.id, learnerId: o.learnerId }] : [],
    );
    if (registrations.length !== count)
      throw new Error(JSON.stringify(outcomes.find((o) => o.status === 'REFUSED')));
    sessions[label] = { id: session.id, registrations };
  }
  return { sessions, teoId: fx.teoId };
}

describe.runIf(haveBrowser)('the web application in Chromium', () => {
  let database: Database;
  let web: WebHarness;
  let origin: string;
  let seeded: Seeded;

  beforeAll(async () => {
    database = await testEngines()[0]!.open();
    // Whole seconds: a credential's validFrom has no milliseconds, and the issuer's accreditation
    // must not start after it.
    const { platform } = createTestPlatform(
      database,
      new Date(Math.floor(Date.now() / 1000) * 1000).toISOString(),
    );

    const { sessions, teoId } = await seedSessions(platform, ['verify', 'zh', 'en'], 4);
    // The certificates of the verification flows: scored, published and issued through the platform.
    const issuedSession = sessions.verify!;
    await platform.assessment.recordScores(
      issuedSession.id,
      issuedSession.registrations.map((r) => ({ registrationId: r.id, theory: 80, practical: 85 })),
    );
    await platform.assessment.publishResults(issuedSession.id);
    await platform.issuance.issueSession(issuedSession.id);
    const issued = issuedSession.registrations.map((r) => r.learnerId);
    const credentialOf = async (learnerId: string) => {
      const res = await app.inject({
        url: `/api/v1/learners/${learnerId}/credentials`,
        headers: { authorization: `Bearer ${adminToken}` },
      });
      if (res.statusCode !== 200) throw new Error(res.body);
      return res.json().items[0] as { id: string; document: Record<string, unknown> };
    };
    web = await startWeb(platform, database);
    const app = web.app;
    origin = web.origin;
    const valid = await credentialOf(issued[0]!);
    const revoked = await credentialOf(issued[1]!);
    await platform.credentials.changeStatus(revoked.id, 'revoke', '考核舞弊 exam misconduct');
    seeded = {
      valid: { ...valid, learnerId: issued[0]! },
      revoked,
      teoId,
      draft: { zh: sessions.zh!, en: sessions.en! },
    };
    await web.account({ email: 'teo@web.test', role: 'TEO_ADMIN', orgId: teoId });
    await web.account({ email: 'learner@web.test', role: 'LEARNER', learnerId: issued[0]! });
  }, 240_000);

  afterAll(async () => {
    await web?.close();
    await database?.close();
  });

  it('serves the application at / with client routes falling back to index.html, API routes first', async () => {
    const index = await fetch(`${origin}/`, { headers: { accept: 'text/html' } });
    expect(index.status).toBe(200);
    expect(await index.text()).toContain('<div id="root">');
    const deep = await fetch(`${origin}/verify?credential=x`, { headers: { accept: 'text/html' } });
    expect(await deep.text()).toContain('<div id="root">');
    const health = await fetch(`${origin}/health`, { headers: { accept: 'text/html' } });
    expect((await health.json()).status).toBe('ok');
    const missing = await fetch(`${origin}/api/v1/nothing-here`, { headers: { accept: 'text/html' } });
    expect(missing.status).toBe(404);
    expect((await missing.json()).code).toBe('ROUTE_NOT_FOUND');
    const notPdf = await fetch(`${origin}/api/v1/verify-pdf`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ base64: Buffer.from('not a pdf').toString('base64') }),
    });
    expect(notPdf.status).toBe(400);
    expect((await notPdf.json()).code).toBe('CERTIFICATE_PDF_MALFORMED');
  });

  const tamper = (doc: Record<string, unknown>) => ({ ...doc, name: `${String(doc.name)}（伪造）` });
  const pdfOf = async (id: string) =>
    Buffer.from(
      await (await fetch(`${origin}/api/v1/credentials/${encodeURIComponent(id)}/pdf`)).arrayBuffer(),
    );

  for (const lang of ['zh', 'en'] as const) {
    const t = (zh: string, en: string) => (lang === 'zh' ? zh : en);

    describe(`in ${lang === 'zh' ? 'Chinese' : 'English'}`, () => {
      let context: BrowserContext;
      let page: Page;
      const shot = (name: string) => screenshot(page, name, lang);

      beforeAll(async () => {
        context = await web.browser.newContext({
          viewport: { width: 1280, height: 860 },
          acceptDownloads: true,
          // No animations: antd's fading exits (a finished button's spinner) settle at once.
          reducedMotion: 'reduce',
        });
        page = await context.newPage();
        page.setDefaultTimeout(30_000);
        await page.goto(`${origin}/verify`);
        if (lang === 'en') {
          // The language switch, and that it persists across a reload.
          await page.getByRole('button', { name: /English/ }).click();
          await page.reload();
        }
        await page.locator('h1', { hasText: t('证书验证', 'Verify a certificate') }).waitFor();
      });
      afterAll(async () => {
        await context?.close();
      });

      const verdict = async () => {
        const result = page.getByTestId('verification-result');
        await result.waitFor();
        return {
          verified: await result.getAttribute('data-verified'),
          title: await page.getByTestId('verdict').textContent(),
          failed: await page.getByTestId('failed-check').allTextContents(),
        };
      };
      const pasteAndVerify = async (json: unknown, { keyboard = false } = {}) => {
        await page.goto(`${origin}/verify`);
        await page
          .getByLabel(t('凭证 JSON（或 VC-JWT）', 'Credential JSON (or VC-JWT)'))
          .fill(JSON.stringify(json));
        if (keyboard) {
          // The field is labelled and the form works from the keyboard: Tab to the button, Enter.
          await page.keyboard.press('Tab');
          expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(t('验证', 'Verify'));
          await page.keyboard.press('Enter');
        } else {
          await page.getByRole('button', { name: t('验证', 'Verify'), exact: true }).click();
        }
        return verdict();
      };
      const uploadAndVerify = async (name: string, buffer: Buffer, mimeType: string) => {
        await page.goto(`${origin}/verify`);
        await page.getByRole('tab', { name: t('上传文件', 'Upload a file') }).click();
        await page
          .getByLabel(t('凭证文件（.json 或证书 .pdf）', 'Credential file (.json or certificate .pdf)'))
          .setInputFiles({ name, mimeType, buffer });
        return verdict();
      };

      it('shows a valid certificate pasted as JSON as verified, every check with both languages', async () => {
        const v = await pasteAndVerify(seeded.valid.document);
        expect(v).toMatchObject({ verified: 'true', title: t('已验证', 'Verified'), failed: [] });
        const rows = page.locator('.check-passed');
        expect(await rows.count()).toBeGreaterThanOrEqual(4);
        const checks = await page.locator('.ant-table').textContent();
        expect(checks).toContain('proof');
        expect(checks).toContain(t('通过', 'Passed'));
        // Both languages' messages, whatever the page language.
        expect(checks).toMatch(/[\u4e00-\u9fff]/);
        expect(checks).toMatch(/The (signature|proof)|verif/i);
        await shot('verify-valid');
      });

      it('shows a tampered certificate as not verified, naming the failed proof', async () => {
        const v = await pasteAndVerify(tamper(seeded.valid.document), { keyboard: true });
        expect(v.verified).toBe('false');
        expect(v.title).toBe(t('未通过验证', 'Not verified'));
        expect(v.failed.some((f) => f.startsWith('proof'))).toBe(true);
        await shot('verify-tampered');
      });

      it('shows a revoked certificate uploaded as its PDF as not verified, naming the status', async () => {
        const v = await uploadAndVerify('revoked.pdf', await pdfOf(seeded.revoked.id), 'application/pdf');
        expect(v.verified).toBe('false');
        expect(v.failed.some((f) => f.startsWith('status'))).toBe(true);
        await shot('verify-revoked');
      });

      it('verifies a valid certificate PDF, a JSON file, a QR code image and the printed link', async () => {
        expect(
          (await uploadAndVerify('valid.pdf', await pdfOf(seeded.valid.id), 'application/pdf')).verified,
        ).toBe('true');
        const json = Buffer.from(JSON.stringify(seeded.valid.document));
        expect((await uploadAndVerify('credential.json', json, 'application/json')).verified).toBe('true');

        const link = `${origin}/verify?credential=${encodeURIComponent(seeded.revoked.id)}`;
        await page.goto(`${origin}/verify`);
        await page.getByRole('tab', { name: t('扫描二维码', 'Scan a QR code') }).click();
        await page
          .getByLabel(t('含二维码的图片（照片或截图）', 'Image with a QR code (photo or screenshot)'))
          .setInputFiles({
            name: 'qr.png',
            mimeType: 'image/png',
            buffer: await QRCode.toBuffer(link, { width: 400 }),
          });
        const scanned = await verdict();
        expect(scanned.verified).toBe('false');
        expect(scanned.failed.some((f) => f.startsWith('status'))).toBe(true);

        await page.goto(`${origin}/verify?credential=${encodeURIComponent(seeded.valid.id)}`);
        expect((await verdict()).verified).toBe('true');
      });

      it('asks a signed-out visitor to sign in, refuses a wrong password with a coded error, then returns to the page', async () => {
        await page.goto(`${origin}/teo/sessions`);
        await page.getByRole('heading', { name: t('请登录后继续。', 'Sign in to continue.') }).waitFor();
        await page
          .getByRole('link', { name: t('登录', 'Sign in'), exact: true })
          .last()
          .click();
        expect(page.url()).toContain('/login?returnTo=%2Fteo%2Fsessions');
        await page.getByLabel(t('邮箱', 'Email'), { exact: true }).fill('teo@web.test');
        await page.getByLabel(t('密码', 'Password'), { exact: true }).fill('not the password');
        await page.keyboard.press('Enter');
        const error = page.getByTestId('sign-in-error');
        await error.waitFor();
        expect(await error.textContent()).toContain('UNAUTHORIZED');
        expect(await error.textContent()).toContain(t('邮箱或密码错误', 'Wrong email or password'));
        await shot('sign-in');
        await page.getByLabel(t('密码', 'Password'), { exact: true }).fill('correct horse battery staple');
        await page.keyboard.press('Enter');
        await page.waitForURL(`${origin}/teo/sessions`);
        await page.getByTestId('account-role').waitFor();
        expect(await page.getByTestId('account-role').textContent()).toBe(t('评价组织管理员', 'TEO admin'));
        // The learner's pages are not this account's: the page says so instead of failing calls.
        await page.goto(`${origin}/wallet`);
        await page
          .getByRole('heading', {
            name: t('当前账号无权访问此页面。', 'Your account may not open this page.'),
          })
          .waitFor();
        await signOut(page, lang);
      });

      it('lets a TEO dry-run a results file with a bad row, import a clean one, publish and issue with progress', async () => {
        const session = seeded.draft[lang];
        await signIn(page, origin, 'teo@web.test', lang, '/teo/sessions');
        expect(page.url()).toBe(`${origin}/teo/sessions`);

        await page.goto(`${origin}/teo/sessions`);
        await page.getByRole('link', { name: session.id }).click();
        await page.getByTestId('results-status').waitFor();
        const fileInput = page.getByLabel(t('成绩文件（CSV 或 XLSX）', 'Results file (CSV or XLSX)'));
        const good = session.registrations.map((r, i) => `${r.id},${i === 1 ? '40,70,' : '85,90,'}`);
        const bad = [header, good[0], `${session.registrations[1]!.id},一百,70,`, ...good.slice(2)].join(
          '\n',
        );
        await fileInput.setInputFiles({
          name: 'results.csv',
          mimeType: 'text/csv',
          buffer: Buffer.from(bad),
        });
        await page.getByTestId('import-issues').waitFor();
        expect(await page.getByTestId('dry-run-summary').textContent()).toContain(
          t('试运行发现 1 处错误', 'The dry run found 1 errors'),
        );
        expect(await page.getByTestId('import-issues').locator('tbody tr').count()).toBe(1);
        expect(await page.getByTestId('import-issues').textContent()).toContain('3');
        await shot('teo-dry-run');

        await fileInput.setInputFiles({
          name: 'results.csv',
          mimeType: 'text/csv',
          buffer: Buffer.from([header, ...good].join('\n')),
        });
        await expect
          .poll(() => page.getByTestId('dry-run-summary').textContent())
          .toContain(t('试运行通过', 'Dry run passed'));
        await page.getByRole('button', { name: t('正式导入', 'Import'), exact: true }).click();
        await page.getByTestId('import-summary').waitFor();

        await page.getByRole('button', { name: t('发布成绩', 'Publish results') }).click();
        await page.getByRole('button', { name: t('确定', 'OK'), exact: true }).click();
        await expect
          .poll(() => page.getByTestId('results-status').textContent())
          .toBe(t('已发布', 'Published'));

        await page.getByRole('button', { name: t('批量签发证书', 'Issue certificates') }).click();
        const issuance = page.getByTestId('issuance');
        await issuance.waitFor();
        await expect.poll(() => issuance.getAttribute('data-state'), { timeout: 60_000 }).toBe('DONE');
        const passed = session.registrations.length - 1;
        expect(await issuance.locator('.ant-progress').textContent()).toContain(`${passed} / ${passed}`);
        await shot('teo-issued');
      });

      it('lets a learner open the wallet, download the PDF and the presentation, and share the link', async () => {
        await signOut(page, lang);
        await signIn(page, origin, 'learner@web.test', lang);
        // A learner lands on their own certificates.
        expect(page.url()).toBe(`${origin}/wallet`);
        const card = page.getByTestId('wallet-credential');
        await card.waitFor();
        expect(await card.textContent()).toContain(
          `/verify?credential=${encodeURIComponent(seeded.valid.id)}`,
        );
        await shot('wallet');
        const [pdf] = await Promise.all([
          page.waitForEvent('download'),
          page.getByTestId('pdf-link').click(),
        ]);
        expect(pdf.suggestedFilename()).toMatch(/\.pdf$/);
        expect(
          readFileSync((await pdf.path())!)
            .subarray(0, 5)
            .toString(),
        ).toBe('%PDF-');
        const [vp] = await Promise.all([
          page.waitForEvent('download'),
          page.getByRole('button', { name: t('下载全部证书', 'Download all') }).click(),
        ]);
        const presentation = JSON.parse(readFileSync((await vp.path())!, 'utf8'));
        expect(presentation.type).toContain('VerifiablePresentation');
      });
    });
  }
});
