import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openArchive } from '../../electron/archive/archive.js';
import type { Language } from '../../shared/i18n/languages.js';
import { resources } from '../../shared/i18n/resources.js';
import { creditCodeCheckChar, residentIdCheckChar } from '../../shared/validators/index.js';
import { adminPassword } from '../support/archive.js';
import { chooseLanguage, openSignedInPage, type SignedInPage } from '../support/browser.js';

let e2e: SignedInPage;
let page: Page;

beforeAll(async () => {
  e2e = await openSignedInPage({ timeout: 15_000 });
  page = e2e.page;
});
afterAll(() => e2e?.close());

/** A resident ID with a valid check character, and the same number with a wrong one. */
function residentIds(first17: string) {
  const check = residentIdCheckChar(first17);
  const wrong = check === '1' ? '2' : '1';
  return { valid: first17 + check, invalid: first17 + wrong };
}
function creditCodes(first17: string) {
  const check = creditCodeCheckChar(first17);
  const wrong = check === 'A' ? 'B' : 'A';
  return { valid: first17 + check, invalid: first17 + wrong };
}

const runs: { language: Language; person: string; namesake: string; firstId: string; birthDate: string; sex: 'male' | 'female'; company: string; firstCode: string; policyNumber: string; beneficiary?: string }[] = [
  { language: 'zh-CN', person: '张伟', namesake: '张伟伟', firstId: '11010519491231002', birthDate: '1949-12-31', sex: 'female', company: '福州闽江科技有限公司', firstCode: '91350100M000100Y4', policyNumber: 'P2025-000101' },
  { language: 'en', person: '李娜', namesake: '李娜娜', firstId: '51010719850615003', birthDate: '1985-06-15', sex: 'male', company: '深圳南山贸易有限公司', firstCode: '91440300MA5ABCDE1', policyNumber: 'P2025-000202', beneficiary: '张伟' },
];

describe('customers, policies and search', () => {
  for (const run of runs) {
    describe(`in ${run.language}`, () => {
      const s = resources[run.language].translation;
      const ids = residentIds(run.firstId);
      const codes = creditCodes(run.firstCode);
      let customerId = '';

      it('switches the language and opens the customer list', async () => {
        await chooseLanguage(page, run.language, s.language[run.language]);
        await page.getByTestId('nav-customers').click();
        await page.getByTestId('page-customers').waitFor();
        expect(await page.getByTestId('page-customers').locator('h3').textContent()).toBe(s.pages.customers.title);
      });

      it('creates an individual with live validation of the ID number and the mobile', async () => {
        await page.getByTestId('customers-new').click();
        const form = page.getByTestId('customer-form');
        await form.waitFor();
        await page.getByTestId('customer-name').fill(run.person);

        // The check digit is wrong: the message appears as the number is typed, before saving.
        await page.getByTestId('customer-idNumber').fill(ids.invalid);
        await expect.poll(() => fieldError(page, 'customer-idNumber')).toBe(s.validation.residentId.checkDigit);
        await page.getByTestId('customer-idNumber').fill(ids.valid);
        await expect.poll(() => fieldError(page, 'customer-idNumber')).toBe('');
        // Birth date and sex follow from the number, read-only.
        await expect.poll(() => page.getByTestId('customer-birthDate').inputValue()).toBe(run.birthDate);
        expect(await page.getByTestId('customer-birthDate').isDisabled()).toBe(true);
        expect(await page.getByTestId('customer-sex').textContent()).toContain(s.enums.sexes[run.sex]);

        await page.getByTestId('customer-mobile').fill('12345678901');
        await expect.poll(() => fieldError(page, 'customer-mobile')).toBe(s.validation.mobile);
        await page.getByTestId('customer-mobile').fill('13812345678');
        await expect.poll(() => fieldError(page, 'customer-mobile')).toBe('');
        await pick(page, 'customer-riskPreference', s.enums.riskPreferences.C2);
        await page.screenshot({ path: `test-results/customer-form-${run.language}.png` });

        await page.getByTestId('customer-save').click();
        await page.getByTestId('page-customer-detail').waitFor();
        await expect.poll(() => page.getByTestId('customer-name').textContent()).toBe(run.person);
        customerId = (await page.getByTestId('page-customer-detail').getAttribute('data-customer-id'))!;
        expect(page.url()).toContain(`#/customers/${customerId}`);
        // The administrator sees identifiers masked.
        expect(await page.getByTestId('customer-identifier').first().textContent()).toBe(`${ids.valid.slice(0, 6)}********${ids.valid.slice(14)}`);
        expect(await page.getByTestId('customer-field-sex').textContent()).toBe(s.enums.sexes[run.sex]);
        expect(await page.getByTestId('customer-field-riskPreference').textContent()).toBe(s.enums.riskPreferences.C2);
      });

      it('edits the customer and adds a policy; the completeness checklist follows', async () => {
        const percent = () => page.getByTestId('checklist-percent').getAttribute('data-percent').then(Number);
        await page.getByTestId('checklist-percent').waitFor();
        const before = await percent();

        await page.getByTestId('customer-edit').click();
        await page.getByTestId('customer-form').waitFor();
        await page.getByTestId('customer-address').fill('北京市朝阳区建国路1号');
        await page.getByTestId('customer-occupation').fill('教师');
        await page.getByTestId('customer-save').click();
        await page.getByTestId('customer-form').waitFor({ state: 'hidden' });
        await expect.poll(() => page.getByTestId('customer-field-address').textContent()).toBe('北京市朝阳区建国路1号');
        await expect.poll(percent).toBeGreaterThan(before);
        expect(await page.getByTestId('checklist-item-field-address').getAttribute('data-state')).toBe('present');

        await page.getByTestId('policy-add').click();
        await page.getByTestId('policy-form').waitFor();
        await page.getByTestId('policy-policyNumber').fill('x');
        await expect.poll(() => fieldError(page, 'policy-policyNumber')).toBe(s.validation.policyNumber);
        await page.getByTestId('policy-policyNumber').fill(run.policyNumber);
        await page.getByTestId('policy-productName').fill('鑫享人生年金保险');
        await pick(page, 'policy-productLine', s.enums.productLines.annuity);
        await page.getByTestId('policy-sumInsured').fill('500000');
        await page.getByTestId('policy-premium').fill('12000.5');
        await typeDate(page, 'policy-applicationDate', '2025-03-01');
        // The customer's own assessment (C2) is the default; a riskier product warns at once (S5.2).
        expect(await page.getByTestId('policy-customerRiskLevel').textContent()).toContain(s.enums.riskPreferences.C2);
        await pick(page, 'policy-productRiskClass', s.enums.productRiskClasses.R4);
        await expect.poll(() => page.getByTestId('policy-mismatch').textContent()).toContain(s.policies.mismatch.split('{{')[0]!);
        await page.getByTestId('policy-mismatch').scrollIntoViewIfNeeded();
        await page.screenshot({ path: `test-results/policy-form-${run.language}.png` });
        await pick(page, 'policy-productRiskClass', s.enums.productRiskClasses.R2);
        await page.getByTestId('policy-mismatch').waitFor({ state: 'detached' });
        await pick(page, 'policy-productRiskClass', s.enums.productRiskClasses.R4);
        if (run.beneficiary) {
          // Another customer, found through search.query as the name is typed.
          await page.getByTestId('policy-add-beneficiary').click();
          await page.getByTestId('policy-beneficiary-0').click();
          await page.getByTestId('policy-beneficiary-0').locator('input').fill(run.beneficiary);
          await openDropdown(page).locator('.ant-select-item-option').filter({ hasText: run.beneficiary }).click();
          expect(await page.getByTestId('policy-share-0').inputValue()).toBe('100');
        }
        await page.getByTestId('policy-save').click();
        await page.getByTestId('policy-form').waitFor({ state: 'hidden' });
        const table = page.getByTestId('policies-table');
        await expect.poll(() => table.textContent()).toContain(run.policyNumber);
        expect(await table.textContent()).toContain(s.enums.productLines.annuity);
        await page.getByTestId('policy-mismatch-tag').waitFor();
        if (run.beneficiary) {
          // Opening the policy again shows what was stored, parties included.
          await table.locator('.ant-table-row').first().click();
          await page.getByTestId('policy-form').waitFor();
          expect(await page.getByTestId('policy-policyNumber').inputValue()).toBe(run.policyNumber);
          expect(await page.getByTestId('policy-beneficiary-0').textContent()).toContain(run.beneficiary);
          expect(await page.getByTestId('policy-insured').textContent()).toContain(run.person);
          await page.getByTestId('policy-cancel').click();
          await page.getByTestId('policy-form').waitFor({ state: 'hidden' });
        }
        await page.getByTestId('checklist-percent').waitFor();
        await page.locator('.ant-message-notice').first().waitFor({ state: 'detached' });
        await page.screenshot({ path: `test-results/customer-detail-${run.language}.png`, fullPage: true });
      });

      it('refuses the same ID number twice and offers the existing customer', async () => {
        await page.getByTestId('customer-back').click();
        await page.getByTestId('page-customers').waitFor();
        await page.getByTestId('customers-new').click();
        await page.getByTestId('customer-form').waitFor();
        await page.getByTestId('customer-name').fill(run.namesake);
        await page.getByTestId('customer-idNumber').fill(ids.valid);
        await page.getByTestId('customer-mobile').fill('13912345678');
        await page.getByTestId('customer-save').click();
        const alert = page.getByTestId('customer-duplicate');
        await expect.poll(() => alert.textContent()).toContain(s.customers.duplicate.replace('{{name}}', run.person));
        await page.getByTestId('customer-open-existing').click();
        await page.getByTestId('customer-form').waitFor({ state: 'hidden' });
        await expect.poll(() => page.getByTestId('page-customer-detail').getAttribute('data-customer-id')).toBe(customerId);
      });

      it('creates an enterprise with live validation of the credit code', async () => {
        await page.getByTestId('customer-back').click();
        await page.getByTestId('customers-new').click();
        await page.getByTestId('customer-form').waitFor();
        await pick(page, 'customer-type', s.enums.customerTypes.enterprise);
        await page.getByTestId('customer-creditCode').waitFor();
        expect(await page.getByTestId('customer-idNumber').count()).toBe(0);
        await page.getByTestId('customer-name').fill(run.company);
        await page.getByTestId('customer-creditCode').fill(codes.invalid);
        await expect.poll(() => fieldError(page, 'customer-creditCode')).toBe(s.validation.creditCode.checkChar);
        await page.getByTestId('customer-creditCode').fill(codes.valid);
        await expect.poll(() => fieldError(page, 'customer-creditCode')).toBe('');
        // Saving without any phone: the form says so in this language.
        await page.getByTestId('customer-save').click();
        await expect.poll(() => fieldError(page, 'customer-mobile')).toBe(s.validation.phoneRequired);
        await page.getByTestId('customer-landline').fill('010-12345678');
        await expect.poll(() => fieldError(page, 'customer-mobile')).toBe('');
        await page.getByTestId('customer-save').click();
        await page.getByTestId('page-customer-detail').waitFor();
        await expect.poll(() => page.getByTestId('customer-name').textContent()).toBe(run.company);
        expect(await page.getByTestId('customer-type-tag').textContent()).toBe(s.enums.customerTypes.enterprise);
      });

      it('lists the customers and filters them by type', async () => {
        await page.getByTestId('customer-back').click();
        await page.getByTestId('page-customers').waitFor();
        const table = page.getByTestId('customers-table');
        await expect.poll(() => table.textContent()).toContain(run.company);
        expect(await table.textContent()).toContain(run.person);
        await page.locator('.ant-message-notice').first().waitFor({ state: 'detached' });
        await page.screenshot({ path: `test-results/customers-${run.language}.png` });
        await pick(page, 'customers-filter-type', s.enums.customerTypes.enterprise);
        await expect.poll(async () => (await table.textContent())?.includes(run.person)).toBe(false);
        expect(await table.textContent()).toContain(run.company);
        await page.getByTestId('customers-filter-type').hover();
        await page.getByTestId('customers-filter-type').locator('.ant-select-clear').click();
        await expect.poll(() => table.textContent()).toContain(run.person);
      });

      it('finds the customer by a two-character name and by the last four characters of the ID number', async () => {
        await search(page, run.person);
        const byName = page.locator(`[data-testid="search-result-customer"][data-customer-id="${customerId}"]`);
        await byName.waitFor();
        expect(await byName.getByTestId('search-result-reason').textContent()).toBe(s.search.reason.name);
        await byName.click();
        await expect.poll(() => page.getByTestId('page-customer-detail').getAttribute('data-customer-id')).toBe(customerId);
        await page.getByTestId('customer-back').click();

        const suffix = ids.valid.slice(-4);
        await search(page, suffix);
        const bySuffix = page.locator(`[data-testid="search-result-customer"][data-customer-id="${customerId}"]`);
        await bySuffix.waitFor();
        // Masked for the administrator, in the reason as in the result.
        expect(await bySuffix.getByTestId('search-result-reason').textContent()).toBe(
          s.search.reason.idSuffix.replace('{{value}}', `${ids.valid.slice(0, 6)}********${suffix}`),
        );
        await page.screenshot({ path: `test-results/search-${run.language}.png` });
        await bySuffix.click();
        await expect.poll(() => page.getByTestId('page-customer-detail').getAttribute('data-customer-id')).toBe(customerId);
        expect(await page.getByTestId('search-box').locator('input').inputValue()).toBe('');
      });
    });
  }

  it('loads the list 200 rows at a time as the user scrolls, rendering only the visible rows', async () => {
    const session = await openArchive(e2e.host.dataDir, 'admin', adminPassword);
    let firstByName: string;
    try {
      for (let i = 0; i < 450; i++) {
        await session.db.call('customers.create', { actorId: session.user.id, customer: { type: 'individual', name: `测试客户${String(i).padStart(4, '0')}`, mobile: `139${String(i).padStart(8, '0')}` } });
      }
      const byName = await session.db.call('customers.list', { actorId: session.user.id, offset: 0, limit: 1, sort: { field: 'name', order: 'asc' }, filters: {} });
      firstByName = byName.rows[0]!.name;
    } finally {
      await session.close();
    }
    await page.getByTestId('nav-customers').click();
    await page.goto(`${e2e.host.origin}/#/customers`);
    const list = page.getByTestId('page-customers');
    await list.waitFor();
    await expect.poll(() => list.getAttribute('data-loaded')).toBe('200');
    const total = Number(await list.getAttribute('data-total'));
    expect(total).toBeGreaterThanOrEqual(450);
    expect(await page.locator('.ant-table-row').count()).toBeLessThan(60);

    const body = page.locator('.ant-table-tbody-virtual-holder');
    await body.hover();
    for (let i = 0; i < 40 && Number(await list.getAttribute('data-loaded')) < total; i++) await page.mouse.wheel(0, 2000);
    await expect.poll(() => list.getAttribute('data-loaded').then(Number)).toBe(total);
    expect(await page.locator('.ant-table-row').count()).toBeLessThan(60);

    // Sorting is done by main: by name, the smallest name comes first.
    await page.locator('.ant-table-thead th', { hasText: resources.en.translation.customers.columns.name }).click();
    await expect.poll(() => list.getAttribute('data-loaded')).toBe('200');
    await expect.poll(() => page.locator('.ant-table-row').first().locator('.ant-table-cell').first().textContent()).toBe(firstByName);
  });

  it('lists policies with their filters and opens the policyholder, and shows the due list', async () => {
    await page.goto(`${e2e.host.origin}/#/customers`);
    await page.getByTestId('customers-policy-list').click();
    await page.getByTestId('page-policies').waitFor();
    await expect.poll(async () => page.getByTestId('policy-row').count()).toBeGreaterThan(0);
    const before = await page.getByTestId('policy-row').count();
    await page.getByTestId('policies-filter-status').click();
    await openDropdown(page).locator('.ant-select-item-option').first().click();
    await expect.poll(async () => page.getByTestId('policy-row').count()).toBeLessThanOrEqual(before);
    await page.screenshot({ path: 'test-results/policies-en.png' });
    await page.goto(`${e2e.host.origin}/#/customers/due`);
    await page.getByTestId('page-due').waitFor();
  });

  it('logged no errors in the page', () => {
    expect(e2e.errors).toEqual([]);
  });
});

/** The validation message under a form control, '' when there is none. */
async function fieldError(page: Page, testId: string): Promise<string> {
  const item = page.locator('.ant-form-item', { has: page.getByTestId(testId) }).last();
  const error = item.locator('.ant-form-item-explain-error');
  return (await error.count()) ? ((await error.first().textContent()) ?? '') : '';
}

/** The open dropdown of a Select, once its opening animation is over (an option clicked while it runs can leave it stuck open). */
const openDropdown = (page: Page) => page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden):not([class*="-appear"]):not([class*="-enter"]):not([class*="-leave"])');

/** Chooses an option of an antd Select by its label. */
async function pick(page: Page, testId: string, label: string) {
  const select = page.getByTestId(testId);
  await select.click();
  await openDropdown(page)
    .locator('.ant-select-item-option')
    .filter({ hasText: new RegExp(`^${escape(label)}$`) })
    .click();
  await expect.poll(() => select.locator('.ant-select-content').textContent(), { timeout: 5000 }).toBe(label);
  await expect.poll(() => page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').count(), { timeout: 5000 }).toBe(0);
}

async function typeDate(page: Page, testId: string, value: string) {
  const input: Locator = page.getByTestId(testId);
  await input.click();
  await input.fill(value);
  await input.press('Enter');
  await expect.poll(() => input.inputValue()).toBe(value);
}

async function search(page: Page, text: string) {
  const input = page.getByTestId('search-box').locator('input');
  await input.fill('');
  await input.fill(text);
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
