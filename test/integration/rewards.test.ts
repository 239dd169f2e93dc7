import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxPayoutProvider } from '../../server/core/payout-provider';
import { sweepPayouts } from '../../server/modules/rewards/rewards.payouts';
import { errorOf, startTestConsole, type TestConsole } from '../helpers/console';

let c: TestConsole;
let reviewer: string, lead: string, finance: string, finance2: string, support: string, owner1: string, owner2: string, staff1: string;
let store1: string, store2: string, other: string;
let seq = 0;

const REWARD = 'id status version amount storeId programmeCode payout { id businessNumber status holdReason attempts version }';
const PROPOSE = `mutation($i: ProposeRewardInput!) { proposeReward(input: $i) { ${REWARD} } }`;
const APPROVE = `mutation($i: RewardDecisionInput!) { approveReward(input: $i) { ${REWARD} } }`;
const GET = `query($id: ID!) { reward(id: $id) { ${REWARD} } }`;

function ok<T = any>(r: { data?: any; errors?: unknown }): T {
  expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
  return r.data;
}
const sandbox = () => c.app.payouts as SandboxPayoutProvider;

async function programme(budget: number): Promise<string> {
  const code = `P${Date.now()}_${++seq}`;
  ok(await c.gql('mutation($i: CreateProgrammeInput!) { createRewardProgramme(input: $i) { id } }', { i: { code, nameZh: '服务之星', nameEn: 'Service star', budget } }, finance));
  return code;
}
async function propose(programmeCode: string, amount: number, storeId = store1, token = reviewer) {
  return ok(await c.gql(PROPOSE, { i: { storeId, programmeCode, amount, reason: 'Best service in November', periodStart: '2026-11-01', periodEnd: '2026-11-30' } }, token)).proposeReward;
}
async function approve(r: { id: string; version: number }, token: string) {
  return c.gql(APPROVE, { i: { id: r.id, version: r.version } }, token);
}
const get = async (id: string, token = finance) => ok(await c.gql(GET, { id }, token)).reward;
async function payoutStatus(id: string, status: string) {
  try {
    return await c.waitFor(async () => ((await get(id)).payout?.status === status ? get(id) : undefined), 20_000);
  } catch (e) {
    throw new Error(`payout of reward ${id} is not ${status}: ${JSON.stringify((await get(id)).payout)}`, { cause: e });
  }
}

/** Gives a store a confirmed payout account matching its verified name (the owner's flow is tested in payout-accounts.test.ts). */
async function payoutAccount(storeId: string, payeeName?: string) {
  const [v] = await c.sql(`SELECT s.real_name_enc FROM verification_case vc JOIN verification_submission s ON s.id = vc.submission_id WHERE vc.store_id = $1`, [storeId]);
  const name = payeeName ?? c.app.cipher.decrypt(v.real_name_enc);
  await c.sql(
    `INSERT INTO payout_account (store_id, status, alipay_login_enc, payee_name_enc, activated_at, hold_until, name_matches) VALUES ($1, 'active', $2, $3, now() - interval '2 days', now() - interval '1 day', true)
     ON CONFLICT (store_id) DO UPDATE SET alipay_login_enc = EXCLUDED.alipay_login_enc, payee_name_enc = EXCLUDED.payee_name_enc, hold_until = EXCLUDED.hold_until`,
    [storeId, c.app.cipher.encrypt('13800001234'), c.app.cipher.encrypt(name)],
  );
}

beforeAll(async () => {
  c = await startTestConsole();
  // A second finance person, for the two-approver rule.
  await c.sql(`UPDATE account SET platform_roles = '{finance}' WHERE login_name = 'admin2'`);
  [reviewer, lead, finance, finance2, support, owner1, owner2, staff1] = await Promise.all(['reviewer', 'lead', 'finance', 'admin2', 'support', 'owner1', 'owner2', 'staff1'].map((l) => c.signIn(l)));
  store1 = (await c.gql('{ me { storeId } }', {}, owner1)).data.me.storeId;
  store2 = (await c.gql('{ me { storeId } }', {}, owner2)).data.me.storeId;
  await payoutAccount(store1);
  // A verified, open store of a generated merchant (owner2's store is not verified yet).
  [{ id: other }] = await c.sql(
    `SELECT s.id::text FROM store s JOIN verification_case vc ON vc.store_id = s.id AND vc.status = 'approved' WHERE s.status = 'open' AND s.id <> $1 ORDER BY s.id LIMIT 1`,
    [store1],
  );
});
afterAll(async () => {
  if (c) c.app.clock = undefined;
  await c?.close();
});

describe('money is integer fen', () => {
  it('adds exactly, sorts numerically and refuses anything but a safe whole number', async () => {
    const p = await programme(10_000_000);
    const a = await propose(p, 10);
    const b = await propose(p, 20);
    // The largest amount the API carries: the three still add up exactly.
    const big = await propose(p, 9_007_199_254_740_961);
    expect(big.amount).toBe(9_007_199_254_740_961);
    const totals = ok(await c.gql('query($f: RewardFilter) { rewardTotals(filter: $f) { status count amount } }', { f: { programmeCode: p } }, finance)).rewardTotals;
    expect(totals).toEqual([{ status: 'proposed', count: 3, amount: Number.MAX_SAFE_INTEGER }]);
    expect((await c.sql('SELECT sum(amount)::text AS s FROM reward WHERE id = ANY($1::bigint[])', [[a.id, b.id]]))[0].s).toBe('30');
    const sorted = ok(await c.gql('query($f: RewardFilter) { rewards(filter: $f, sort: { field: "amount", order: ASC }) { items { id amount } } }', { f: { programmeCode: p } }, finance)).rewards
      .items;
    expect(sorted.map((r: { id: string }) => r.id)).toEqual([a.id, b.id, big.id]);
    for (const amount of [0, -5, 12.5, 2 ** 53, '100', 1e21]) {
      const r = await c.gql(PROPOSE, { i: { storeId: store1, programmeCode: p, amount, reason: 'x reason', periodStart: '2026-11-01', periodEnd: '2026-11-30' } }, reviewer);
      expect(r.errors?.[0]?.extensions.code, String(amount)).toBe('BAD_USER_INPUT');
    }
  });
});

describe('approval rules', () => {
  it('the proposer never approves; finance at or above the threshold; two different people above the second', async () => {
    const p = await programme(100_000_000);
    const small = await propose(p, 50_000, store1, finance);
    expect(errorOf(await approve(small, finance), 'FORBIDDEN').extensions.errorCode).toBe('PROPOSER_CANNOT_APPROVE');
    expect(ok(await approve(small, lead)).approveReward.status).toBe('approved');

    const mid = await propose(p, 100_000);
    expect(errorOf(await approve(mid, lead), 'FORBIDDEN').extensions.errorCode).toBe('FINANCE_REQUIRED');
    expect(ok(await approve(mid, finance)).approveReward.status).toBe('approved');

    const large = await propose(p, 1_000_001);
    const first = ok(await approve(large, finance)).approveReward;
    expect(first.status).toBe('pending_second_approval');
    expect(first.payout).toBeNull();
    expect(errorOf(await approve(first, finance), 'FORBIDDEN').extensions.errorCode).toBe('SECOND_APPROVER_REQUIRED');
    expect(ok(await approve(first, finance2)).approveReward.status).toBe('approved');
  });

  it('is refused to roles that do not propose or approve', async () => {
    const p = await programme(1_000_000);
    errorOf(await c.gql(PROPOSE, { i: { storeId: store1, programmeCode: p, amount: 100, reason: 'x reason', periodStart: '2026-11-01', periodEnd: '2026-11-30' } }, support), 'FORBIDDEN');
    errorOf(await c.gql(PROPOSE, { i: { storeId: store1, programmeCode: p, amount: 100, reason: 'x reason', periodStart: '2026-11-01', periodEnd: '2026-11-30' } }, owner1), 'FORBIDDEN');
    const r = await propose(p, 100);
    for (const token of [reviewer, support, owner1]) errorOf(await approve(r, token), 'FORBIDDEN');
  });

  it('never exceeds the budget under 20 concurrent approvals', async () => {
    const p = await programme(1_000);
    const rs = [];
    for (let i = 0; i < 20; i++) rs.push(await propose(p, 100));
    const results = await Promise.all(rs.map((r, i) => approve(r, i % 2 ? lead : finance)));
    expect(results.filter((r) => !r.errors)).toHaveLength(10);
    expect(results.filter((r) => r.errors?.[0]?.extensions.errorCode === 'BUDGET_EXCEEDED')).toHaveLength(10);
    const [g] = await c.sql('SELECT approved_total::text, budget::text FROM reward_programme WHERE code = $1', [p]);
    expect(g).toEqual({ approved_total: '1000', budget: '1000' });
  });

  it('20 parallel approvals of one reward: exactly one succeeds, the rest CONFLICT', async () => {
    const p = await programme(1_000_000);
    const r = await propose(p, 500);
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => approve(r, i % 2 ? lead : finance)));
    expect(results.filter((x) => !x.errors)).toHaveLength(1);
    expect(results.filter((x) => x.errors?.[0]?.extensions.code === 'CONFLICT')).toHaveLength(19);
    expect((await c.sql('SELECT count(*)::int AS n FROM payout WHERE reward_id = $1', [r.id]))[0].n).toBe(1);
  });
});

describe('payouts exactly once', () => {
  const transfersOf = async (bn: string) => (await sandbox().records()).filter((x) => x.businessNumber === bn);

  it('pays an approved reward once: ledger, register entry and the merchant told', async () => {
    const p = await programme(1_000_000);
    const r = ok(await approve(await propose(p, 12_345), lead)).approveReward;
    const paid = await payoutStatus(r.id, 'succeeded');
    expect(paid.payout.businessNumber).toMatch(/^RW\d{14}$/);
    expect(await transfersOf(paid.payout.businessNumber)).toEqual([expect.objectContaining({ amountFen: 12_345 })]);
    expect(await c.sql('SELECT amount::text FROM payout_ledger WHERE payout_id = $1', [paid.payout.id])).toEqual([{ amount: '12345' }]);
    const [entry] = await c.sql(`SELECT e.fields, r.key FROM data_sharing_entry e JOIN data_sharing_recipient r ON r.id = e.recipient_id WHERE cause_kind = 'payout' AND cause_id = $1`, [
      paid.payout.id,
    ]);
    expect(entry).toEqual({ key: 'alipay', fields: ['payee_name', 'payout_account', 'amount', 'business_number'] });
    await c.waitFor(async () => (await c.sql(`SELECT 1 FROM notification WHERE link = $1`, [`/rewards/${r.id}/show`])).length > 0);
  });

  it('an answer lost after paying is settled by a query: one transfer', async () => {
    const p = await programme(1_000_000);
    sandbox().injectFaults('timeout_after_paying');
    const r = ok(await approve(await propose(p, 777), lead)).approveReward;
    const paid = await payoutStatus(r.id, 'succeeded');
    expect(paid.payout.attempts).toBeGreaterThanOrEqual(2);
    expect(await transfersOf(paid.payout.businessNumber)).toHaveLength(1);
    expect((await c.sql('SELECT count(*)::int AS n FROM payout_ledger WHERE payout_id = $1', [paid.payout.id]))[0].n).toBe(1);
  });

  it('a refused transfer fails; finance retries it; it is paid once', async () => {
    const p = await programme(1_000_000);
    sandbox().injectFaults('fail');
    const r = ok(await approve(await propose(p, 888), lead)).approveReward;
    const failed = await payoutStatus(r.id, 'failed');
    errorOf(await c.gql('mutation($i: PayoutDecisionInput!) { retryPayout(input: $i) { id } }', { i: { id: failed.payout.id, version: failed.payout.version } }, lead), 'FORBIDDEN');
    ok(await c.gql('mutation($i: PayoutDecisionInput!) { retryPayout(input: $i) { id } }', { i: { id: failed.payout.id, version: failed.payout.version } }, finance));
    const paid = await payoutStatus(r.id, 'succeeded');
    expect(await transfersOf(paid.payout.businessNumber)).toHaveLength(1);
  });

  it('holds a store without a payout account, and releases it when the account is set', async () => {
    const p = await programme(1_000_000);
    const r = ok(await approve(await propose(p, 999, other), lead)).approveReward;
    const held = await payoutStatus(r.id, 'held');
    expect(held.payout.holdReason).toBe('no_account');
    await payoutAccount(other);
    await sweepPayouts(c.app);
    await payoutStatus(r.id, 'succeeded');
  });

  it('holds on a payee name that does not match the verified identity', async () => {
    const p = await programme(1_000_000);
    await payoutAccount(other, '别人的名字');
    try {
      const r = ok(await approve(await propose(p, 321, other), lead)).approveReward;
      expect((await payoutStatus(r.id, 'held')).payout.holdReason).toBe('name_mismatch');
    } finally {
      await payoutAccount(other);
    }
  });

  it('holds a suspended store', async () => {
    const p = await programme(1_000_000);
    await c.sql(`UPDATE store SET status = 'suspended' WHERE id = $1`, [other]);
    try {
      const r = ok(await approve(await propose(p, 654, other), lead)).approveReward;
      expect((await payoutStatus(r.id, 'held')).payout.holdReason).toBe('store_suspended');
    } finally {
      await c.sql(`UPDATE store SET status = 'open' WHERE id = $1`, [other]);
    }
  });
});

describe('the store sees its own rewards', () => {
  it('owner and a sub-account with rewards view see amounts and statuses; another store answers NOT_FOUND', async () => {
    const p = await programme(1_000_000);
    const r = await propose(p, 4_321);
    expect((await get(r.id, owner1)).amount).toBe(4_321);
    const mine = ok(await c.gql('{ rewards(perPage: 100) { items { storeId } } }', {}, owner2)).rewards.items;
    expect(mine.every((x: { storeId: string }) => x.storeId === store2)).toBe(true);
    errorOf(await c.gql(GET, { id: r.id }, owner2), 'NOT_FOUND');
    // staff1 (customer service) has no rewards view.
    errorOf(await c.gql(GET, { id: r.id }, staff1), 'FORBIDDEN');
  });
});
