/// <reference lib="dom" />
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** Debian's Chromium (playwright's own browser builds cannot be downloaded here); `CHROMIUM_PATH` points elsewhere (the runner's self-test uses a broken one). */
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** Whether this is a CI run: `CI` set to `true`, `1` or `yes` (any case); `CI=false`, `0` or empty is not CI. */
export function isCI(env: NodeJS.ProcessEnv = process.env): boolean {
  return ['true', '1', 'yes'].includes((env.CI ?? '').trim().toLowerCase());
}
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const REPO_ROOT = path.resolve(__dirname, '../..');
const UI_INDEX = path.join(REPO_ROOT, 'admin-ui', 'dist', 'index.html');

/**
 * Whether browser tests can run. A Chromium that is missing or does not start (`--version` fails)
 * fails loudly on CI (it installs Chromium), and skips the tests with a warning on a developer
 * machine. On CI a launch that fails later (in `beforeAll`) fails the file too: the closing
 * reporter counts it as failed, never as skipped.
 */
export function chromiumAvailable(): boolean {
  let problem: string | undefined;
  if (!existsSync(CHROMIUM)) problem = `${CHROMIUM} is missing`;
  else {
    try {
      execFileSync(CHROMIUM, ['--version'], { stdio: 'pipe', timeout: 20_000 });
    } catch {
      problem = `${CHROMIUM} does not start (--version failed)`;
    }
  }
  if (!problem) return true;
  if (isCI()) throw new Error(`${problem}: CI must install chromium (and fonts-wqy-microhei) before the browser tests`);
  console.warn(`[e2e] ${problem}: skipping the browser tests (apt-get install -y chromium fonts-wqy-microhei)`);
  return false;
}

/**
 * Builds the admin UI when admin-ui/dist is missing. Call before starting the console: the server
 * serves admin-ui/dist only if it exists at start-up.
 */
export function ensureUiBuilt(): void {
  if (existsSync(UI_INDEX)) return;
  execFileSync('npx', ['vite', 'build', '--config', 'admin-ui/vite.config.ts'], { cwd: REPO_ROOT, stdio: 'inherit' });
}

export interface BrowserSession {
  context: BrowserContext;
  page: Page;
  /** Closes the browser and removes its profile folder. */
  close(): Promise<void>;
}

/** A fresh headless Chromium with a throw-away profile and one page; logs page errors to the console. */
export async function launchBrowser(opts: { locale?: string } = {}): Promise<BrowserSession> {
  const profile = mkdtempSync(path.join(os.tmpdir(), 'mc-e2e-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 900 },
    locale: opts.locale ?? 'zh-CN',
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('pageerror', (e) => console.error('[e2e] page error:', e.message));
  return {
    context,
    page,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Signs in through the login form. */
export async function signInViaForm(page: Page, baseUrl: string, login: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/#/login`);
  await page.locator('input[name="username"]').fill(login);
  await page.locator('input[name="password"]').fill(password);
  await page.locator('button[type="submit"]').click();
  await page.getByTestId('greeting').waitFor();
}
