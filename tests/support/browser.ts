import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { createAppContext } from '../../electron/app-context.js';
import { createArchive } from '../../electron/archive/archive.js';
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
