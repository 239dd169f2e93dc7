import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { startTestConsole, type TestConsole } from '../helpers/console';
import { chromiumAvailable, ensureUiBuilt, launchBrowser, signInViaForm, type BrowserSession } from './browser';

const PASSWORD = 'Demo@2026!';
const SHOT = (name: string) => `/tmp/mc-e2e-payout-${name}.png`;
const sidebar = (page: Page) => page.locator('.RaSidebar-fixed');

/**
 * The owner's payout account page in a real browser (issue 13): owner1 sets the Alipay account,
 * confirms it with the code from the SMS outbox (a wrong code first), and sees it masked, held for
 * 24 hours and checked against the verified name; the sub-account staff1 has no such menu entry.
 */
describe.skipIf(!chromiumAvailable())('payout account (Chromium)', () => {
  let tc: TestConsole;
  let browser: BrowserSession;

  beforeAll(async () => {
    ensureUiBuilt();
    tc = await startTestConsole({ merchants: 2 });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await tc?.close();
  });

  it('owner sets the account, confirms with the SMS code, sees it masked and held; staff1 has no payout account menu', { timeout: 180_000 }, async () => {
    onTestFailed(async () => {
      for (const [i, p] of browser.context.pages().entries()) await p.screenshot({ path: SHOT(`failed-tab${i}`), fullPage: true }).catch(() => undefined);
    });
    const [s] = await tc.sql(
      `SELECT m.mobile_enc, sub.real_name_enc FROM account a JOIN merchant m ON m.account_id = a.id JOIN store st ON st.merchant_id = m.id
         JOIN verification_case vc ON vc.store_id = st.id JOIN verification_submission sub ON sub.id = vc.submission_id WHERE a.login_name = 'owner1'`,
    );
    const mobile = tc.app.cipher.decrypt(s.mobile_enc);
    const realName = tc.app.cipher.decrypt(s.real_name_enc);

    const page = browser.page;
    await signInViaForm(page, tc.url, 'owner1', PASSWORD);
    await sidebar(page).getByText('收款账户').click();
    await page.getByTestId('payout-account').waitFor();
    await page.getByTestId('payout-account-status').getByText('未设置').waitFor();
    expect(await page.getByTestId('payout-hold').getAttribute('data-hold')).toBe('no_account');

    const form = page.getByTestId('payout-change-form');
    await form.locator('input[name="alipayLogin"]').fill('12345');
    await form.getByRole('button', { name: '发送验证码' }).click();
    await form.getByText('请输入大陆手机号').waitFor();
    await form.locator('input[name="alipayLogin"]').fill('138 1234 5678');
    await form.locator('input[name="payeeName"]').fill(realName);
    await form.getByRole('button', { name: '发送验证码' }).click();
    const dialog = page.getByTestId('action-dialog');
    await dialog.getByText('确认修改').waitFor();
    await page.getByTestId('payout-pending').waitFor();

    const sms = await tc.waitFor(async () => (await tc.outbox.list('sms')).find((m) => m.to === mobile && m.body.includes('收款账户（支付宝）')));
    const code = /验证码 (\d{6})/.exec(sms.body)![1];
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    await page.getByTestId('payout-code-input').fill(wrong);
    await dialog.getByRole('button', { name: '确认' }).click();
    await dialog.getByText('验证码错误。').waitFor();
    await dialog.getByText('还可尝试 4 次').waitFor();
    await page.screenshot({ path: SHOT('1-code-dialog') });
    await page.getByTestId('payout-code-input').fill(code);
    await dialog.getByRole('button', { name: '确认' }).click();
    await dialog.waitFor({ state: 'hidden' });

    await page.getByTestId('payout-account-status').getByText('已生效').waitFor();
    await page.getByTestId('payout-alipayLogin').getByText('138****5678').waitFor();
    expect(await page.getByTestId('payout-hold').getAttribute('data-hold')).toBe('change_hold');
    await page.getByTestId('payout-name-check').getByText('与实名认证一致').waitFor();
    expect(await page.getByTestId('payout-account').textContent()).not.toContain(realName);
    await page.screenshot({ path: SHOT('2-active'), fullPage: true });

    // Reveal with a purpose (audited).
    await page.getByTestId('payout-alipayLogin').getByRole('button').click();
    const purposeDialog = page.getByRole('dialog');
    await purposeDialog.locator('textarea[name="purpose"]').fill('核对收款账户');
    await purposeDialog.getByRole('button').last().click();
    await page.getByTestId('payout-alipayLogin').getByText('13812345678').waitFor();
    const [ev] = await tc.sql(`SELECT outcome FROM audit_event WHERE action = 'personalData.reveal' AND target_type = 'PayoutAccount'`);
    expect(ev.outcome).toBe('success');

    // The sub-account: no payout account menu entry.
    const staff = await browser.context.newPage();
    await signInViaForm(staff, tc.url, 'staff1', PASSWORD);
    await sidebar(staff).locator('a').first().waitFor();
    expect(await sidebar(staff).getByText('收款账户').count()).toBe(0);
  });
});
