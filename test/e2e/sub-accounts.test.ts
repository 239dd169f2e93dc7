import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { startTestConsole, type TestConsole } from '../helpers/console';
import { chromiumAvailable, ensureUiBuilt, launchBrowser, signInViaForm, type BrowserSession } from './browser';

const PASSWORD = 'Demo@2026!';
const EMPLOYEE_MOBILE = '13900002468';
const EMPLOYEE_LOGIN = 'zhou.compliance';
const EMPLOYEE_PASSWORD = 'Zhou-Compliance-2026';
const ROLE_NAME = '合规查看员';
// Screenshots for a person to look at (not committed).
const SHOT = (name: string) => `/tmp/mc-e2e-subaccounts-${name}.png`;

/** A fresh tab: its own sessionStorage, so signed out until it signs in. */
async function newTab(browser: BrowserSession, who: string): Promise<Page> {
  const page = await browser.context.newPage();
  page.on('pageerror', (e) => console.error(`[e2e] page error (${who}):`, e.message));
  return page;
}

const sidebar = (page: Page) => page.locator('.RaSidebar-fixed');
const perm = (page: Page, key: string) => page.locator(`input[name="perm-${key}"]`);

/**
 * Store sub-accounts end to end in a real browser against the real server: owner1 builds a custom
 * role in the permission tree, invites an employee with it, the employee accepts (signed out) with
 * the code from the SMS outbox, signs in and sees only what the role permits; owner1 takes a
 * permission away and the employee's next request for it is refused.
 */
describe.skipIf(!chromiumAvailable())('store sub-accounts and roles (Chromium)', () => {
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

  it('custom role -> invitation -> acceptance -> only permitted menus -> permission withdrawn, next request refused [policy 2.3.4]', { timeout: 180_000 }, async () => {
    onTestFailed(async () => {
      for (const [i, p] of browser.context.pages().entries()) await p.screenshot({ path: SHOT(`failed-tab${i}`), fullPage: true }).catch(() => undefined);
    });

    // --- owner1: a custom role in the tree editor ---
    const owner = await newTab(browser, 'owner1');
    await signInViaForm(owner, tc.url, 'owner1', PASSWORD);
    await sidebar(owner).getByText('团队').waitFor();
    await sidebar(owner).getByText('角色').click();
    await owner.getByText('客服').first().waitFor();
    await owner.getByRole('link', { name: '新建' }).click();
    await owner.getByTestId('permission-tree').waitFor();
    // Owner-only permissions are shown, disabled, with the reason; sensitive ones are marked.
    for (const k of ['store.close', 'store.ownership.transfer', 'finance.payoutAccount.manage']) expect(await perm(owner, k).isDisabled()).toBe(true);
    await owner.getByTestId('perm-store.close').getByText('此权限仅店主持有，不能授予子账户。').waitFor();
    await owner.getByTestId('perm-orders.refund').getByTestId('sensitive-mark').waitFor();
    // Checking a group checks its children; unchecking it clears them.
    await perm(owner, 'products').check();
    for (const k of ['products.view', 'products.edit', 'products.publish']) expect(await perm(owner, k).isChecked()).toBe(true);
    await perm(owner, 'products').uncheck();
    expect(await perm(owner, 'products.view').isChecked()).toBe(false);
    // The role: view penalties + view verification only.
    await owner.locator('input[name="name"]').fill(ROLE_NAME);
    await owner.locator('input[name="description"]').fill('只读：处罚与实名认证');
    await perm(owner, 'compliance.penalties.view').check();
    await perm(owner, 'store.verification.view').check();
    await owner.screenshot({ path: SHOT('1-role-editor'), fullPage: true });
    await owner.getByTestId('role-save').click();
    const roleRow = owner.locator('.RaDatagrid-tbody > tr').filter({ hasText: ROLE_NAME });
    await roleRow.waitFor();
    const [role] = await tc.sql<{ id: string; permissions: string[] }>(`SELECT id, permissions FROM store_role WHERE name = $1`, [ROLE_NAME]);
    expect(role.permissions.sort()).toEqual(['compliance.penalties.view', 'store.verification.view']);

    // --- owner1: invites the employee with that role ---
    await sidebar(owner).getByText('团队').click();
    await owner.getByText('客服 小刘').waitFor();
    await owner.getByTestId('invite-button').first().click();
    const dialog = owner.getByTestId('invite-dialog');
    // Nothing goes out without the consent and a role.
    await dialog.locator('input[name="mobile"]').fill(EMPLOYEE_MOBILE);
    await dialog.locator('input[name="displayName"]').fill('合规 小周');
    await dialog.getByTestId('invite-submit').click();
    await dialog.getByText('须确认已取得员工同意').waitFor();
    await dialog.getByText('请至少选择一个角色').waitFor();
    await dialog.getByTestId('invite-roles').getByLabel(ROLE_NAME).check();
    await dialog.locator('input[name="consentConfirmed"]').check();
    await owner.screenshot({ path: SHOT('2-invite-dialog') });
    await dialog.getByTestId('invite-submit').click();
    await dialog.waitFor({ state: 'hidden' });
    const invitationRow = owner.getByTestId('invitations').locator('tr[data-status="pending"]').filter({ hasText: '合规 小周' });
    await invitationRow.waitFor();
    await invitationRow.getByText('139****2468').waitFor();
    await owner.screenshot({ path: SHOT('3-team-list'), fullPage: true });

    // --- the SMS: code and link ---
    const sms = await tc.waitFor(async () => (await tc.outbox.list('sms')).find((m) => m.to.endsWith(EMPLOYEE_MOBILE)));
    const code = /验证码\s*(\d{6})/.exec(sms.body)?.[1];
    const link = /(\/#\/invitations\/[0-9a-f-]+)/.exec(sms.body)?.[1];
    expect(code, sms.body).toBeTruthy();
    expect(link, sms.body).toBeTruthy();

    // --- the employee, signed out, accepts: a wrong code first, then the right one ---
    const employee = await newTab(browser, EMPLOYEE_LOGIN);
    await employee.goto(`${tc.url}${link}`);
    await employee.getByTestId('accept-invitation').getByText('加入店铺团队').waitFor();
    const wrong = code === '000000' ? '111111' : '000000';
    await employee.locator('input[name="code"]').fill(wrong);
    await employee.locator('input[name="loginName"]').fill(EMPLOYEE_LOGIN);
    await employee.locator('input[name="password"]').fill(EMPLOYEE_PASSWORD);
    await employee.locator('input[name="confirmPassword"]').fill(EMPLOYEE_PASSWORD);
    await employee.getByTestId('accept-submit').click();
    await employee.getByText('验证码错误，还可尝试 4 次').waitFor();
    await employee.screenshot({ path: SHOT('4-accept-wrong-code'), fullPage: true });
    await employee.locator('input[name="code"]').fill(code!);
    await employee.getByTestId('accept-submit').click();
    await employee.getByTestId('accept-done').waitFor();
    await employee.screenshot({ path: SHOT('5-accept-done'), fullPage: true });
    // The code is single-use.
    const reuse = await tc.gql(`mutation($i: AcceptInvitationInput!) { acceptSubAccountInvitation(input: $i) { accountId } }`, {
      i: { invitationId: link!.split('/').pop(), code, loginName: 'zhou.again', password: EMPLOYEE_PASSWORD },
    });
    expect(reuse.errors?.[0].extensions.code).toBe('CONFLICT');

    // --- the employee signs in: verification (view only), no Team, no Roles, no submit form ---
    await employee.getByTestId('go-login').click();
    await signInViaForm(employee, tc.url, EMPLOYEE_LOGIN, EMPLOYEE_PASSWORD);
    await sidebar(employee).getByText('实名认证').waitFor();
    expect(await sidebar(employee).getByText('团队').count()).toBe(0);
    expect(await sidebar(employee).getByText('角色').count()).toBe(0);
    await employee.screenshot({ path: SHOT('6-employee-dashboard'), fullPage: true });
    await sidebar(employee).getByText('实名认证').click();
    await employee.getByTestId('verification-status-card').waitFor();
    // owner1's case is approved (the closed notice); an open case would say "view only" instead of the form.
    expect(await employee.locator('[data-testid="view-only"], [data-testid="form-closed"]').count()).toBe(1);
    expect(await employee.locator('input[name="realName"]').count()).toBe(0);
    expect(await employee.getByRole('button', { name: '提交认证' }).count()).toBe(0);
    await employee.screenshot({ path: SHOT('7-employee-verification-view-only'), fullPage: true });
    // The API agrees with the menus.
    const token = await tc.signIn(EMPLOYEE_LOGIN, EMPLOYEE_PASSWORD);
    const mine = await tc.gql<{ myStorePermissions: string[] }>('{ myStorePermissions }', undefined, token);
    expect(mine.data!.myStorePermissions.sort()).toEqual(['compliance.penalties.view', 'store.verification.view']);
    expect((await tc.gql('{ subAccounts { totalCount } }', undefined, token)).errors?.[0].extensions.code).toBe('FORBIDDEN');
    expect((await tc.gql('{ myVerification { id } }', undefined, token)).errors).toBeUndefined();

    // --- owner1 sees the new sub-account: roles, sessions, activity ---
    await owner.reload();
    await owner.locator('.RaDatagrid-tbody > tr').filter({ hasText: '合规 小周' }).click();
    await owner.getByTestId('sub-account-page').waitFor();
    await owner.getByTestId('roles-card').getByLabel(ROLE_NAME).waitFor();
    expect(await owner.getByTestId('roles-card').getByLabel(ROLE_NAME).isChecked()).toBe(true);
    await owner.getByTestId('sessions-card').locator('tbody tr').first().waitFor();
    await owner.getByTestId('activity-card').locator('tr[data-action="account.signIn"]').first().waitFor();
    await owner.getByTestId('activity-card').locator('tr[data-action="subAccount.invitation.accept"]').waitFor();
    await owner.screenshot({ path: SHOT('8-owner-sub-account-page'), fullPage: true });

    // --- owner1 takes "view verification" away from the role ---
    await sidebar(owner).getByText('角色').click();
    await owner.locator('.RaDatagrid-tbody > tr').filter({ hasText: ROLE_NAME }).click();
    await owner.getByTestId('role-editor').waitFor();
    await owner.getByTestId('members-note').waitFor();
    expect(await perm(owner, 'store.verification.view').isChecked()).toBe(true);
    await perm(owner, 'store.verification.view').uncheck();
    await owner.getByTestId('role-save').click();
    await owner.locator('.RaDatagrid-tbody > tr').filter({ hasText: ROLE_NAME }).waitFor();
    await expect.poll(async () => (await tc.sql(`SELECT permissions FROM store_role WHERE id = $1`, [role.id]))[0].permissions).toEqual(['compliance.penalties.view']);

    // --- the employee's next request for it is refused: on the page (menu still loaded) and by the API ---
    await employee.goto(`${tc.url}/#/`);
    await employee.getByTestId('greeting').waitFor();
    await sidebar(employee).getByText('实名认证').click();
    await employee.getByText('您没有执行此操作的权限。').waitFor();
    await employee.screenshot({ path: SHOT('9-employee-refused'), fullPage: true });
    const refused = await tc.gql('{ myVerification { id } }', undefined, token);
    expect(refused.errors?.[0].extensions.code).toBe('FORBIDDEN');
    // After a reload the menu follows the new rights.
    await employee.goto(`${tc.url}/#/`);
    await employee.reload();
    await employee.getByTestId('greeting').waitFor();
    expect(await sidebar(employee).getByText('实名认证').count()).toBe(0);
    await employee.screenshot({ path: SHOT('10-employee-after-reload'), fullPage: true });
    // Giving itself the right back is refused too, and (a refused mutation) audited.
    const escalate = await tc.gql(
      `mutation($i: UpdateStoreRoleInput!) { updateStoreRole(input: $i) { id } }`,
      { i: { id: role.id, permissions: ['compliance.penalties.view', 'store.verification.view'] } },
      token,
    );
    expect(escalate.errors?.[0].extensions.code).toBe('FORBIDDEN');
    const denied = await tc.sql(`SELECT action FROM audit_event WHERE actor_account_id = (SELECT id FROM account WHERE login_name = $1) AND outcome = 'denied'`, [EMPLOYEE_LOGIN]);
    expect(denied.map((d) => d.action)).toContain('graphql.updateStoreRole');

    // --- English: the role editor's marks are translated too ---
    await owner.goto(`${tc.url}/#/storeRoles/${role.id}`);
    await owner.getByTestId('role-editor').waitFor();
    await owner.getByRole('button', { name: '简体中文' }).click();
    await owner.getByRole('menuitem', { name: 'English' }).click();
    await owner.getByText('Only the store owner holds this; it can never be granted to a sub-account.').first().waitFor();
    await owner.screenshot({ path: SHOT('11-role-editor-en'), fullPage: true });
  });
});
