import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countStatements, startTestConsole, type TestConsole } from '../helpers/console';

/**
 * The disputes list (issue 12, "Speed"): a constant number of SQL statements per page whatever its
 * size (no statement per row for the store, the assignee or the thread), in latest-message order.
 */
let c: TestConsole;
let support: string;
const ids: string[] = [];

const OPEN = 'mutation($i: OpenDisputeInput!) { openDispute(input: $i) { disputeId } }';
const MESSAGE = 'mutation($i: DisputeMessageInput!) { addDisputeMessage(input: $i) { id messageCount } }';
const LIST = `query($p: Int, $pp: Int, $f: DisputeFilter) {
  disputes(page: $p, perPage: $pp, filter: $f) {
    totalCount items { id storeName claimType amountClaimed status buyerName buyerMobile responseDueOn workingDaysLeft overdue assigneeName latestMessageAt messageCount }
  }
}`;

function ok<T = any>(r: { data?: any; errors?: unknown }): T {
  expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
  return r.data;
}

beforeAll(async () => {
  c = await startTestConsole();
  support = await c.signIn('support');
  const owner = await c.signIn('owner1');
  const storeId = (await c.gql('{ me { storeId } }', {}, owner)).data.me.storeId;
  for (let k = 0; k < 12; k++) {
    const opened = ok(
      await c.gql(
        OPEN,
        {
          i: {
            storeId,
            orderNumber: `OL${k}`,
            afterSalesNumber: `ASL-${Date.now()}-${k}`,
            claimType: k % 2 ? 'quality' : 'not_received',
            amountClaimed: 1000 + k,
            description: 'The parcel never arrived.',
            buyerName: '李小红',
            buyerMobile: '13800001111',
          },
        },
        support,
      ),
    );
    ids.push(opened.openDispute.disputeId);
  }
  // Zero, one and several messages: the older disputes get the newer messages.
  for (const [k, n] of [
    [0, 3],
    [2, 1],
    [5, 2],
  ] as const) {
    for (let m = 0; m < n; m++) ok(await c.gql(MESSAGE, { i: { disputeId: ids[k], body: `Reply ${m}` } }, support));
  }
});
afterAll(() => c?.close());

describe('disputes list', () => {
  it('costs one SQL statement per page, for perPage 5 and perPage 100 alike', async () => {
    await c.gql(LIST, { pp: 1 }, support); // warm-up (session look-up and touch)
    const small = await countStatements(c, () => c.gql(LIST, { pp: 5 }, support));
    const large = await countStatements(c, () => c.gql(LIST, { pp: 100 }, support));
    expect(small).toBe(large);
    // The list statement (page, rows and capped count together); the calendar for days left is reused.
    expect(small).toBe(1);
    const filtered = (pp: number) => c.gql(LIST, { pp, f: { status: 'open' } }, support);
    expect(await countStatements(c, () => filtered(5))).toBe(await countStatements(c, () => filtered(100)));
  });

  it('pages of 5 list every dispute once, latest message first, with masked buyers', async () => {
    const all = ok(await c.gql(LIST, { pp: 100 }, support)).disputes;
    const seen: any[] = [];
    for (let p = 1; p <= Math.ceil(all.totalCount / 5); p++) seen.push(...ok(await c.gql(LIST, { p, pp: 5 }, support)).disputes.items);
    expect(seen.map((d) => d.id)).toEqual(all.items.map((d: { id: string }) => d.id));
    expect(new Set(seen.map((d) => d.id)).size).toBe(all.totalCount);
    for (const id of ids) expect(seen.some((d) => d.id === id)).toBe(true);
    const at = seen.map((d) => Date.parse(d.latestMessageAt));
    expect(at).toEqual([...at].sort((a, b) => b - a));
    // The dispute with the latest message leads (the opening counts as a message time, not in the count).
    expect(seen[0].id).toBe(ids[5]);
    expect(seen.find((d) => d.id === ids[0]).messageCount).toBe(3);
    expect(seen.find((d) => d.id === ids[11]).messageCount).toBe(0);
    for (const d of seen.filter((x) => ids.includes(x.id))) {
      expect(d.buyerMobile).toMatch(/^\d{3}\*+\d{4}$/);
      expect(d.buyerName).not.toBe('李小红');
    }
  });
});
