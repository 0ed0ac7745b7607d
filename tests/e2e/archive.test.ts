import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openArchive } from '../../electron/archive/archive.js';
import { readManifest } from '../../electron/archive/manifest.js';
import { resources } from '../../shared/i18n/resources.js';
import { adminPassword } from '../support/archive.js';
import { type BrowserAndHost, signIn, startBrowserAndHost } from '../support/browser.js';

const zh = resources['zh-CN'].translation;
let e2e: BrowserAndHost;
let page: Page;

beforeAll(async () => {
  e2e = await startBrowserAndHost();
  page = await (await e2e.browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
});
afterAll(() => e2e?.close());

describe('first start, sign-in and users, in Simplified Chinese', () => {
  it('creates the archive through the wizard and shows the recovery sheet once', async () => {
    await page.goto(e2e.host.url);
    await page.getByTestId('create-archive').waitFor();

    // Live validation before anything reaches main.
    await page.getByTestId('wizard-create').click();
    await expect.poll(() => page.locator('.ant-form-item-explain-error').first().textContent()).toBe(zh.wizard.required);
    await page.getByTestId('wizard-username').fill('wang fang');
    await page.getByTestId('wizard-display-name').fill('王芳');
    await page.getByTestId('wizard-branch').fill('北京朝阳支公司');
    await page.getByTestId('wizard-password').fill('short');
    await page.getByTestId('wizard-confirm').fill('different');
    await page.getByTestId('wizard-create').click();
    await expect.poll(() => page.locator('.ant-form-item-explain-error').allTextContents()).toEqual(expect.arrayContaining([zh.wizard.usernameRule, zh.wizard.mismatch]));

    // Main's own rule: the password is too short.
    await page.getByTestId('wizard-username').fill('wangfang');
    await page.getByTestId('wizard-confirm').fill('short');
    await page.getByTestId('wizard-create').click();
    await expect.poll(() => page.getByTestId('wizard-error').textContent()).toBe(zh.errors.WEAK_PASSWORD.replace('{{min}}', '8'));

    await page.getByTestId('wizard-password').fill(adminPassword);
    await page.getByTestId('wizard-confirm').fill(adminPassword);
    await page.getByTestId('wizard-create').click();
    await page.getByTestId('recovery-sheet').waitFor();
    const key = (await page.getByTestId('recovery-key').textContent())!.replace(/\s/g, '');
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(await page.locator('.recovery-qr').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    await page.screenshot({ path: 'test-results/recovery-sheet-zh-CN.png', fullPage: true });
    await page.emulateMedia({ media: 'print' });
    await page.screenshot({ path: 'test-results/recovery-sheet-print.png' });
    await page.emulateMedia({ media: 'screen' });

    expect(await page.getByTestId('wizard-continue').isDisabled()).toBe(true);
    await page.getByTestId('recovery-ack').click();
    await page.getByTestId('wizard-continue').click();
    await expect.poll(() => page.getByTestId('current-user').textContent()).toContain('王芳');
  });

  it('signs out, refuses a wrong password in Chinese and signs in again', async () => {
    await page.getByTestId('sign-out').click();
    await page.getByTestId('sign-in').waitFor();
    expect(await page.getByTestId('sign-in').textContent()).toContain(zh.session.signedOut);
    await signIn(page, 'wangfang', 'not the password');
    await expect.poll(() => page.getByTestId('sign-in-error').textContent()).toBe(zh.errors.WRONG_PASSWORD);
    await signIn(page, 'wangfang', adminPassword);
    await expect.poll(() => page.getByTestId('current-user').textContent()).toContain(zh.roles.admin);
  });

  it('adds a user who can then sign in', async () => {
    await page.getByTestId('nav-admin').click();
    await page.getByTestId('users-add').click();
    await page.getByTestId('user-username').fill('liuyang');
    await page.getByTestId('user-display-name').fill('刘洋');
    await page.getByTestId('user-role').click();
    await page.locator('.ant-select-item-option').filter({ hasText: zh.roles.archivist }).click();
    await page.getByTestId('user-password').fill('archivist-pass');
    await page.locator('.ant-modal-footer .ant-btn-primary').click();
    await page.locator('.ant-modal').waitFor({ state: 'hidden' });
    await expect.poll(() => page.locator('.ant-table-row').count()).toBe(2);
    expect(await page.locator('.ant-table').textContent()).toContain(zh.roles.archivist);
    await page.screenshot({ path: 'test-results/users-zh-CN.png' });

    const session = await openArchive(e2e.host.dataDir, 'liuyang', 'archivist-pass');
    expect(session.user).toMatchObject({ displayName: '刘洋', role: 'archivist' });
    await session.close();
  });

  it('lets the administrator change the idle lock', async () => {
    await page.getByTestId('tab-security').click();
    await expect.poll(() => page.getByTestId('policy-idleLockMinutes').inputValue()).toBe('10');
    await page.getByTestId('policy-idleLockMinutes').fill('5');
    await page.getByTestId('policy-save').click();
    await expect.poll(() => page.locator('.ant-message').textContent()).toContain(zh.users.saved);
    expect(readManifest(e2e.host.dataDir).policy.idleLockMinutes).toBe(5);
  });
});
