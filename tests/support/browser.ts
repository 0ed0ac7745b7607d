import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { createAppContext } from '../../electron/app-context.js';
import { type ArchiveSession, createArchive, openArchive } from '../../electron/archive/archive.js';
import { type BrowserHost, startBrowserHost } from '../../electron/browser-host/server.js';
import type { Language } from '../../shared/i18n/languages.js';
import { adminPassword } from './archive.js';

/** Debian's Chromium: tests never download a browser. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export type TestHost = BrowserHost & { configDir: string; dataDir: string; stop(): Promise<void> };

/**
 * A browser host over a fresh configuration folder, as `npm run start:browser` runs it; with
 * `archive: true` an archive already exists (administrator 'admin', password adminPassword).
 */
export async function startTestHost(options: { archive?: boolean } = {}): Promise<TestHost> {
  const configDir = mkdtempSync(join(tmpdir(), 'dossier-e2e-'));
  const dataDir = join(configDir, 'archive');
  if (options.archive) {
    const { session } = await createArchive(dataDir, { username: 'admin', displayName: '王芳', password: adminPassword, branchName: '北京朝阳支公司' });
    await session.close();
  }
  const host = await startBrowserHost((origin, files) => createAppContext({ configDir, dataDir, host: 'browser', trustedOrigins: [origin], files, ingest: { watchFolders: true } }));
  return {
    ...host,
    configDir,
    dataDir,
    stop: async () => {
      await host.close();
      rmSync(configDir, { recursive: true, force: true });
    },
  };
}

export type BrowserAndHost = { browser: Browser; host: TestHost; close(): Promise<void> };

/** Chromium and a test host, started side by side; the tests' screenshots go to test-results/. */
export async function startBrowserAndHost(options: { archive?: boolean } = {}): Promise<BrowserAndHost> {
  const [browser, host] = await Promise.all([launchChromium(), startTestHost(options)]);
  mkdirSync('test-results', { recursive: true });
  return {
    browser,
    host,
    close: async () => {
      await browser.close();
      await host.stop();
    },
  };
}

/** The page's uncaught errors and, unless told otherwise, its console errors: a test ends expecting none. */
export function collectErrors(page: Page, options: { console?: boolean } = {}): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  if (options.console ?? true) {
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
  }
  return errors;
}

/** An archivist's account, for tests that sign in without the administrator's rights. */
export const archivist = { username: 'archivist', displayName: '周洁', role: 'archivist', password: 'archivist-password' } as const;

export type SignedInPage = BrowserAndHost & { page: Page; errors: string[] };

/**
 * A page signed in to a test host over an existing archive, in a 1440×900 window: `seed` first adds
 * users and data as the administrator, and `user` (the administrator by default) signs in.
 */
export async function openSignedInPage(options: {
  seed?: (admin: ArchiveSession) => Promise<void>;
  user?: { username: string; password: string };
  timeout?: number;
  consoleErrors?: boolean;
}): Promise<SignedInPage> {
  const e2e = await startBrowserAndHost({ archive: true });
  const { browser, host } = e2e;
  try {
    if (options.seed) {
      const admin = await openArchive(host.dataDir, 'admin', adminPassword);
      try {
        await options.seed(admin);
      } finally {
        await admin.close();
      }
    }
    const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    page.setDefaultTimeout(options.timeout ?? 20_000);
    const errors = collectErrors(page, { console: options.consoleErrors });
    await page.goto(host.url);
    await signIn(page, options.user?.username, options.user?.password);
    await page.getByTestId('current-user').waitFor();
    return { ...e2e, page, errors };
  } catch (error) {
    // The test's afterAll never gets this session to close.
    await e2e.close();
    throw error;
  }
}

export async function signIn(page: Page, username = 'admin', password = adminPassword): Promise<void> {
  await page.getByTestId('sign-in-username').fill(username);
  await page.getByTestId('sign-in-password').fill(password);
  await page.getByTestId('sign-in-submit').click();
}

/** Picks a language in the shell's switch and waits until the page has switched. */
export async function chooseLanguage(page: Page, language: Language, label: string) {
  const current = await page.getByTestId('language-switch').textContent();
  if (current === label) return;
  await page.getByTestId('language-switch').click();
  await page.locator('.ant-select-item-option').filter({ hasText: label }).click();
  await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(language);
}
