import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { getNamedType, isInputObjectType, isListType, isNonNullType, isObjectType, type GraphQLArgument, type GraphQLInputType, type GraphQLSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listOperations, operationsOfStorePermission, operationsRefusedToSubAccounts, type OperationInfo } from '../../server/graphql/operations';
import { buildAppSchema } from '../../server/graphql/schema';
import { GRANTABLE_LEAVES, isStoreScoped, OWNER_ONLY_LEAVES, STORE_PERMISSION_LEAVES, STORE_PERMISSIONS } from '../../server/modules/sub-accounts/store-permissions';
import { errorOf, startTestConsole, type GqlResult, type TestConsole } from '../helpers/console';
import { rootFields, sampleOperation, sampleValue } from '../helpers/sample-operation';
import { PROJECT_ROOT } from '../../server/config';
import { DEMO_IMAGE_PNG } from '../../server/seed/demo-image';

let c: TestConsole;
let owner1: string;
let owner2: string;
beforeAll(async () => {
  c = await startTestConsole();
  owner1 = await c.signIn('owner1');
  owner2 = await c.signIn('owner2');
});
afterAll(() => c?.close());

const PASSWORD = 'a-long-password-1';
const INVITE = 'mutation($i: InviteSubAccountInput!) { inviteSubAccount(input: $i) { id status mobileMasked sendCount expiresAt roles { id name } } }';
const ACCEPT = 'mutation($i: AcceptInvitationInput!) { acceptSubAccountInvitation(input: $i) { accountId loginName storeName } }';
const CREATE_ROLE = 'mutation($i: CreateStoreRoleInput!) { createStoreRole(input: $i) { id name permissions effectivePermissions } }';
const UPDATE_ROLE = 'mutation($i: UpdateStoreRoleInput!) { updateStoreRole(input: $i) { id permissions } }';
const SET_ROLES = 'mutation($i: SetSubAccountRolesInput!) { setSubAccountRoles(input: $i) { id roles { id } effectivePermissions } }';
const MY_PERMS = '{ myStorePermissions }';

let mobileSeq = 0;
const nextMobile = () => `13${5 + (mobileSeq % 4)}${String(10_000_000 + ++mobileSeq * 104_729).slice(-8)}`;
let loginSeq = 0;
const nextLogin = () => `emp${++loginSeq}_${randomUUID().slice(0, 6)}`;

function ok<T = any>(r: GqlResult<T>): T {
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return r.data as T;
}

async function createRole(token: string, permissions: string[], name = `角色${randomUUID().slice(0, 8)}`): Promise<string> {
  return ok(await c.gql(CREATE_ROLE, { i: { name, permissions } }, token)).createStoreRole.id;
}

/** The SMS of one send of an invitation, from the local outbox. */
async function smsOf(invitationId: string, sendNo = 1) {
  return c.waitFor(async () => (await c.outbox.list('sms')).find((m) => m.id === `invitation-${invitationId}-${sendNo}`));
}
const codeIn = (body: string) => /验证码 (\d{6})/.exec(body)![1];

async function invite(token: string, roleIds: string[], mobile = nextMobile()) {
  const inv = ok(await c.gql(INVITE, { i: { mobile, displayName: '员工 小张', roleIds, consentConfirmed: true } }, token)).inviteSubAccount;
  const sms = await smsOf(inv.id);
  return { inv, code: codeIn(sms.body), sms, mobile };
}

const accept = (invitationId: string, code: string, loginName = nextLogin()) => c.gql(ACCEPT, { i: { invitationId, code, loginName, password: PASSWORD } });

/** Invites, accepts and signs in a new sub-account of the owner's store. */
async function newSubAccount(ownerToken: string, roleIds: string[]) {
  const { inv, code } = await invite(ownerToken, roleIds);
  const loginName = nextLogin();
  const res = ok(await accept(inv.id, code, loginName)).acceptSubAccountInvitation;
  return { id: res.accountId as string, loginName, token: await c.signIn(loginName, PASSWORD), invitationId: inv.id as string };
}

async function ownerAccountId(login: string): Promise<string> {
  const [r] = await c.sql('SELECT id FROM account WHERE login_name = $1', [login]);
  return String(r.id);
}

async function lastDenied(action: string, targetId?: string) {
  const rows = await c.sql(`SELECT outcome, actor_label, after, store_id FROM audit_event WHERE action = $1 AND ($2::text IS NULL OR target_id = $2) ORDER BY chain_seq DESC LIMIT 1`, [
    action,
    targetId ?? null,
  ]);
  return rows[0];
}

describe('catalogue and templates', () => {
  it('the catalogue is a tree with zh/en labels, sensitive and owner-only marks; nodes grant their grantable children', async () => {
    const r = ok(await c.gql('{ storePermissionCatalogue { key labelZh labelEn sensitive ownerOnly grants children { key parentKey sensitive ownerOnly grants children { key } } } }', {}, owner1));
    const tree = r.storePermissionCatalogue;
    expect(tree.map((n: { key: string }) => n.key)).toEqual(['products', 'orders', 'service', 'disputes', 'finance', 'store', 'compliance', 'team', 'data']);
    const child = (group: string, key: string) => tree.find((n: { key: string }) => n.key === group).children.find((x: { key: string }) => x.key === key);
    expect(child('orders', 'orders.refund')).toMatchObject({ sensitive: true, ownerOnly: false, parentKey: 'orders' });
    expect(child('finance', 'finance.payoutAccount.manage')).toMatchObject({ sensitive: true, ownerOnly: true, grants: [] });
    expect(child('team', 'team.subaccounts.manage').sensitive).toBe(true);
    expect(child('data', 'data.export').sensitive).toBe(true);
    expect(child('products', 'products.view').sensitive).toBe(false);
    expect(tree.find((n: { key: string }) => n.key === 'finance').grants).toEqual(['finance.statements.view', 'finance.rewards.view']);
    expect(tree.find((n: { key: string }) => n.key === 'orders').labelZh).toBe('订单');
  });

  it('four preset templates (客服, 运营, 财务, 商品)', async () => {
    const r = ok(await c.gql('{ storeRoleTemplates { code nameZh nameEn permissions } }', {}, owner1));
    expect(r.storeRoleTemplates.map((t: { nameZh: string }) => t.nameZh)).toEqual(['客服', '运营', '财务', '商品']);
    expect(r.storeRoleTemplates[0].permissions).toEqual(['service', 'orders.view', 'disputes']);
  });

  it('the owner holds every store permission (owner-only included), the demo sub-account its role, staff none', async () => {
    expect(ok(await c.gql(MY_PERMS, {}, owner1)).myStorePermissions).toEqual(STORE_PERMISSION_LEAVES);
    const staff1 = await c.signIn('staff1');
    expect(ok(await c.gql(MY_PERMS, {}, staff1)).myStorePermissions).toEqual(['orders.view', 'service.chat', 'service.reviews.reply', 'disputes.view', 'disputes.respond']);
    expect(ok(await c.gql(MY_PERMS, {}, await c.signIn('admin'))).myStorePermissions).toEqual([]);
  });

  it('the demo store has the 客服 role copied from the template, a custom role, and staff1', async () => {
    const roles = ok(await c.gql('{ storeRoles { totalCount items { name templateCode memberCount } } }', {}, owner1)).storeRoles;
    expect(roles.items).toEqual(
      expect.arrayContaining([
        { name: '客服', templateCode: 'customer_service', memberCount: 1 },
        { name: '售后专员', templateCode: null, memberCount: 0 },
      ]),
    );
    const subs = ok(await c.gql('{ subAccounts { totalCount items { loginName status mobileMasked roles { name } } } }', {}, owner1)).subAccounts;
    expect(subs.items).toEqual([{ loginName: 'staff1', status: 'active', mobileMasked: expect.stringMatching(/^1\d\d\*{4}\d{4}$/), roles: [{ name: '客服' }] }]);
  });

  it('an owner copies a template into a role', async () => {
    const r = ok(await c.gql('mutation { copyStoreRoleTemplate(input: { templateCode: "finance", name: "财务-复制" }) { name templateCode permissions effectivePermissions } }', {}, owner1));
    expect(r.copyStoreRoleTemplate).toEqual({
      name: '财务-复制',
      templateCode: 'finance',
      permissions: ['orders.view', 'finance.statements.view', 'finance.rewards.view'],
      effectivePermissions: ['orders.view', 'finance.statements.view', 'finance.rewards.view'],
    });
  });
});

describe('invitations', () => {
  it('the owner invites by mobile with consent; the SMS with a one-time code lands in the outbox; only a hash is stored; accepting creates the sub-account [policy 2.3.4]', async () => {
    const role = await createRole(owner1, ['products']);
    const mobile = nextMobile();
    const { inv, code, sms } = await invite(owner1, [role], mobile);
    expect(inv).toMatchObject({ status: 'pending', mobileMasked: `${mobile.slice(0, 3)}****${mobile.slice(-4)}`, sendCount: 1, roles: [{ id: role }] });
    expect(sms.to).toBe(`+86${mobile}`);
    expect(sms.body).toContain(`${c.url}/#/invitations/${inv.id}`); // an absolute link a phone can open
    const [row] = await c.sql('SELECT code_hash, mobile_enc, consent_confirmed_at, invited_by FROM sub_account_invitation WHERE id = $1', [inv.id]);
    expect(row.code_hash).not.toContain(code);
    expect(row.mobile_enc).not.toContain(mobile);
    expect(row.consent_confirmed_at).toBeInstanceOf(Date);
    expect(String(row.invited_by)).toBe(await ownerAccountId('owner1'));
    const ev = await lastDenied('subAccount.invite', inv.id);
    expect(ev.outcome).toBe('success');
    expect(JSON.stringify(ev.after)).not.toContain(mobile.slice(3, 7));
    expect(ev.after.consentConfirmed).toBe(true);

    const loginName = nextLogin();
    const res = ok(await accept(inv.id, code, loginName)).acceptSubAccountInvitation;
    expect(res.loginName).toBe(loginName);
    const token = await c.signIn(loginName, PASSWORD);
    const me = ok(await c.gql('{ me { kind storeId } myStorePermissions }', {}, token));
    expect(me.me.kind).toBe('sub_account');
    expect(me.myStorePermissions).toEqual(['products.view', 'products.edit', 'products.publish']);
    const [acc] = await c.sql('SELECT password_hash, store_id FROM account WHERE id = $1', [res.accountId]);
    expect(acc.password_hash).toMatch(/^\$argon2id\$/);
    const [inv2] = await c.sql('SELECT status, accepted_account_id FROM sub_account_invitation WHERE id = $1', [inv.id]);
    expect(inv2).toEqual({ status: 'accepted', accepted_account_id: res.accountId });
    const [created] = await c.sql(`SELECT actor_account_id, store_id FROM audit_event WHERE action = 'subAccount.create' AND target_id = $1`, [res.accountId]);
    expect(String(created.actor_account_id)).toBe(res.accountId);

    // Single use: the same code again is refused and audited.
    const again = errorOf(await accept(inv.id, code), 'CONFLICT');
    expect(again.message).toMatch(/already been used/);
    expect((await lastDenied('subAccount.invitation.accept', inv.id)).outcome).toBe('failed');
  });

  it('acceptance follows the password policy, before the code attempt is counted', async () => {
    const { inv, code } = await invite(owner1, []);
    const loginName = nextLogin();
    for (const password of [`${loginName}-x9`, 'bbbbbbbbbbbb', 'Password123!']) {
      const e = errorOf(await c.gql(ACCEPT, { i: { invitationId: inv.id, code, loginName, password } }), 'BAD_USER_INPUT');
      expect(e.extensions.fields).toEqual([{ field: 'input.password', message: expect.stringMatching(/login name|too easy to guess/) }]);
    }
    const [row] = await c.sql('SELECT status, attempts FROM sub_account_invitation WHERE id = $1', [inv.id]);
    expect(row).toEqual({ status: 'pending', attempts: 0 });
    expect(ok(await accept(inv.id, code, loginName)).acceptSubAccountInvitation.loginName).toBe(loginName);
  });

  it('an expired code is refused; a resent code works and the old one does not', async () => {
    const { inv, code } = await invite(owner1, []);
    await c.sql(`UPDATE sub_account_invitation SET expires_at = now() - interval '1 minute' WHERE id = $1`, [inv.id]);
    errorOf(await accept(inv.id, code), 'CONFLICT');
    const listed = ok(await c.gql('{ subAccountInvitations(filter: { status: "expired" }) { items { id status } } }', {}, owner1)).subAccountInvitations.items;
    expect(listed).toContainEqual({ id: inv.id, status: 'expired' });
    const resent = ok(await c.gql('mutation($id: ID!) { resendSubAccountInvitation(id: $id) { sendCount status } }', { id: inv.id }, owner1)).resendSubAccountInvitation;
    expect(resent).toEqual({ sendCount: 2, status: 'pending' });
    const code2 = codeIn((await smsOf(inv.id, 2)).body);
    if (code2 !== code) errorOf(await accept(inv.id, code), 'BAD_USER_INPUT');
    expect(ok(await accept(inv.id, code2)).acceptSubAccountInvitation.accountId).toBeTruthy();
  });

  it('attempts are limited: after 5 wrong codes the invitation is locked, even for the right code', async () => {
    const { inv, code } = await invite(owner1, []);
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 1; i <= 4; i++) {
      const e = errorOf(await accept(inv.id, wrong), 'BAD_USER_INPUT');
      expect(e.extensions.fields).toEqual([{ field: 'code', message: expect.stringContaining(`${5 - i} attempt`) }]);
    }
    errorOf(await accept(inv.id, wrong), 'TOO_MANY_REQUESTS');
    errorOf(await accept(inv.id, code), 'TOO_MANY_REQUESTS');
    const [row] = await c.sql('SELECT status, attempts FROM sub_account_invitation WHERE id = $1', [inv.id]);
    expect(row).toEqual({ status: 'locked', attempts: 5 });
    const failed = await c.sql(`SELECT after FROM audit_event WHERE action = 'subAccount.invitation.accept' AND target_id = $1 AND outcome = 'failed'`, [inv.id]);
    expect(failed.filter((e) => e.after.reason === 'wrong_code')).toHaveLength(5);
  });

  it('parallel attempts each count (no overshoot of the limit)', async () => {
    const { inv, code } = await invite(owner1, []);
    const wrong = code === '000000' ? '111111' : '000000';
    await Promise.all(Array.from({ length: 8 }, () => accept(inv.id, wrong)));
    const [row] = await c.sql('SELECT status, attempts FROM sub_account_invitation WHERE id = $1', [inv.id]);
    expect(row).toEqual({ status: 'locked', attempts: 5 });
  });

  it('bad input names the fields and stores and sends nothing', async () => {
    const [{ n: before }] = await c.sql('SELECT count(*)::int AS n FROM sub_account_invitation');
    const smsBefore = (await c.outbox.list('sms')).length;
    const r = await c.gql(INVITE, { i: { mobile: '12345678901', displayName: '', roleIds: ['x'], consentConfirmed: false } }, owner1);
    const e = errorOf(r, 'BAD_USER_INPUT');
    expect(e.extensions.fields!.map((f) => f.field).sort()).toEqual(['consentConfirmed', 'displayName', 'mobile', 'roleIds']);
    expect(JSON.stringify(r)).not.toContain('12345678901');
    const [{ n: after }] = await c.sql('SELECT count(*)::int AS n FROM sub_account_invitation');
    expect(after).toBe(before);
    const role = errorOf(await c.gql(CREATE_ROLE, { i: { name: '', permissions: ['orders.refund', 'orders.everything'] } }, owner1), 'BAD_USER_INPUT');
    expect(role.extensions.fields!.map((f) => f.field).sort()).toEqual(['name', 'permissions']);
    const acc = errorOf(await c.gql(ACCEPT, { i: { invitationId: randomUUID(), code: '12', loginName: 'Bad Name', password: 'short' } }), 'BAD_USER_INPUT');
    expect(acc.extensions.fields!.map((f) => f.field).sort()).toEqual(['code', 'loginName']);
    await new Promise((r) => setTimeout(r, 600));
    expect((await c.outbox.list('sms')).length).toBe(smsBefore);
    errorOf(await accept(randomUUID(), '123456'), 'NOT_FOUND');
  });

  it('a mobile with a pending invitation or a sub-account in the store is a CONFLICT; cancelled invitations cannot be accepted', async () => {
    const { inv, code, mobile } = await invite(owner1, []);
    errorOf(await c.gql(INVITE, { i: { mobile, displayName: 'x', roleIds: [], consentConfirmed: true } }, owner1), 'CONFLICT');
    ok(await c.gql('mutation($id: ID!) { cancelSubAccountInvitation(id: $id) { status } }', { id: inv.id }, owner1));
    errorOf(await accept(inv.id, code), 'CONFLICT');
    const again = await invite(owner1, [], mobile);
    ok(await accept(again.inv.id, again.code));
    errorOf(await c.gql(INVITE, { i: { mobile, displayName: 'x', roleIds: [], consentConfirmed: true } }, owner1), 'CONFLICT');
  });

  it('every acceptance refusal carries its own errorCode (the UI translates them)', async () => {
    const codeOf = async (r: Promise<GqlResult>, code: string) => errorOf(await r, code).extensions.errorCode;
    const used = await invite(owner1, []);
    const login = nextLogin();
    ok(await accept(used.inv.id, used.code, login));
    expect(await codeOf(accept(used.inv.id, used.code), 'CONFLICT')).toBe('INVITATION_USED');
    expect(await codeOf(c.gql(INVITE, { i: { mobile: used.mobile, displayName: 'x', roleIds: [], consentConfirmed: true } }, owner1), 'CONFLICT')).toBe('MOBILE_HAS_SUB_ACCOUNT');

    const other = await invite(owner1, []);
    expect(await codeOf(accept(other.inv.id, other.code, login), 'CONFLICT')).toBe('LOGIN_TAKEN');
    const wrong = other.code === '000000' ? '111111' : '000000';
    const e = errorOf(await accept(other.inv.id, wrong), 'BAD_USER_INPUT');
    expect(e.extensions).toMatchObject({ errorCode: 'WRONG_CODE', fields: [{ field: 'code', message: 'wrong code; 4 attempt(s) left' }] });
    expect(e.message).toBe('code: wrong code; 4 attempt(s) left');
    for (let i = 0; i < 4; i++) await accept(other.inv.id, wrong);
    expect(await codeOf(accept(other.inv.id, other.code), 'TOO_MANY_REQUESTS')).toBe('INVITATION_LOCKED');

    const expired = await invite(owner1, []);
    await c.sql(`UPDATE sub_account_invitation SET expires_at = now() - interval '1 minute' WHERE id = $1`, [expired.inv.id]);
    expect(await codeOf(accept(expired.inv.id, expired.code), 'CONFLICT')).toBe('INVITATION_EXPIRED');

    const cancelled = await invite(owner1, []);
    ok(await c.gql('mutation($id: ID!) { cancelSubAccountInvitation(id: $id) { status } }', { id: cancelled.inv.id }, owner1));
    expect(await codeOf(accept(cancelled.inv.id, cancelled.code), 'CONFLICT')).toBe('INVITATION_CANCELLED');
    expect(await codeOf(c.gql('mutation($id: ID!) { cancelSubAccountInvitation(id: $id) { status } }', { id: cancelled.inv.id }, owner1), 'CONFLICT')).toBe('INVITATION_NOT_PENDING');
  });
});

describe('escalation attempts are FORBIDDEN and audited', () => {
  it('nobody grants owner-only permissions: a role with the payout account (a sub-account with owner rights) is refused', async () => {
    errorOf(await c.gql(CREATE_ROLE, { i: { name: '老板权限', permissions: ['finance.payoutAccount.manage'] } }, owner1), 'FORBIDDEN');
    const ev = await lastDenied('storeRole.create');
    expect(ev).toMatchObject({ outcome: 'denied', actor_label: 'owner1', after: { reason: 'owner_only' } });
    expect(await c.sql(`SELECT 1 FROM store_role WHERE name = '老板权限'`)).toEqual([]);
    // Granting the finance node gives its grantable children only.
    const id = await createRole(owner1, ['finance']);
    const sub = await newSubAccount(owner1, [id]);
    expect(ok(await c.gql(MY_PERMS, {}, sub.token)).myStorePermissions).toEqual(['finance.statements.view', 'finance.rewards.view']);
    for (const key of OWNER_ONLY_LEAVES) expect(ok(await c.gql(MY_PERMS, {}, sub.token)).myStorePermissions).not.toContain(key);
  });

  it('an owner-only permission listed next to its parent is refused with OWNER_ONLY_PERMISSION and audited, not silently dropped (issue 10 item 11)', async () => {
    for (const owned of OWNER_ONLY_LEAVES) {
      const parent = owned.split('.')[0];
      const name = `父子${owned}`;
      const e = errorOf(await c.gql(CREATE_ROLE, { i: { name, permissions: [parent, owned] } }, owner1), 'FORBIDDEN');
      expect(e.extensions.errorCode).toBe('OWNER_ONLY_PERMISSION');
      expect(await lastDenied('storeRole.create')).toMatchObject({ outcome: 'denied', actor_label: 'owner1', after: { reason: 'owner_only', permissions: [owned], name } });
      expect(await c.sql('SELECT 1 FROM store_role WHERE name = $1', [name])).toEqual([]);
    }
    const id = await createRole(owner1, ['finance']);
    const [{ permissions: before }] = await c.sql('SELECT permissions FROM store_role WHERE id = $1', [id]);
    const e = errorOf(await c.gql(UPDATE_ROLE, { i: { id, permissions: ['finance', 'finance.payoutAccount.manage'] } }, owner1), 'FORBIDDEN');
    expect(e.extensions.errorCode).toBe('OWNER_ONLY_PERMISSION');
    expect(await lastDenied('storeRole.update')).toMatchObject({ outcome: 'denied', after: { reason: 'owner_only', permissions: ['finance.payoutAccount.manage'] } });
    expect((await c.sql('SELECT permissions FROM store_role WHERE id = $1', [id]))[0].permissions).toEqual(before);
  });

  it('a sub-account with "manage roles" creates roles only within its own rights', async () => {
    const mgr = await newSubAccount(owner1, [await createRole(owner1, ['team.roles.manage', 'products.view'])]);
    errorOf(await c.gql(CREATE_ROLE, { i: { name: '退款员', permissions: ['orders.refund'] } }, mgr.token), 'FORBIDDEN');
    expect(await lastDenied('storeRole.create')).toMatchObject({ outcome: 'denied', actor_label: mgr.loginName, after: { reason: 'exceeds_own', permissions: ['orders.refund'] } });
    errorOf(await c.gql(CREATE_ROLE, { i: { name: '商品全权', permissions: ['products'] } }, mgr.token), 'FORBIDDEN');
    const ok1 = ok(await c.gql(CREATE_ROLE, { i: { name: '商品查看', permissions: ['products.view'] } }, mgr.token)).createStoreRole;
    expect(ok1.effectivePermissions).toEqual(['products.view']);
  });

  it('a sub-account with "manage sub-accounts" cannot give a role above its own, edit its own roles, or touch the owner', async () => {
    const mgrRole = await createRole(owner1, ['team.subaccounts.manage', 'service']);
    const mgr = await newSubAccount(owner1, [mgrRole]);
    const other = await newSubAccount(owner1, [await createRole(owner1, ['service.chat'])]);
    const above = await createRole(owner1, ['orders.refund']);

    errorOf(await c.gql(SET_ROLES, { i: { subAccountId: other.id, roleIds: [above] } }, mgr.token), 'FORBIDDEN');
    expect(await lastDenied('subAccount.setRoles', other.id)).toMatchObject({ outcome: 'denied', after: { reason: 'exceeds_own' } });

    errorOf(await c.gql(SET_ROLES, { i: { subAccountId: mgr.id, roleIds: [mgrRole, above] } }, mgr.token), 'FORBIDDEN');
    expect(await lastDenied('subAccount.setRoles', mgr.id)).toMatchObject({ outcome: 'denied', after: { reason: 'self' } });
    errorOf(await c.gql('mutation($id: ID!) { removeSubAccount(id: $id) { id } }', { id: mgr.id }, mgr.token), 'FORBIDDEN');

    const ownerId = await ownerAccountId('owner1');
    errorOf(await c.gql(SET_ROLES, { i: { subAccountId: ownerId, roleIds: [] } }, mgr.token), 'FORBIDDEN');
    expect(await lastDenied('subAccount.setRoles', ownerId)).toMatchObject({ outcome: 'denied', after: { reason: 'store_owner' } });
    for (const op of ['deactivateSubAccount', 'removeSubAccount']) {
      errorOf(await c.gql(`mutation($id: ID!) { ${op}(id: $id) { id } }`, { id: ownerId }, mgr.token), 'FORBIDDEN');
    }
    expect(await lastDenied('subAccount.remove', ownerId)).toMatchObject({ outcome: 'denied', after: { reason: 'store_owner' } });

    // Inviting with a role above one's own, or the owner's own mobile (impersonation), is refused.
    errorOf(await c.gql(INVITE, { i: { mobile: nextMobile(), displayName: 'x', roleIds: [above], consentConfirmed: true } }, mgr.token), 'FORBIDDEN');
    expect(await lastDenied('subAccount.invite')).toMatchObject({ outcome: 'denied', after: { reason: 'exceeds_own' } });
    const [m] = await c.sql(`SELECT m.mobile_enc FROM merchant m JOIN account a ON a.id = m.account_id WHERE a.login_name = 'owner1'`);
    const ownerMobile = c.app.cipher.decrypt(m.mobile_enc);
    errorOf(await c.gql(INVITE, { i: { mobile: ownerMobile.replace('+86', ''), displayName: '店主', roleIds: [], consentConfirmed: true } }, owner1), 'FORBIDDEN');
    expect(await lastDenied('subAccount.invite')).toMatchObject({ outcome: 'denied', after: { reason: 'owner_mobile' } });

    // A sub-account it may manage: fine.
    const sameLevel = await createRole(owner1, ['service.reviews.reply']);
    expect(ok(await c.gql(SET_ROLES, { i: { subAccountId: other.id, roleIds: [sameLevel] } }, mgr.token)).setSubAccountRoles.effectivePermissions).toEqual(['service.reviews.reply']);
  });

  it('a sub-account cannot change a role it holds, nor a sub-account with more rights than its own', async () => {
    const mgrRole = await createRole(owner1, ['team.subaccounts.manage', 'team.roles.manage', 'products.view']);
    const mgr = await newSubAccount(owner1, [mgrRole]);
    errorOf(await c.gql(UPDATE_ROLE, { i: { id: mgrRole, permissions: ['team', 'products.view'] } }, mgr.token), 'FORBIDDEN');
    expect(await lastDenied('storeRole.update', mgrRole)).toMatchObject({ outcome: 'denied', after: { reason: 'own_role' } });
    const strong = await newSubAccount(owner1, [await createRole(owner1, ['orders'])]);
    errorOf(await c.gql('mutation($id: ID!) { deactivateSubAccount(id: $id) { id } }', { id: strong.id }, mgr.token), 'FORBIDDEN');
    expect(await lastDenied('subAccount.deactivate', strong.id)).toMatchObject({ outcome: 'denied', after: { reason: 'target_exceeds_own' } });
  });
});

describe('rights: union of roles, applied on the next request', () => {
  it("a sub-account's rights are the union of its roles [policy 2.3.4]", async () => {
    const a = await createRole(owner1, ['team.subaccounts.view']);
    const b = await createRole(owner1, ['team.roles.manage', 'orders.view']);
    const sub = await newSubAccount(owner1, [a, b]);
    expect(ok(await c.gql(MY_PERMS, {}, sub.token)).myStorePermissions).toEqual(['orders.view', 'team.subaccounts.view', 'team.roles.manage']);
    expect((await c.gql('{ subAccounts { totalCount } }', {}, sub.token)).errors).toBeUndefined();
    expect((await c.gql(CREATE_ROLE, { i: { name: `仅查看${sub.id}`, permissions: ['orders.view'] } }, sub.token)).errors).toBeUndefined();
    errorOf(await c.gql('{ subAccountInvitations { totalCount } }', {}, sub.token), 'FORBIDDEN');
  });

  it('a revoked right is refused on the very next request (role edited, role withdrawn)', async () => {
    const role = await createRole(owner1, ['team.subaccounts.view', 'orders.view']);
    const sub = await newSubAccount(owner1, [role]);
    expect((await c.gql('{ subAccounts { totalCount } }', {}, sub.token)).errors).toBeUndefined();
    ok(await c.gql(UPDATE_ROLE, { i: { id: role, permissions: ['orders.view'] } }, owner1));
    errorOf(await c.gql('{ subAccounts { totalCount } }', {}, sub.token), 'FORBIDDEN');
    const [ev] = await c.sql(`SELECT before, after FROM audit_event WHERE action = 'storeRole.update' AND target_id = $1`, [role]);
    expect(ev.before.permissions).toEqual(['orders.view', 'team.subaccounts.view']);
    expect(ev.after.permissions).toEqual(['orders.view']);

    const viewer = await createRole(owner1, ['team.subaccounts.view']);
    ok(await c.gql(SET_ROLES, { i: { subAccountId: sub.id, roleIds: [viewer] } }, owner1));
    expect((await c.gql('{ subAccounts { totalCount } }', {}, sub.token)).errors).toBeUndefined();
    ok(await c.gql(SET_ROLES, { i: { subAccountId: sub.id, roleIds: [] } }, owner1));
    errorOf(await c.gql('{ subAccounts { totalCount } }', {}, sub.token), 'FORBIDDEN');
    const grants = await c.sql(`SELECT after FROM audit_event WHERE action = 'subAccount.setRoles' AND target_id = $1 AND outcome = 'success' ORDER BY chain_seq`, [sub.id]);
    expect(grants.map((g) => [g.after.granted, g.after.withdrawn])).toEqual([
      [[viewer], [role]],
      [[], [viewer]],
    ]);
  });

  it('deactivate revokes sessions at once, reactivate restores sign-in, remove keeps the history', async () => {
    const sub = await newSubAccount(owner1, [await createRole(owner1, ['orders.view'])]);
    ok(await c.gql('mutation($id: ID!) { deactivateSubAccount(id: $id) { status } }', { id: sub.id }, owner1));
    errorOf(await c.gql(MY_PERMS, {}, sub.token), 'UNAUTHENTICATED');
    await expect(c.signIn(sub.loginName, PASSWORD)).rejects.toThrow();
    expect(ok(await c.gql('mutation($id: ID!) { reactivateSubAccount(id: $id) { status } }', { id: sub.id }, owner1)).reactivateSubAccount.status).toBe('active');
    const token = await c.signIn(sub.loginName, PASSWORD);
    const removed = ok(await c.gql('mutation($id: ID!) { removeSubAccount(id: $id) { status roles { id } removedAt } }', { id: sub.id }, owner1)).removeSubAccount;
    expect(removed).toMatchObject({ status: 'removed', roles: [] });
    errorOf(await c.gql(MY_PERMS, {}, token), 'UNAUTHENTICATED');
    errorOf(await c.gql('mutation($id: ID!) { reactivateSubAccount(id: $id) { status } }', { id: sub.id }, owner1), 'CONFLICT');
    const list = ok(await c.gql('{ subAccounts(filter: { status: "removed" }) { items { id } } }', {}, owner1)).subAccounts.items;
    expect(list.map((s: { id: string }) => s.id)).toContain(sub.id);
    const activity = ok(await c.gql('query($id: ID!) { subAccountActivity(subAccountId: $id, perPage: 50) { items { action outcome } } }', { id: sub.id }, owner1)).subAccountActivity.items;
    expect(activity.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(['account.signIn', 'subAccount.create', 'subAccount.invitation.accept']));
  });
});

describe('activity', () => {
  it("the owner sees a sub-account's sign-ins (failed ones too) and actions; sessions with device and IP [policy 2.6.1]", async () => {
    const sub = await newSubAccount(owner1, [await createRole(owner1, ['team.roles.manage'])]);
    await c.gql('mutation($i: SignInInput!) { signIn(input: $i) { token } }', { i: { loginName: sub.loginName, password: 'wrong-password-x' } });
    ok(await c.gql(CREATE_ROLE, { i: { name: `由子账户创建${sub.id}`, permissions: [] } }, sub.token));
    const r = ok(await c.gql('query($id: ID!) { subAccountActivity(subAccountId: $id) { totalCount items { action outcome actorLabel storeId } } }', { id: sub.id }, owner1)).subAccountActivity;
    const actions = r.items.map((e: { action: string; outcome: string }) => `${e.action}:${e.outcome}`);
    expect(actions).toEqual(expect.arrayContaining(['storeRole.create:success', 'account.signIn:success', 'account.signIn:failed']));
    const sessions = ok(await c.gql('query($id: ID!) { subAccountSessions(id: $id) { id ip createdAt } }', { id: sub.id }, owner1)).subAccountSessions;
    expect(sessions.length).toBeGreaterThanOrEqual(1);
    const filtered = ok(await c.gql('query($id: ID!) { subAccountActivity(subAccountId: $id, filter: { action: "storeRole." }) { items { action } } }', { id: sub.id }, owner1)).subAccountActivity
      .items;
    expect(filtered).toEqual([{ action: 'storeRole.create' }]);
    // The owner's own activity is not a sub-account's: NOT_FOUND.
    errorOf(await c.gql('query($id: ID!) { subAccountActivity(subAccountId: $id) { totalCount } }', { id: await ownerAccountId('owner1') }, owner1), 'NOT_FOUND');
  });
});

// ---------------------------------------------------------------------------------------------
// Generated from the schema: every store-scoped operation (its @Can subject is a store subject)
// that takes an id is called with another store's ids; every list is checked for foreign rows.

type IdKind = 'role' | 'subAccount' | 'invitation' | 'verification' | 'penalty' | 'appeal' | 'penaltyFile' | 'store' | 'dispute' | 'disputeFile' | 'reward';
/** The kind of record an `id` argument names, by the operation's subject (or by operation where the subject is ambiguous). */
const SUBJECT_ID_KIND: Record<string, IdKind> = {
  StoreRole: 'role',
  SubAccount: 'subAccount',
  SubAccountActivity: 'subAccount',
  SubAccountInvitation: 'invitation',
  Verification: 'verification',
  Penalty: 'penalty',
  PenaltyAppeal: 'appeal',
  Dispute: 'dispute',
  Reward: 'reward',
};
const OPERATION_ID_KIND: Record<string, IdKind> = { 'Query.penaltyFileContent': 'penaltyFile', 'Query.disputeFileContent': 'disputeFile' };
const NAMED_ID_KIND: Record<string, IdKind> = {
  subAccountId: 'subAccount',
  roleId: 'role',
  roleIds: 'role',
  invitationId: 'invitation',
  storeId: 'store',
  penaltyId: 'penalty',
  proofFileIds: 'penaltyFile',
  disputeId: 'dispute',
};
/** Id arguments that do not name a store's record: a reviewer's account (staff queue filter), a platform policy version. */
const NOT_STORE_IDS = new Set(['assigneeId', 'versionId']);
const PNG = DEMO_IMAGE_PNG.toString('base64');
/** Valid values for non-id fields, so that the id is the only thing that can fail. */
const GOOD_VALUES: Record<string, () => unknown> = {
  mobile: () => nextMobile(),
  displayName: () => '跨店测试',
  consentConfirmed: () => true,
  name: () => `跨店${randomUUID().slice(0, 8)}`,
  permissions: () => [],
  templateCode: () => 'products',
  reason: () => 'The goods shipped within the promised time; tracking attached.',
  fileName: () => 'proof.png',
  contentBase64: () => PNG,
};

interface IdSlot {
  path: string[];
  kind: IdKind;
  list: boolean;
}

/** An operation only an owner-only store permission opens (e.g. the payout account): never a sub-account's. */
function isOwnerOnlyOperation(name: string): boolean {
  return !GRANTABLE_LEAVES.some((k) => operationsOfStorePermission(k).includes(name)) && OWNER_ONLY_LEAVES.some((k) => operationsOfStorePermission(k).includes(name));
}

function storeScoped(): { op: OperationInfo; subject: string }[] {
  return listOperations().flatMap((op) => {
    const can = op.requirements?.find((r) => r.kind === 'can') as { action: string; subject: string } | undefined;
    return can && isStoreScoped(can.action, can.subject) && op.kind !== 'FieldResolver' ? [{ op, subject: can.subject }] : [];
  });
}

function idSlots(args: readonly GraphQLArgument[], subject: string, opName: string): IdSlot[] {
  const slots: IdSlot[] = [];
  const visit = (name: string, type: GraphQLInputType, path: string[]) => {
    const inner = isNonNullType(type) ? type.ofType : type;
    const list = isListType(inner);
    const named = getNamedType(type);
    if (named.name === 'ID') {
      if (NOT_STORE_IDS.has(name)) return;
      const kind = name === 'id' ? (OPERATION_ID_KIND[opName] ?? SUBJECT_ID_KIND[subject]) : NAMED_ID_KIND[name];
      if (!kind) throw new Error(`no id kind known for ${path.join('.')} (add it to the cross-store test)`);
      slots.push({ path, kind, list });
    } else if (isInputObjectType(named) && !list) {
      for (const f of Object.values(named.getFields())) visit(f.name, f.type, [...path, f.name]);
    }
  };
  for (const a of args) visit(a.name, a.type, [a.name]);
  return slots;
}

function goodSample(type: GraphQLInputType, name: string): unknown {
  if (GOOD_VALUES[name]) return GOOD_VALUES[name]();
  const inner = isNonNullType(type) ? type.ofType : type;
  if (isInputObjectType(inner)) {
    const out: Record<string, unknown> = {};
    for (const f of Object.values(inner.getFields())) if (isNonNullType(f.type) && f.defaultValue === undefined) out[f.name] = goodSample(f.type, f.name);
    return out;
  }
  return sampleValue(type);
}

function buildCall(schema: GraphQLSchema, kind: 'Query' | 'Mutation', name: string, slots: IdSlot[], values: Map<IdSlot, string>) {
  const field = (kind === 'Query' ? schema.getQueryType() : schema.getMutationType())!.getFields()[name];
  const used = field.args.filter((a) => (isNonNullType(a.type) && a.defaultValue === undefined) || slots.some((s) => s.path[0] === a.name));
  const variables: Record<string, any> = {};
  for (const a of used) variables[a.name] = isNonNullType(a.type) ? goodSample(a.type, a.name) : isInputObjectType(getNamedType(a.type)) ? {} : undefined;
  for (const s of slots) {
    const v = values.get(s)!;
    if (s.path.length === 1) variables[s.path[0]] = s.list ? [v] : v;
    else variables[s.path[0]][s.path[1]] = s.list ? [v] : v;
  }
  const named = getNamedType(field.type);
  const items = isObjectType(named) ? named.getFields().items : undefined;
  const itemType = items ? getNamedType(items.type) : undefined;
  const selection = items ? (isObjectType(itemType) && itemType.getFields().id ? ' { totalCount items { id } }' : ' { totalCount }') : isObjectType(named) ? ' { __typename }' : '';
  const defs = used.length ? `(${used.map((a) => `$${a.name}: ${String(a.type)}`).join(', ')})` : '';
  const args = used.length ? `(${used.map((a) => `${a.name}: $${a.name}`).join(', ')})` : '';
  const query = `${kind === 'Query' ? 'query' : 'mutation'}${defs} { ${name}${args}${selection} }`;
  return { query, variables, isList: !!items };
}

describe('cross-store isolation (generated from the schema)', () => {
  const snapshot = () =>
    Promise.all([
      c.sql('SELECT id, store_id, name, permissions FROM store_role ORDER BY id'),
      c.sql('SELECT account_id, role_id FROM sub_account_role ORDER BY 1, 2'),
      c.sql('SELECT account_id, removed_at FROM sub_account ORDER BY 1'),
      c.sql(`SELECT id, status, attempts, send_count, expires_at FROM sub_account_invitation ORDER BY id`),
      c.sql(`SELECT id, status FROM account ORDER BY id`),
      c.sql(`SELECT count(*) FILTER (WHERE revoked_at IS NULL) AS open FROM session`),
      c.sql('SELECT id, status, row_version AS version FROM penalty_appeal ORDER BY id'),
      c.sql('SELECT id, status, row_version AS version FROM penalty ORDER BY id'),
    ]).then((x) => JSON.stringify(x));

  it("every store-scoped operation given another store's id is refused as a missing id would be, and changes nothing; lists show no foreign rows", async () => {
    const schema = await buildAppSchema(null);
    // Store 2: a role, a sub-account, a pending invitation; and the owner's account.
    const r2 = await createRole(owner2, ['products.view']);
    const s2 = await newSubAccount(owner2, [r2]);
    const i2 = (await invite(owner2, [r2])).inv.id as string;
    const caseOf = async (login: string) =>
      String(
        (
          await c.sql(
            `SELECT vc.id FROM verification_case vc JOIN store s ON s.id = vc.store_id JOIN merchant m ON m.id = s.merchant_id JOIN account a ON a.id = m.account_id WHERE a.login_name = $1`,
            [login],
          )
        )[0].id,
      );
    // owner2's store has no case yet: another store's case will do.
    const [other] = await c.sql(`SELECT vc.id FROM verification_case vc WHERE vc.store_id <> (SELECT store_id FROM verification_case WHERE id = $1) ORDER BY vc.id LIMIT 1`, [await caseOf('owner1')]);
    const v2 = String(other.id);
    // Store 1: the same kinds, used for the other id slots of an operation.
    const r1 = await createRole(owner1, ['products.view']);
    const s1 = await newSubAccount(owner1, [r1]);
    const i1 = (await invite(owner1, [r1])).inv.id as string;
    const fullRights = await newSubAccount(owner1, [await createRole(owner1, GRANTABLE_LEAVES)]);
    // Penalties: one issued per store, an appeal proof per store, an appeal of store 2.
    const [reviewer, lead] = await Promise.all([c.signIn('reviewer'), c.signIn('lead')]);
    const storeOf = async (token: string) => ok(await c.gql('{ me { storeId } }', {}, token)).me.storeId as string;
    const [store1, store2] = [await storeOf(owner1), await storeOf(owner2)];
    const issued = async (storeId: string) => {
      const d = ok(
        await c.gql(
          'mutation($i: DraftPenaltyInput!) { draftPenalty(input: $i) { id version } }',
          {
            i: { storeId, categoryCode: 'LATE_SHIPMENT', facts: 'Orders shipped 6 days after the promised date, 14 complaints.' },
          },
          reviewer,
        ),
      ).draftPenalty;
      return ok(await c.gql('mutation($i: PenaltyTransitionInput!) { issuePenalty(input: $i) { id } }', { i: { id: d.id, version: d.version } }, lead)).issuePenalty.id as string;
    };
    const proof = async (token: string) =>
      ok(await c.gql('mutation($i: UploadPenaltyFileInput!) { uploadAppealProof(input: $i) { id } }', { i: { fileName: 'proof.png', contentBase64: PNG } }, token)).uploadAppealProof.id as string;
    const [p1, p2, f1, f2] = [await issued(store1), await issued(store2), await proof(owner1), await proof(owner2)];
    const a2 = ok(
      await c.gql(
        'mutation($i: SubmitPenaltyAppealInput!) { submitPenaltyAppeal(input: $i) { id } }',
        {
          i: { penaltyId: p2, reason: 'We shipped on time; the carrier was late.', proofFileIds: [f2] },
        },
        owner2,
      ),
    ).submitPenaltyAppeal.id as string;
    // Disputes: one per store, each with a message carrying the store's evidence file.
    const support = await c.signIn('support');
    const dispute = async (storeId: string, token: string) => {
      const id = ok(
        await c.gql(
          'mutation($i: OpenDisputeInput!) { openDispute(input: $i) { disputeId } }',
          {
            i: {
              storeId,
              orderNumber: `X${randomUUID().slice(0, 8)}`,
              afterSalesNumber: `AS${randomUUID().slice(0, 8)}`,
              claimType: 'quality',
              amountClaimed: 100,
              description: 'Broken on arrival.',
              buyerName: '李四',
              buyerMobile: '13700001111',
            },
          },
          support,
        ),
      ).openDispute.disputeId as string;
      const file = ok(await c.gql('mutation($i: UploadDisputeEvidenceInput!) { uploadDisputeEvidence(input: $i) { id } }', { i: { fileName: 'proof.png', contentBase64: PNG } }, token))
        .uploadDisputeEvidence.id as string;
      ok(await c.gql('mutation($i: DisputeMessageInput!) { addDisputeMessage(input: $i) { id } }', { i: { disputeId: id, body: 'It was packed well.', fileIds: [file] } }, token));
      return { id, file };
    };
    const [d1, d2] = [await dispute(store1, owner1), await dispute(store2, owner2)];
    // Rewards: one proposed per store.
    const finance = await c.signIn('finance');
    const programmeCode = `X${randomUUID().slice(0, 8).toUpperCase()}`.replace(/-/g, '');
    ok(await c.gql('mutation($i: CreateProgrammeInput!) { createRewardProgramme(input: $i) { id } }', { i: { code: programmeCode, nameZh: '测试', nameEn: 'Test', budget: 100000 } }, finance));
    const reward = async (storeId: string) =>
      ok(
        await c.gql(
          'mutation($i: ProposeRewardInput!) { proposeReward(input: $i) { id } }',
          { i: { storeId, programmeCode, amount: 100, reason: 'Good service', periodStart: '2026-11-01', periodEnd: '2026-11-30' } },
          finance,
        ),
      ).proposeReward.id as string;
    const [w1, w2] = [await reward(store1), await reward(store2)];
    const foreign: Record<IdKind, string[]> = {
      role: [r2],
      subAccount: [s2.id, await ownerAccountId('owner2')],
      invitation: [i2],
      verification: [v2],
      penalty: [p2],
      appeal: [a2],
      penaltyFile: [f2],
      store: [store2],
      dispute: [d2.id],
      disputeFile: [d2.file],
      reward: [w2],
    };
    const own: Record<IdKind, string> = {
      role: r1,
      subAccount: s1.id,
      invitation: i1,
      verification: await caseOf('owner1'),
      penalty: p1,
      appeal: '999999999',
      penaltyFile: f1,
      store: store1,
      dispute: d1.id,
      disputeFile: d1.file,
      reward: w1,
    };
    const absent = (like: string) => (like.includes('-') ? randomUUID() : '999999999');

    const ops = storeScoped();
    expect(ops.length).toBeGreaterThanOrEqual(15);
    let checked = 0;
    for (const [label, token] of [
      ['owner1', owner1],
      ['sub-account with every grantable permission', fullRights.token],
    ] as const) {
      for (const { op, subject } of ops) {
        // Owner-only operations are FORBIDDEN to every sub-account (checked below), whatever the id.
        if (token === fullRights.token && isOwnerOnlyOperation(op.name)) continue;
        const [kind, name] = op.name.split('.') as ['Query' | 'Mutation', string];
        const field = (kind === 'Query' ? schema.getQueryType() : schema.getMutationType())!.getFields()[name];
        const slots = idSlots(field.args, subject, op.name);
        if (!slots.length) {
          if (kind === 'Mutation') continue; // nothing to point at another store
          // A list without id arguments: none of store 2's rows may appear.
          const { query, variables } = buildCall(schema, kind, name, [], new Map());
          const res = await c.gql(query, variables, token);
          const text = JSON.stringify(res);
          for (const id of foreign[SUBJECT_ID_KIND[subject]] ?? []) expect(text, `${label} ${op.name}`).not.toMatch(new RegExp(`"id":"${id}"`));
          continue;
        }
        for (const target of slots) {
          for (const foreignId of foreign[target.kind]) {
            const values = new Map(slots.map((s) => [s, s === target ? foreignId : own[s.kind]]));
            const { query, variables, isList } = buildCall(schema, kind, name, slots, values);
            const before = await snapshot();
            const res = await c.gql(query, variables, token);
            const where = `${label} ${op.name} ${target.path.join('.')}=${target.kind} of store 2: ${JSON.stringify(res.errors ?? res.data)}`;
            if (isList && !res.errors) {
              // A list filtered by a foreign id is empty (no rows, no hint of existence).
              expect(Object.values(res.data as object)[0].totalCount, where).toBe(0);
            } else {
              // Refused exactly as an id that does not exist: nothing tells the record exists.
              const none = buildCall(schema, kind, name, slots, new Map(slots.map((s) => [s, s === target ? absent(foreignId) : own[s.kind]])));
              const res0 = await c.gql(none.query, none.variables, token);
              expect(['NOT_FOUND', 'BAD_USER_INPUT'], where).toContain(res.errors?.[0]?.extensions.code);
              expect(res.errors?.[0]?.extensions.code, where).toBe(res0.errors?.[0]?.extensions.code);
              expect(res.errors?.[0]?.message.replaceAll(foreignId, '<id>'), where).toBe(res0.errors?.[0]?.message.replaceAll(/[0-9a-f-]{36}|999999999/g, '<id>'));
            }
            expect(await snapshot(), where).toBe(before);
            checked++;
          }
        }
      }
    }
    expect(checked).toBeGreaterThanOrEqual(30);
  }, 90_000); // hundreds of requests and snapshots: ~30 s on a loaded 2-core machine
});

describe('allowed and denied store permission for every store-scoped operation (generated)', () => {
  it('a sub-account holding a permission that opens the operation passes authorization; one holding every other grantable permission is FORBIDDEN', async () => {
    const schema = await buildAppSchema(null);
    const roleId = await createRole(owner1, []);
    const sub = await newSubAccount(owner1, [roleId]);
    const fields = new Map(rootFields(schema).map((f) => [`${f.kind}.${f.field.name}`, f]));
    const absentIds = (v: unknown): unknown =>
      v === '1' ? '999999999' : Array.isArray(v) ? v.map(absentIds) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, absentIds(x)])) : v;
    let checked = 0;
    for (const { op } of storeScoped()) {
      const { kind, field } = fields.get(op.name)!;
      const opening = GRANTABLE_LEAVES.filter((k) => operationsOfStorePermission(k).includes(op.name));
      const required = field.args.filter((a) => isNonNullType(a.type) && a.defaultValue === undefined);
      const query = `${kind === 'Query' ? 'query' : 'mutation'}${required.length ? `(${required.map((a) => `$${a.name}: ${String(a.type)}`).join(', ')})` : ''} { ${field.name}${required.length ? `(${required.map((a) => `${a.name}: $${a.name}`).join(', ')})` : ''}${isObjectType(getNamedType(field.type)) ? ' { __typename }' : ''} }`;
      const variables = Object.fromEntries(required.map((a) => [a.name, absentIds(sampleValue(a.type))]));
      if (isOwnerOnlyOperation(op.name)) {
        // Opened by an owner-only leaf alone (the payout account): no role can open it for a sub-account.
        await c.sql('UPDATE store_role SET permissions = $2 WHERE id = $1', [roleId, GRANTABLE_LEAVES]);
        expect((await c.gql(query, variables, sub.token)).errors?.[0]?.extensions.code, `${op.name} (owner only) for a sub-account with every grantable permission`).toBe('FORBIDDEN');
        continue;
      }
      expect(opening.length, `${op.name} is opened by some grantable permission`).toBeGreaterThan(0);

      await c.sql('UPDATE store_role SET permissions = $2 WHERE id = $1', [roleId, [opening[0]]]);
      const allowed = await c.gql(query, variables, sub.token);
      expect(['FORBIDDEN', 'UNAUTHENTICATED', 'INTERNAL'], `${op.name} with ${opening[0]}: ${JSON.stringify(allowed.errors)}`).not.toContain(allowed.errors?.[0]?.extensions.code);

      await c.sql('UPDATE store_role SET permissions = $2 WHERE id = $1', [roleId, GRANTABLE_LEAVES.filter((k) => !opening.includes(k))]);
      const denied = await c.gql(query, variables, sub.token);
      expect(denied.errors?.[0]?.extensions.code, `${op.name} without ${opening.join(', ')}`).toBe('FORBIDDEN');
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(15);
  });

  it('staff hold no store permission: every store-scoped operation is FORBIDDEN for them', async () => {
    const schema = await buildAppSchema(null);
    const admin = await c.signIn('admin');
    const fields = new Map(rootFields(schema).map((f) => [`${f.kind}.${f.field.name}`, f]));
    for (const { op } of storeScoped()) {
      const { kind, field } = fields.get(op.name)!;
      const required = field.args.filter((a) => isNonNullType(a.type) && a.defaultValue === undefined);
      const query = `${kind === 'Query' ? 'query' : 'mutation'}${required.length ? `(${required.map((a) => `$${a.name}: ${String(a.type)}`).join(', ')})` : ''} { ${field.name}${required.length ? `(${required.map((a) => `${a.name}: $${a.name}`).join(', ')})` : ''}${isObjectType(getNamedType(field.type)) ? ' { __typename }' : ''} }`;
      const r = await c.gql(query, Object.fromEntries(required.map((a) => [a.name, sampleValue(a.type)])), admin);
      expect(r.errors?.[0]?.extensions.code, op.name).toBe('FORBIDDEN');
    }
  });
});

describe('staff-only operations and sub-accounts (issue 10 item 11)', () => {
  it('every staff-only operation, walked from the declarations, is FORBIDDEN to a sub-account holding every grantable store permission', async () => {
    const schema = await buildAppSchema(null);
    const all = await createRole(
      owner1,
      STORE_PERMISSIONS.filter((p) => p.depth === 0).map((p) => p.key),
    );
    const sub = await newSubAccount(owner1, [all]);
    expect(ok(await c.gql(MY_PERMS, {}, sub.token)).myStorePermissions.sort()).toEqual([...GRANTABLE_LEAVES].sort());
    const refused = operationsRefusedToSubAccounts();
    // The walk finds the staff back office, not a hand list: spot-check a few it must contain.
    expect(refused.length).toBeGreaterThan(30);
    for (const name of ['Query.staffAccounts', 'Mutation.decideVerification', 'Mutation.issuePenalty', 'Query.auditEvents', 'Mutation.createViolationCategory'])
      expect(refused.map((o) => o.name)).toContain(name);
    const fields = new Map(rootFields(schema).map((f) => [`${f.kind}.${f.field.name}`, f]));
    const [{ n: before }] = await c.sql(`SELECT count(*)::int AS n FROM audit_event WHERE outcome <> 'denied'`);
    for (const op of refused) {
      const { kind, field } = fields.get(op.name)!;
      const { query, variables } = sampleOperation(schema, kind, field);
      const r = await c.gql(query, variables, sub.token);
      expect(r.errors?.[0]?.extensions.code, op.name).toBe('FORBIDDEN');
    }
    const [{ n: after }] = await c.sql(`SELECT count(*)::int AS n FROM audit_event WHERE outcome <> 'denied'`);
    expect(after).toBe(before);
  });

  it('"manage sub-accounts" does not reveal a sub-account\'s mobile; the owner does (as docs/permissions.md says)', async () => {
    const REVEAL = 'mutation($i: RevealInput!) { revealPersonalData(input: $i) { value } }';
    const mgr = await newSubAccount(owner1, [await createRole(owner1, ['team'])]);
    const other = await newSubAccount(owner1, []);
    const i = { subject: 'SubAccount', id: other.id, field: 'mobile', purpose: 'call the employee about a shift' };
    const r = await c.gql(REVEAL, { i }, mgr.token);
    expect(['FORBIDDEN', 'NOT_FOUND']).toContain(r.errors?.[0]?.extensions.code);
    expect(r.data?.revealPersonalData?.value).toBeUndefined();
    expect(ok(await c.gql(REVEAL, { i }, owner1)).revealPersonalData.value).toMatch(/^\+861[3-9]\d{9}$/);
    expect(readFileSync(path.join(PROJECT_ROOT, 'docs', 'permissions.md'), 'utf8')).toMatch(/\| SubAccount\.mobile \|( ✘ \|){7} own \| ✘ \|/);
  });
});

describe("a sub-account's mobile", () => {
  const REVEAL = 'mutation($i: RevealInput!) { revealPersonalData(input: $i) { value } }';
  const reveal = (id: string) => ({ i: { subject: 'SubAccount', id, field: 'mobile', purpose: 'call the employee about a shift' } });

  it('is masked in lists; the owner reveals it with a purpose (audited); another store and a plain sub-account get NOT_FOUND', async () => {
    const [row] = await c.sql(`SELECT id FROM account WHERE login_name = 'staff1'`);
    const id = String(row.id);
    const value = ok(await c.gql(REVEAL, reveal(id), owner1)).revealPersonalData.value;
    expect(value).toMatch(/^\+861[3-9]\d{9}$/);
    const [ev] = await c.sql(
      `SELECT after, purpose, store_id FROM audit_event WHERE action = 'personalData.reveal' AND target_type = 'SubAccount' AND target_id = $1 ORDER BY chain_seq DESC LIMIT 1`,
      [id],
    );
    expect(ev.after.masked).toMatch(/^1\d\d\*{4}\d{4}$/);
    expect(JSON.stringify(ev)).not.toContain(value.slice(3));
    errorOf(await c.gql(REVEAL, reveal(id), owner2), 'NOT_FOUND');
    errorOf(await c.gql(REVEAL, reveal(id), await c.signIn('staff1')), 'NOT_FOUND');
  });
});

describe('invitation volume', () => {
  it('a store sends at most 30 invitations an hour (TOO_MANY_REQUESTS), and nothing is stored beyond', async () => {
    const [store] = await c.sql(`SELECT s.id, m.account_id FROM store s JOIN merchant m ON m.id = s.merchant_id JOIN account a ON a.id = m.account_id WHERE a.login_name = 'owner2'`);
    await c.sql(
      `INSERT INTO sub_account_invitation (store_id, mobile_enc, mobile_hash, display_name, code_hash, expires_at, status, consent_confirmed_at, invited_by)
       SELECT $1, 'x', md5(g::text) || md5(g::text), 'x', repeat('0', 64), now(), 'cancelled', now(), $2 FROM generate_series(1, 30) g`,
      [store.id, store.account_id],
    );
    const [{ n: before }] = await c.sql('SELECT count(*)::int AS n FROM sub_account_invitation WHERE store_id = $1', [store.id]);
    const e = errorOf(await c.gql(INVITE, { i: { mobile: nextMobile(), displayName: 'x', roleIds: [], consentConfirmed: true } }, owner2), 'TOO_MANY_REQUESTS');
    expect(e.extensions.retryAfterSeconds).toBe(3600);
    const [{ n: after }] = await c.sql('SELECT count(*)::int AS n FROM sub_account_invitation WHERE store_id = $1', [store.id]);
    expect(after).toBe(before);
  });
});

describe('races', () => {
  it('two parallel invitations of one mobile: one wins, the other is a CONFLICT; two parallel acceptances: one sub-account', async () => {
    const mobile = nextMobile();
    const results = await Promise.all([1, 2].map(() => c.gql(INVITE, { i: { mobile, displayName: 'x', roleIds: [], consentConfirmed: true } }, owner1)));
    expect(results.map((r) => r.errors?.[0]?.extensions.code ?? 'ok').sort()).toEqual(['CONFLICT', 'ok']);
    const inv = results.find((r) => !r.errors)!.data.inviteSubAccount;
    const code = codeIn((await smsOf(inv.id)).body);
    const accepted = await Promise.all([nextLogin(), nextLogin()].map((login) => accept(inv.id, code, login)));
    expect(accepted.map((r) => r.errors?.[0]?.extensions.code ?? 'ok').sort()).toEqual(['CONFLICT', 'ok']);
    const [{ n }] = await c.sql('SELECT count(*)::int AS n FROM sub_account WHERE invitation_id = $1', [inv.id]);
    expect(n).toBe(1);
  });
});
