import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_IMAGE_PNG } from '../../server/seed/demo-image';
import { servicesOf } from '../../server/modules/services';
import { errorOf, startTestConsole, type TestConsole } from '../helpers/console';

let c: TestConsole;
let support: string, lead: string, legal: string, auditor: string, reviewer: string, owner1: string, owner2: string, staff1: string;
let store1: string, store2: string;
let seq = 0;

const OPEN = 'mutation($i: OpenDisputeInput!) { openDispute(input: $i) { disputeId afterSalesNumber status created } }';
const VIEW = `id status version storeId responseDueOn workingDaysLeft overdue deadlineMissed proposedResolution resolution refundAmount amountClaimed
  buyerName buyerMobile messageCount latestMessageAt messages { id authorKind body internal files { id } } disclosures { id status requestedFields approvedFields version viewCount maxViews }`;
const GET = `query($id: ID!) { dispute(id: $id) { ${VIEW} } }`;
const STEP = `mutation($i: DisputeStepInput!) { disputeStep(input: $i) { ${VIEW} } }`;
const RESOLVE = `mutation($i: ResolveDisputeInput!) { resolveDispute(input: $i) { ${VIEW} } }`;
const MESSAGE = `mutation($i: DisputeMessageInput!) { addDisputeMessage(input: $i) { ${VIEW} } }`;
const REQUEST = `mutation($i: RequestDisclosureInput!) { requestDisclosure(input: $i) { ${VIEW} } }`;
const DECIDE = `mutation($i: DecideDisclosureInput!) { decideDisclosure(input: $i) { ${VIEW} } }`;
const CODE = 'mutation($t: String!) { sendDisclosureCode(token: $t) { sentTo codeExpiresAt } }';
const SHOW = 'mutation($t: String!, $c: String!) { viewDisclosure(token: $t, code: $c) { name idNumber address contact viewsLeft expiresAt } }';
const BUYER_MOBILE = '13912345678';

function ok<T = any>(r: { data?: any; errors?: unknown }): T {
  expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
  return r.data;
}
/** Places "now" at a PRC wall-clock time (UTC+8). */
function setPrcTime(date: string, time = '10:00') {
  const at = new Date(`${date}T${time}:00+08:00`);
  c.app.clock = () => at;
}
function disputeInput(over: Record<string, unknown> = {}) {
  seq++;
  return {
    storeId: store1,
    orderNumber: `O2026${seq}`,
    afterSalesNumber: `AS-${Date.now()}-${seq}`,
    claimType: 'not_as_described',
    amountClaimed: 12345,
    description: 'The shoes are a different colour.',
    buyerName: '王小明',
    buyerMobile: BUYER_MOBILE,
    buyerAddress: '浙江省杭州市西湖区文三路 100 号',
    ...over,
  };
}
async function open(over: Record<string, unknown> = {}): Promise<string> {
  return ok(await c.gql(OPEN, { i: disputeInput(over) }, support)).openDispute.disputeId;
}
async function get(id: string, token = support) {
  return ok(await c.gql(GET, { id }, token)).dispute;
}
async function step(id: string, s: string, token = support, reason?: string) {
  const d = await get(id);
  return c.gql(STEP, { i: { id, version: d.version, step: s, reason } }, token);
}
/** A dispute sent to store1, awaiting its answer. */
async function awaiting(over: Record<string, unknown> = {}) {
  const id = await open(over);
  return ok(await step(id, 'sendToMerchant')).disputeStep;
}

type IntrospectedType = { name: string; kind: string; fields: { name: string; args: { name: string; type: unknown }[]; type: unknown }[] | null };
type TypeRef = { kind: string; name: string | null; ofType: TypeRef | null };
const named = (t: TypeRef): TypeRef => (t.ofType ? named(t.ofType) : t);

/** `selection(type, depth)`: every field without required arguments of `type`, objects expanded to `depth` (from introspection). */
async function schemaSelection() {
  const TYPE = 'kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } }';
  const schema = ok(await c.gql(`{ __schema { types { name kind fields { name args { name type { ${TYPE} } defaultValue } type { ${TYPE} } } } } }`, {}, support)).__schema;
  const types = new Map<string, IntrospectedType>(schema.types.map((t: IntrospectedType) => [t.name, t]));
  const selection = (typeName: string, depth: number): string =>
    (types.get(typeName)!.fields ?? [])
      .filter((f) => !f.args.some((a) => (a.type as TypeRef).kind === 'NON_NULL'))
      .map((f) => {
        const n = named(f.type as TypeRef);
        if (n.kind === 'OBJECT') return depth > 0 ? `${f.name} { ${selection(n.name!, depth - 1) || '__typename'} }` : '';
        return f.name;
      })
      .filter(Boolean)
      .join(' ');
  return Object.assign(selection, { query: types.get('Query')! });
}

const smsTo = async (text: string) => (await c.outbox.list('sms')).filter((m) => m.body.includes(text));

beforeAll(async () => {
  c = await startTestConsole();
  [support, lead, legal, auditor, reviewer, owner1, owner2, staff1] = await Promise.all(['support', 'lead', 'legal', 'auditor', 'reviewer', 'owner1', 'owner2', 'staff1'].map((l) => c.signIn(l)));
  store1 = (await c.gql('{ me { storeId } }', {}, owner1)).data.me.storeId;
  store2 = (await c.gql('{ me { storeId } }', {}, owner2)).data.me.storeId;
});
afterAll(async () => {
  if (c) c.app.clock = undefined;
  await c?.close();
});

describe('opening a dispute', () => {
  it('support opens one with the buyer stored encrypted and shown masked; money is integer fen', async () => {
    const r = ok(await c.gql(OPEN, { i: disputeInput() }, support)).openDispute;
    expect(r).toMatchObject({ status: 'open', created: true });
    const d = await get(r.disputeId);
    expect(d).toMatchObject({ amountClaimed: 12345, buyerName: '王*明', buyerMobile: '139****5678', status: 'open' });
    const [row] = await c.sql('SELECT buyer_name_enc, buyer_mobile_enc, amount_claimed FROM dispute WHERE id = $1', [r.disputeId]);
    expect(row.buyer_mobile_enc).not.toContain(BUYER_MOBILE);
    expect(row.buyer_name_enc).not.toContain('王小明');
    expect(row.amount_claimed).toBe('12345');
  });

  it('is idempotent by after-sales number, also for 20 intakes at once', async () => {
    const input = disputeInput();
    const results = await Promise.all(Array.from({ length: 20 }, () => c.gql(OPEN, { i: input }, support)));
    const ids = new Set(results.map((r) => ok(r).openDispute.disputeId));
    expect(ids.size).toBe(1);
    expect(results.filter((r) => r.data.openDispute.created)).toHaveLength(1);
    expect((await c.sql('SELECT count(*)::int AS n FROM dispute WHERE after_sales_number = $1', [input.afterSalesNumber]))[0].n).toBe(1);
    // The same number for another store is refused.
    const other = await c.gql(OPEN, { i: { ...input, storeId: store2 } }, support);
    expect(errorOf(other, 'CONFLICT').extensions.errorCode).toBe('AFTER_SALES_NUMBER_TAKEN');
  });

  it('refuses bad input and changes nothing', async () => {
    const before = (await c.sql('SELECT count(*)::int AS n FROM dispute'))[0].n;
    for (const bad of [{ amountClaimed: 0 }, { amountClaimed: 12.5 }, { amountClaimed: 2 ** 53 }, { claimType: 'boredom' }, { buyerMobile: '12345' }, { storeId: '999999' }, { description: '' }]) {
      const r = await c.gql(OPEN, { i: disputeInput(bad) }, support);
      expect(r.errors, JSON.stringify(bad)).toBeDefined();
      expect(['BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED']).toContain(r.errors![0].extensions.code);
    }
    expect((await c.sql('SELECT count(*)::int AS n FROM dispute'))[0].n).toBe(before);
  });

  it('is denied to roles that do not take complaints', async () => {
    for (const token of [owner1, reviewer, legal, auditor, lead]) errorOf(await c.gql(OPEN, { i: disputeInput() }, token), 'FORBIDDEN');
  });
});

describe('intake by the after-sales system (service account key)', () => {
  it('opens idempotently, relays buyer messages into the thread, reads nothing, and stops with a revoked key', async () => {
    const admin = await c.signIn('admin');
    const created = ok(
      await c.gql(
        'mutation($i: CreateServiceAccountInput!) { createServiceAccount(input: $i) { apiKey serviceAccount { id } } }',
        { i: { name: `售后系统 ${Date.now()}`, scopes: ['dispute.intake'] } },
        admin,
      ),
    ).createServiceAccount;
    const key = created.apiKey as string;
    const input = disputeInput();
    const first = ok(await c.gql(OPEN, { i: input }, key)).openDispute;
    const second = ok(await c.gql(OPEN, { i: input }, key)).openDispute;
    expect([first.created, second.created, second.disputeId]).toEqual([true, false, first.disputeId]);
    const BUYER = 'mutation($i: BuyerMessageInput!) { addBuyerMessage(input: $i) { disputeId } }';
    expect(ok(await c.gql(BUYER, { i: { afterSalesNumber: input.afterSalesNumber, body: 'Still waiting for my refund.' } }, key)).addBuyerMessage.disputeId).toBe(first.disputeId);
    const d = await get(first.disputeId);
    expect(d.messages.at(-1)).toMatchObject({ authorKind: 'buyer', body: 'Still waiting for my refund.', internal: false });
    expect(d.messageCount).toBe(1);
    errorOf(await c.gql(BUYER, { i: { afterSalesNumber: 'NO-SUCH-CASE', body: 'hello' } }, key), 'NOT_FOUND');
    // The key reads nothing and works no case.
    errorOf(await c.gql(GET, { id: first.disputeId }, key), 'FORBIDDEN');
    errorOf(await step(first.disputeId, 'sendToMerchant', key), 'FORBIDDEN');
    ok(await c.gql('mutation($id: ID!) { revokeServiceAccountKey(id: $id) { id } }', { id: created.serviceAccount.id }, admin));
    errorOf(await c.gql(OPEN, { i: disputeInput() }, key), 'UNAUTHENTICATED');
    // Staff cannot relay as the buyer.
    errorOf(await c.gql(BUYER, { i: { afterSalesNumber: input.afterSalesNumber, body: 'hi' } }, support), 'FORBIDDEN');
  });
});

describe('lifecycle', () => {
  it('support sends it to the store; the owner answers with evidence; support resolves and closes; both sides are told', async () => {
    const sent = await awaiting();
    expect(sent.status).toBe('awaiting_merchant');
    expect(sent.responseDueOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await c.waitFor(async () => (await c.sql(`SELECT 1 FROM notification WHERE link = $1 AND title_zh LIKE '纠纷待处理%'`, [`/disputes/${sent.id}/show`])).length > 0);

    const file = ok(
      await c.gql(
        'mutation($i: UploadDisputeEvidenceInput!) { uploadDisputeEvidence(input: $i) { id contentType } }',
        { i: { fileName: 'photo.png', contentBase64: DEMO_IMAGE_PNG.toString('base64') } },
        owner1,
      ),
    );
    const answered = ok(
      await c.gql(MESSAGE, { i: { disputeId: sent.id, body: 'The colour matches the listing; see the photo.', fileIds: [file.uploadDisputeEvidence.id] } }, owner1),
    ).addDisputeMessage;
    expect(answered.status).toBe('awaiting_platform');
    expect(answered.messages.at(-1)).toMatchObject({ authorKind: 'merchant', files: [{ id: file.uploadDisputeEvidence.id }] });

    // Refund in part above the claim: refused, nothing changes.
    const tooMuch = await c.gql(RESOLVE, { i: { id: sent.id, version: answered.version, resolution: 'refund_partial', refundAmount: 12346, reason: 'Partly right' } }, support);
    expect(errorOf(tooMuch, 'BAD_USER_INPUT').extensions.errorCode).toBe('REFUND_OUT_OF_RANGE');
    expect((await get(sent.id)).status).toBe('awaiting_platform');
    // Legal and auditors read but do not decide.
    errorOf(await c.gql(RESOLVE, { i: { id: sent.id, version: answered.version, resolution: 'rejected', reason: 'No' } }, legal), 'FORBIDDEN');
    const resolved = ok(
      await c.gql(RESOLVE, { i: { id: sent.id, version: answered.version, resolution: 'refund_partial', refundAmount: 5000, reason: 'Colour differs slightly' } }, support),
    ).resolveDispute;
    expect(resolved).toMatchObject({ status: 'resolved', resolution: 'refund_partial', refundAmount: 5000 });
    await c.waitFor(async () => (await smsTo('部分退款，退款¥50.00')).length > 0);
    expect(ok(await step(sent.id, 'close')).disputeStep.status).toBe('closed');
    // Finished: no more messages.
    const late = await c.gql(MESSAGE, { i: { disputeId: sent.id, body: 'One more thing' } }, owner1);
    expect(errorOf(late, 'CONFLICT').extensions.errorCode).toBe('DISPUTE_FINISHED');
  });

  it('refuses steps out of order and stale versions; only a lead decides an escalated case', async () => {
    const id = await open();
    expect(errorOf(await step(id, 'close'), 'CONFLICT').extensions.errorCode).toBe('INVALID_TRANSITION');
    await step(id, 'sendToMerchant');
    const stale = await c.gql(STEP, { i: { id, version: 1, step: 'withdraw', reason: 'buyer withdrew' } }, support);
    expect(errorOf(stale, 'CONFLICT').extensions.errorCode).toBe('STALE_VERSION');
    ok(await c.gql(MESSAGE, { i: { disputeId: id, body: 'We shipped it on time.' } }, owner1));
    expect(errorOf(await step(id, 'escalate'), 'BAD_USER_INPUT')).toBeDefined();
    const esc = ok(await step(id, 'escalate', support, 'The buyer insists')).disputeStep;
    const bySupport = await c.gql(RESOLVE, { i: { id, version: esc.version, resolution: 'rejected', reason: 'No proof' } }, support);
    expect(errorOf(bySupport, 'FORBIDDEN').extensions.errorCode).toBe('ESCALATED_NEEDS_LEAD');
    expect(ok(await c.gql(RESOLVE, { i: { id, version: esc.version, resolution: 'rejected', reason: 'No proof' } }, lead)).resolveDispute.status).toBe('resolved');
  });

  it('two staff deciding at once: exactly one wins', async () => {
    const d = await awaiting();
    ok(await c.gql(MESSAGE, { i: { disputeId: d.id, body: 'Our answer.' } }, owner1));
    const v = (await get(d.id)).version;
    const rs = await Promise.all(Array.from({ length: 20 }, (_, i) => c.gql(RESOLVE, { i: { id: d.id, version: v, resolution: 'refund_full', reason: `decision ${i}` } }, i % 2 ? lead : support)));
    expect(rs.filter((r) => !r.errors)).toHaveLength(1);
    expect((await c.sql(`SELECT count(*)::int AS n FROM dispute_history WHERE dispute_id = $1 AND action = 'resolve'`, [d.id]))[0].n).toBe(1);
  });

  it("another store's dispute answers like a missing one", async () => {
    const id = await open();
    for (const q of [c.gql(GET, { id }, owner2), c.gql(MESSAGE, { i: { disputeId: id, body: 'hi' } }, owner2), c.gql(GET, { id: '999999999' }, owner1)]) errorOf(await q, 'NOT_FOUND');
    const list = ok(await c.gql('{ disputes(perPage: 100) { totalCount items { id storeId } } }', {}, owner2)).disputes;
    expect(list.items.every((x: { storeId: string }) => x.storeId === store2)).toBe(true);
    errorOf(await c.gql('query($f: DisputeFilter) { disputes(filter: $f) { totalCount } }', { f: { storeId: store1 } }, owner2), 'BAD_USER_INPUT');
  });

  it('a sub-account with disputes.respond answers; one with only disputes.view reads but cannot', async () => {
    const d = await awaiting();
    expect((await get(d.id, staff1)).id).toBe(d.id);
    await c.sql(`UPDATE store_role SET permissions = '{disputes.view}' WHERE id IN (SELECT role_id FROM sub_account_role sr JOIN account a ON a.id = sr.account_id WHERE a.login_name = 'staff1')`);
    try {
      expect((await get(d.id, staff1)).id).toBe(d.id);
      errorOf(await c.gql(MESSAGE, { i: { disputeId: d.id, body: 'Answer from staff' } }, staff1), 'FORBIDDEN');
      expect((await get(d.id)).status).toBe('awaiting_merchant');
    } finally {
      await c.sql(
        `UPDATE store_role SET permissions = '{service,orders.view,disputes}' WHERE id IN (SELECT role_id FROM sub_account_role sr JOIN account a ON a.id = sr.account_id WHERE a.login_name = 'staff1')`,
      );
    }
    expect(ok(await c.gql(MESSAGE, { i: { disputeId: d.id, body: 'Answer from staff' } }, staff1)).addDisputeMessage.status).toBe('awaiting_platform');
  });
});

describe('response deadline in PRC working days', () => {
  it('counts across the National Day holiday, reminds one working day before, and moves on when it passed', async () => {
    setPrcTime('2026-09-30');
    try {
      const d = await awaiting();
      // 3 working days after Wed 30 Sep: 8, 9 and Saturday 10 Oct (a make-up working day).
      expect(d.responseDueOn).toBe('2026-10-10');
      expect(d.workingDaysLeft).toBe(3);
      const sweep = (date: string) => {
        setPrcTime(date);
        return servicesOf(c.app).disputes.sweepDeadlines();
      };
      const mine = async () => (await c.sql(`SELECT reminded_at, status FROM dispute WHERE id = $1`, [d.id]))[0];
      await sweep('2026-10-05');
      expect((await mine()).reminded_at).toBeNull();
      await sweep('2026-10-09');
      expect((await mine()).reminded_at).not.toBeNull();
      const again = await sweep('2026-10-09');
      expect(again.reminded).toBe(0);
      await sweep('2026-10-10');
      expect((await mine()).status).toBe('awaiting_merchant');
      expect((await get(d.id)).workingDaysLeft).toBe(0);
      const moved = await sweep('2026-10-11');
      expect(moved.missed).toBeGreaterThanOrEqual(1);
      const after = await get(d.id);
      expect(after).toMatchObject({ status: 'awaiting_platform', deadlineMissed: true, proposedResolution: 'refund_full' });
      expect(after.messages.at(-1).authorKind).toBe('system');
      expect((await sweep('2026-10-12')).missed).toBe(0);
      await c.waitFor(async () => (await smsTo('商家未在期限内回复')).length > 0);
      expect((await c.sql(`SELECT count(*)::int AS n FROM notification WHERE link = $1 AND title_zh LIKE '纠纷已逾期%'`, [`/disputes/${d.id}/show`]))[0].n).toBe(1);
      expect((await c.sql(`SELECT count(*)::int AS n FROM notification WHERE link = $1 AND title_zh LIKE '纠纷即将逾期%'`, [`/disputes/${d.id}/show`]))[0].n).toBe(1);
    } finally {
      c.app.clock = undefined;
    }
  });
});

describe('internal notes [policy 4.1 i]', () => {
  it('reach staff only: no field the store can query holds them (the schema is walked)', async () => {
    const d = await awaiting();
    const NOTE = 'INTERNAL-NOTE-buyer-seems-abusive';
    ok(await c.gql(MESSAGE, { i: { disputeId: d.id, body: NOTE, internal: true } }, support));
    errorOf(await c.gql(MESSAGE, { i: { disputeId: d.id, body: 'mine', internal: true } }, owner1), 'BAD_USER_INPUT');
    expect((await get(d.id)).messages.some((m: { body: string }) => m.body === NOTE)).toBe(true);
    // Every field of every type reachable from Query.dispute / Query.disputes, selected as the store.
    const selection = await schemaSelection();
    for (const token of [owner1, staff1]) {
      const one = ok(await c.gql(`query($id: ID!) { dispute(id: $id) { ${selection('DisputeView', 3)} } }`, { id: d.id }, token));
      const many = ok(await c.gql(`{ disputes(perPage: 100) { ${selection('DisputeList', 4)} } }`, {}, token));
      expect(JSON.stringify([one, many])).not.toContain(NOTE);
      expect(JSON.stringify([one, many])).not.toContain(BUYER_MOBILE);
      expect(one.dispute.history).toBeNull();
    }
  });
});

describe('the list sorted by latest message', () => {
  it('pages through disputes with zero, one and several messages, each once, with the right total', async () => {
    const num = `LIST${Date.now()}`;
    const ids: string[] = [];
    for (const n of [0, 1, 3]) {
      const d = await awaiting({ orderNumber: `${num}` });
      for (let i = 0; i < n; i++) ok(await c.gql(MESSAGE, { i: { disputeId: d.id, body: `message ${i}` } }, i % 2 ? support : owner1));
      ids.push(d.id);
    }
    // The first one (no messages) gets a message last: it moves to the top.
    ok(await c.gql(MESSAGE, { i: { disputeId: ids[0], body: 'latest' } }, support));
    const LIST = 'query($p: Int, $f: DisputeFilter) { disputes(page: $p, perPage: 1, filter: $f) { totalCount totalCountExact items { id messageCount latestMessageAt } } }';
    const seen: { id: string; messageCount: number; latestMessageAt: string }[] = [];
    for (let p = 1; p <= 4; p++) {
      const r = ok(await c.gql(LIST, { p, f: { number: num } }, support)).disputes;
      expect(r.totalCount).toBe(3);
      seen.push(...r.items);
    }
    expect(seen.map((x) => x.id)).toEqual([ids[0], ids[2], ids[1]]);
    expect(seen.map((x) => x.messageCount)).toEqual([1, 3, 1]);
    const times = seen.map((x) => Date.parse(x.latestMessageAt));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });
});

describe('buyer details', () => {
  it('support reveals them with a purpose (audited); the store cannot', async () => {
    const id = await open();
    const REVEAL = 'mutation($i: RevealInput!) { revealPersonalData(input: $i) { value } }';
    const i = { subject: 'Dispute', id, field: 'buyerMobile', purpose: 'call the buyer back about the dispute' };
    expect(ok(await c.gql(REVEAL, { i }, support)).revealPersonalData.value).toBe(BUYER_MOBILE);
    errorOf(await c.gql(REVEAL, { i }, owner1), 'NOT_FOUND');
    errorOf(await c.gql(REVEAL, { i }, legal), 'FORBIDDEN');
    expect((await c.sql(`SELECT count(*)::int AS n FROM audit_event WHERE action = 'personalData.reveal' AND target_type = 'Dispute' AND target_id = $1 AND outcome = 'success'`, [id]))[0].n).toBe(1);
  });
});

describe('disclosure of the merchant to the buyer [policy 4.1 i]', () => {
  const linkOf = async (disputeOrder: string) => {
    const m = await c.waitFor(async () => (await smsTo(`订单${disputeOrder}商家信息已获批准`))[0]);
    return m.body.match(/\/disclosure\/([A-Za-z0-9_-]{43})/)![1];
  };
  const codeFor = async (token: string) => {
    const before = (await smsTo('查看商家信息的验证码')).length;
    ok(await c.gql(CODE, { t: token }));
    const m = await c.waitFor(async () => {
      const all = await smsTo('查看商家信息的验证码');
      return all.length > before ? all.sort((a, b) => a.sentAt.localeCompare(b.sentAt)).at(-1) : undefined;
    });
    return m!.body.match(/验证码为(\d{6})/)![1];
  };

  async function approved(fields: string[], approve?: string[]) {
    const d = await awaiting();
    const req = ok(await c.gql(REQUEST, { i: { disputeId: d.id, fields, legalGround: '4.1i', reason: 'The buyer is suing in court and asked for the seller identity.' } }, support)).requestDisclosure;
    const x = req.disclosures.at(-1);
    const r = ok(await c.gql(DECIDE, { i: { id: x.id, version: x.version, approve: true, fields: approve, reason: 'Court filing needs the seller identity' } }, lead)).decideDisclosure;
    const order = (await c.sql('SELECT order_number FROM dispute WHERE id = $1', [d.id]))[0].order_number;
    return { dispute: r, disclosure: r.disclosures.at(-1), token: await linkOf(order) };
  }

  it('needs a second person: support cannot decide, the requester cannot approve, a lead narrows the fields', async () => {
    const d = await awaiting();
    const bad = await c.gql(REQUEST, { i: { disputeId: d.id, fields: ['name'], legalGround: '4.1a', reason: 'The buyer asked for the seller identity.' } }, support);
    expect(errorOf(bad, 'BAD_USER_INPUT').extensions.errorCode).toBe('GROUND_NOT_FIT');
    errorOf(await c.gql(REQUEST, { i: { disputeId: d.id, fields: ['name'], reason: 'The buyer asked for the seller identity.' } }, lead), 'FORBIDDEN');
    const req = ok(await c.gql(REQUEST, { i: { disputeId: d.id, fields: ['name', 'contact'], reason: 'The buyer asked for the seller identity.' } }, support)).requestDisclosure;
    const x = req.disclosures[0];
    const again = await c.gql(REQUEST, { i: { disputeId: d.id, fields: ['name'], reason: 'The buyer asked for the seller identity.' } }, support);
    expect(errorOf(again, 'CONFLICT').extensions.errorCode).toBe('DISCLOSURE_PENDING');
    errorOf(await c.gql(DECIDE, { i: { id: x.id, version: x.version, approve: true, reason: 'ok' } }, support), 'FORBIDDEN');
    // The requester holding an approving role still cannot approve its own request.
    await c.sql(`UPDATE account SET platform_roles = '{support,ops_lead}' WHERE login_name = 'support'`);
    try {
      const own = await c.gql(DECIDE, { i: { id: x.id, version: x.version, approve: true, reason: 'ok' } }, support);
      expect(errorOf(own, 'FORBIDDEN').extensions.errorCode).toBe('DISCLOSURE_OWN_REQUEST');
    } finally {
      await c.sql(`UPDATE account SET platform_roles = '{support}' WHERE login_name = 'support'`);
    }
    const widened = await c.gql(DECIDE, { i: { id: x.id, version: x.version, approve: true, fields: ['name', 'idNumber'], reason: 'ok' } }, legal);
    expect(errorOf(widened, 'BAD_USER_INPUT').extensions.errorCode).toBe('DISCLOSURE_FIELDS_WIDENED');
    expect((await c.sql(`SELECT count(*)::int AS n FROM data_sharing_entry WHERE cause_kind = 'disclosure' AND cause_id = $1`, [x.id]))[0].n).toBe(0);
    const refused = ok(await c.gql(DECIDE, { i: { id: x.id, version: x.version, approve: false, reason: 'Not needed for the dispute' } }, legal)).decideDisclosure;
    expect(refused.disclosures[0].status).toBe('refused');
    expect((await c.sql(`SELECT count(*)::int AS n FROM data_sharing_entry WHERE cause_kind = 'disclosure' AND cause_id = $1`, [x.id]))[0].n).toBe(0);
  });

  it('shows the buyer exactly the approved fields, for 3 views, each audited; registered; the merchant told', async () => {
    const { disclosure, token, dispute } = await approved(['name', 'idNumber', 'contact'], ['name', 'contact']);
    expect(disclosure).toMatchObject({ status: 'approved', approvedFields: ['name', 'contact'], maxViews: 3 });
    // No code yet, or a wrong one: refused.
    expect(errorOf(await c.gql(SHOW, { t: token, c: '000000' }), 'BAD_USER_INPUT').extensions.errorCode).toBe('DISCLOSURE_CODE_WRONG');
    const code = await codeFor(token);
    const [identity] = await c.sql(`SELECT s.real_name_enc, s.contact_mobile_enc FROM verification_case vc JOIN verification_submission s ON s.id = vc.submission_id WHERE vc.store_id = $1`, [store1]);
    const name = c.app.cipher.decrypt(identity.real_name_enc);
    for (let i = 1; i <= 3; i++) {
      const shown = ok(await c.gql(SHOW, { t: token, c: code })).viewDisclosure;
      expect(shown).toMatchObject({ name, contact: c.app.cipher.decrypt(identity.contact_mobile_enc), idNumber: null, address: null, viewsLeft: 3 - i });
    }
    expect(errorOf(await c.gql(SHOW, { t: token, c: code }), 'NOT_FOUND').extensions.errorCode).toBe('DISCLOSURE_LINK_DEAD');
    errorOf(await c.gql(CODE, { t: token }), 'NOT_FOUND');
    const [row] = await c.sql('SELECT status, package_enc FROM dispute_disclosure WHERE id = $1', [disclosure.id]);
    expect(row).toEqual({ status: 'closed', package_enc: null });
    expect((await c.sql(`SELECT count(*)::int AS n FROM audit_event WHERE action = 'disputeDisclosure.view' AND outcome = 'success' AND target_id = $1`, [disclosure.id]))[0].n).toBe(3);
    const [entry] = await c.sql(
      `SELECT e.fields, e.legal_ground, e.store_id::text, r.key FROM data_sharing_entry e JOIN data_sharing_recipient r ON r.id = e.recipient_id WHERE cause_kind = 'disclosure' AND cause_id = $1`,
      [disclosure.id],
    );
    expect(entry).toEqual({ fields: ['name', 'contact'], legal_ground: '4.1i', store_id: store1, key: 'buyer' });
    const inbox = ok(await c.gql('{ myNotifications(perPage: 50) { items { titleEn bodyEn link } } }', {}, owner1)).myNotifications.items;
    const notice = inbox.find((n: { link: string; titleEn: string }) => n.link === `/disputes/${dispute.id}/show` && n.titleEn.includes('disclosed'));
    expect(notice.bodyEn).toContain('name, contact');
    expect(notice.bodyEn).toContain('王*明');
    // The owner sees the disclosure on its dispute.
    expect((await get(dispute.id, owner1)).disclosures).toEqual([expect.objectContaining({ approvedFields: ['name', 'contact'], status: 'closed' })]);
  });

  it('20 views at once with a right code: exactly the view limit succeed', async () => {
    const { token, disclosure } = await approved(['name']);
    const code = await codeFor(token);
    const rs = await Promise.all(Array.from({ length: 20 }, () => c.gql(SHOW, { t: token, c: code })));
    expect(rs.filter((r) => !r.errors)).toHaveLength(3);
    expect((await c.sql('SELECT view_count FROM dispute_disclosure WHERE id = $1', [disclosure.id]))[0].view_count).toBe(3);
  });

  it('dies after its expiry', async () => {
    const { token, disclosure } = await approved(['address']);
    const code = await codeFor(token);
    ok(await c.gql(SHOW, { t: token, c: code }));
    const later = new Date(Date.now() + 73 * 3600_000);
    c.app.clock = () => later;
    try {
      expect(errorOf(await c.gql(SHOW, { t: token, c: code }), 'NOT_FOUND').extensions.errorCode).toBe('DISCLOSURE_LINK_DEAD');
      expect(await servicesOf(c.app).disputeDisclosures.closeExpired()).toBeGreaterThanOrEqual(1);
    } finally {
      c.app.clock = undefined;
    }
    expect((await c.sql('SELECT status, package_enc FROM dispute_disclosure WHERE id = $1', [disclosure.id]))[0]).toEqual({ status: 'closed', package_enc: null });
  });

  it('limits codes, and unknown tokens answer like dead ones', async () => {
    const { token } = await approved(['name']);
    await codeFor(token);
    expect(errorOf(await c.gql(CODE, { t: token }), 'TOO_MANY_REQUESTS').extensions.errorCode).toBe('DISCLOSURE_CODE_LIMIT');
    for (const t of ['x'.repeat(43), 'short', '../../etc']) expect(errorOf(await c.gql(CODE, { t }), 'NOT_FOUND').extensions.errorCode).toBe('DISCLOSURE_LINK_DEAD');
  });

  it('support still cannot reveal the merchant through the ordinary reveal', async () => {
    const [vc] = await c.sql('SELECT id::text FROM verification_case WHERE store_id = $1', [store1]);
    const r = await c.gql(
      'mutation($i: RevealInput!) { revealPersonalData(input: $i) { value } }',
      { i: { subject: 'Verification', id: vc.id, field: 'idNumber', purpose: 'the buyer asked for it' } },
      support,
    );
    errorOf(r, 'FORBIDDEN');
  });
});

describe('no query reaches an unmasked ID number or mobile [policy 4.1 i]', () => {
  it('walks every query with the ids of a dispute, its store and merchant, as every role: only reveals and the buyer page unmask', async () => {
    const d = await awaiting();
    ok(await c.gql(MESSAGE, { i: { disputeId: d.id, body: 'Our answer, with details.' } }, owner1));
    const [idn] = await c.sql(
      `SELECT vc.id::text AS case_id, s.id_number_enc, s.contact_mobile_enc, m.mobile_enc, m.id::text AS merchant_id
         FROM verification_case vc JOIN verification_submission s ON s.id = vc.submission_id JOIN store st ON st.id = vc.store_id JOIN merchant m ON m.id = st.merchant_id WHERE vc.store_id = $1`,
      [store1],
    );
    const secrets = [BUYER_MOBILE, c.app.cipher.decrypt(idn.id_number_enc), c.app.cipher.decrypt(idn.contact_mobile_enc), c.app.cipher.decrypt(idn.mobile_enc)];
    const ids = [d.id, idn.case_id, idn.merchant_id, store1];
    const selection = await schemaSelection();
    let calls = 0;
    // The walk reaches the fields that hold these values (masked), so a leak would be seen.
    const masked = new Set<string>();
    for (const token of [support, lead, legal, auditor, reviewer, owner1, staff1]) {
      for (const f of selection.query.fields!) {
        const required = f.args.filter((a) => (a.type as TypeRef).kind === 'NON_NULL' && (a as { defaultValue?: unknown }).defaultValue == null);
        if (required.some((a) => named(a.type as TypeRef).name !== 'ID')) continue;
        const n = named(f.type as TypeRef);
        const sel = n.kind === 'OBJECT' ? `{ ${selection(n.name!, 3) || '__typename'} }` : '';
        const decl = required.map((a) => `$${a.name}: ID!`).join(', ');
        const q = `query${decl ? `(${decl})` : ''} { ${f.name}${required.length ? `(${required.map((a) => `${a.name}: $${a.name}`).join(', ')})` : ''} ${sel} }`;
        for (const id of required.length ? ids : [null]) {
          const r = await c.gql(q, Object.fromEntries(required.map((a) => [a.name, id])), token);
          calls++;
          const text = JSON.stringify(r);
          for (const secret of secrets) expect(text.includes(secret), `${f.name}(${id ?? ''}) leaks a secret`).toBe(false);
          for (const m of ['139****5678', secrets[1].slice(0, 4) + '*'.repeat(secrets[1].length - 8) + secrets[1].slice(-4)]) if (text.includes(m)) masked.add(`${m}`);
        }
      }
    }
    expect(calls).toBeGreaterThan(100);
    expect(masked.size).toBe(2);
  }, 120_000);
});
