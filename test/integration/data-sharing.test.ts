import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../../server/core/context';
import { transaction } from '../../server/core/transaction';
import { servicesOf } from '../../server/modules/services';
import { errorOf, startTestConsole, type TestConsole } from '../helpers/console';

let c: TestConsole;
let store1: string;
let store2: string;
beforeAll(async () => {
  c = await startTestConsole();
  const rows = await c.sql<{ id: string; login_name: string }>(
    `SELECT s.id::text AS id, a.login_name FROM store s JOIN merchant m ON m.id = s.merchant_id JOIN account a ON a.id = m.account_id WHERE a.login_name IN ('owner1', 'owner2')`,
  );
  store1 = rows.find((r) => r.login_name === 'owner1')!.id;
  store2 = rows.find((r) => r.login_name === 'owner2')!.id;
});
afterAll(() => c?.close());

const share = (over: Record<string, unknown> = {}) => ({
  recipientKey: 'alipay',
  storeId: store1,
  purpose: 'reward payout',
  legalGround: '4.1a',
  fields: ['payee_name', 'payout_account', 'amount'],
  cause: { kind: 'payout' as const, id: 'P-1' },
  ...over,
});
const record = (input: ReturnType<typeof share>) => transaction(systemContext(c.app), (tx) => servicesOf(c.app).dataSharing.record(tx, input));
const SEARCH = 'query($f: DataSharingFilter) { dataSharingEntries(filter: $f, perPage: 100) { items { id storeId recipientKey legalGround fields causeKind causeId } totalCount } }';

describe('data-sharing register (policy 4.1, 4.4)', () => {
  it('records a share whose ground fits its recipient and whose fields are within the minimum set', async () => {
    const { id } = await record(share());
    const [row] = await c.sql(`SELECT store_id::text AS store_id, legal_ground, fields, cause_kind, cause_id FROM data_sharing_entry WHERE id = $1`, [id]);
    expect(row).toEqual({ store_id: store1, legal_ground: '4.1a', fields: ['payee_name', 'payout_account', 'amount'], cause_kind: 'payout', cause_id: 'P-1' });
  });

  it('refuses a ground that does not fit the recipient kind, fields beyond its minimum set, and an unknown recipient, writing nothing', async () => {
    const [{ n: before }] = await c.sql(`SELECT count(*)::int AS n FROM data_sharing_entry`);
    await expect(record(share({ legalGround: '4.1i' }))).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT', errorCode: 'GROUND_NOT_FIT' } });
    await expect(record(share({ recipientKey: 'buyer', legalGround: '4.1a', fields: ['name'] }))).rejects.toMatchObject({ extensions: { errorCode: 'GROUND_NOT_FIT' } });
    await expect(record(share({ fields: ['payee_name', 'id_number'] }))).rejects.toMatchObject({ extensions: { errorCode: 'FIELDS_BEYOND_MINIMUM' } });
    await expect(record(share({ fields: [] }))).rejects.toMatchObject({ extensions: { errorCode: 'FIELDS_BEYOND_MINIMUM' } });
    await expect(record(share({ recipientKey: 'nobody' }))).rejects.toMatchObject({ extensions: { errorCode: 'UNKNOWN_RECIPIENT' } });
    const [{ n: after }] = await c.sql(`SELECT count(*)::int AS n FROM data_sharing_entry`);
    expect(after).toBe(before);
  });

  it('keeps entries append-only: an UPDATE or DELETE is refused by the database', async () => {
    const { id } = await record(share({ cause: { kind: 'payout', id: 'P-append' } }));
    await expect(c.sql(`UPDATE data_sharing_entry SET purpose = 'x' WHERE id = $1`, [id])).rejects.toThrow(/append-only/);
    await expect(c.sql(`DELETE FROM data_sharing_entry WHERE id = $1`, [id])).rejects.toThrow(/append-only/);
  });

  it('lets legal search every store by filter, newest first, page by page', async () => {
    await record(share({ recipientKey: 'buyer', legalGround: '4.1i', fields: ['name', 'contact'], storeId: store2, cause: { kind: 'disclosure', id: 'D-1' } }));
    const legal = await c.signIn('legal');
    const byBuyer = await c.gql(SEARCH, { f: { recipientKey: 'buyer' } }, legal);
    expect(byBuyer.errors).toBeUndefined();
    expect(byBuyer.data.dataSharingEntries.items.map((e: { causeId: string }) => e.causeId)).toEqual(['D-1']);
    expect(byBuyer.data.dataSharingEntries.totalCount).toBe(1);
    const [{ n }] = await c.sql(`SELECT count(*)::int AS n FROM data_sharing_entry`);
    const ids: number[] = [];
    for (let page = 1; page <= n; page++) {
      const r = await c.gql('query($p: Int!) { dataSharingEntries(page: $p, perPage: 1) { items { id } totalCount } }', { p: page }, legal);
      expect(r.data.dataSharingEntries.totalCount).toBe(n);
      ids.push(Number(r.data.dataSharingEntries.items[0].id));
    }
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(new Set(ids).size).toBe(n);
    const bad = await c.gql(SEARCH, { f: { legalGround: '9.9z' } }, legal);
    expect(errorOf(bad, 'BAD_USER_INPUT')).toBeTruthy();
  });

  it("shows a store owner only its own store's entries, whatever storeId it passes", async () => {
    const owner1 = await c.signIn('owner1');
    const own = await c.gql(SEARCH, { f: { storeId: store2 } }, owner1);
    expect(own.errors).toBeUndefined();
    const stores = new Set(own.data.dataSharingEntries.items.map((e: { storeId: string }) => e.storeId));
    expect([...stores]).toEqual([store1]);
    const [{ n }] = await c.sql(`SELECT count(*)::int AS n FROM data_sharing_entry WHERE store_id = $1`, [store1]);
    expect(own.data.dataSharingEntries.totalCount).toBe(n);
  });

  it('refuses the register to roles without the permission', async () => {
    for (const login of ['reviewer', 'support']) expect(errorOf(await c.gql(SEARCH, {}, await c.signIn(login)), 'FORBIDDEN')).toBeTruthy();
    expect(errorOf(await c.gql(SEARCH, {}), 'UNAUTHENTICATED')).toBeTruthy();
  });

  it('lists the managed recipients with their minimum sets', async () => {
    const r = await c.gql('{ dataRecipients { key kind minimumFields } }', {}, await c.signIn('auditor'));
    expect(r.data.dataRecipients.find((x: { key: string }) => x.key === 'buyer')).toEqual({ key: 'buyer', kind: 'buyer', minimumFields: ['name', 'id_number', 'address', 'contact'] });
  });
});
