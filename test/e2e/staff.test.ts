/// <reference lib="dom" />
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestConsole, type TestConsole } from '../helpers/console';
import { chromiumAvailable, ensureUiBuilt, launchBrowser, signInViaForm, type BrowserSession } from './browser';

const PASSWORD = 'Demo@2026!';
const TEMPORARY = 'Tall-Window-Rain-47';

/** Issue 10 item 6 in a real browser: admin requests a reviewer, admin2 approves, the new reviewer must change the temporary password first. */
describe.skipIf(!chromiumAvailable())('two-admin role grant (Chromium)', () => {
  let tc: TestConsole;
  let browser: BrowserSession;

  beforeAll(async () => {
    ensureUiBuilt();
    tc = await startTestConsole({ merchants: 5 });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await tc?.close();
  });

  const signOut = async () => {
    await browser.page.evaluate(() => sessionStorage.clear());
    await browser.page.goto(`${tc.url}/#/login`);
    await browser.page.reload();
  };

  it('admin creates a reviewer (pending), admin2 approves it, the reviewer changes the temporary password and gets in', { timeout: 180_000 }, async () => {
    const { page } = browser;
    page.setDefaultTimeout(20_000);
    await signInViaForm(page, tc.url, 'admin', PASSWORD);
    await page.goto(`${tc.url}/#/staffAccounts/create`);
    await page.locator('input[name="loginName"]').fill('newreviewer');
    await page.locator('input[name="displayName"]').fill('新审核员');
    await page.locator('input[name="password"]').fill(TEMPORARY);
    await page.getByLabel('审核员', { exact: true }).check();
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByText('审核员 ⏳').waitFor();
    const [pending] = await tc.sql(`SELECT g.status FROM staff_role_grant g JOIN account a ON a.id = g.account_id WHERE a.login_name = 'newreviewer'`);
    expect(pending.status).toBe('pending');

    // The requester is not offered "approve" on its own request.
    await page.goto(`${tc.url}/#/staffRoleGrants`);
    await page.getByText('newreviewer').waitFor();
    expect(await page.getByRole('button', { name: '批准' }).count()).toBe(0);

    await signOut();
    await signInViaForm(page, tc.url, 'admin2', PASSWORD);
    await page.goto(`${tc.url}/#/staffRoleGrants`);
    await page.getByText('newreviewer').waitFor();
    await page.getByRole('button', { name: '批准' }).click();
    await page.getByText('授予 newreviewer 角色 审核员？').waitFor();
    await page.getByRole('button', { name: '确认' }).click();
    await page.getByText('已批准授权').waitFor();
    await expect.poll(async () => (await tc.sql(`SELECT platform_roles FROM account WHERE login_name = 'newreviewer'`))[0].platform_roles).toEqual(['ops_reviewer']);

    await signOut();
    await page.locator('input[name="username"]').fill('newreviewer');
    await page.locator('input[name="password"]').fill(TEMPORARY);
    await page.locator('button[type="submit"]').click();
    await page.getByText('您的账号使用管理员设置的临时密码').waitFor();
    await page.locator('input[name="current"]').fill(TEMPORARY);
    await page.locator('input[name="next"]').fill('newreviewer-2026');
    await page.locator('input[name="confirm"]').fill('newreviewer-2026');
    await page.getByRole('button', { name: '修改密码' }).click();
    await page.getByText('密码不能包含登录名').waitFor();
    await page.locator('input[name="next"]').fill('Quiet-Harbour-Lamp-93');
    await page.locator('input[name="confirm"]').fill('Quiet-Harbour-Lamp-93');
    await page.getByRole('button', { name: '修改密码' }).click();
    await page.getByTestId('greeting').waitFor();
    const [acc] = await tc.sql(`SELECT must_change_password FROM account WHERE login_name = 'newreviewer'`);
    expect(acc.must_change_password).toBe(false);
  });
});
