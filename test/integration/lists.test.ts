import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countStatements, startTestConsole, type TestConsole } from '../helpers/console';

let c: TestConsole;
beforeAll(async () => {
  c = await startTestConsole({ merchants: 120 });
});
afterAll(() => c?.close());

const LIST =
  'query($p: Int, $pp: Int, $s: SortInput, $f: MerchantFilter) { merchants(page: $p, perPage: $pp, sort: $s, filter: $f) { totalCount totalCountExact items { id nickname createdAt store { status } } } }';

describe('list pages', () => {
  it('cost the same number of SQL statements whatever the page size', async () => {
    const token = await c.signIn('lead');
    await c.gql(LIST, { pp: 1 }, token); // warm-up (session touch)
    const small = await countStatements(c, () => c.gql(LIST, { pp: 10 }, token));
    const large = await countStatements(c, () => c.gql(LIST, { pp: 100 }, token));
    expect(small).toBe(large);
    expect(small).toBeLessThanOrEqual(4);
    const queue = (pp: number) => c.gql('query($pp: Int) { verificationQueue(perPage: $pp) { totalCount items { id assignee { id } } } }', { pp }, token);
    expect(await countStatements(c, () => queue(10))).toBe(await countStatements(c, () => queue(100)));
  });

  it('pages cover every row exactly once, in order, with filters and sorts', async () => {
    const token = await c.signIn('lead');
    for (const [sort, filter] of [
      [{ field: 'createdAt', order: 'DESC' }, {}],
      [{ field: 'nickname', order: 'ASC' }, {}],
      [{ field: 'id', order: 'ASC' }, { storeStatus: 'open' }],
    ] as const) {
      const all: string[] = [];
      let total = 0;
      for (let p = 1; p <= 20; p++) {
        const r = await c.gql(LIST, { p, pp: 7, s: sort, f: filter }, token);
        total = r.data.merchants.totalCount;
        if (!r.data.merchants.items.length) break;
        all.push(...r.data.merchants.items.map((m: { id: string }) => m.id));
      }
      expect(new Set(all).size).toBe(all.length);
      expect(all.length).toBe(total);
      const where = 'storeStatus' in filter ? `WHERE s.status = 'open'` : '';
      const col = sort.field === 'createdAt' ? 'm.created_at' : sort.field === 'nickname' ? 'm.nickname' : 'm.id';
      const expected = await c.sql(`SELECT m.id FROM merchant m JOIN store s ON s.merchant_id = m.id ${where} ORDER BY ${col} ${sort.order}, m.id ${sort.order}`);
      expect(all).toEqual(expected.map((r) => String(r.id)));
    }
  });

  it('searches by nickname prefix or exact platform account id, and treats % and _ literally', async () => {
    const token = await c.signIn('support');
    const [m] = await c.sql(`SELECT platform_account_id, nickname FROM merchant ORDER BY id DESC LIMIT 1`);
    const byId = await c.gql(LIST, { f: { q: m.platform_account_id } }, token);
    expect(byId.data.merchants.items.map((x: { nickname: string }) => x.nickname)).toEqual([m.nickname]);
    const prefix = [...m.nickname].slice(0, 2).join('');
    const byPrefix = await c.gql(LIST, { f: { q: prefix }, pp: 100 }, token);
    expect(byPrefix.data.merchants.items.every((x: { nickname: string }) => x.nickname.startsWith(prefix))).toBe(true);
    expect((await c.gql(LIST, { f: { q: '%' } }, token)).data.merchants.totalCount).toBe(0);
  });
});

describe('reused list totals', () => {
  it('a total is reused between page turns but never survives a change committed by this process', async () => {
    const token = await c.signIn('reviewer');
    const Q = '{ verificationQueue(filter: { statuses: ["submitted", "in_review"] }) { totalCount } }';
    const before = (await c.gql(Q, {}, token)).data.verificationQueue.totalCount;
    const [row] = await c.sql(`SELECT id, row_version FROM verification_case WHERE status = 'approved' LIMIT 1`);
    // A change made behind the console's back (another process) shows within COUNT_TTL_MS ...
    await c.sql(`UPDATE verification_case SET status = 'submitted' WHERE id = $1`, [row.id]);
    const stale = (await c.gql(Q, {}, token)).data.verificationQueue.totalCount;
    expect([before, before + 1]).toContain(stale);
    // ... and a change committed by this process is counted at once.
    const claimed = await c.gql('mutation($id: ID!, $v: Int!) { claimVerification(id: $id, version: $v) { status } }', { id: String(row.id), v: row.row_version }, token);
    expect(claimed.errors).toBeUndefined();
    expect((await c.gql(Q, {}, token)).data.verificationQueue.totalCount).toBe(before + 1);
  });
});
