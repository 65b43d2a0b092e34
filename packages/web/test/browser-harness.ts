import { closeSync, existsSync, mkdirSync, openSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp } from '@onex/api';
import type { Platform } from '@onex/core';
import type { Database } from '@onex/db';
import type { FastifyInstance } from 'fastify';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

/**
 * What every browser test shares: Debian's Chromium driven by playwright-core, the built web
 * application served by the real API (cookie sessions on), accounts made through the API, and
 * signing in through the sign-in page like a person would.
 */
export const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const haveBrowser = existsSync(executablePath);
if (!haveBrowser && process.env.ONEX_REQUIRE_BROWSER === '1') {
  throw new Error(`Chromium not found at ${executablePath} (apt-get install chromium fonts-noto-cjk)`);
}

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const webDir = join(repo, 'packages/web');
export const distDir = join(webDir, 'dist');
export const shotDir = join(repo, process.env.ONEX_SCREENSHOT_DIR ?? 'test-artifacts/screenshots');
export const adminToken = 'web-test-admin-token';
export const password = 'correct horse battery staple';

/** Whether dist/ is missing or older than a source of the web application. */
function webOutOfDate(): boolean {
  const built = join(distDir, 'index.html');
  if (!existsSync(built)) return true;
  const newest = (path: string): number =>
    statSync(path).isDirectory()
      ? Math.max(0, ...readdirSync(path).map((f) => newest(join(path, f))))
      : statSync(path).mtimeMs;
  const sources = ['src', 'index.html', 'vite.config.ts'].map((f) => newest(join(webDir, f)));
  return Math.max(...sources) > statSync(built).mtimeMs;
}

const lockPath = join(webDir, '.dist-build.lock');

/** Holds the build lock (a file made exclusively) while `work` runs; waits for another holder. */
async function withBuildLock(work: () => Promise<void>): Promise<void> {
  for (;;) {
    try {
      closeSync(openSync(lockPath, 'wx'));
      break;
    } catch {
      // Another test file (vitest runs files in parallel workers) is building: wait, unless its
      // lock is stale (a crashed worker).
      const age = existsSync(lockPath) ? Date.now() - statSync(lockPath).mtimeMs : 0;
      if (age > 300_000) rmSync(lockPath, { force: true });
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  try {
    await work();
  } finally {
    rmSync(lockPath, { force: true });
  }
}

let building: Promise<void> | undefined;
/**
 * Builds the web application when a source is newer than dist/: once per test process, and one
 * process at a time, so no test reads a dist/ that another is rewriting.
 */
export function ensureWebBuilt(): Promise<void> {
  building ??= withBuildLock(async () => {
    if (!webOutOfDate()) return;
    const { build } = await import('vite');
    // vitest sets NODE_ENV=test, which would give a development bundle (React and antd's
    // development builds); the served app must be the production one.
    const env = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      await build({ configFile: join(webDir, 'vite.config.ts'), logLevel: 'warn', mode: 'production' });
    } finally {
      process.env.NODE_ENV = env;
    }
  });
  return building;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface WebHarness {
  app: FastifyInstance;
  browser: Browser;
  origin: string;
  /** Makes an account through the API (as the bootstrap admin); its password is `password`. */
  account(input: {
    email: string;
    role: string;
    orgId?: string;
    learnerId?: string;
    name?: string;
  }): Promise<void>;
  /** A new browser context in a language ('zh': the default, 'en': switched once, persisted). */
  context(lang: 'zh' | 'en'): Promise<{ context: BrowserContext; page: Page }>;
  close(): Promise<void>;
}

/**
 * Serves the web application and the API over `platform` on a free port of 127.0.0.1, with
 * cookie sessions whose trusted origin is that address, and launches Chromium.
 */
export async function startWeb(platform: Platform, database: Database): Promise<WebHarness> {
  await ensureWebBuilt();
  mkdirSync(shotDir, { recursive: true });
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const app = await buildApp({
    platform,
    engine: database.engine,
    adminToken,
    baseUrl: 'https://onex.example',
    webRoot: distDir,
    sessions: {
      db: database.db,
      secret: 'web-test-session-secret-0123456789abcdef',
      trustedOrigins: [origin],
    },
    rateLimits: { signIn: 1000 },
  });
  await app.listen({ host: '127.0.0.1', port });
  const browser = await chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
  return {
    app,
    browser,
    origin,
    async account({ email, role, orgId, learnerId, name }) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/accounts',
        headers: { authorization: `Bearer ${adminToken}` },
        payload: {
          email,
          name: name ?? email,
          password,
          role,
          ...(orgId ? { orgId } : {}),
          ...(learnerId ? { learnerId } : {}),
        },
      });
      if (res.statusCode !== 201) throw new Error(`account ${email}: ${res.body}`);
    },
    async context(lang) {
      const context = await browser.newContext({
        viewport: { width: 1280, height: 860 },
        acceptDownloads: true,
        // No animations: antd's fading exits (a finished button's spinner) settle at once.
        reducedMotion: 'reduce',
      });
      if (lang === 'en') await context.addInitScript(() => localStorage.setItem('onex.lang', 'en'));
      const page = await context.newPage();
      page.setDefaultTimeout(30_000);
      return { context, page };
    },
    async close() {
      await browser.close();
      await app.close();
    },
  };
}

/** Signs in through the sign-in page and waits for the account's role to show in the header. */
export async function signIn(
  page: Page,
  origin: string,
  email: string,
  lang: 'zh' | 'en',
  returnTo?: string,
) {
  const t = (zh: string, en: string) => (lang === 'zh' ? zh : en);
  await page.goto(`${origin}/login${returnTo ? `?returnTo=${encodeURIComponent(returnTo)}` : ''}`);
  await page.getByLabel(t('邮箱', 'Email'), { exact: true }).fill(email);
  await page.getByLabel(t('密码', 'Password'), { exact: true }).fill(password);
  await page.getByRole('button', { name: t('登录', 'Sign in'), exact: true }).click();
  // The header shows the account as soon as the session is known, a moment before the app leaves
  // the sign-in page for the account's page: wait for both.
  // (`/` is a hop: it forwards the account to its first page.)
  await page.waitForURL((url) => url.pathname !== '/login' && url.pathname !== '/');
  await page.getByTestId('account-role').waitFor();
}

/** Signs out through the header button (when signed in). */
export async function signOut(page: Page, lang: 'zh' | 'en') {
  const button = page.getByRole('button', { name: lang === 'zh' ? '退出登录' : 'Sign out' });
  if (await button.count()) {
    await button.click();
    await page.getByTestId('account-role').waitFor({ state: 'detached' });
  }
}

/** A full-page screenshot named `{name}-{lang}.png` in the screenshot folder. */
export const screenshot = (page: Page, name: string, lang: 'zh' | 'en') =>
  page.screenshot({ path: join(shotDir, `${name}-${lang}.png`), fullPage: true, animations: 'disabled' });
