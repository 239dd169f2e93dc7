import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../../server/core/context';
import { transaction } from '../../server/core/transaction';
import { servicesOf } from '../../server/modules/services';
import { errorOf, startTestConsole, type GqlResult, type TestConsole } from '../helpers/console';

let c: TestConsole;
let owner1: string;
let owner2: string;
let store1: string;
let store2: string;
let mobile1: string;
let mobile2: string;
let realName1: string;

const MINE =
  '{ myPayoutAccount { id storeId status alipayLogin payeeName activatedAt holdUntil nameMatches payoutHold payoutHoldUntil version pending { alipayLogin payeeName expiresAt attemptsLeft sentTo } } }';
const OF_STORE = 'query($s: ID!) { payoutAccount(storeId: $s) { id storeId status alipayLogin payeeName nameMatches payoutHold } }';
const REQUEST = 'mutation($i: RequestPayoutAccountChangeInput!) { requestPayoutAccountChange(input: $i) { status pending { alipayLogin payeeName expiresAt attemptsLeft sentTo } } }';
const CONFIRM =
  'mutation($i: ConfirmPayoutAccountChangeInput!) { confirmPayoutAccountChange(input: $i) { id status alipayLogin payeeName holdUntil nameMatches payoutHold payoutHoldUntil pending { expiresAt } } }';
const REVEAL = 'mutation($i: RevealInput!) { revealPersonalData(input: $i) { value } }';

function ok<T = any>(r: GqlResult<T>): T {
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return r.data as T;
}

async function storeAndMobile(login: string) {
  const [r] = await c.sql(`SELECT s.id::text AS store_id, m.mobile_enc FROM account a JOIN merchant m ON m.account_id = a.id JOIN store s ON s.merchant_id = m.id WHERE a.login_name = $1`, [login]);
  return { storeId: r.store_id as string, mobile: c.app.cipher.decrypt(r.mobile_enc) };
}

/** Codes sent to `mobile` so far, oldest first. */
async function codesTo(mobile: string): Promise<string[]> {
  const sms = (await c.outbox.list('sms')).filter((m) => m.to === mobile && m.body.includes('收款账户（支付宝），验证码')).sort((a, b) => a.sentAt.localeCompare(b.sentAt));
  return sms.map((m) => /验证码 (\d{6})/.exec(m.body)![1]);
}

/** Requests a change as `token` and returns the code that arrives at `mobile`. */
async function requestCode(token: string, mobile: string, alipayLogin: string, payeeName: string): Promise<string> {
  const before = (await codesTo(mobile)).length;
  ok(await c.gql(REQUEST, { i: { alipayLogin, payeeName } }, token));
  const codes = await c.waitFor(async () => {
    const all = await codesTo(mobile);
    return all.length > before ? all : undefined;
  });
  return codes[codes.length - 1];
}

const wrongOf = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

function target(storeId: string, at = new Date()) {
  return transaction(systemContext(c.app), (tx) => servicesOf(c.app).payoutAccounts.payoutTarget(tx, storeId, at));
}

/** Moves the console's clock by `ms` from now (until afterEach resets it). */
function shiftClock(ms: number) {
  c.app.clock = () => new Date(Date.now() + ms);
}

beforeAll(async () => {
  c = await startTestConsole({ merchants: 2 });
  owner1 = await c.signIn('owner1');
  owner2 = await c.signIn('owner2');
  ({ storeId: store1, mobile: mobile1 } = await storeAndMobile('owner1'));
  ({ storeId: store2, mobile: mobile2 } = await storeAndMobile('owner2'));
  const [v] = await c.sql(`SELECT s.real_name_enc FROM verification_case vc JOIN verification_submission s ON s.id = vc.submission_id WHERE vc.store_id = $1 AND vc.status = 'approved'`, [store1]);
  realName1 = c.app.cipher.decrypt(v.real_name_enc);
});
afterAll(() => c?.close());
afterEach(() => {
  c.app.clock = undefined;
});

describe('payout account: who may set it', () => {
  it('a store without an account shows not_set and payouts are held (no_account)', async () => {
    const mine = ok(await c.gql(MINE, {}, owner2)).myPayoutAccount;
    expect(mine).toMatchObject({ id: null, storeId: store2, status: 'not_set', alipayLogin: null, payoutHold: 'no_account', pending: null });
    expect(await target(store2)).toEqual({ ok: false, reason: 'no_account' });
  });

  it('only the store owner asks for a change: the sub-account staff1 and staff (finance, admin) are refused, nothing is stored or sent', async () => {
    const smsBefore = (await c.outbox.list('sms')).length;
    for (const login of ['staff1', 'finance', 'admin', 'support']) {
      const token = await c.signIn(login);
      errorOf(await c.gql(REQUEST, { i: { alipayLogin: '13800000000', payeeName: '张三' } }, token), 'FORBIDDEN');
      errorOf(await c.gql('mutation { confirmPayoutAccountChange(input: { code: "123456" }) { status } }', {}, token), 'FORBIDDEN');
      errorOf(await c.gql(MINE, {}, token), 'FORBIDDEN');
    }
    errorOf(await c.gql(REQUEST, { i: { alipayLogin: '13800000000', payeeName: '张三' } }), 'UNAUTHENTICATED');
    const [{ n }] = await c.sql('SELECT count(*)::int AS n FROM payout_account');
    expect(n).toBe(0);
    await new Promise((r) => setTimeout(r, 300));
    expect((await c.outbox.list('sms')).length).toBe(smsBefore);
  });

  it('bad input names the field: a login that is neither a mainland mobile nor an e-mail, a name over 50 characters', async () => {
    const e = errorOf(await c.gql(REQUEST, { i: { alipayLogin: '12345', payeeName: 'x'.repeat(51) } }, owner1), 'BAD_USER_INPUT');
    expect(JSON.stringify(e)).not.toContain('12345');
    errorOf(await c.gql(REQUEST, { i: { alipayLogin: 'not an email@', payeeName: '张三' } }, owner1), 'BAD_USER_INPUT');
    errorOf(await c.gql(REQUEST, { i: { alipayLogin: '13800000000', payeeName: '   ' } }, owner1), 'BAD_USER_INPUT');
  });
});

describe('payout account: change confirmed by a code to the owner mobile', () => {
  it('the code goes to the owner mobile; confirming activates the account, holds payouts 24 hours, notifies the owner (inbox + SMS), audited', async () => {
    const code = await requestCode(owner1, mobile1, ' 13812345678 ', realName1);
    const mine = ok(await c.gql(MINE, {}, owner1)).myPayoutAccount;
    expect(mine.status).toBe('not_set');
    expect(mine.pending).toMatchObject({ alipayLogin: '138****5678', attemptsLeft: 5, sentTo: expect.stringMatching(/^1\d\d\*{4}\d{4}$/) });
    expect(mine.pending.payeeName).not.toBe(realName1);
    expect(new Date(mine.pending.expiresAt).getTime() - Date.now()).toBeGreaterThan(9 * 60_000);
    expect(new Date(mine.pending.expiresAt).getTime() - Date.now()).toBeLessThanOrEqual(10 * 60_000);

    const t0 = Date.now();
    const done = ok(await c.gql(CONFIRM, { i: { code } }, owner1)).confirmPayoutAccountChange;
    expect(done).toMatchObject({ status: 'active', alipayLogin: '138****5678', nameMatches: true, payoutHold: 'change_hold', pending: null });
    const hold = new Date(done.holdUntil).getTime();
    expect(hold - t0).toBeGreaterThanOrEqual(24 * 3_600_000 - 5_000);
    expect(hold - t0).toBeLessThanOrEqual(24 * 3_600_000 + 5_000);

    const inbox = ok(await c.gql('{ myNotifications(perPage: 20) { items { kind titleEn bodyZh link } } }', {}, owner1)).myNotifications.items;
    expect(inbox.find((n: { link: string }) => n.link === '/payout-account')).toMatchObject({ kind: 'security', titleEn: 'Your payout account was changed' });
    await c.waitFor(async () => (await c.outbox.list('sms')).find((m) => m.to === mobile1 && m.body.includes('收款账户已修改') && m.body.includes('打款暂停至')));

    const events = await c.sql(`SELECT action, outcome, after FROM audit_event WHERE target_type = 'PayoutAccount' AND store_id = $1 ORDER BY chain_seq`, [store1]);
    expect(events.map((e) => `${e.action}:${e.outcome}`)).toEqual(['payoutAccount.requestChange:success', 'payoutAccount.confirmChange:success']);
    expect(JSON.stringify(events)).not.toContain('13812345678');
    expect(JSON.stringify(events)).not.toContain(realName1);
    expect(JSON.stringify(events)).not.toContain(code);
  });

  it('the change holds payouts for 24 hours (change_hold), then the payout target is the new account', async () => {
    const t = await target(store1);
    expect(t).toMatchObject({ ok: false, reason: 'change_hold' });
    const until = (t as { until: Date }).until;
    expect(await target(store1, new Date(until.getTime() - 1000))).toMatchObject({ ok: false, reason: 'change_hold' });
    const after = await target(store1, new Date(until.getTime() + 1000));
    expect(after.ok).toBe(true);
    if (!after.ok) throw new Error('expected ok');
    expect(c.app.cipher.decrypt(after.alipayLoginEnc)).toBe('13812345678');
    expect(c.app.cipher.decrypt(after.payeeNameEnc)).toBe(realName1);
    // Moving the console's clock past the hold: the owner's view shows no hold any more.
    shiftClock(24 * 3_600_000 + 60_000);
    expect(ok(await c.gql(MINE, {}, owner1)).myPayoutAccount).toMatchObject({ status: 'active', payoutHold: null, nameMatches: true });
  });

  it('encrypted at rest: the raw columns hold neither the login nor the name; the code is only a keyed hash', async () => {
    const [row] = await c.sql('SELECT alipay_login_enc, payee_name_enc, pending_code_hash FROM payout_account WHERE store_id = $1', [store1]);
    expect(row.alipay_login_enc).not.toContain('13812345678');
    expect(row.payee_name_enc).not.toContain(realName1);
    expect(row.alipay_login_enc.split('.')).toHaveLength(5);
    expect(c.app.cipher.decrypt(row.alipay_login_enc)).toBe('13812345678');
    expect(row.pending_code_hash).toBeNull();
  });

  it('masked in queries: the owner and finance see masked values; another owner and a sub-account see nothing', async () => {
    const finance = await c.signIn('finance');
    const seen = ok(await c.gql(OF_STORE, { s: store1 }, finance)).payoutAccount;
    expect(seen).toMatchObject({ storeId: store1, status: 'active', alipayLogin: '138****5678', nameMatches: true });
    expect(JSON.stringify(seen)).not.toContain(realName1);
    expect(JSON.stringify(ok(await c.gql(MINE, {}, owner1)))).not.toContain('13812345678');
    expect(ok(await c.gql(OF_STORE, { s: store1 }, owner1)).payoutAccount.alipayLogin).toBe('138****5678');
    errorOf(await c.gql(OF_STORE, { s: store1 }, owner2), 'NOT_FOUND');
    errorOf(await c.gql(OF_STORE, { s: store1 }, await c.signIn('staff1')), 'FORBIDDEN');
    errorOf(await c.gql(OF_STORE, { s: store1 }, await c.signIn('support')), 'FORBIDDEN');
  });

  it('reveal: the owner reveals its own account with a purpose (audited); another owner, finance and the sub-account cannot (audited as denied)', async () => {
    const id = ok(await c.gql(MINE, {}, owner1)).myPayoutAccount.id;
    const purpose = 'check the account before the payout';
    const r = ok(await c.gql(REVEAL, { i: { subject: 'PayoutAccount', id, field: 'alipayLogin', purpose } }, owner1)).revealPersonalData;
    expect(r.value).toBe('13812345678');
    expect(ok(await c.gql(REVEAL, { i: { subject: 'PayoutAccount', id, field: 'payeeName', purpose } }, owner1)).revealPersonalData.value).toBe(realName1);
    const [ev] = await c.sql(
      `SELECT outcome, purpose, after, store_id::text AS store_id FROM audit_event WHERE action = 'personalData.reveal' AND target_type = 'PayoutAccount' AND target_id = $1 ORDER BY chain_seq LIMIT 1`,
      [id],
    );
    expect(ev).toMatchObject({ outcome: 'success', purpose, store_id: store1, after: { field: 'alipayLogin', masked: '138****5678' } });

    errorOf(await c.gql(REVEAL, { i: { subject: 'PayoutAccount', id, field: 'alipayLogin', purpose } }, owner2), 'NOT_FOUND');
    errorOf(await c.gql(REVEAL, { i: { subject: 'PayoutAccount', id, field: 'alipayLogin', purpose } }, await c.signIn('staff1')), 'NOT_FOUND');
    errorOf(await c.gql(REVEAL, { i: { subject: 'PayoutAccount', id, field: 'payeeName', purpose } }, await c.signIn('finance')), 'FORBIDDEN');
    const denied = await c.sql(`SELECT actor_label FROM audit_event WHERE action = 'personalData.reveal' AND target_type = 'PayoutAccount' AND outcome = 'denied' ORDER BY chain_seq`);
    expect(denied.map((d) => d.actor_label)).toEqual(['owner2', 'staff1', 'finance']);
  });

  it('a wrong code is counted (committed) and the 5th voids the change; the right code then confirms nothing', async () => {
    shiftClock(2 * 3_600_000); // a fresh code budget
    const code = await requestCode(owner1, mobile1, 'alice@example.com', realName1);
    // The pending change is encrypted at rest too; the code is kept only as a keyed hash.
    const [raw] = await c.sql('SELECT pending_alipay_login_enc, pending_payee_name_enc, pending_code_hash FROM payout_account WHERE store_id = $1', [store1]);
    expect(JSON.stringify(raw)).not.toContain('alice@example.com');
    expect(JSON.stringify(raw)).not.toContain(realName1);
    expect(raw.pending_code_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(raw.pending_code_hash).not.toContain(code);
    expect(c.app.cipher.decrypt(raw.pending_alipay_login_enc)).toBe('alice@example.com');
    for (let left = 4; left >= 1; left--) {
      const e = errorOf(await c.gql(CONFIRM, { i: { code: wrongOf(code) } }, owner1), 'BAD_USER_INPUT');
      expect(e.extensions).toMatchObject({ errorCode: 'PAYOUT_CODE_WRONG', attemptsLeft: left });
      const [row] = await c.sql('SELECT pending_attempts FROM payout_account WHERE store_id = $1', [store1]);
      expect(row.pending_attempts).toBe(5 - left);
    }
    expect(ok(await c.gql(MINE, {}, owner1)).myPayoutAccount.pending.attemptsLeft).toBe(1);
    expect(errorOf(await c.gql(CONFIRM, { i: { code: wrongOf(code) } }, owner1), 'CONFLICT').extensions.errorCode).toBe('PAYOUT_CHANGE_VOIDED');
    expect(errorOf(await c.gql(CONFIRM, { i: { code } }, owner1), 'CONFLICT').extensions.errorCode).toBe('PAYOUT_NO_PENDING_CHANGE');
    const mine = ok(await c.gql(MINE, {}, owner1)).myPayoutAccount;
    expect(mine).toMatchObject({ alipayLogin: '138****5678', pending: null });
    const failed = await c.sql(`SELECT after FROM audit_event WHERE action = 'payoutAccount.confirmChange' AND outcome = 'failed' AND store_id = $1 ORDER BY chain_seq`, [store1]);
    expect(failed).toHaveLength(5);
    expect(failed[4].after).toMatchObject({ reason: 'wrong_code', voided: true });
  });

  it('an expired code is refused; a pending change holds payouts (change_pending) until confirmed or expired', async () => {
    shiftClock(4 * 3_600_000);
    const code = await requestCode(owner1, mobile1, 'alice@example.com', realName1);
    const at = new Date(Date.now() + 4 * 3_600_000 + 1000);
    expect(await target(store1, at)).toMatchObject({ ok: false, reason: 'change_pending' });
    shiftClock(4 * 3_600_000 + 11 * 60_000);
    expect(errorOf(await c.gql(CONFIRM, { i: { code } }, owner1), 'CONFLICT').extensions.errorCode).toBe('PAYOUT_CODE_EXPIRED');
    // No longer pending; the previous change's 24-hour hold still runs.
    expect(await target(store1, new Date(Date.now() + 4 * 3_600_000 + 11 * 60_000))).toMatchObject({ ok: false, reason: 'change_hold' });
  });

  it('20 parallel confirmations with the right code: exactly one activates, the others find no pending change', async () => {
    shiftClock(6 * 3_600_000);
    const code = await requestCode(owner1, mobile1, 'bob@example.com', realName1);
    const results = await Promise.all(Array.from({ length: 20 }, () => c.gql(CONFIRM, { i: { code } }, owner1)));
    const wins = results.filter((r) => !r.errors);
    expect(wins).toHaveLength(1);
    for (const r of results.filter((x) => x.errors)) expect(errorOf(r, 'CONFLICT').extensions.errorCode).toBe('PAYOUT_NO_PENDING_CHANGE');
    expect(wins[0].data.confirmPayoutAccountChange).toMatchObject({ status: 'active', alipayLogin: 'b***@example.com' });
    const ok1 = await c.sql(`SELECT count(*)::int AS n FROM audit_event WHERE action = 'payoutAccount.confirmChange' AND outcome = 'success' AND store_id = $1`, [store1]);
    expect(ok1[0].n).toBe(2);
  });

  it('at most 5 codes an hour per store (TOO_MANY_REQUESTS with a retry time)', async () => {
    for (let i = 0; i < 5; i++) ok(await c.gql(REQUEST, { i: { alipayLogin: `owner2+${i}@example.com`, payeeName: '李四' } }, owner2));
    const e = errorOf(await c.gql(REQUEST, { i: { alipayLogin: 'owner2@example.com', payeeName: '李四' } }, owner2), 'TOO_MANY_REQUESTS');
    expect(e.extensions.errorCode).toBe('PAYOUT_CODE_LIMIT');
    expect(e.extensions.retryAfterSeconds).toBeGreaterThan(3000);
    // Only the last code works (deliveries may arrive in any order: try them, fewer than 5 wrong ones).
    const codes = await c.waitFor(async () => {
      const all = await codesTo(mobile2);
      return all.length >= 5 ? all : undefined;
    });
    const outcomes: string[] = [];
    for (const code of codes.reverse()) {
      const r = await c.gql(CONFIRM, { i: { code } }, owner2);
      outcomes.push(r.errors ? String(r.errors[0].extensions.errorCode) : 'ok');
      if (!r.errors) break;
    }
    expect(outcomes.filter((o) => o === 'ok')).toHaveLength(1);
    expect(outcomes.filter((o) => o !== 'ok').every((o) => o === 'PAYOUT_CODE_WRONG')).toBe(true);
  });
});

describe('payout account: payee name against the verified identity', () => {
  it('a payee name that does not match the approved identity holds payouts (name_mismatch), re-checked on every call', async () => {
    shiftClock(8 * 3_600_000);
    const code = await requestCode(owner1, mobile1, 'carol@example.com', '王 小 二');
    const done = ok(await c.gql(CONFIRM, { i: { code } }, owner1)).confirmPayoutAccountChange;
    expect(done).toMatchObject({ nameMatches: false, payoutHold: 'change_hold' });
    const later = new Date(Date.now() + 8 * 3_600_000 + 25 * 3_600_000);
    expect(await target(store1, later)).toEqual({ ok: false, reason: 'name_mismatch' });
    // The verification is corrected to this name (full-width / spacing differences do not matter): payouts go.
    const [sub] = await c.sql(`SELECT s.id FROM verification_case vc JOIN verification_submission s ON s.id = vc.submission_id WHERE vc.store_id = $1`, [store1]);
    await c.sql('UPDATE verification_submission SET real_name_enc = $2 WHERE id = $1', [sub.id, c.app.cipher.encrypt('王小二')]);
    expect((await target(store1, later)).ok).toBe(true);
    const [row] = await c.sql('SELECT name_matches FROM payout_account WHERE store_id = $1', [store1]);
    expect(row.name_matches).toBe(true);
    await c.sql('UPDATE verification_submission SET real_name_enc = $2 WHERE id = $1', [sub.id, c.app.cipher.encrypt(realName1)]);
    expect(await target(store1, later)).toEqual({ ok: false, reason: 'name_mismatch' });
  });

  it('a store without an approved verification never matches (owner2: name_mismatch after the hold)', async () => {
    expect(await target(store2, new Date(Date.now() + 25 * 3_600_000))).toEqual({ ok: false, reason: 'name_mismatch' });
    expect(ok(await c.gql(MINE, {}, owner2)).myPayoutAccount.nameMatches).toBe(false);
  });

  it('an enterprise store matches the enterprise name (full-width brackets and case ignored)', async () => {
    await c.sql(`UPDATE verification_submission SET subject_type = 'enterprise', company_name = '杭州示例科技（有限）公司 ABC' WHERE store_id = $1`, [store1]);
    shiftClock(12 * 3_600_000);
    const code = await requestCode(owner1, mobile1, 'corp@example.com', '杭州示例科技(有限)公司abc');
    expect(ok(await c.gql(CONFIRM, { i: { code } }, owner1)).confirmPayoutAccountChange.nameMatches).toBe(true);
    await c.sql(`UPDATE verification_submission SET subject_type = 'individual', company_name = NULL WHERE store_id = $1`, [store1]);
  });
});

describe('payout account: a sub-account with "View rewards"', () => {
  it('sees rewards (read Reward) but never the payout account, and the owner-only leaf cannot be granted', async () => {
    const role = ok(await c.gql('mutation($i: CreateStoreRoleInput!) { createStoreRole(input: $i) { id } }', { i: { name: '奖励查看', permissions: ['finance.rewards.view'] } }, owner1))
      .createStoreRole.id;
    const [staff] = await c.sql(`SELECT id::text AS id FROM account WHERE login_name = 'staff1'`);
    ok(await c.gql('mutation($i: SetSubAccountRolesInput!) { setSubAccountRoles(input: $i) { id } }', { i: { subAccountId: staff.id, roleIds: [role] } }, owner1));
    const token = await c.signIn('staff1');
    expect(ok(await c.gql('{ myStorePermissions }', {}, token)).myStorePermissions).toEqual(['finance.rewards.view']);
    errorOf(await c.gql(MINE, {}, token), 'FORBIDDEN');
    errorOf(await c.gql(OF_STORE, { s: store1 }, token), 'FORBIDDEN');
    errorOf(await c.gql(REQUEST, { i: { alipayLogin: '13800000000', payeeName: '张三' } }, token), 'FORBIDDEN');
    const id = ok(await c.gql(MINE, {}, owner1)).myPayoutAccount.id;
    errorOf(await c.gql(REVEAL, { i: { subject: 'PayoutAccount', id, field: 'alipayLogin', purpose: 'just looking around' } }, token), 'NOT_FOUND');
    errorOf(await c.gql('mutation($i: CreateStoreRoleInput!) { createStoreRole(input: $i) { id } }', { i: { name: '收款', permissions: ['finance.payoutAccount.manage'] } }, owner1), 'FORBIDDEN');
  });
});
