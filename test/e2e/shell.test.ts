/// <reference lib="dom" />
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestConsole, type TestConsole } from '../helpers/console';
import { chromiumAvailable, ensureUiBuilt, launchBrowser, signInViaForm, type BrowserSession } from './browser';

const PASSWORD = 'Demo@2026!';
// Screenshots for a person to look at (not committed).
const SHOT_DASHBOARD = '/tmp/mc-e2e-dashboard.png';
const SHOT_POLICY = '/tmp/mc-e2e-policy.png';

/** The admin UI shell in a real browser against the real server: sign-in, inbox, languages, public policy, menus by ability. */
describe.skipIf(!chromiumAvailable())('admin UI shell (Chromium)', () => {
  let tc: TestConsole;
  let browser: BrowserSession;

  beforeAll(async () => {
    ensureUiBuilt();
    tc = await startTestConsole({ merchants: 5 });
    // Two unread messages for lead, so the badge and inbox have something to show.
    await tc.sql(
      `INSERT INTO notification (account_id, kind, title_zh, title_en, body_zh, body_en)
       SELECT id, k, tz, te, bz, be FROM account,
         (VALUES ('rule_change', '规则变更通知', 'Rule change notice', '审核规则已更新。', 'The review rules were updated.'),
                 ('security', '新设备登录提醒', 'New sign-in alert', '您的账号在新设备登录。', 'Your account signed in on a new device.')) AS v(k, tz, te, bz, be)
       WHERE login_name = 'lead'`,
    );
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await tc?.close();
  });

  it('lead signs in, sees the dashboard, the unread badge and the inbox, switches language, signs out', async () => {
    const { page } = browser;
    // Before sign-in the page asks the API for nothing that needs a session (found by QA: the unread count was polled).
    const asked: string[] = [];
    const record = (req: { postData(): string | null }) => asked.push(req.postData() ?? '');
    page.on('request', record);
    await page.goto(`${tc.url}/`);
    await page.locator('input[name="username"]').waitFor();
    expect(page.url()).toContain('#/login');
    await page.waitForTimeout(500);
    page.off('request', record);
    expect(asked.filter((body) => body.includes('unreadNotificationCount'))).toEqual([]);

    await signInViaForm(page, tc.url, 'lead', PASSWORD);
    await expect.poll(() => page.getByTestId('greeting').textContent()).toBe('您好，审核主管 老李');
    await expect.poll(() => page.getByTestId('unread-summary').textContent()).toBe('2 条未读通知');
    await expect.poll(() => page.getByTestId('unread-badge').locator('.MuiBadge-badge').textContent()).toBe('2');
    // lead may read merchants and the audit log, not staff accounts.
    const menu = page.locator('.RaSidebar-fixed');
    await menu.getByText('审计日志').waitFor();
    expect(await menu.getByText('员工账号').count()).toBe(0);
    await page.screenshot({ path: SHOT_DASHBOARD, fullPage: true });

    await page.getByTestId('notification-bell').click();
    await page.getByText('规则变更通知').waitFor();
    await page.getByText('新设备登录提醒').waitFor();

    // English, then back to Chinese, from the app bar's locale menu.
    await page.getByRole('button', { name: '简体中文' }).click();
    await page.getByRole('menuitem', { name: 'English' }).click();
    await page.getByText('Rule change notice').waitFor();
    await menu.getByText('Audit log').waitFor();
    expect(await page.getByText('规则变更通知').count()).toBe(0);
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('menuitem', { name: '简体中文' }).click();
    await page.getByText('规则变更通知').waitFor();
    await menu.getByText('审计日志').waitFor();

    // Mark all read: the badge empties.
    await page.getByRole('button', { name: '全部标为已读' }).click();
    await expect.poll(() => page.getByTestId('unread-badge').locator('.MuiBadge-invisible').count()).toBe(1);

    await page.getByRole('button', { name: '设置' }).click();
    await page.getByRole('menuitem', { name: '退出' }).click();
    await page.locator('input[name="username"]').waitFor();
    expect(page.url()).toContain('#/login');
  });

  it('shows the public privacy policy without signing in [policy 8.1]', async () => {
    const { page } = browser;
    await page.goto(`${tc.url}/#/login`);
    await page.getByTestId('policy-link').click();
    await page.locator('[data-clause="2.3.4"]').getByText('2.3.4 设置子账户').waitFor();
    expect(page.url()).toContain('#/public/policy');
    expect(await page.locator('input[name="username"]').count()).toBe(0);
    expect(await page.getByTestId('policy-meta').textContent()).toMatch(/第 1 版 · 生效日期 \d{4}-\d{2}-\d{2}/);
    await page.getByRole('navigation').getByText('2.3.4 设置子账户').waitFor();
    await page.screenshot({ path: SHOT_POLICY });

    // A direct visit works too, and the language switch translates the page's own texts.
    await page.goto(`${tc.url}/#/public/policy`);
    await page.getByText('2.3.4 设置子账户').first().waitFor();
    await page.getByRole('button', { name: '简体中文' }).click();
    await page.getByRole('menuitem', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Merchant Privacy Policy' }).waitFor();
    await page.getByText('Contents').waitFor();
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('menuitem', { name: '简体中文' }).click();
    await page.getByText('目录').waitFor();
  });

  it('owner1 sees only its own merchant record, without staff or audit menus', async () => {
    const { page } = browser;
    await signInViaForm(page, tc.url, 'owner1', PASSWORD);
    const menu = page.locator('.RaSidebar-fixed');
    await menu.getByText('商家').waitFor();
    expect(await menu.getByText('员工账号').count()).toBe(0);
    expect(await menu.getByText('审计日志').count()).toBe(0);
    await menu.getByText('商家').click();
    // Only its own record (polling: skeleton rows show while the list loads).
    const [own] = await tc.sql<{ nickname: string }>(`SELECT m.nickname FROM merchant m JOIN account a ON a.id = m.account_id WHERE a.login_name = 'owner1'`);
    await page.locator('.RaDatagrid-tbody > tr').getByText(own.nickname).waitFor();
    await expect.poll(() => page.locator('.RaDatagrid-tbody > tr').count()).toBe(1);
  });
});
