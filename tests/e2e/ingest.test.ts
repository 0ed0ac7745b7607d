import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser } from '../../electron/archive/archive.js';
import { resources } from '../../shared/i18n/resources.js';
import { archivist, openSignedInPage, type SignedInPage } from '../support/browser.js';
import { applicationForm, healthDeclaration, scanForm } from '../support/scans.js';

/**
 * Flow 1 and 2 in the browser: files dropped on the window, the batch's progress, an inbox
 * proposal confirmed with one click, and the filed document opened in the viewer with its text.
 */

const s = resources['zh-CN'].translation;
const zhang = { name: '张伟', idNumber: '11010519491231002X', mobile: '13812345678' };
/** The same number with one digit misread, as OCR does: the check digit no longer fits. */
const misread = '11010519491231012X';

let e2e: SignedInPage;
let page: Page;
let customerId: string;

beforeAll(async () => {
  e2e = await openSignedInPage({
    seed: async (admin) => {
      await addUser(admin, archivist);
      customerId = (await admin.db.call('customers.create', { actorId: admin.user.id, customer: { type: 'individual', ...zhang } })).id;
    },
    user: archivist,
    consoleErrors: false,
  });
  page = e2e.page;
}, 60_000);

afterAll(() => e2e?.close());

async function drop(files: { name: string; bytes: Buffer; type: string }[]): Promise<void> {
  const payload = files.map((f) => ({ name: f.name, type: f.type, base64: f.bytes.toString('base64') }));
  const dataTransfer = await page.evaluateHandle((items) => {
    const transfer = new DataTransfer();
    for (const item of items) {
      const bytes = Uint8Array.from(atob(item.base64), (c) => c.charCodeAt(0));
      transfer.items.add(new File([bytes], item.name, { type: item.type }));
    }
    return transfer;
  }, payload);
  const zone = page.getByTestId('drop-zone');
  await zone.dispatchEvent('dragenter', { dataTransfer });
  await page.getByTestId('drop-overlay').waitFor();
  await zone.dispatchEvent('dragover', { dataTransfer });
  await zone.dispatchEvent('drop', { dataTransfer });
}

describe('scan ingest in the browser', () => {
  it('takes dropped files and shows the batch progressing to its outcome', async () => {
    await drop([
      { name: '投保单.jpg', bytes: await scanForm(applicationForm({ ...zhang, policyNumber: '' }), { dpi: 300, skew: 0.6 }), type: 'image/jpeg' },
      { name: '健康告知书.png', bytes: await scanForm(healthDeclaration({ name: zhang.name, idNumber: misread }), { dpi: 200, format: 'png' }), type: 'image/png' },
      { name: 'not-a-scan.pdf', bytes: randomBytes(2048), type: 'application/pdf' },
    ]);
    await page.goto(`${e2e.host.origin}/#/inbox/batches`);
    const row = page.getByTestId('batch-row').first();
    await row.waitFor();
    await expect.poll(() => row.getByTestId('batch-progress').isVisible()).toBe(true);
    await expect.poll(() => row.getAttribute('data-state'), { timeout: 120_000, interval: 500 }).toBe('done');
    await row.locator('.ant-table-row-expand-icon').click();
    const files = page.getByTestId('batch-file');
    await expect.poll(async () => Promise.all((await files.all()).map((f) => f.getAttribute('data-outcome')))).toEqual(['filed', 'inbox', 'rejected']);
    await expect(page.getByTestId('batch-file-reason').textContent()).resolves.toContain(s.ingest.reject.unknownFormat);
    await page.screenshot({ path: 'test-results/ingest-batches.png' });
  }, 180_000);

  it('proposes the customer behind a misread ID number and files the page with one click', async () => {
    await page.goto(`${e2e.host.origin}/#/inbox`);
    const item = page.getByTestId('inbox-item').first();
    await item.waitFor();
    await expect.poll(async () => (await item.getByTestId('proposal-reason').allTextContents()).join(' ')).toContain('110105********012X');
    await expect(item.textContent()).resolves.toContain(zhang.name);
    await page.screenshot({ path: 'test-results/ingest-inbox.png' });
    await item.getByTestId('inbox-confirm').click();
    await expect.poll(() => page.getByTestId('inbox-item').count()).toBe(0);
  }, 60_000);

  it('opens the filed documents in the viewer with the page image and its text', async () => {
    await page.goto(`${e2e.host.origin}/#/customers/${customerId}`);
    const documents = page.getByTestId('customer-document');
    await expect.poll(() => documents.count()).toBe(2);
    await documents.first().click();
    const image = page.getByTestId('viewer-image');
    await image.waitFor();
    await expect.poll(() => image.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(1000);
    await expect.poll(async () => (await page.getByTestId('page-text').textContent()) ?? '').toMatch(/健康告知|投保/);
    await page.screenshot({ path: 'test-results/ingest-viewer.png' });
    expect(e2e.errors).toEqual([]);
  }, 60_000);
});
