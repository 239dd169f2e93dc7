import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, startTestConsole, type TestConsole } from '../helpers/console';

let c: TestConsole;
beforeAll(async () => {
  c = await startTestConsole();
});
afterAll(() => c?.close());

const REVEAL = 'mutation($i: RevealInput!) { revealPersonalData(input: $i) { value } }';
const reveal = (id: string, purpose = 'merchant asked for a call back, ticket 4711') => ({ i: { subject: 'Merchant', id, field: 'mobile', purpose } });

async function someMerchantId(): Promise<string> {
  const [m] = await c.sql(`SELECT id FROM merchant ORDER BY id DESC LIMIT 1`);
  return String(m.id);
}

describe('encryption at rest', () => {
  it('stores mobiles as AES-256-GCM ciphertext with a key id, never in clear [policy 5.1.1]', async () => {
    const rows = await c.sql(`SELECT mobile_enc, mobile_hash FROM merchant`);
    for (const r of rows) {
      expect(r.mobile_enc).toMatch(/^v1\.t1\.[\w-]+\.[\w-]+\.[\w-]+$/);
      expect(r.mobile_enc).not.toMatch(/1[3-9]\d{9}/);
      expect(r.mobile_hash).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  it('stores files encrypted on disk and reads them back [policy 5.1.1]', async () => {
    const bytes = Buffer.from('\x89PNG fake id photo 110101199003071234');
    const key = await c.app.storage.put(bytes, { contentType: 'image/png' });
    const dir = path.join(c.app.config.dataDir, 'files');
    const raw = readFileSync(
      path.join(
        dir,
        readdirSync(dir).find((f) => f === key)!,
      ),
    );
    expect(raw.includes(Buffer.from('110101199003071234'))).toBe(false);
    expect(await c.app.storage.get(key)).toEqual({ bytes, contentType: 'image/png' });
  });
});

describe('masking and audited reveal', () => {
  it('lists and details show masked mobiles only [policy 5.1.2]', async () => {
    const token = await c.signIn('lead');
    const id = await someMerchantId();
    const r = await c.gql('query($id: ID!) { merchant(id: $id) { mobileMasked } }', { id }, token);
    expect(r.data.merchant.mobileMasked).toMatch(/^1\d\d\*{4}\d{4}$/);
  });

  it('ops_lead reveals with a purpose; the audit event records who, what, why, and only a mask [policy 5.1.2]', async () => {
    const token = await c.signIn('lead');
    const id = await someMerchantId();
    const r = await c.gql(REVEAL, reveal(id), token, { 'x-request-id': 'req-reveal-0001' });
    expect(r.data.revealPersonalData.value).toMatch(/^\+861[3-9]\d{9}$/);
    const [ev] = await c.sql(`SELECT * FROM audit_event WHERE action = 'personalData.reveal' AND target_id = $1 ORDER BY chain_seq DESC LIMIT 1`, [id]);
    expect(ev).toMatchObject({ actor_label: 'lead', outcome: 'success', target_type: 'Merchant', purpose: 'merchant asked for a call back, ticket 4711', request_id: 'req-reveal-0001' });
    expect(ev.ip).toMatch(/127\.0\.0\.1/);
    expect(JSON.stringify(ev.after)).not.toContain(r.data.revealPersonalData.value.slice(3));
    expect(ev.after.masked).toMatch(/\*{4}/);
  });

  it('a reviewer may read the merchant but not reveal: FORBIDDEN, audited as denied [policy 5.1.2]', async () => {
    const token = await c.signIn('reviewer');
    const id = await someMerchantId();
    const r = await c.gql(REVEAL, reveal(id), token);
    errorOf(r, 'FORBIDDEN');
    expect(JSON.stringify(r)).not.toMatch(/1[3-9]\d{9}/);
    const [ev] = await c.sql(`SELECT outcome FROM audit_event WHERE action = 'personalData.reveal' AND actor_label = 'reviewer' ORDER BY chain_seq DESC LIMIT 1`);
    expect(ev.outcome).toBe('denied');
  });

  it('a missing or too short purpose is BAD_USER_INPUT and audits nothing [policy 5.1.2]', async () => {
    const token = await c.signIn('lead');
    const [{ n: before }] = await c.sql(`SELECT count(*)::int AS n FROM audit_event WHERE action = 'personalData.reveal'`);
    const e = errorOf(await c.gql(REVEAL, reveal(await someMerchantId(), 'x'), token), 'BAD_USER_INPUT');
    expect(e.extensions.fields!.map((f) => f.field)).toEqual(['purpose']);
    const [{ n: after }] = await c.sql(`SELECT count(*)::int AS n FROM audit_event WHERE action = 'personalData.reveal'`);
    expect(after).toBe(before);
  });

  it('an unknown field is BAD_USER_INPUT', async () => {
    const token = await c.signIn('lead');
    const r = await c.gql(REVEAL, { i: { subject: 'Merchant', id: await someMerchantId(), field: 'passwordHash', purpose: 'curious about it' } }, token);
    errorOf(r, 'BAD_USER_INPUT');
  });

  it("a store owner reveals its own mobile, and gets NOT_FOUND for another store's", async () => {
    const owner1 = await c.signIn('owner1');
    const own = (await c.gql('{ me { merchantId } }', {}, owner1)).data.me.merchantId;
    const other = (await c.gql('{ me { merchantId } }', {}, await c.signIn('owner2'))).data.me.merchantId;
    expect((await c.gql(REVEAL, reveal(own, 'checking my own contact number'), owner1)).data.revealPersonalData.value).toMatch(/^\+86/);
    errorOf(await c.gql(REVEAL, reveal(other, 'checking my own contact number'), owner1), 'NOT_FOUND');
  });

  it('the auditor can answer "who saw this mobile, when and why" from the log [policy 5.1.2]', async () => {
    const id = await someMerchantId();
    const token = await c.signIn('auditor');
    const r = await c.gql(
      'query($f: AuditFilter) { auditEvents(filter: $f) { totalCount items { actorLabel occurredAt purpose outcome } } }',
      { f: { action: 'personalData.reveal', targetType: 'Merchant', targetId: id } },
      token,
    );
    const items = r.data.auditEvents.items;
    expect(items.some((e: { actorLabel: string; outcome: string }) => e.actorLabel === 'lead' && e.outcome === 'success')).toBe(true);
    expect(items.some((e: { actorLabel: string; outcome: string }) => e.actorLabel === 'reviewer' && e.outcome === 'denied')).toBe(true);
  });
});
