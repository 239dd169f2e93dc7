/// <reference lib="dom" />
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startTestConsole, type TestConsole } from '../helpers/console';
import { chromiumAvailable, ensureUiBuilt, launchBrowser, signInViaForm, type BrowserSession } from './browser';

const PASSWORD = 'Demo@2026!';
// Screenshots for a person to look at (not committed).
const SHOT = (name: string) => `/tmp/mc-e2e-penalties-${name}.png`;
// A 1x1 PNG, as evidence.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
const MOBILE = /(?<!\d)1[3-9]\d{9}(?!\d)/;

async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: '设置' }).click();
  await page.getByRole('menuitem', { name: '退出' }).click();
  await page.locator('input[name="username"]').waitFor();
}

/** Penalties end to end: reviewer drafts, lead issues, public board, merchant appeals, lead revokes, notice withdrawn. */
describe.skipIf(!chromiumAvailable())('penalties, appeals and public notices (Chromium)', () => {
  let tc: TestConsole;
  let browser: BrowserSession;
  let owner: { nickname: string; platform_account_id: string; account_name: string; store_id: string; store_name: string };

  beforeAll(async () => {
    ensureUiBuilt();
    tc = await startTestConsole({ merchants: 5 });
    [owner] = await tc.sql(
      `SELECT m.nickname, m.platform_account_id, m.account_name, s.id AS store_id, s.name AS store_name
       FROM merchant m JOIN account a ON a.id = m.account_id JOIN store s ON s.merchant_id = m.id WHERE a.login_name = 'owner1'`,
    );
    browser = await launchBrowser();
    browser.page.setDefaultTimeout(10_000);
  });

  afterAll(async () => {
    await browser?.close();
    await tc?.close();
  });

  it('reviewer drafts, lead issues, the board shows only the allowed fields, owner1 appeals, lead revokes, the notice is withdrawn [policy 4.3]', async () => {
    const { page } = browser;
    const rows = page.locator('[data-testid="notice-row"]');

    // 1. The reviewer drafts a 3-day suspension of owner1's store for false advertising, with evidence.
    await signInViaForm(page, tc.url, 'reviewer', PASSWORD);
    await page.locator('.RaSidebar-fixed').getByText('处罚', { exact: true }).click();
    await page.getByRole('link', { name: '新建' }).click();
    const store = page.getByRole('combobox', { name: '店铺' });
    await store.fill(owner.nickname);
    await page.getByRole('option', { name: new RegExp(owner.platform_account_id) }).click();
    await page.getByRole('combobox', { name: '违规类型' }).click();
    await page.getByRole('option', { name: /虚假宣传/ }).click();
    // The category's defaults: listing restriction, 7 days, 6 points.
    await expect.poll(() => page.locator('input[name="sanctionDays"]').inputValue()).toBe('7');
    expect(await page.locator('input[name="points"]').inputValue()).toBe('6');
    await page.locator('textarea[name="facts"]').fill('店铺商品详情页宣称“国家级认证、治愈率100%”，无任何依据，属虚假宣传。');
    await page.getByRole('combobox', { name: '处罚措施' }).click();
    await page.getByRole('option', { name: '暂停经营' }).click();
    await page.locator('input[name="sanctionDays"]').fill('3');
    await page.getByText('暂停经营和关闭店铺须双人复核').waitFor();
    await page.getByTestId('evidence-input').setInputFiles({ name: '截图.png', mimeType: 'image/png', buffer: PNG });
    await page.getByTestId('evidence-file').getByText('截图.png').waitFor();
    await page.screenshot({ path: SHOT('1-draft-form'), fullPage: true });
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByTestId('status-draft').waitFor();
    const penaltyId = /#\/penalties\/(\d+)\/show/.exec(page.url())?.[1];
    expect(penaltyId).toBeTruthy();
    // A reviewer may not issue.
    expect(await page.getByTestId('issue-button').count()).toBe(0);
    await signOut(page);

    // 2. The lead (not the drafter) issues it.
    await signInViaForm(page, tc.url, 'lead', PASSWORD);
    await page.goto(`${tc.url}/#/penalties/${penaltyId}/show`);
    await page.getByTestId('evidence-file').getByText('截图.png').waitFor();
    await page.getByTestId('issue-button').click();
    await page.getByTestId('action-dialog').getByRole('button', { name: '签发' }).click();
    await page.getByTestId('status-issued').waitFor();
    await page.getByTestId('notice-link').waitFor();
    await page.getByTestId('appeal-deadline').waitFor();
    await page.screenshot({ path: SHOT('2-issued'), fullPage: true });
    await signOut(page);

    // 3. The public board, signed out: only merchant ID, nickname, category, sanction, dates, status.
    await page.getByTestId('notices-link').click();
    await rows.first().waitFor();
    expect(page.url()).toContain('#/public/penalties');
    expect(await rows.count()).toBe(1);
    const [p] = await tc.sql(`SELECT issued_on::text AS issued_on FROM penalty WHERE id = $1`, [penaltyId]);
    const cells = await rows.first().locator('td').allInnerTexts();
    expect(cells[0]).toBe(owner.platform_account_id);
    expect(cells[1]).toBe(owner.nickname);
    expect(cells[2]).toBe('虚假宣传');
    expect(cells[3]).toBe('暂停经营，3 天');
    expect(cells[4]).toBe(p.issued_on);
    expect(cells[6]).toBe('公示中');
    expect(await page.getByTestId('notice-table').locator('thead th').allInnerTexts()).toEqual(['商家 ID', '账号昵称', '违规类型', '处罚措施', '处罚日期', '执行期间', '状态']);
    const text = await page.locator('body').innerText();
    expect(text).not.toMatch(MOBILE);
    // Other merchant data: account name and store name (where they differ from the published nickname).
    for (const other of [owner.account_name, owner.store_name]) if (other !== owner.nickname) expect(text).not.toContain(other);
    expect(text).not.toContain('店铺商品详情页');
    await page.screenshot({ path: SHOT('3-board-published'), fullPage: true });

    // 4. owner1 sees the penalty, its deadline, and appeals with a reason.
    await signInViaForm(page, tc.url, 'owner1', PASSWORD);
    await page.locator('.RaSidebar-fixed').getByText('我的处罚').click();
    await page.getByTestId('points-total').waitFor();
    await page.locator('.RaDatagrid-tbody > tr').first().click();
    await page.getByTestId('appeal-deadline').waitFor();
    expect(await page.getByTestId('appeal-deadline').textContent()).toMatch(/^\d{4}-\d{2}-\d{2}（北京时间）$/);
    await page.locator('textarea[name="appealReason"]').fill('宣传内容已于处罚前下架，所称认证真实有效，附证书扫描件。');
    await page.getByTestId('submit-appeal').click();
    await page.getByTestId('appeal-card').getByTestId('status-pending').waitFor();
    expect(await page.getByTestId('appeal-form').count()).toBe(0);
    await page.screenshot({ path: SHOT('4-merchant-appealed'), fullPage: true });
    await signOut(page);

    // 5. The lead revokes the penalty on appeal (from the appeal review list).
    await signInViaForm(page, tc.url, 'lead', PASSWORD);
    await page.locator('.RaSidebar-fixed').getByText('申诉审核').click();
    await page.getByTestId('decide-appeal').click();
    const dialog = page.getByTestId('action-dialog');
    await dialog.getByLabel('撤销处罚').check();
    await dialog.locator('textarea[name="reason"]').fill('证明材料属实，撤销处罚。');
    await dialog.getByRole('button', { name: '撤销处罚' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.goto(`${tc.url}/#/penalties/${penaltyId}/show`);
    await page.getByTestId('penalty-details').getByTestId('status-revoked').waitFor();
    await page
      .getByTestId('penalty-history')
      .getByText(/申诉成立，撤销处罚/)
      .waitFor();
    await page.screenshot({ path: SHOT('5-revoked'), fullPage: true });
    await signOut(page);

    // 6. The board shows the notice as withdrawn, in Chinese and English.
    await page.goto(`${tc.url}/#/public/penalties`);
    await rows.first().getByTestId('notice-withdrawn').waitFor();
    expect(await rows.first().locator('td').nth(1).innerText()).toBe(owner.nickname);
    await page.screenshot({ path: SHOT('6-board-withdrawn'), fullPage: true });
    await page.getByRole('button', { name: '简体中文' }).click();
    await page.getByRole('menuitem', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Penalty notices' }).waitFor();
    expect(await rows.first().getByTestId('notice-withdrawn').innerText()).toMatch(/^Withdrawn \d{4}-\d{2}-\d{2}$/);
    expect(await rows.first().locator('td').nth(3).innerText()).toBe('Suspension, 3 days');
    await page.screenshot({ path: SHOT('7-board-en'), fullPage: true });
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('menuitem', { name: '简体中文' }).click();
  }, 120_000);

  it('shows the maker-checker refusal to a lead issuing its own suspension, and "someone else decided first" on a concurrent appeal decision', async () => {
    const { page } = browser;
    const lead = await tc.signIn('lead');
    const draft = await tc.gql(
      `mutation($i: DraftPenaltyInput!) { draftPenalty(input: $i) { id version } }`,
      { i: { storeId: owner.store_id, categoryCode: 'FAKE_TRANSACTIONS', facts: '连续三十天虚构交易，刷单订单 120 笔。', sanctionCode: 'SUSPENSION', sanctionDays: 3 } },
      lead,
    );
    const id = draft.data.draftPenalty.id;

    // The lead drafted it, so the lead may not issue it: warned before, refused by the server after.
    await page.evaluate(() => sessionStorage.clear());
    await signInViaForm(page, tc.url, 'lead', PASSWORD);
    await page.goto(`${tc.url}/#/penalties/${id}/show`);
    await page.getByTestId('issue-button').click();
    const dialog = page.getByTestId('action-dialog');
    await dialog.getByText('由您起草').waitFor();
    await dialog.getByRole('button', { name: '签发' }).click();
    await dialog
      .getByTestId('action-error')
      .getByText(/双人复核.*起草人以外/)
      .waitFor();
    await page.screenshot({ path: SHOT('8-maker-checker'), fullPage: true });
    await dialog.getByRole('button', { name: '取消' }).click();
    expect(await page.getByTestId('status-draft').count()).toBe(1);

    // A points deduction the reviewer drafted and the lead issued, appealed by owner1.
    const reviewer = await tc.signIn('reviewer');
    const d2 = await tc.gql(
      `mutation($i: DraftPenaltyInput!) { draftPenalty(input: $i) { id version } }`,
      { i: { storeId: owner.store_id, categoryCode: 'OFF_PLATFORM_DIVERSION', facts: '在商品详情页留微信号，引导买家站外交易。' } },
      reviewer,
    );
    const p2 = d2.data.draftPenalty;
    const issued = await tc.gql(`mutation($i: PenaltyTransitionInput!) { issuePenalty(input: $i) { id status } }`, { i: { id: p2.id, version: p2.version } }, lead);
    expect(issued.data?.issuePenalty.status).toBe('issued');
    const owner1 = await tc.signIn('owner1');
    const appeal = await tc.gql(
      `mutation($i: SubmitPenaltyAppealInput!) { submitPenaltyAppeal(input: $i) { id version } }`,
      { i: { penaltyId: p2.id, reason: '微信号为售后客服号，并未引导站外交易。' } },
      owner1,
    );
    const a = appeal.data.submitPenaltyAppeal;

    await page.goto(`${tc.url}/#/penalties/${p2.id}/show`);
    await page.getByTestId('decide-appeal').click();
    // Meanwhile another session decides first.
    const first = await tc.gql(
      `mutation($i: DecidePenaltyAppealInput!) { decidePenaltyAppeal(input: $i) { status } }`,
      { i: { id: a.id, version: a.version, decision: 'uphold', reason: '证据充分，维持处罚。' } },
      lead,
    );
    expect(first.data?.decidePenaltyAppeal.status).toBe('upheld');
    await dialog.locator('textarea[name="reason"]').fill('同意申诉。');
    await dialog.getByLabel('撤销处罚').check();
    await dialog.getByRole('button', { name: '撤销处罚' }).click();
    await dialog.getByTestId('action-error').getByText('已有他人先作出决定').waitFor();
    await page.screenshot({ path: SHOT('9-decided-elsewhere'), fullPage: true });
    await dialog.getByTestId('reload-after-conflict').click();
    await page.getByTestId('appeal-card').getByTestId('status-upheld').waitFor();
    expect(await page.getByTestId('decide-appeal').count()).toBe(0);
  }, 60_000);
});
