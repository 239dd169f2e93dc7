/// <reference lib="dom" />
import { unlink } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prcDate } from '../../rules/dates';
import type { Page } from 'playwright-core';
import type { SandboxPayoutProvider } from '../../server/core/payout-provider';
import { startTestConsole, type TestConsole } from '../helpers/console';
import { chromiumAvailable, ensureUiBuilt, launchBrowser, signInViaForm, type BrowserSession } from './browser';

const PASSWORD = 'Demo@2026!';
// Screenshots for a person to look at (not committed).
const SHOT = (name: string) => `/tmp/mc-e2e-rewards-${name}.png`;

async function signOut(page: Page): Promise<void> {
  // The app bar hides while the page is scrolled down (react-admin): back to the top first.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.getByRole('button', { name: '设置' }).click();
  await page.getByRole('menuitem', { name: '退出' }).click();
  await page.locator('input[name="username"]').waitFor();
}

/** Reloads the page until `testId` shows (the payout job runs in the background). */
async function reloadUntil(page: Page, testId: string, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if ((await page.getByTestId(testId).count()) > 0) return;
    if (Date.now() > until) throw new Error(`${testId} did not show within ${timeoutMs} ms`);
    await page.waitForTimeout(1000);
    await page.reload();
    await page.getByTestId('reward-facts').waitFor();
  }
}

/** Rewards end to end: a proposal, the approval rule shown and enforced, finance approves, the payout is made once, owner1 sees it in its inbox and its rewards page. */
describe.skipIf(!chromiumAvailable())('platform rewards (Chromium)', () => {
  let tc: TestConsole;
  let browser: BrowserSession;
  let owner: { nickname: string; platform_account_id: string; store_id: string; store_name: string };
  let finance: string;

  /** A programme with a budget (integer fen), created by finance over GraphQL. */
  async function programme(budget: number): Promise<{ code: string; nameZh: string }> {
    const code = `E2E_${Date.now()}`;
    const nameZh = `服务之星${code.slice(-4)}`;
    const r = await tc.gql('mutation($i: CreateProgrammeInput!) { createRewardProgramme(input: $i) { id } }', { i: { code, nameZh, nameEn: 'Service star', budget } }, finance);
    expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
    return { code, nameZh };
  }

  beforeAll(async () => {
    ensureUiBuilt();
    tc = await startTestConsole();
    [owner] = await tc.sql(
      `SELECT m.nickname, m.platform_account_id, s.id::text AS store_id, s.name AS store_name FROM merchant m JOIN account a ON a.id = m.account_id JOIN store s ON s.merchant_id = m.id WHERE a.login_name = 'owner1'`,
    );
    // owner1's store gets a confirmed payout account matching its verified name (as test/integration/rewards.test.ts does; the owner's own flow is in payout-account.test.ts).
    const [v] = await tc.sql(`SELECT s.real_name_enc FROM verification_case vc JOIN verification_submission s ON s.id = vc.submission_id WHERE vc.store_id = $1`, [owner.store_id]);
    await tc.sql(
      `INSERT INTO payout_account (store_id, status, alipay_login_enc, payee_name_enc, activated_at, hold_until, name_matches) VALUES ($1, 'active', $2, $3, now() - interval '2 days', now() - interval '1 day', true)
       ON CONFLICT (store_id) DO UPDATE SET alipay_login_enc = EXCLUDED.alipay_login_enc, payee_name_enc = EXCLUDED.payee_name_enc, hold_until = EXCLUDED.hold_until`,
      [owner.store_id, tc.app.cipher.encrypt('13800001234'), tc.app.cipher.encrypt(tc.app.cipher.decrypt(v.real_name_enc))],
    );
    finance = await tc.signIn('finance');
    browser = await launchBrowser();
    browser.page.setDefaultTimeout(10_000);
  });

  afterAll(async () => {
    await browser?.close();
    await tc?.close();
  });

  it('the reviewer proposes ¥1,234.56, the lead is refused (finance required), finance approves, it is paid once, owner1 sees it in its inbox and on 我的奖励, a sub-account with rewards view without the payout account', async () => {
    const { page } = browser;
    const p = await programme(10_000_000);

    // 1. The reviewer proposes a reward with the form: amount typed in yuan.
    await signInViaForm(page, tc.url, 'reviewer', PASSWORD);
    await page.locator('.RaSidebar-fixed').getByText('平台奖励', { exact: true }).click();
    await page.getByRole('link', { name: '新建' }).click();
    await page.getByRole('combobox', { name: '店铺' }).fill(owner.nickname);
    await page.getByRole('option', { name: new RegExp(owner.platform_account_id) }).click();
    await page.getByRole('combobox', { name: '奖励计划' }).click();
    await page.getByRole('option', { name: new RegExp(p.code) }).click();
    await page.locator('input[name="amount"]').fill('1234.56');
    await page.locator('textarea[name="reason"]').fill('十一月服务评分第一，买家满意度 99%。');
    await page.locator('input[name="periodStart"]').fill('2026-11-01');
    await page.locator('input[name="periodEnd"]').fill('2026-11-30');
    await page.screenshot({ path: SHOT('1-propose'), fullPage: true });
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByTestId('reward-facts').getByTestId('status-proposed').waitFor();
    expect(await page.getByTestId('reward-amount').innerText()).toBe('¥1,234.56');
    const rewardId = /#\/rewards\/(\d+)\/show/.exec(page.url())?.[1];
    expect(rewardId).toBeTruthy();
    const [row] = await tc.sql('SELECT amount::text FROM reward WHERE id = $1', [rewardId]);
    expect(row.amount).toBe('123456');
    // A reviewer proposes but does not approve.
    expect(await page.getByTestId('approve-reward').count()).toBe(0);
    await signOut(page);

    // 2. The lead finds it in the approval queue; the server refuses: this amount needs finance (shown in the dialog).
    await signInViaForm(page, tc.url, 'lead', PASSWORD);
    await page.locator('.RaSidebar-fixed').getByText('待审批奖励', { exact: true }).click();
    const queued = page.locator('.RaDatagrid-tbody > tr').filter({ hasText: p.nameZh });
    await queued.waitFor();
    expect(await queued.innerText()).toContain('¥1,234.56');
    await queued.click();
    await page.getByTestId('approve-reward').click();
    const dialog = page.getByTestId('action-dialog');
    await dialog.getByTestId('approval-rule').waitFor();
    await dialog.getByRole('button', { name: '批准' }).click();
    expect(await dialog.getByTestId('action-error').innerText()).toContain('该金额须由财务审批');
    await dialog.getByRole('button', { name: '取消' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await signOut(page);

    // 3. Finance approves; the payout is sent through the sandbox provider and succeeds.
    await signInViaForm(page, tc.url, 'finance', PASSWORD);
    await page.goto(`${tc.url}/#/rewards/${rewardId}/show`);
    await page.getByTestId('approve-reward').click();
    await dialog.getByRole('button', { name: '批准' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByTestId('reward-facts').getByTestId('status-approved').waitFor();
    await reloadUntil(page, 'payout-status-succeeded');
    expect(await page.getByTestId('business-number').innerText()).toMatch(/^RW\d{14}$/);
    expect(await page.getByTestId('approver').innerText()).not.toBe('—');
    await page.screenshot({ path: SHOT('2-paid'), fullPage: true });
    const [paid] = await tc.sql('SELECT count(*)::int AS n FROM payout_ledger l JOIN payout p ON p.id = l.payout_id WHERE p.reward_id = $1', [rewardId]);
    expect(paid.n).toBe(1);
    // The list: totals by status for the programme's filter; the programme: budget used.
    await page.locator('.RaSidebar-fixed').getByText('平台奖励', { exact: true }).click();
    await page.getByRole('combobox', { name: '奖励计划' }).click();
    await page.getByRole('option', { name: new RegExp(p.code) }).click();
    await expect.poll(() => page.getByTestId('reward-totals').innerText()).toContain('1 笔 · ¥1,234.56');
    await page.screenshot({ path: SHOT('2b-list'), fullPage: true });
    // Close the programme filter's option list first: it covers the menu.
    await page.keyboard.press('Escape');
    await page.locator('.RaSidebar-fixed').getByText('奖励计划', { exact: true }).click();
    await page.getByTestId(`programme-${p.code}`).waitFor({ timeout: 30_000 });
    expect(await page.getByTestId(`programme-${p.code}`).getByTestId('programme-usage').innerText()).toBe('已批准 ¥1,234.56 / 预算 ¥100,000.00 · 剩余 ¥98,765.44');
    await page.screenshot({ path: SHOT('2c-programmes'), fullPage: true });
    await signOut(page);

    // 4. owner1: the inbox says it was paid; 我的奖励 shows the amount, the payout and the link to the payout account.
    await signInViaForm(page, tc.url, 'owner1', PASSWORD);
    await page.goto(`${tc.url}/#/notifications`);
    await page.getByText('平台奖励已到账').first().waitFor();
    await page.screenshot({ path: SHOT('3-inbox'), fullPage: true });
    await page.locator('.RaSidebar-fixed').getByText('我的奖励', { exact: true }).click();
    const mine = page.locator('.RaDatagrid-tbody > tr').filter({ hasText: p.nameZh });
    await mine.getByTestId('payout-status-succeeded').waitFor();
    expect(await mine.innerText()).toContain('¥1,234.56');
    await page.getByTestId('payout-account-link').first().waitFor();
    await mine.click();
    await page.getByTestId('payout-box').getByTestId('payout-status-succeeded').waitFor();
    // The store sees no staff names and no approvals section.
    expect(await page.getByTestId('reward-approvals').count()).toBe(0);
    await page.screenshot({ path: SHOT('4-my-rewards'), fullPage: true });
    await signOut(page);

    // 5. The sub-account staff1, given the 财务 store role (finance.rewards.view) by the owner: amounts and statuses, never the payout account.
    const ownerToken = await tc.signIn('owner1');
    const role = await tc.gql('mutation($i: CopyStoreRoleTemplateInput!) { copyStoreRoleTemplate(input: $i) { id } }', { i: { templateCode: 'finance', name: `财务 ${Date.now()}` } }, ownerToken);
    expect(role.errors, JSON.stringify(role.errors)).toBeUndefined();
    const subs = await tc.gql('{ subAccounts(perPage: 100) { items { id loginName roles { id } } } }', {}, ownerToken);
    const staff1 = subs.data.subAccounts.items.find((x: { loginName: string }) => x.loginName === 'staff1');
    const set = await tc.gql(
      'mutation($i: SetSubAccountRolesInput!) { setSubAccountRoles(input: $i) { id } }',
      { i: { subAccountId: staff1.id, roleIds: [...staff1.roles.map((r: { id: string }) => r.id), role.data.copyStoreRoleTemplate.id] } },
      ownerToken,
    );
    expect(set.errors, JSON.stringify(set.errors)).toBeUndefined();
    await signInViaForm(page, tc.url, 'staff1', PASSWORD);
    await page.locator('.RaSidebar-fixed').getByText('我的奖励', { exact: true }).click();
    const theirs = page.locator('.RaDatagrid-tbody > tr').filter({ hasText: p.nameZh });
    await theirs.getByTestId('payout-status-succeeded').waitFor();
    expect(await theirs.innerText()).toContain('¥1,234.56');
    expect(await page.getByTestId('payout-account-link').count()).toBe(0);
    expect(await page.locator('.RaSidebar-fixed').getByText('收款账户').count()).toBe(0);
    await theirs.click();
    await page.getByTestId('payout-box').waitFor();
    expect(await page.getByTestId('payout-account-link').count()).toBe(0);
    await signOut(page);
  }, 180_000);

  it('a refused transfer shows as failed with its error; finance retries it in the browser and it is paid', async () => {
    const { page } = browser;
    const p = await programme(1_000_000);
    const lead = await tc.signIn('lead');
    const proposed = await tc.gql(
      'mutation($i: ProposeRewardInput!) { proposeReward(input: $i) { id version } }',
      { i: { storeId: owner.store_id, programmeCode: p.code, amount: 8_880, reason: '十一月零差评。', periodStart: '2026-11-01', periodEnd: '2026-11-30' } },
      finance,
    );
    expect(proposed.errors, JSON.stringify(proposed.errors)).toBeUndefined();
    (tc.app.payouts as SandboxPayoutProvider).injectFaults('fail');
    const approved = await tc.gql('mutation($i: RewardDecisionInput!) { approveReward(input: $i) { id } }', { i: proposed.data.proposeReward }, lead);
    expect(approved.errors, JSON.stringify(approved.errors)).toBeUndefined();
    const id = proposed.data.proposeReward.id as string;

    await signInViaForm(page, tc.url, 'finance', PASSWORD);
    await page.goto(`${tc.url}/#/rewards/${id}/show`);
    await page.getByTestId('reward-facts').waitFor();
    await reloadUntil(page, 'payout-status-failed');
    await page.getByTestId('last-error').waitFor();
    await page.screenshot({ path: SHOT('7-failed'), fullPage: true });
    await page.getByTestId('retry-payout').click();
    const dialog = page.getByTestId('action-dialog');
    await dialog.getByRole('button', { name: '重新发放' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await reloadUntil(page, 'payout-status-succeeded');
    expect(await page.getByTestId('retry-payout').count()).toBe(0);
    const [n] = await tc.sql('SELECT count(*)::int AS n FROM payout_ledger l JOIN payout p ON p.id = l.payout_id WHERE p.reward_id = $1', [id]);
    expect(n.n).toBe(1);

    // Reconciliation: the provider's record of this payout is lost; finance reconciles today and sees it listed.
    const [{ business_number: bn }] = await tc.sql('SELECT business_number FROM payout WHERE reward_id = $1', [id]);
    await unlink(path.join((tc.app.payouts as SandboxPayoutProvider).dir, `${bn}.json`));
    await page.locator('.RaSidebar-fixed').getByText('打款对账', { exact: true }).click();
    await page.getByTestId('reconciliation-result').waitFor();
    await page.getByTestId('reconciliation-date').fill(prcDate(new Date()));
    await page.getByTestId('reconcile-now').click();
    const difference = page.getByTestId('reconciliation-difference').filter({ hasText: bn });
    await difference.waitFor();
    expect(await difference.innerText()).toContain('台账有记录，支付机构无记录');
    expect(await difference.innerText()).toContain('¥88.80');
    await page.screenshot({ path: SHOT('8-reconciliation'), fullPage: true });
    await signOut(page);
  }, 120_000);

  it('bulk upload: one bad row is reported and nothing imported; the valid rows are imported when the invalid is skipped; finance approves one, it is paid, owner1 sees it in its inbox and on 我的奖励', async () => {
    const { page } = browser;
    const p = await programme(10_000_000);
    const csv = [
      'storeId,programmeCode,amount,reason,periodStart,periodEnd',
      `${owner.store_id},${p.code},100.10,十一月好评率第一,2026-11-01,2026-11-30`,
      `${owner.store_id},${p.code},12.5x,金额写错了,2026-11-01,2026-11-30`,
      `${owner.store_id},${p.code},200.20,十月退货率最低,2026-10-01,2026-10-31`,
    ].join('\n');
    const totals = async () => (await tc.gql('query($f: RewardFilter) { rewardTotals(filter: $f) { status count amount } }', { f: { programmeCode: p.code } }, finance)).data.rewardTotals;

    await signInViaForm(page, tc.url, 'reviewer', PASSWORD);
    await page.locator('.RaSidebar-fixed').getByText('CSV 批量导入', { exact: true }).click();
    await page.getByTestId('import-input').setInputFiles({ name: 'rewards.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByTestId('import-rejected').waitFor({ timeout: 30_000 });
    const errors = page.getByTestId('import-error');
    expect(await errors.count()).toBe(1);
    expect(await errors.first().innerText()).toContain('amount');
    await page.screenshot({ path: SHOT('5-import-rejected'), fullPage: true });
    // Nothing half-imported.
    expect(await totals()).toEqual([]);

    await page.getByTestId('skip-invalid').click();
    await page.getByTestId('import-done').waitFor({ timeout: 30_000 });
    expect(await totals()).toEqual([{ status: 'proposed', count: 2, amount: 30_030 }]);
    await page.screenshot({ path: SHOT('6-import-done'), fullPage: true });
    await signOut(page);

    // Finance approves an imported reward from the approval queue; it is paid once.
    await signInViaForm(page, tc.url, 'finance', PASSWORD);
    await page.locator('.RaSidebar-fixed').getByText('待审批奖励', { exact: true }).click();
    const queued = page.locator('.RaDatagrid-tbody > tr').filter({ hasText: p.nameZh }).filter({ hasText: '¥100.10' });
    await queued.click();
    await page.getByTestId('approve-reward').click();
    const dialog = page.getByTestId('action-dialog');
    await dialog.getByRole('button', { name: '批准' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await reloadUntil(page, 'payout-status-succeeded');
    expect(await totals()).toEqual(
      expect.arrayContaining([
        { status: 'proposed', count: 1, amount: 20_020 },
        { status: 'approved', count: 1, amount: 10_010 },
      ]),
    );
    const [paid] = await tc.sql(
      `SELECT count(*)::int AS n FROM payout_ledger l JOIN payout p ON p.id = l.payout_id JOIN reward r ON r.id = p.reward_id JOIN reward_programme g ON g.id = r.programme_id WHERE g.code = $1`,
      [p.code],
    );
    expect(paid.n).toBe(1);
    await signOut(page);

    // owner1: told in its inbox, and the imported reward on 我的奖励 as paid.
    await signInViaForm(page, tc.url, 'owner1', PASSWORD);
    await page.goto(`${tc.url}/#/notifications`);
    await page.getByText('平台奖励已到账：¥100.10').first().waitFor();
    await page.locator('.RaSidebar-fixed').getByText('我的奖励', { exact: true }).click();
    const mine = page.locator('.RaDatagrid-tbody > tr').filter({ hasText: p.nameZh }).filter({ hasText: '¥100.10' });
    await mine.getByTestId('payout-status-succeeded').waitFor();
    await page.screenshot({ path: SHOT('7-imported-paid'), fullPage: true });
    await signOut(page);
  }, 180_000);
});
