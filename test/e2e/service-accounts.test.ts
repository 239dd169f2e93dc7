/// <reference lib="dom" />
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, startTestConsole, type TestConsole } from '../helpers/console';
import { chromiumAvailable, ensureUiBuilt, launchBrowser, signInViaForm, type BrowserSession } from './browser';

/** Issue 12 intake in a real browser: an admin creates a service account, copies its key from the shown-once dialog, and revokes it. */
describe.skipIf(!chromiumAvailable())('service account keys (Chromium)', () => {
  let tc: TestConsole;
  let browser: BrowserSession;

  beforeAll(async () => {
    ensureUiBuilt();
    tc = await startTestConsole({ merchants: 3 });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await tc?.close();
  });

  it('admin creates one, the key is shown once (copy) and works, the list shows its prefix, revoking it after confirmation kills it, a new key is shown once', { timeout: 180_000 }, async () => {
    const { page } = browser;
    page.setDefaultTimeout(20_000);
    await signInViaForm(page, tc.url, 'admin', 'Demo@2026!');
    await page.getByRole('menuitem', { name: '服务账号' }).click();
    await page.getByRole('link', { name: '新建' }).click();
    await page.locator('input[name="name"]').fill('售后系统');
    await page.getByRole('button', { name: '保存' }).click();
    const dialog = page.getByTestId('api-key-dialog');
    await dialog.waitFor();
    await expect(dialog.getByText('仅显示这一次', { exact: false }).isVisible()).resolves.toBe(true);
    const apiKey = (await page.getByTestId('api-key').innerText()).trim();
    expect(apiKey).toMatch(/^mcsk_[A-Za-z0-9_-]{43}$/);
    expect((await tc.gql('{ me { kind displayName } }', undefined, apiKey)).data.me).toEqual({ kind: 'service', displayName: '售后系统' });
    await dialog.getByRole('button', { name: '复制密钥' }).click();
    await dialog.getByRole('button', { name: '已复制' }).waitFor();
    await dialog.getByRole('button', { name: '我已保存密钥' }).click();

    const row = page.locator('tr', { hasText: '售后系统' });
    await row.getByText(`${apiKey.slice(0, 12)}…`).waitFor();
    await row.getByTestId('service-account-status-active').waitFor();
    await row.getByRole('button', { name: '吊销密钥' }).click();
    await page.getByRole('dialog').getByRole('button', { name: '确认' }).click();
    await row.getByTestId('service-account-status-revoked').waitFor();
    errorOf(await tc.gql('{ me { kind } }', undefined, apiKey), 'UNAUTHENTICATED');

    // A new key for the revoked account, shown once too.
    await row.getByRole('button', { name: '签发新密钥' }).click();
    await page.getByRole('dialog').getByRole('button', { name: '确认' }).click();
    await dialog.waitFor();
    const fresh = (await page.getByTestId('api-key').innerText()).trim();
    expect(fresh).not.toBe(apiKey);
    expect((await tc.gql('{ me { kind } }', undefined, fresh)).data.me.kind).toBe('service');
    await dialog.getByRole('button', { name: '我已保存密钥' }).click();
    await row.getByTestId('service-account-status-active').waitFor();
    await row.getByText(`${fresh.slice(0, 12)}…`).waitFor();
  });
});
