import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineAbilityFor, hasScope, type Actor } from '../../server/core/abilities';
import { installAllModules } from '../../server/modules';
import { SERVICE_SCOPES } from '../../rules/service-accounts/scopes';
import { errorOf, startTestConsole, type TestConsole } from '../helpers/console';

/** Issue 12 intake: service accounts with scoped API keys (shown once, stored hashed, revocable, last use recorded). */
let c: TestConsole;
let admin: string;
beforeAll(async () => {
  c = await startTestConsole({ merchants: 3 });
  admin = await c.signIn('admin');
});
afterAll(() => c?.close());

const FIELDS = 'id name loginName scopes status keyPrefix keyCreatedAt keyCreatedBy lastUsedAt revokedAt createdAt';
const CREATE = `mutation($i: CreateServiceAccountInput!) { createServiceAccount(input: $i) { apiKey serviceAccount { ${FIELDS} } } }`;
const REVOKE = `mutation($id: ID!) { revokeServiceAccountKey(id: $id) { ${FIELDS} } }`;
const ROTATE = `mutation($id: ID!) { rotateServiceAccountKey(id: $id) { apiKey serviceAccount { ${FIELDS} } } }`;
const LIST = `query($page: Int!, $perPage: Int!, $sort: SortInput) { serviceAccounts(page: $page, perPage: $perPage, sort: $sort) { items { ${FIELDS} } totalCount totalCountExact } }`;
const ME = '{ me { id kind loginName displayName roles abilityRules } }';
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

let n = 0;
async function create(name = `售后系统 ${++n}`, scopes = ['dispute.intake']): Promise<{ id: string; apiKey: string; loginName: string }> {
  const r = await c.gql(CREATE, { i: { name, scopes } }, admin);
  expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
  const { apiKey, serviceAccount } = r.data.createServiceAccount;
  return { id: serviceAccount.id, apiKey, loginName: serviceAccount.loginName };
}

describe('creating service accounts', () => {
  it('an admin creates one: the key is shown once, the account holds the scopes, no roles, no password, and the audit names no key', async () => {
    const r = await c.gql(CREATE, { i: { name: '  抖店售后对接  ', scopes: ['dispute.intake', 'dispute.intake'] } }, admin);
    expect(r.errors).toBeUndefined();
    const { apiKey, serviceAccount: sa } = r.data.createServiceAccount;
    expect(apiKey).toMatch(/^mcsk_[A-Za-z0-9_-]{43}$/);
    expect(sa).toMatchObject({ name: '抖店售后对接', scopes: ['dispute.intake'], status: 'active', keyPrefix: apiKey.slice(0, 12), keyCreatedBy: 'admin', lastUsedAt: null, revokedAt: null });
    expect(sa.loginName).toMatch(/^svc-[0-9a-f]{12}$/);
    const [account] = await c.sql(`SELECT kind, display_name, password_hash, platform_roles, store_id, status FROM account WHERE id = $1`, [sa.id]);
    expect(account).toMatchObject({ kind: 'service', display_name: '抖店售后对接', password_hash: '!', platform_roles: [], store_id: null, status: 'active' });
    const [audit] = await c.sql(`SELECT actor_label, target_type, after::text AS after FROM audit_event WHERE action = 'serviceAccount.create' AND target_id = $1`, [sa.id]);
    expect(audit).toMatchObject({ actor_label: 'admin', target_type: 'ServiceAccount' });
    expect(JSON.parse(audit.after)).toMatchObject({ name: '抖店售后对接', scopes: ['dispute.intake'], keyPrefix: apiKey.slice(0, 12) });
    expect(audit.after).not.toContain(apiKey.slice(12));
  });

  it('the key is not stored in clear: only its SHA-256 and its first 12 characters', async () => {
    const { id, apiKey } = await create();
    const rows = await c.sql(`SELECT * FROM api_key WHERE account_id = $1`, [id]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ key_hash: sha256(apiKey), prefix: apiKey.slice(0, 12), scopes: ['dispute.intake'] });
    const secret = apiKey.slice(12);
    const [{ hits }] = await c.sql(
      `SELECT (SELECT count(*) FROM api_key k WHERE row_to_json(k)::text LIKE '%' || $1 || '%')::int
            + (SELECT count(*) FROM audit_event e WHERE row_to_json(e)::text LIKE '%' || $1 || '%')::int
            + (SELECT count(*) FROM account a WHERE row_to_json(a)::text LIKE '%' || $1 || '%')::int AS hits`,
      [secret],
    );
    expect(hits).toBe(0);
  });

  it.each(['lead', 'auditor', 'support', 'legal', 'owner1', 'staff1'])('%s may not create, list, revoke or rotate', async (login) => {
    const { id } = await create();
    const token = await c.signIn(login);
    errorOf(await c.gql(CREATE, { i: { name: 'x-integration', scopes: ['dispute.intake'] } }, token), 'FORBIDDEN');
    errorOf(await c.gql(LIST, { page: 1, perPage: 10 }, token), 'FORBIDDEN');
    errorOf(await c.gql(REVOKE, { id }, token), 'FORBIDDEN');
    errorOf(await c.gql(ROTATE, { id }, token), 'FORBIDDEN');
    const [{ n: keys }] = await c.sql(`SELECT count(*)::int AS n FROM api_key WHERE account_id = $1 AND revoked_at IS NULL`, [id]);
    expect(keys).toBe(1);
  });

  it('refuses a short or over-long name, no scope, an unknown scope, and a name another service account has, with coded errors naming the field', async () => {
    const short = errorOf(await c.gql(CREATE, { i: { name: ' a ', scopes: ['dispute.intake'] } }, admin), 'BAD_USER_INPUT');
    expect(short.extensions).toMatchObject({ errorCode: 'SERVICE_ACCOUNT_NAME_LENGTH', fields: [{ field: 'input.name' }] });
    const long = errorOf(await c.gql(CREATE, { i: { name: 'x'.repeat(65), scopes: ['dispute.intake'] } }, admin), 'BAD_USER_INPUT');
    expect(long.extensions.errorCode).toBe('SERVICE_ACCOUNT_NAME_LENGTH');
    const none = errorOf(await c.gql(CREATE, { i: { name: 'no scope', scopes: [] } }, admin), 'BAD_USER_INPUT');
    expect(none.extensions).toMatchObject({ errorCode: 'NO_SCOPE', fields: [{ field: 'input.scopes' }] });
    const unknown = errorOf(await c.gql(CREATE, { i: { name: 'bad scope', scopes: ['dispute.intake', 'penalty.issue'] } }, admin), 'BAD_USER_INPUT');
    expect(unknown.extensions).toMatchObject({ errorCode: 'UNKNOWN_SCOPE', fields: [{ field: 'input.scopes' }] });
    await create('Same Name');
    const dup = errorOf(await c.gql(CREATE, { i: { name: 'same name', scopes: ['dispute.intake'] } }, admin), 'CONFLICT');
    expect(dup.extensions.errorCode).toBe('ALREADY_EXISTS');
    const [{ n: made }] = await c.sql(`SELECT count(*)::int AS n FROM account WHERE kind = 'service' AND lower(display_name) IN ('a', 'no scope', 'bad scope', 'same name')`);
    expect(made).toBe(1);
  });

  it('20 parallel creations of one name make one service account', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, () => c.gql(CREATE, { i: { name: 'Parallel intake', scopes: ['dispute.intake'] } }, admin)));
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    for (const r of results.filter((x) => x.errors)) expect(r.errors![0].extensions.errorCode).toBe('ALREADY_EXISTS');
  });

  it('lists with the console convention (page, perPage, sort by name or createdAt, capped total), newest first by default', async () => {
    await create('AAA first by name');
    const byName = await c.gql(LIST, { page: 1, perPage: 2, sort: { field: 'name', order: 'ASC' } }, admin);
    expect(byName.errors).toBeUndefined();
    expect(byName.data.serviceAccounts.items).toHaveLength(2);
    expect(byName.data.serviceAccounts.items[0].name).toBe('AAA first by name');
    const all = await c.gql(LIST, { page: 1, perPage: 100 }, admin);
    const [{ n: total }] = await c.sql(`SELECT count(*)::int AS n FROM account WHERE kind = 'service'`);
    expect(all.data.serviceAccounts).toMatchObject({ totalCount: total, totalCountExact: true });
    const created = all.data.serviceAccounts.items.map((i: { createdAt: string }) => i.createdAt);
    expect([...created].sort().reverse()).toEqual(created);
    errorOf(await c.gql(LIST, { page: 1, perPage: 10, sort: { field: 'keyHash', order: 'ASC' } }, admin), 'BAD_USER_INPUT');
  });
});

describe('authenticating with a key', () => {
  it('Authorization: Bearer <key> acts as the service account (kind service, no roles, only dispute rules) and records the last use', async () => {
    const { id, apiKey, loginName } = await create('Whoami intake');
    const r = await c.gql(ME, undefined, apiKey);
    expect(r.errors).toBeUndefined();
    expect(r.data.me).toMatchObject({ id, kind: 'service', loginName, displayName: 'Whoami intake', roles: [] });
    // Packed rules ([actions, subjects, ...]): only what modules grant to the key's scopes (disputes: dispute.intake).
    const subjects = (r.data.me.abilityRules as unknown[][]).flatMap((rule) => String(rule[1]).split(','));
    expect(subjects.filter((s) => !/^Dispute/.test(s))).toEqual([]);
    const [k] = await c.sql(`SELECT last_used_at FROM api_key WHERE account_id = $1`, [id]);
    expect(k.last_used_at).toBeInstanceOf(Date);
    const list = await c.gql(LIST, { page: 1, perPage: 100 }, admin);
    expect(list.data.serviceAccounts.items.find((i: { id: string }) => i.id === id).lastUsedAt).not.toBeNull();
  });

  it('writes the last use at most once a minute', async () => {
    const { id, apiKey } = await create();
    await c.sql(`UPDATE api_key SET last_used_at = now() - interval '30 seconds' WHERE account_id = $1`, [id]);
    const [before] = await c.sql(`SELECT last_used_at FROM api_key WHERE account_id = $1`, [id]);
    await c.gql(ME, undefined, apiKey);
    const [same] = await c.sql(`SELECT last_used_at FROM api_key WHERE account_id = $1`, [id]);
    expect(same.last_used_at.getTime()).toBe(before.last_used_at.getTime());
    await c.sql(`UPDATE api_key SET last_used_at = now() - interval '2 minutes' WHERE account_id = $1`, [id]);
    await c.gql(ME, undefined, apiKey);
    const [moved] = await c.sql(`SELECT last_used_at, now() - last_used_at < interval '10 seconds' AS fresh FROM api_key WHERE account_id = $1`, [id]);
    expect(moved.fresh).toBe(true);
  });

  it('a malformed or unknown key is UNAUTHENTICATED', async () => {
    const { apiKey } = await create();
    errorOf(await c.gql(ME, undefined, `${apiKey.slice(0, -1)}${apiKey.endsWith('A') ? 'B' : 'A'}`), 'UNAUTHENTICATED');
    errorOf(await c.gql(ME, undefined, 'mcsk_short'), 'UNAUTHENTICATED');
    errorOf(await c.gql(ME, undefined, `${apiKey}x`), 'UNAUTHENTICATED');
  });

  it('password sign-in with the service login name fails like a wrong password, whatever the password', async () => {
    const { loginName } = await create();
    const SIGN_IN = 'mutation($i: SignInInput!) { signIn(input: $i) { token } }';
    const wrong = errorOf(await c.gql(SIGN_IN, { i: { loginName: 'admin2', password: 'Not-The-Password-1' } }), 'UNAUTHENTICATED');
    for (const password of ['!', 'Demo@2026!', 'Tall-Window-Rain-47']) {
      const e = errorOf(await c.gql(SIGN_IN, { i: { loginName, password } }), 'UNAUTHENTICATED');
      expect(e.message).toBe(wrong.message);
    }
    await c.sql(`DELETE FROM sign_in_lockout`);
  });

  it('a service actor reads no staff, merchant or store list and none of the people-only operations (inbox, sessions, password)', async () => {
    const { apiKey } = await create();
    for (const q of [
      '{ penalties { totalCount } }',
      '{ merchants { totalCount } }',
      '{ staffAccounts { totalCount } }',
      '{ auditEvents { totalCount } }',
      '{ serviceAccounts { totalCount } }',
      '{ dataSharingEntries { totalCount } }',
      '{ verificationQueue { totalCount } }',
      '{ storeRoles { totalCount } }',
      '{ staffRoleGrants { totalCount } }',
    ]) {
      errorOf(await c.gql(q, undefined, apiKey), 'FORBIDDEN');
    }
    for (const q of [
      '{ mySessions { id } }',
      '{ myNotifications { totalCount } }',
      '{ unreadNotificationCount }',
      '{ myVerification { id } }',
      '{ myStorePermissions }',
      'mutation { signOut }',
      'mutation { changeMyPassword(input: { currentPassword: "!", newPassword: "Tall-Window-Rain-47" }) }',
      'mutation { markNotificationsRead }',
    ]) {
      const e = errorOf(await c.gql(q, undefined, apiKey), 'FORBIDDEN');
      expect(e.extensions.errorCode, q).toBe('NOT_FOR_SERVICE_ACCOUNTS');
    }
    // Still signed in: nothing above revoked or changed the key.
    expect((await c.gql(ME, undefined, apiKey)).data.me.kind).toBe('service');
  });

  it('no permission contributor gives a service actor anything but dispute rights, whatever scopes its key holds', () => {
    installAllModules();
    const actor: Actor = { accountId: '1', kind: 'service', loginName: 'svc-x', roles: [], scopes: [...SERVICE_SCOPES], sessionId: 'key:1' };
    expect(hasScope(actor, 'dispute.intake')).toBe(true);
    expect(hasScope({ ...actor, scopes: [] }, 'dispute.intake')).toBe(false);
    expect(hasScope({ ...actor, kind: 'staff', roles: ['admin'] }, 'dispute.intake')).toBe(false);
    const subjects = defineAbilityFor(actor).rules.flatMap((r) => [r.subject].flat().map(String));
    expect(subjects.filter((s) => !/^Dispute/.test(s))).toEqual([]);
    expect(defineAbilityFor({ ...actor, scopes: [] }).rules).toEqual([]);
  });
});

describe('revoking and rotating keys', () => {
  it('a dispute.intake key opens a dispute (idempotent by after-sales number) and no longer once revoked; a key without the scope cannot', async () => {
    const { id, apiKey } = await create('After-sales intake');
    const [store] = await c.sql(`SELECT s.id::text AS id FROM store s JOIN merchant m ON m.id = s.merchant_id JOIN account a ON a.id = m.account_id WHERE a.login_name = 'owner1'`);
    const OPEN = 'mutation($i: OpenDisputeInput!) { openDispute(input: $i) { disputeId created } }';
    const input = {
      storeId: store.id,
      orderNumber: 'O-SVC-1',
      afterSalesNumber: `AS-SVC-${Date.now()}`,
      claimType: 'not_received',
      amountClaimed: 5000,
      description: 'Parcel never arrived.',
      buyerName: '李买家',
      buyerMobile: '13912345678',
      buyerAddress: '上海市浦东新区世纪大道 1 号',
    };
    const first = await c.gql(OPEN, { i: input }, apiKey);
    expect(first.errors, JSON.stringify(first.errors)).toBeUndefined();
    const again = await c.gql(OPEN, { i: input }, apiKey);
    expect(again.data.openDispute).toEqual({ disputeId: first.data.openDispute.disputeId, created: false });
    // It reads nothing of what it opened.
    errorOf(await c.gql('query($id: ID!) { dispute(id: $id) { id } }', { id: first.data.openDispute.disputeId }, apiKey), 'FORBIDDEN');
    await c.gql(REVOKE, { id }, admin);
    errorOf(await c.gql(OPEN, { i: { ...input, afterSalesNumber: `${input.afterSalesNumber}-2` } }, apiKey), 'UNAUTHENTICATED');
    // A key whose scopes the disputes module does not know (a retired scope, set directly) opens nothing.
    const other = await create('No-scope integration');
    await c.sql(`UPDATE api_key SET scopes = '{}' WHERE account_id = $1`, [other.id]);
    errorOf(await c.gql(OPEN, { i: { ...input, afterSalesNumber: `${input.afterSalesNumber}-3` } }, other.apiKey), 'FORBIDDEN');
  });

  it('a revoked key is UNAUTHENTICATED from the next request; revoking again is KEY_ALREADY_REVOKED; both audited', async () => {
    const { id, apiKey } = await create();
    expect((await c.gql(ME, undefined, apiKey)).errors).toBeUndefined();
    const r = await c.gql(REVOKE, { id }, admin);
    expect(r.errors).toBeUndefined();
    expect(r.data.revokeServiceAccountKey).toMatchObject({ status: 'revoked', keyPrefix: apiKey.slice(0, 12) });
    expect(r.data.revokeServiceAccountKey.revokedAt).not.toBeNull();
    errorOf(await c.gql(ME, undefined, apiKey), 'UNAUTHENTICATED');
    expect(errorOf(await c.gql(REVOKE, { id }, admin), 'CONFLICT').extensions.errorCode).toBe('KEY_ALREADY_REVOKED');
    const [k] = await c.sql(`SELECT k.revoked_by, a.login_name FROM api_key k JOIN account a ON a.id = k.revoked_by WHERE k.account_id = $1`, [id]);
    expect(k.login_name).toBe('admin');
    const audits = await c.sql(`SELECT after FROM audit_event WHERE action = 'serviceAccount.revokeKey' AND target_id = $1`, [id]);
    expect(audits).toHaveLength(1);
  });

  it('20 parallel revocations: exactly one applies', async () => {
    const { id } = await create();
    const results = await Promise.all(Array.from({ length: 20 }, () => c.gql(REVOKE, { id }, admin)));
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    for (const r of results.filter((x) => x.errors)) expect(r.errors![0].extensions.errorCode).toBe('KEY_ALREADY_REVOKED');
  });

  it('rotating issues a new key with the same scopes and kills the old one at once; 10 parallel rotations leave one active key', async () => {
    const { id, apiKey } = await create();
    const r = await c.gql(ROTATE, { id }, admin);
    expect(r.errors).toBeUndefined();
    const fresh = r.data.rotateServiceAccountKey.apiKey;
    expect(fresh).not.toBe(apiKey);
    expect(r.data.rotateServiceAccountKey.serviceAccount).toMatchObject({ status: 'active', scopes: ['dispute.intake'], keyPrefix: fresh.slice(0, 12) });
    errorOf(await c.gql(ME, undefined, apiKey), 'UNAUTHENTICATED');
    expect((await c.gql(ME, undefined, fresh)).data.me.id).toBe(id);
    const parallel = await Promise.all(Array.from({ length: 10 }, () => c.gql(ROTATE, { id }, admin)));
    expect(parallel.every((x) => !x.errors)).toBe(true);
    const [{ active }] = await c.sql(`SELECT count(*)::int AS active FROM api_key WHERE account_id = $1 AND revoked_at IS NULL`, [id]);
    expect(active).toBe(1);
    const last = await c.sql(`SELECT key_hash FROM api_key WHERE account_id = $1 AND revoked_at IS NULL`, [id]);
    const winner = parallel.map((x) => x.data.rotateServiceAccountKey.apiKey).find((k: string) => sha256(k) === last[0].key_hash);
    expect((await c.gql(ME, undefined, winner)).data.me.kind).toBe('service');
    // A revoked account gets a key again by rotation.
    await c.gql(REVOKE, { id }, admin);
    const again = await c.gql(ROTATE, { id }, admin);
    expect(again.data.rotateServiceAccountKey.serviceAccount.status).toBe('active');
  });

  it('a disabled service account is UNAUTHENTICATED with its key and gets no new one', async () => {
    const { id, apiKey } = await create();
    await c.sql(`UPDATE account SET status = 'disabled' WHERE id = $1`, [id]);
    errorOf(await c.gql(ME, undefined, apiKey), 'UNAUTHENTICATED');
    expect(errorOf(await c.gql(ROTATE, { id }, admin), 'CONFLICT').extensions.errorCode).toBe('SERVICE_ACCOUNT_DISABLED');
    const list = await c.gql(LIST, { page: 1, perPage: 100 }, admin);
    expect(list.data.serviceAccounts.items.find((i: { id: string }) => i.id === id).status).toBe('disabled');
  });

  it('ids that are not service accounts answer NOT_FOUND', async () => {
    const [staff] = await c.sql(`SELECT id::text FROM account WHERE login_name = 'lead'`);
    errorOf(await c.gql(REVOKE, { id: staff.id }, admin), 'NOT_FOUND');
    errorOf(await c.gql(ROTATE, { id: staff.id }, admin), 'NOT_FOUND');
    errorOf(await c.gql(REVOKE, { id: 'abc' }, admin), 'NOT_FOUND');
  });
});
