import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { languages } from '../../shared/i18n/languages.js';
import { resources } from '../../shared/i18n/resources.js';
import { type BrowserAndHost, chooseLanguage, collectErrors, signIn, startBrowserAndHost } from '../support/browser.js';

let e2e: BrowserAndHost;

beforeAll(async () => {
  e2e = await startBrowserAndHost({ archive: true });
});
afterAll(() => e2e?.close());

const sections = ['customers', 'inbox', 'documents', 'reports', 'admin'] as const;

describe('app shell', () => {
  for (const language of languages) {
    it(`loads, navigates and switches to ${language}`, async () => {
      const strings = resources[language].translation;
      const page = await e2e.browser.newPage({ viewport: { width: 1280, height: 720 } });
      const errors = collectErrors(page);
      await page.goto(e2e.host.url);
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
    const context = await e2e.browser.newContext();
    const page = await context.newPage();
    await page.goto(e2e.host.url);
    await chooseLanguage(page, 'en', 'English');
    await page.reload();
    await expect.poll(() => page.getByTestId('app-name').textContent()).toBe('Dossier');
    const other = await context.newPage();
    await other.goto(`${e2e.host.origin}/`);
    await expect.poll(() => other.getByTestId('app-name').textContent()).toBe('Dossier');
    await chooseLanguage(page, 'zh-CN', '简体中文');
    await context.close();
  });
});
