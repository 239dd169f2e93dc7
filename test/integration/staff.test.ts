import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, startTestConsole, type TestConsole } from '../helpers/console';
import { newStaffMember } from '../helpers/staff';

/** Issue 10 items 6 and 7: maker-checker role grants, staff lifecycle, password policy, lock-out that does not tell names apart. */
let c: TestConsole;
beforeAll(async () => {
  c = await startTestConsole();
});
afterAll(() => c?.close());

const CREATE = 'mutation($i: CreateStaffAccountInput!) { createStaffAccount(input: $i) { id roles pendingRoles status mustChangePassword } }';
const APPROVE = 'mutation($id: ID!) { approveStaffRoleGrant(id: $id) { id status role decidedByLogin } }';
const REFUSE = 'mutation($id: ID!) { refuseStaffRoleGrant(id: $id) { id status } }';
const CHANGE = 'mutation($i: ChangeMyPasswordInput!) { changeMyPassword(input: $i) }';
const SIGN_IN = 'mutation($i: SignInInput!) { signIn(input: $i) { token } }';
const GOOD = 'Tall-Window-Rain-47';

let n = 0;
/** Creates a staff account (admin) and returns its id. */
async function createStaff(roles: string[], password = GOOD): Promise<{ id: string; login: string; roles: string[]; pendingRoles: string[] }> {
  const login = `staffer${++n}`;
  const r = await c.gql(CREATE, { i: { loginName: login, displayName: `员工 ${n}`, password, roles } }, await c.signIn('admin'));
  expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
  return { login, ...r.data.createStaffAccount };
}
async function pendingGrantOf(accountId: string, role: string): Promise<string> {
  const [g] = await c.sql(`SELECT id FROM staff_role_grant WHERE account_id = $1 AND role = $2 AND status = 'pending'`, [accountId, role]);
  return String(g.id);
}
async function auditorNotices(): Promise<string[]> {
  const rows = await c.sql(`SELECT n.title_en FROM notification n JOIN account a ON a.id = n.account_id WHERE a.login_name = 'auditor' ORDER BY n.id`);
  return rows.map((r) => r.title_en);
}

describe('platform-role grants (maker-checker)', () => {
  it('a role that can reveal or export personal data waits for a second admin; the requester cannot approve it; another admin can, and it takes effect [policy 5.1.2]', async () => {
    const s = await createStaff(['ops_reviewer', 'finance']);
    expect(s).toMatchObject({ roles: ['finance'], pendingRoles: ['ops_reviewer'], mustChangePassword: true });
    const grant = await pendingGrantOf(s.id, 'ops_reviewer');
    const own = errorOf(await c.gql(APPROVE, { id: grant }, await c.signIn('admin')), 'FORBIDDEN');
    expect(own.extensions.errorCode).toBe('MAKER_CHECKER');
    const [denied] = await c.sql(`SELECT outcome, after FROM audit_event WHERE action = 'staff.role.approve' AND target_id = $1`, [grant]);
    expect(denied).toMatchObject({ outcome: 'denied', after: { reason: 'maker_checker' } });
    const ok = await c.gql(APPROVE, { id: grant }, await c.signIn('admin2'));
    expect(ok.data.approveStaffRoleGrant).toMatchObject({ status: 'approved', role: 'ops_reviewer', decidedByLogin: 'admin2' });
    const [a] = await c.sql(`SELECT platform_roles FROM account WHERE id = $1`, [s.id]);
    expect(a.platform_roles.sort()).toEqual(['finance', 'ops_reviewer']);
    const events = await c.sql(`SELECT action FROM audit_event WHERE target_type = 'StaffRoleGrant' AND after->>'accountId' = $1 ORDER BY chain_seq`, [s.id]);
    expect(events.map((e) => e.action)).toEqual(['staff.role.requested', 'staff.role.granted', 'staff.role.approved']);
  });

  it('every grant event reaches the auditors by inbox: requested, granted, approved, refused, revoked [policy 5.1.2]', async () => {
    const before = (await auditorNotices()).length;
    const s = await createStaff(['support', 'finance']); // support requested, finance granted
    await c.gql(REFUSE, { id: await pendingGrantOf(s.id, 'support') }, await c.signIn('admin2'));
    await c.gql('mutation($i: SetStaffRolesInput!) { setStaffRoles(input: $i) { roles } }', { i: { id: s.id, roles: [] } }, await c.signIn('admin'));
    const titles = (await auditorNotices()).slice(before);
    expect(titles.sort()).toEqual(['Platform role granted: finance', 'Platform role refused: support', 'Platform role requested: support', 'Platform role revoked: finance']);
    const [g] = await c.sql(`SELECT status, decided_by IS NOT NULL AS decided FROM staff_role_grant WHERE account_id = $1 AND role = 'support'`, [s.id]);
    expect(g).toEqual({ status: 'refused', decided: true });
  });

  it('granting admin needs a second admin too (an admin could otherwise mint its own approver)', async () => {
    const s = await createStaff(['admin']);
    expect(s).toMatchObject({ roles: [], pendingRoles: ['admin'] });
  });

  it('nobody decides a grant to themselves, even an admin other than the requester', async () => {
    const admin = await c.signIn('admin');
    const adminId = (await c.gql('{ me { id } }', {}, admin)).data.me.id;
    const r = await c.gql('mutation($i: SetStaffRolesInput!) { setStaffRoles(input: $i) { pendingRoles } }', { i: { id: adminId, roles: ['admin', 'auditor'] } }, await c.signIn('admin2'));
    expect(r.data.setStaffRoles.pendingRoles).toEqual(['auditor']);
    const grant = await pendingGrantOf(adminId, 'auditor');
    for (const m of [APPROVE, REFUSE]) expect(errorOf(await c.gql(m, { id: grant }, admin), 'FORBIDDEN').extensions.errorCode).toBe('OWN_ROLES');
    const [a] = await c.sql(`SELECT platform_roles FROM account WHERE id = $1`, [adminId]);
    expect(a.platform_roles).toEqual(['admin']);
    errorOf(await c.gql('mutation($i: SetStaffRolesInput!) { setStaffRoles(input: $i) { id } }', { i: { id: adminId, roles: ['admin'] } }, admin), 'FORBIDDEN');
    await c.gql(REFUSE, { id: grant }, await c.signIn('admin2')).catch(() => undefined);
  });

  it('20 parallel approvals of one pending grant: exactly one takes effect, the others get CONFLICT', async () => {
    const s = await createStaff(['legal']);
    const grant = await pendingGrantOf(s.id, 'legal');
    const admin2 = await c.signIn('admin2');
    const before = (await auditorNotices()).length;
    const results = await Promise.all(Array.from({ length: 20 }, () => c.gql(APPROVE, { id: grant }, admin2)));
    expect(results.filter((r) => r.data?.approveStaffRoleGrant?.status === 'approved')).toHaveLength(1);
    const codes = results.filter((r) => r.errors).map((r) => r.errors![0].extensions);
    expect(codes).toHaveLength(19);
    for (const e of codes) expect(e).toMatchObject({ code: 'CONFLICT', errorCode: 'GRANT_DECIDED' });
    const [a] = await c.sql(`SELECT platform_roles FROM account WHERE id = $1`, [s.id]);
    expect(a.platform_roles).toEqual(['legal']);
    const [{ events }] = await c.sql(`SELECT count(*)::int AS events FROM audit_event WHERE action = 'staff.role.approved' AND target_id = $1`, [grant]);
    expect(events).toBe(1);
    expect((await auditorNotices()).length - before).toBe(1);
  });

  it('only admins decide grants; admins and auditors list them', async () => {
    const s = await createStaff(['support']);
    const grant = await pendingGrantOf(s.id, 'support');
    for (const login of ['reviewer', 'auditor', 'lead']) errorOf(await c.gql(APPROVE, { id: grant }, await c.signIn(login)), 'FORBIDDEN');
    errorOf(await c.gql('{ staffRoleGrants { totalCount } }', {}, await c.signIn('reviewer')), 'FORBIDDEN');
    for (const login of ['admin', 'auditor']) {
      const r = await c.gql('query($a: ID) { staffRoleGrants(status: "pending", accountId: $a) { items { id role accountLogin requestedByLogin } } }', { a: s.id }, await c.signIn(login));
      expect(r.data.staffRoleGrants.items).toEqual([{ id: grant, role: 'support', accountLogin: s.login, requestedByLogin: 'admin' }]);
    }
  });
});

describe('temporary and own passwords', () => {
  it('an account created by an admin must change its temporary password before anything else', async () => {
    const s = await createStaff(['finance']);
    const token = await c.signIn(s.login, GOOD);
    const refused = errorOf(await c.gql('{ merchants { totalCount } }', {}, token), 'FORBIDDEN');
    expect(refused.extensions.errorCode).toBe('PASSWORD_CHANGE_REQUIRED');
    expect(errorOf(await c.gql('{ mySessions { id } }', {}, token), 'FORBIDDEN').extensions.errorCode).toBe('PASSWORD_CHANGE_REQUIRED');
    const upload = await fetch(`${c.url}/uploads`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: Buffer.from('x') });
    expect(upload.status).toBe(403);
    expect((await upload.json()).error.errorCode).toBe('PASSWORD_CHANGE_REQUIRED');
    expect((await c.gql('{ me { mustChangePassword } }', {}, token)).data.me.mustChangePassword).toBe(true);
    expect((await c.gql(CHANGE, { i: { currentPassword: GOOD, newPassword: 'Quiet-Harbour-Lamp-93' } }, token)).data.changeMyPassword).toBe(true);
    expect((await c.gql('{ merchants { totalCount } }', {}, token)).errors).toBeUndefined();
    const [ev] = await c.sql(`SELECT after FROM audit_event WHERE action = 'account.changePassword' AND target_id = $1 AND outcome = 'success'`, [s.id]);
    expect(ev.after.forced).toBe(true);
  });

  it('own change: needs the current password, follows the policy, revokes the other sessions', async () => {
    const s = await createStaff(['finance']);
    const t1 = await c.signIn(s.login, GOOD);
    const t2 = await c.signIn(s.login, GOOD);
    const wrong = errorOf(await c.gql(CHANGE, { i: { currentPassword: 'not-it-at-all', newPassword: 'Quiet-Harbour-Lamp-93' } }, t1), 'BAD_USER_INPUT');
    expect(wrong.extensions.fields).toEqual([{ field: 'input.currentPassword', message: 'the current password is wrong' }]);
    const weak = errorOf(await c.gql(CHANGE, { i: { currentPassword: GOOD, newPassword: `${s.login}-2026!` } }, t1), 'BAD_USER_INPUT');
    expect(weak.extensions.fields![0].field).toBe('input.newPassword');
    expect((await c.gql(CHANGE, { i: { currentPassword: GOOD, newPassword: 'Quiet-Harbour-Lamp-93' } }, t1)).data.changeMyPassword).toBe(true);
    errorOf(await c.gql('{ me { id } }', {}, t2), 'UNAUTHENTICATED');
    expect((await c.gql('{ me { mustChangePassword } }', {}, t1)).data.me.mustChangePassword).toBe(false);
    errorOf(await c.gql(SIGN_IN, { i: { loginName: s.login, password: GOOD } }), 'UNAUTHENTICATED');
    await c.signIn(s.login, 'Quiet-Harbour-Lamp-93');
  });

  it('the password policy refuses the login name, repeated letters, common passwords and short ones, naming the field; nothing is stored', async () => {
    const admin = await c.signIn('admin');
    const [{ n: before }] = await c.sql('SELECT count(*)::int AS n FROM account');
    const cases: [string, RegExp][] = [
      ['policyuser-Secret', /login name/],
      ['aaaaaaaaaaaaaaaa', /repeats characters/],
      ['Password123!', /common password/],
      ['qwertyuiop12', /too easy to guess/],
      ['Sh0rt!x', /10 to 256 characters/],
    ];
    for (const [password, why] of cases) {
      const e = errorOf(await c.gql(CREATE, { i: { loginName: 'policyuser', displayName: 'x', password, roles: ['finance'] } }, admin), 'BAD_USER_INPUT');
      expect(e.extensions.fields).toHaveLength(1);
      expect(e.extensions.fields![0]).toMatchObject({ field: 'input.password', message: expect.stringMatching(why) });
      expect(JSON.stringify(e)).not.toContain(password);
    }
    const [{ n: after }] = await c.sql('SELECT count(*)::int AS n FROM account');
    expect(after).toBe(before);
  });
});

describe('staff lifecycle', () => {
  const op = (name: string) => `mutation($id: ID!) { ${name}(id: $id) { status } }`;

  it('lock revokes the sessions and refuses sign-in; unlock restores it; deactivate is final; all audited', async () => {
    const s = await createStaff(['finance']);
    const admin = await c.signIn('admin');
    const token = await c.signIn(s.login, GOOD);
    expect((await c.gql(op('lockStaffAccount'), { id: s.id }, admin)).data.lockStaffAccount.status).toBe('locked');
    errorOf(await c.gql('{ me { id } }', {}, token), 'UNAUTHENTICATED');
    errorOf(await c.gql(SIGN_IN, { i: { loginName: s.login, password: GOOD } }), 'UNAUTHENTICATED');
    expect((await c.gql(op('unlockStaffAccount'), { id: s.id }, admin)).data.unlockStaffAccount.status).toBe('active');
    const again = await c.signIn(s.login, GOOD);
    expect((await c.gql(op('revokeStaffSessions'), { id: s.id }, admin)).data.revokeStaffSessions.status).toBe('active');
    errorOf(await c.gql('{ me { id } }', {}, again), 'UNAUTHENTICATED');
    const t3 = await c.signIn(s.login, GOOD);
    expect((await c.gql(op('deactivateStaffAccount'), { id: s.id }, admin)).data.deactivateStaffAccount.status).toBe('disabled');
    errorOf(await c.gql('{ me { id } }', {}, t3), 'UNAUTHENTICATED');
    expect(errorOf(await c.gql(op('unlockStaffAccount'), { id: s.id }, admin), 'CONFLICT').extensions.errorCode).toBe('INVALID_TRANSITION');
    const events = await c.sql(`SELECT action FROM audit_event WHERE target_id = $1 AND action LIKE 'staff.%' AND outcome = 'success' ORDER BY chain_seq`, [s.id]);
    expect(events.map((e) => e.action)).toEqual(['staff.create', 'staff.lock', 'staff.unlock', 'staff.revokeSessions', 'staff.deactivate']);
  });

  it('an admin-unlock also lifts a sign-in lock-out', async () => {
    const s = await createStaff(['finance']);
    for (let i = 0; i < 5; i++) await c.gql(SIGN_IN, { i: { loginName: s.login, password: `wrong-${i}` } });
    errorOf(await c.gql(SIGN_IN, { i: { loginName: s.login, password: GOOD } }), 'TOO_MANY_REQUESTS');
    await c.gql(op('unlockStaffAccount'), { id: s.id }, await c.signIn('admin'));
    await c.signIn(s.login, GOOD);
  });

  it("never on one's own account, and only by admins", async () => {
    const admin = await c.signIn('admin');
    const me = (await c.gql('{ me { id } }', {}, admin)).data.me.id;
    for (const name of ['lockStaffAccount', 'deactivateStaffAccount', 'unlockStaffAccount', 'revokeStaffSessions']) {
      expect(errorOf(await c.gql(op(name), { id: me }, admin), 'FORBIDDEN').extensions.errorCode).toBe('OWN_ACCOUNT');
      errorOf(await c.gql(op(name), { id: me }, await c.signIn('auditor')), 'FORBIDDEN');
    }
    const [{ n }] = await c.sql(`SELECT count(*)::int AS n FROM audit_event WHERE target_id = $1 AND outcome = 'denied' AND after->>'reason' = 'own_account' AND action <> 'staff.setRoles'`, [me]);
    expect(n).toBe(4);
    expect((await c.gql('{ me { id } }', {}, admin)).data.me.id).toBe(me);
  });
});

describe('found by QA: deactivation is final, and the checker cannot be removed', () => {
  const SET_ROLES = 'mutation($i: SetStaffRolesInput!) { setStaffRoles(input: $i) { id roles pendingRoles } }';
  const op = (name: string) => `mutation($id: ID!) { ${name}(id: $id) { status pendingRoles } }`;
  const adminId = async (login: string) => String((await c.sql(`SELECT id FROM account WHERE login_name = $1`, [login]))[0].id);

  it('deactivating withdraws the pending grants; a deactivated account gets no role and no approval', async () => {
    const s = await createStaff(['ops_reviewer', 'support']);
    const grant = await pendingGrantOf(s.id, 'ops_reviewer');
    const admin = await c.signIn('admin');
    const off = (await c.gql(op('deactivateStaffAccount'), { id: s.id }, admin)).data.deactivateStaffAccount;
    expect(off).toMatchObject({ status: 'disabled', pendingRoles: [] });
    const grants = await c.sql(`SELECT status FROM staff_role_grant WHERE account_id = $1 ORDER BY id`, [s.id]);
    expect(grants.map((g) => g.status)).toEqual(['revoked', 'revoked']);
    errorOf(await c.gql(APPROVE, { id: grant }, await c.signIn('admin2')), 'CONFLICT');
    expect(errorOf(await c.gql(SET_ROLES, { i: { id: s.id, roles: ['finance'] } }, admin), 'CONFLICT').extensions.errorCode).toBe('ACCOUNT_DISABLED');
    const [a] = await c.sql(`SELECT platform_roles FROM account WHERE id = $1`, [s.id]);
    expect(a.platform_roles).toEqual([]);
  });

  it('one admin cannot strip, lock or deactivate the only other admin (LAST_CHECKER); nothing changes', async () => {
    const admin = await c.signIn('admin');
    const other = await adminId('admin2');
    expect(errorOf(await c.gql(SET_ROLES, { i: { id: other, roles: ['support'] } }, admin), 'CONFLICT').extensions.errorCode).toBe('LAST_CHECKER');
    for (const name of ['lockStaffAccount', 'deactivateStaffAccount']) expect(errorOf(await c.gql(op(name), { id: other }, admin), 'CONFLICT').extensions.errorCode).toBe('LAST_CHECKER');
    const [a] = await c.sql(`SELECT status, platform_roles FROM account WHERE id = $1`, [other]);
    expect(a).toMatchObject({ status: 'active', platform_roles: ['admin'] });
  });

  it('the staff list refuses a role filter that is no platform role (BAD_USER_INPUT), and filters by a real one', async () => {
    const admin = await c.signIn('admin');
    for (const role of ['__proto__', 'nobody']) errorOf(await c.gql('query($r: String) { staffAccounts(role: $r) { totalCount } }', { r: role }, admin), 'BAD_USER_INPUT');
    const r = await c.gql('query($r: String) { staffAccounts(role: $r) { totalCount items { roles } } }', { r: 'auditor' }, admin);
    expect(r.data.staffAccounts.totalCount).toBeGreaterThan(0);
    for (const it of r.data.staffAccounts.items) expect(it.roles).toContain('auditor');
  });

  it('20 at once, admins locking each other: at least two active admins always remain', async () => {
    const third = await newStaffMember(c, 'admin3', ['admin']);
    const admin = await c.signIn('admin');
    const admin2 = await adminId('admin2');
    // Each lock alone would leave two admins; together they would leave one.
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 ? c.gql(op('lockStaffAccount'), { id: third.id }, admin) : c.gql(op('lockStaffAccount'), { id: admin2 }, third.token))),
    );
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    const [{ n }] = await c.sql(`SELECT count(*)::int AS n FROM account WHERE kind = 'staff' AND status = 'active' AND 'admin' = ANY(platform_roles)`);
    expect(n).toBe(2);
  }, 60_000);
});

describe('lock-out does not tell real names from unknown ones', () => {
  it('a locked real account and a locked unknown name answer the same, counting down alike', async () => {
    const names = ['finance', 'no-such-login-77'];
    await Promise.all(
      names.map(async (login) => {
        for (let i = 0; i < 5; i++) errorOf(await c.gql(SIGN_IN, { i: { loginName: login, password: `wrong-${i}` } }), 'UNAUTHENTICATED');
      }),
    );
    const sample = async () => Promise.all(names.map(async (login) => errorOf(await c.gql(SIGN_IN, { i: { loginName: login, password: 'whatever-1' } }), 'TOO_MANY_REQUESTS')));
    const first = await sample();
    await new Promise((r) => setTimeout(r, 2200));
    const later = await sample();
    for (const round of [first, later]) {
      const [real, unknown] = round;
      expect({ ...unknown, extensions: { ...unknown.extensions, retryAfterSeconds: 0 } }).toEqual({ ...real, extensions: { ...real.extensions, retryAfterSeconds: 0 } });
      expect(Math.abs((real.extensions.retryAfterSeconds as number) - (unknown.extensions.retryAfterSeconds as number))).toBeLessThanOrEqual(1);
    }
    for (let i = 0; i < 2; i++) expect(later[i].extensions.retryAfterSeconds as number).toBeLessThanOrEqual((first[i].extensions.retryAfterSeconds as number) - 2);
  });
});
