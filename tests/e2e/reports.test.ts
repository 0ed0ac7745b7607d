import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, openArchive } from '../../electron/archive/archive.js';
import { resources } from '../../shared/i18n/resources.js';
import { adminPassword } from '../support/archive.js';
import { archivist, chooseLanguage, openSignedInPage, type SignedInPage } from '../support/browser.js';

/**
 * The Reports section in the browser: the file-completeness report run on known customers, its
 * row and totals on screen, a CSV download, the title in English; the KPI dashboard's five cards
 * with their charts; and the printed first page, rendered from the print frame for the lead to see.
 */

/** A message by its dotted key; the reports block is main's, so the key is looked up at run time. */
function message(language: keyof typeof resources, key: string): string {
  const text = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], resources[language].translation);
  if (typeof text !== 'string') throw new Error(`no message ${key} in ${language}`);
  return text;
}

/*
 * Individuals need two documents (ID copy, personal-information consent) and five fields (name,
 * ID number, mobile, address, occupation): seven items. Neither has a document filed.
 * 张伟 lacks address and occupation: 3 of 7 present → 43.0 %; 李娜 has every field: 5 of 7 → 71.0 %.
 * Totals: 4 missing documents, 2 field issues, average completeness (43 + 71) / 2 = 57.0 % (rates print with one decimal).
 */
const zhang = { type: 'individual', name: '张伟', idNumber: '110101199003071233', mobile: '13812345678' } as const;
const li = { type: 'individual', name: '李娜', idNumber: '440304198511204567', mobile: '13912345678', address: '深圳市南山区科技园路 1 号', occupation: '教师' } as const;

let e2e: SignedInPage;
let page: Page;

beforeAll(async () => {
  e2e = await openSignedInPage({
    seed: async (admin) => {
      await addUser(admin, archivist);
      for (const customer of [zhang, li]) await admin.db.call('customers.create', { actorId: admin.user.id, customer });
    },
    user: archivist,
  });
  page = e2e.page;
}, 60_000);

afterAll(() => e2e?.close());

describe('reports in the browser', () => {
  it('lists the reports and runs file completeness with its known row and totals', async () => {
    await page.goto(`${e2e.host.origin}/#/reports`);
    const items = page.getByTestId('report-list-item');
    await expect.poll(() => items.count()).toBe(4);
    await expect(items.first().textContent()).resolves.toContain(message('zh-CN', 'reports.titles.completeness'));
    await expect.poll(() => page.getByTestId('kpi-chart').locator('canvas').count()).toBe(5);
    await page.screenshot({ path: 'test-results/reports-landing.png', fullPage: true });
    // Keyboard: the list item opens with Enter.
    await page.locator('[data-testid="report-list-item"][data-report-id="completeness"]').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => window.location.hash)).toBe('#/reports/completeness');
    await expect(page.getByTestId('report-title').textContent()).resolves.toBe(message('zh-CN', 'reports.titles.completeness'));

    await page.getByTestId('report-run').click();
    const table = page.getByTestId('report-table');
    await table.waitFor();
    const zhangRow = page.getByTestId('report-table-row').filter({ hasText: zhang.name });
    await zhangRow.waitFor();
    await expect(zhangRow.locator('[data-column="completeness"]').textContent()).resolves.toBe('43.0%');
    await expect(zhangRow.locator('[data-column="missingCount"]').textContent()).resolves.toBe('2');
    await expect(zhangRow.locator('[data-column="fieldIssueCount"]').textContent()).resolves.toBe('2');
    const totals = page.getByTestId('report-table-totals');
    await expect(totals.locator('[data-column="missingCount"]').textContent()).resolves.toBe('4');
    await expect(totals.locator('[data-column="fieldIssueCount"]').textContent()).resolves.toBe('2');
    await expect(totals.locator('[data-column="completeness"]').textContent()).resolves.toBe('57.0%');
    await expect.poll(() => page.getByTestId('report-group').count()).toBe(2);
    await page.screenshot({ path: 'test-results/reports-completeness.png', fullPage: true });
  }, 60_000);

  it('filters a text column on the client', async () => {
    const rows = page.getByTestId('report-table-row');
    await expect.poll(() => rows.count()).toBe(2);
    const heading = page.getByTestId('report-table').locator('th').filter({ hasText: message('zh-CN', 'reports.columns.customer') });
    await heading.locator('.ant-table-filter-trigger').click();
    const box = page.locator('input[data-testid="report-filter-customer"], [data-testid="report-filter-customer"] input').first();
    await box.fill(li.name);
    await box.press('Enter');
    await expect.poll(() => rows.count()).toBe(1);
    await expect(rows.first().textContent()).resolves.toContain(li.name);
    await heading.locator('.ant-table-filter-trigger').click();
    await box.fill('');
    await expect.poll(() => rows.count()).toBe(2);
    await page.keyboard.press('Escape');
  }, 30_000);

  it('exports CSV through the browser host download, with a BOM and the customers', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('report-export-csv').click()]);
    const path = await download.path();
    const bytes = readFileSync(path);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text).toContain(zhang.name);
    expect(text).toContain(li.name);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
  }, 30_000);

  it('prints through a frame, and renders the printed first page for the lead to look at', async () => {
    await page.getByTestId('report-print').click();
    const frame = page.getByTestId('report-print-frame');
    await frame.waitFor({ state: 'attached' });
    // The frame's document loaded under the app's CSP (srcdoc inherits it) with the report in it.
    await expect
      .poll(() => frame.evaluate((f) => (f as HTMLIFrameElement).contentDocument?.body?.innerText ?? ''))
      .toContain(message('zh-CN', 'reports.titles.completeness'));
    const html = (await frame.getAttribute('srcdoc')) ?? '';
    expect(html).toContain(zhang.name);
    const sheet = await (await e2e.browser.newContext({ viewport: { width: 794, height: 1123 } })).newPage();
    try {
      await sheet.setContent(html, { waitUntil: 'load' });
      await sheet.pdf({ path: 'test-results/report-completeness-print.pdf', format: 'A4', printBackground: true, preferCSSPageSize: true });
      await sheet.emulateMedia({ media: 'print' });
      await sheet.screenshot({ path: 'test-results/report-completeness-print-page1.png' });
    } finally {
      await sheet.context().close();
    }
  }, 60_000);

  it('runs the access audit with the audit chain verified in its header', async () => {
    await page.goto(`${e2e.host.origin}/#/reports/accessAudit`);
    await page.getByTestId('report-run').click();
    const chain = page.getByTestId('report-audit-chain');
    await chain.waitFor();
    await expect(chain.getAttribute('data-ok')).resolves.toBe('true');
    // The completeness run, its export and its print above were recorded.
    await expect.poll(() => page.getByTestId('report-table-row').count()).toBeGreaterThanOrEqual(3);
    await page.screenshot({ path: 'test-results/reports-access-audit.png', fullPage: true });
    await page.goto(`${e2e.host.origin}/#/reports/completeness`);
    await page.getByTestId('report-title').waitFor();
  }, 30_000);

  it.each(['timeliness', 'batches'])('runs the %s report', async (id) => {
    await page.goto(`${e2e.host.origin}/#/reports/${id}`);
    await expect.poll(() => page.getByTestId('report-title').textContent()).toBe(message('zh-CN', `reports.titles.${id}`));
    await page.getByTestId('report-run').click();
    await page.getByTestId('report-table').waitFor();
    await page.screenshot({ path: `test-results/reports-${id}.png`, fullPage: true });
    await page.goto(`${e2e.host.origin}/#/reports/completeness`);
    await page.getByTestId('report-title').waitFor();
  }, 30_000);

  it('shows the report title in English after switching the language', async () => {
    await chooseLanguage(page, 'en', resources.en.translation.language.en);
    await expect.poll(() => page.getByTestId('report-title').textContent()).toBe(message('en', 'reports.titles.completeness'));
    await expect.poll(() => page.getByTestId('report-run').textContent()).toBe(resources.en.translation.reportsUi.run);
  }, 30_000);

  it('shows the KPI dashboard: five cards, each with its chart drawn', async () => {
    await page.goto(`${e2e.host.origin}/#/reports/kpi`);
    const cards = page.getByTestId('kpi-card');
    await expect.poll(() => cards.count()).toBe(5);
    const charts = page.getByTestId('kpi-chart');
    await expect.poll(() => charts.locator('canvas').count()).toBe(5);
    const titles = await cards.evaluateAll((els) => els.map((el) => el.getAttribute('data-kpi')));
    expect(titles).toEqual(['completenessRate', 'timelinessRate', 'scanQualityRate', 'documentsFiledPerDay', 'inboxBacklog']);
    await expect(cards.first().textContent()).resolves.toContain(resources.en.translation.kpi.names.completenessRate);
    // Details opens the rows behind the number in the same result table.
    await cards.first().getByTestId('kpi-details').click();
    const drill = page.getByTestId('kpi-drill');
    await drill.getByTestId('report-table').waitFor();
    const lastMonth = await drill.getAttribute('data-month');
    expect(lastMonth).toMatch(/^\d{4}-\d{2}$/);
    await page.screenshot({ path: 'test-results/reports-kpi.png', fullPage: true });
    // Clicking the chart over a month drills into that month: here the newest, at the right end.
    const chart = charts.nth(1);
    const box = (await chart.boundingBox())!;
    await chart.click({ position: { x: box.width - 16, y: box.height / 2 } });
    await expect.poll(() => drill.getAttribute('data-kpi')).toBe('timelinessRate');
    await expect(drill.getAttribute('data-month')).resolves.toBe(lastMonth);
    await drill.getByTestId('report-table').waitFor();
    expect(e2e.errors).toEqual([]);
  }, 60_000);

  it('shows a long report in part, says so, and offers it only as Excel or CSV', async () => {
    // 2,100 more customers, none with their documents: the completeness report lists them all.
    const admin = await openArchive(e2e.host.dataDir, 'admin', adminPassword);
    try {
      await admin.db.call('demo.fill', { actorId: admin.user.id, customers: 2_100, seed: 6 });
    } finally {
      await admin.close();
    }
    await page.goto(`${e2e.host.origin}/#/reports/completeness`);
    await page.getByTestId('report-run').click();
    const notice = page.getByTestId('report-partial');
    await notice.waitFor();
    await expect(notice.textContent()).resolves.toMatch(/^Showing the first 500 of 2,1\d\d rows;/);
    await expect(page.getByTestId('report-print').isDisabled()).resolves.toBe(true);
    await expect(page.getByTestId('report-export-pdf').isDisabled()).resolves.toBe(true);
    await expect(page.getByTestId('report-export-xlsx').isDisabled()).resolves.toBe(false);
    await expect(page.getByTestId('report-export-csv').isDisabled()).resolves.toBe(false);
    await page.screenshot({ path: 'test-results/reports-long.png' });
    expect(e2e.errors).toEqual([]);
  }, 90_000);
});
