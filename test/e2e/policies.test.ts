/// <reference lib="dom" />
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestConsole, type TestConsole } from '../helpers/console';
import { chromiumAvailable, ensureUiBuilt, launchBrowser, signInViaForm, type BrowserSession } from './browser';

const PASSWORD = 'Demo@2026!';
// Screenshots for a person to look at (not committed).
const SHOT = (name: string) => `/tmp/mc-e2e-policies-${name}.png`;
const OLD_C = '个人信息共享、转让或公开披露的主要对象发生变化；';
const NEW_C = '个人信息共享、转让或公开披露的主要对象（含新增的物流服务商）发生变化；';

/** Issue 6 in a real browser: draft v2 with clause 8.2 c changed, maker-checker, publication, banner, diff, acknowledgement. */
describe.skipIf(!chromiumAvailable())('policy versions (Chromium)', () => {
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

  /** Each actor in its own tab: the session token lives in the tab's sessionStorage. */
  async function tabFor(login: string): Promise<Page> {
    const page = await browser.context.newPage();
    page.on('pageerror', (e) => console.error(`[e2e] page error (${login}):`, e.message));
    await signInViaForm(page, tc.url, login, PASSWORD);
    return page;
  }
  const t0 = Date.now();
  const step = (what: string) => console.log(`[e2e] ${((Date.now() - t0) / 1000).toFixed(1)}s ${what}`);
  const statusOf = (page: Page) => page.getByTestId('policy-version').getAttribute('data-status');

  it('legal drafts a material v2, legal2 approves, it publishes, owner1 reads the diff and acknowledges [policy 8.1, 8.2]', async () => {
    // legal: document list -> the privacy policy -> new draft from v1.
    step('legal: document list -> the privacy policy -> new draft from v1.');
    const legal = browser.page;
    await signInViaForm(legal, tc.url, 'legal', PASSWORD);
    await legal.locator('.RaSidebar-fixed').getByText('政策管理').click();
    const row = legal.getByTestId('policy-documents').locator('tbody tr', { hasText: '快手小店商家隐私政策' });
    await row.getByText('第 1 版').waitFor();
    await row.click();
    await legal.getByTestId('policy-versions').getByText('已发布').waitFor();
    await expect.poll(() => legal.getByTestId('start-from').inputValue()).not.toBe('');
    await legal.getByTestId('new-draft').click();
    await expect.poll(() => statusOf(legal)).toBe('draft');
    const versionUrl = legal.url();

    // Change clause 8.2 c only, flag it material (8.2 c), save (pessimistic).
    step('Change clause 8.2 c only, flag it material (8.2 c), save (pessimistic).');
    const body = legal.getByTestId('body-zh');
    const text = await body.inputValue();
    expect(text).toContain(OLD_C);
    await body.fill(text.replace(OLD_C, NEW_C));
    await legal.getByTestId('policy-preview').locator('[data-clause="8.2"]').getByText(NEW_C.slice(0, -1), { exact: false }).waitFor();
    await legal.locator('textarea[name="changeSummary"]').fill('第 8.2 条 c 项：新增物流服务商为信息共享的主要对象。');
    await legal.locator('input[name="isMaterial"]').check();
    await legal.getByText('8.2 c — 个人信息共享、转让或公开披露的主要对象发生变化').waitFor();
    await legal.locator('input[name="category-c"]').check();
    await legal.getByTestId('save-draft').click();
    await legal.getByText('草稿已保存').waitFor();
    await expect.poll(() => legal.getByTestId('save-draft').isDisabled()).toBe(true);
    await legal.screenshot({ path: SHOT('editor'), fullPage: true });

    // The diff against v1 lists exactly the changed clause.
    step('The diff against v1 lists exactly the changed clause.');
    await expect.poll(() => legal.getByTestId('diff-clause').count()).toBe(1);
    expect(await legal.getByTestId('diff-clause').getAttribute('data-clause')).toBe('8.2');

    // Submit; approving one's own material version is refused, clearly.
    step("Submit; approving one's own material version is refused, clearly.");
    await legal.getByTestId('action-submit').click();
    await expect.poll(() => statusOf(legal)).toBe('in_review');
    await legal.getByTestId('action-approve').click();
    await legal.getByTestId('lifecycle-refusal').getByText('重大变更需要第二位审批人', { exact: false }).waitFor();
    expect(await statusOf(legal)).toBe('in_review');
    await legal.evaluate(() => window.scrollTo(0, 0));
    await legal.screenshot({ path: SHOT('refusal') });

    // legal2 approves.
    step('legal2 approves.');
    const legal2 = await tabFor('legal2');
    await legal2.goto(versionUrl);
    await expect.poll(() => statusOf(legal2)).toBe('in_review');
    await legal2.getByTestId('action-approve').click();
    await expect.poll(() => statusOf(legal2)).toBe('approved');
    await legal2.close();

    // legal schedules it for now: the publication job publishes it and the fan-out completes.
    step('legal schedules it for now: the publication job publishes it and the fan-out completes.');
    await legal.reload();
    await expect.poll(() => statusOf(legal)).toBe('approved');
    await legal.getByTestId('action-schedule').click();
    await legal.getByTestId('publish-now').click();
    await legal.getByTestId('confirm-schedule').click();
    await expect.poll(() => statusOf(legal), { timeout: 20_000 }).toBe('published');
    await expect.poll(() => legal.getByTestId('fan-out-status').getAttribute('data-status'), { timeout: 20_000 }).toBe('completed');

    // owner1: the banner, the diff with exactly the changed clause, acknowledge -> banner gone.
    step('owner1: the banner, the diff with exactly the changed clause, acknowledge -> banner gone.');
    const owner = await tabFor('owner1');
    const banner = owner.getByTestId('policy-banner');
    await banner.getByText('快手小店商家隐私政策', { exact: false }).waitFor();
    await owner.screenshot({ path: SHOT('banner'), fullPage: true });
    await owner.getByTestId('policy-banner-link').click();
    const diff = owner.getByTestId('policy-diff');
    await diff.waitFor();
    await expect.poll(() => diff.getByTestId('diff-clause').count()).toBe(1);
    const clause = diff.getByTestId('diff-clause');
    expect(await clause.getAttribute('data-clause')).toBe('8.2');
    expect(await clause.locator('ins').allTextContents()).toEqual(['（含新增的物流服务商）']);
    expect(await clause.locator('del').count()).toBe(0);
    await owner.screenshot({ path: SHOT('diff'), fullPage: true });
    await owner.getByTestId('acknowledge').click();
    await owner.getByTestId('acknowledged').waitFor();
    await expect.poll(() => banner.count()).toBe(0);
    await owner.goto(`${tc.url}/#/`);
    await owner.getByTestId('greeting').waitFor();
    expect(await banner.count()).toBe(0);

    // legal sees an acknowledgement rate above 0.
    step('legal sees an acknowledgement rate above 0.');
    await legal.reload();
    await expect.poll(async () => Number(await legal.getByTestId('ack-rate').getAttribute('data-rate')), { timeout: 15_000 }).toBeGreaterThan(0);
    await legal.getByTestId('ack-chart').waitFor();
    step('legal exports the stores that have not acknowledged (purpose asked, CSV downloaded).');
    await legal.getByRole('button', { name: '导出未确认商家' }).click();
    await legal.locator('textarea[name="purpose"]').fill('第 2 版确认率跟进：联系未确认的店铺');
    const [download] = await Promise.all([legal.waitForEvent('download'), legal.getByRole('dialog').getByRole('button', { name: '导出' }).click()]);
    expect(download.suggestedFilename()).toBe('policy-v2-non-acknowledgers.csv');
    const csv = await (await download.createReadStream()).toArray();
    const lines = Buffer.concat(csv).toString('utf8').trim().split('\n');
    expect(lines[0]).toContain('merchant_id');
    const [{ n }] = await tc.sql<{ n: string }>(`SELECT count(*) AS n FROM merchant`);
    expect(lines.length - 1).toBe(Number(n) - 1);
    await legal.evaluate(() => window.scrollTo(0, 0));
    await legal.screenshot({ path: SHOT('dashboard') });

    // Public page: version history with each version's "what changed".
    step('Public page: version history with each version\'s "what changed".');
    await owner.goto(`${tc.url}/#/public/policy`);
    const v2 = owner.locator('[data-testid="history-version"][data-version="2"]');
    await v2.getByTestId('diff-clause').getByText('8.2', { exact: false }).first().waitFor();
    await owner.getByTestId('policy-history').screenshot({ path: SHOT('public') });
    await owner.close();
  }, 120_000);
});
