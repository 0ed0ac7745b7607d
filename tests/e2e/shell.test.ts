import { mkdirSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { languages } from '../../shared/i18n/languages.js';
import { resources } from '../../shared/i18n/resources.js';
import { chooseLanguage, launchChromium, signIn, startTestHost } from '../support/browser.js';

let browser: Browser;
let host: Awaited<ReturnType<typeof startTestHost>>;

beforeAll(async () => {
  [browser, host] = await Promise.all([launchChromium(), startTestHost({ archive: true })]);
  mkdirSync('test-results', { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await host?.stop();
});

const sections = ['customers', 'inbox', 'documents', 'reports', 'admin'] as const;

describe('app shell', () => {
  for (const language of languages) {
    it(`loads, navigates and switches to ${language}`, async () => {
      const strings = resources[language].translation;
      const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text());
      });
      await page.goto(host.url);
      await chooseLanguage(page, language, strings.language[language]);
      await expect.poll(() => page.getByTestId('app-name').textContent()).toBe(strings.app.name);
      expect(await page.getByTestId('sign-in').locator('.ant-card-head-title').textContent()).toBe(strings.signIn.title);
      await signIn(page);
      await page.getByTestId('current-user').waitFor();
      expect(await page.getByTestId('current-user').textContent()).toContain(strings.roles.admin);

      for (const section of sections) {
        await page.getByTestId(`nav-${section}`).click();
        await page.getByTestId(`page-${section}`).waitFor();
        // The page's title is its first heading; a section may hold more (the reports page's KPI
        // dashboard draws a skeleton heading while it loads).
        expect(await page.getByTestId(`page-${section}`).locator('h3').first().textContent()).toBe(strings.pages[section].title);
        expect(page.url()).toContain(`#/${section}`);
      }
      await page.getByTestId('nav-customers').click();
      expect(await page.getByTestId('status-bar').textContent()).toContain(strings.status.idle);
      await page.screenshot({ path: `test-results/shell-${language}.png` });
      await page.getByTestId('sign-out').click();
      await page.getByTestId('sign-in').waitFor();
      expect(errors).toEqual([]);
      await page.close();
    });
  }

  it('keeps the chosen language across reloads and new windows', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(host.url);
    await chooseLanguage(page, 'en', 'English');
    await page.reload();
    await expect.poll(() => page.getByTestId('app-name').textContent()).toBe('Dossier');
    const other = await context.newPage();
    await other.goto(`${host.origin}/`);
    await expect.poll(() => other.getByTestId('app-name').textContent()).toBe('Dossier');
    await chooseLanguage(page, 'zh-CN', '简体中文');
    await context.close();
  });
});
