import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSanctionSync, sweepSanctions } from '../../server/modules/penalties/penalties.jobs';
import { errorOf, startTestConsole, type TestConsole } from '../helpers/console';
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import { DEMO_IMAGE_PNG } from '../../server/seed/demo-image';

let c: TestConsole;
let reviewer: string, lead: string, support: string, owner1: string, owner2: string, legal: string;
let store1: string, store2: string;

const PENALTY = `id status effectState version sanctionDays points issuedOn appealDeadline appealCount noticeId startsAt endsAt
  store { id status platformAccountId nickname } category { code nameZh nameEn } sanction { code effect } evidence { id contentType }`;
const DRAFT = `mutation($i: DraftPenaltyInput!) { draftPenalty(input: $i) { ${PENALTY} } }`;
const ISSUE = `mutation($i: PenaltyTransitionInput!) { issuePenalty(input: $i) { ${PENALTY} } }`;
const APPEAL = `mutation($i: SubmitPenaltyAppealInput!) { submitPenaltyAppeal(input: $i) { id status version respondBy proofs { id } } }`;
const DECIDE = `mutation($i: DecidePenaltyAppealInput!) { decidePenaltyAppeal(input: $i) { id status version decisionReason } }`;
const NOTICES = `query($f: PublicPenaltyNoticeFilter, $p: Int) { publicPenaltyNotices(filter: $f, perPage: $p) { totalCount items {
  id platformAccountId nickname category { code nameZh nameEn } sanction { code nameZh nameEn days } issuedOn startsOn endsOn status withdrawnOn } } }`;
const FACTS = 'Sold 40 pairs of counterfeit branded shoes; test purchases confirmed.';
/** A real PNG (evidence is decoded: a bare signature is refused). */
const PNG = DEMO_IMAGE_PNG.toString('base64');

/** Places "now" at a PRC wall-clock time (UTC+8). */
function setPrcTime(date: string, time = '10:00') {
  const at = new Date(`${date}T${time}:00+08:00`);
  c.app.clock = () => at;
}

async function draft(token: string, input: Record<string, unknown>) {
  const r = await c.gql(DRAFT, { i: { storeId: store1, categoryCode: 'LATE_SHIPMENT', facts: FACTS, ...input } }, token);
  expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
  return r.data.draftPenalty;
}
async function issue(token: string, p: { id: string; version: number }) {
  const r = await c.gql(ISSUE, { i: { id: p.id, version: p.version } }, token);
  expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
  return r.data.issuePenalty;
}
async function draftAndIssue(input: Record<string, unknown>) {
  return issue(lead, await draft(reviewer, input));
}
const storeStatus = async (id: string) => (await c.sql(`SELECT status FROM store WHERE id = $1`, [id]))[0].status;
const count = async (table: string) => (await c.sql(`SELECT count(*)::int AS n FROM ${table}`))[0].n;

beforeAll(async () => {
  c = await startTestConsole({ env: { PENALTY_APPEAL_WORKING_DAYS: '3', PENALTY_MAX_APPEALS: '2' } });
  [reviewer, lead, support, owner1, owner2, legal] = await Promise.all(['reviewer', 'lead', 'support', 'owner1', 'owner2', 'legal'].map((l) => c.signIn(l)));
  store1 = (await c.gql('{ me { storeId } }', {}, owner1)).data.me.storeId;
  store2 = (await c.gql('{ me { storeId } }', {}, owner2)).data.me.storeId;
});
afterAll(async () => {
  if (c) c.app.clock = undefined;
  await c?.close();
});

describe('violation catalogue', () => {
  it('is seeded as data in both languages, as a tree, with default sanctions', async () => {
    const r = await c.gql('{ violationCategories { code parentCode nameZh nameEn defaultSanctionCode defaultSanctionDays defaultPoints leaf } sanctionTypes { code nameZh effect } }', {}, reviewer);
    const cats = r.data.violationCategories;
    expect(cats.filter((x: { leaf: boolean }) => x.leaf)).toHaveLength(12);
    expect(cats.find((x: { code: string }) => x.code === 'COUNTERFEIT')).toMatchObject({
      parentCode: 'GOODS',
      nameZh: '出售假冒、盗版商品',
      nameEn: 'counterfeit or pirated goods',
      defaultSanctionCode: 'CLOSURE',
    });
    expect(cats.find((x: { code: string }) => x.code === 'FAKE_TRANSACTIONS')).toMatchObject({ defaultSanctionCode: 'SUSPENSION', defaultSanctionDays: 7, defaultPoints: 12 });
    expect(r.data.sanctionTypes.map((s: { code: string }) => s.code)).toEqual(['WARNING', 'POINTS_DEDUCTION', 'LISTING_RESTRICTION', 'WITHDRAWAL_RESTRICTION', 'SUSPENSION', 'CLOSURE']);
  });

  it('ops_lead edits it (audited, version-checked); a reviewer may not', async () => {
    const [cat] = (await c.gql('{ violationCategories { id code version } }', {}, lead)).data.violationCategories.filter((x: { code: string }) => x.code === 'PRICE_FRAUD');
    const m = 'mutation($i: UpdateViolationCategoryInput!) { updateViolationCategory(input: $i) { ruleRef defaultPoints version } }';
    errorOf(await c.gql(m, { i: { id: cat.id, version: cat.version, ruleRef: 'R-1' } }, reviewer), 'FORBIDDEN');
    const r = await c.gql(m, { i: { id: cat.id, version: cat.version, ruleRef: '商家违规管理规则 4.2', defaultPoints: 8 } }, lead);
    expect(r.data.updateViolationCategory).toEqual({ ruleRef: '商家违规管理规则 4.2', defaultPoints: 8, version: cat.version + 1 });
    errorOf(await c.gql(m, { i: { id: cat.id, version: cat.version, defaultPoints: 9 } }, lead), 'CONFLICT');
    const created = await c.gql(
      'mutation($i: CreateViolationCategoryInput!) { createViolationCategory(input: $i) { code parentCode leaf } }',
      {
        i: { code: 'LIVE_STREAM_MISCONDUCT', parentCode: 'SERVICE', nameZh: '直播违规', nameEn: 'live-stream misconduct', defaultSanctionCode: 'WARNING' },
      },
      lead,
    );
    expect(created.data.createViolationCategory).toEqual({ code: 'LIVE_STREAM_MISCONDUCT', parentCode: 'SERVICE', leaf: true });
    expect((await c.sql(`SELECT count(*)::int AS n FROM audit_event WHERE action LIKE 'violationCategory.%'`))[0].n).toBe(2);
  });
});

describe('a cited category stays a leaf (issue 10 item 11)', () => {
  const CREATE_CAT = 'mutation($i: CreateViolationCategoryInput!) { createViolationCategory(input: $i) { code parentCode leaf } }';
  const leaf = (code: string) => ({ code, parentCode: 'SERVICE', nameZh: `类别${code}`, nameEn: `category ${code}`, defaultSanctionCode: 'WARNING' });

  it('a category cited by a penalty cannot be given children: CONFLICT CATEGORY_CITED, nothing stored', async () => {
    expect((await c.gql(CREATE_CAT, { i: leaf('CITED_LEAF') }, lead)).data.createViolationCategory.leaf).toBe(true);
    await draftAndIssue({ categoryCode: 'CITED_LEAF' });
    const before = await count('violation_category');
    const e = errorOf(await c.gql(CREATE_CAT, { i: { ...leaf('CITED_CHILD'), parentCode: 'CITED_LEAF' } }, lead), 'CONFLICT');
    expect(e.extensions.errorCode).toBe('CATEGORY_CITED');
    expect(await count('violation_category')).toBe(before);
    const cats = (await c.gql('{ violationCategories { code leaf } }', {}, lead)).data.violationCategories;
    expect(cats.find((x: { code: string }) => x.code === 'CITED_LEAF').leaf).toBe(true);
    // An uncited leaf may still become a group.
    expect((await c.gql(CREATE_CAT, { i: leaf('FREE_LEAF') }, lead)).errors).toBeUndefined();
    expect((await c.gql(CREATE_CAT, { i: { ...leaf('FREE_CHILD'), parentCode: 'FREE_LEAF' } }, lead)).data.createViolationCategory.parentCode).toBe('FREE_LEAF');
  });

  it('20 at once, drafting under a leaf and giving it children: never both a child and a penalty citing it', async () => {
    await c.gql(CREATE_CAT, { i: leaf('RACE_LEAF') }, lead);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        i % 2 ? c.gql(CREATE_CAT, { i: { ...leaf(`RACE_CHILD_${i}`), parentCode: 'RACE_LEAF' } }, lead) : c.gql(DRAFT, { i: { storeId: store1, categoryCode: 'RACE_LEAF', facts: FACTS } }, reviewer),
      ),
    );
    for (const r of results) if (r.errors) expect(['CONFLICT', 'BAD_USER_INPUT']).toContain(r.errors[0].extensions.code);
    const [{ children }] = await c.sql(`SELECT count(*)::int AS children FROM violation_category WHERE parent_id = (SELECT id FROM violation_category WHERE code = 'RACE_LEAF')`);
    const [{ cited }] = await c.sql(`SELECT count(*)::int AS cited FROM penalty WHERE category_id = (SELECT id FROM violation_category WHERE code = 'RACE_LEAF')`);
    expect(children === 0 || cited === 0, `children ${children}, penalties ${cited}`).toBe(true);
    expect(children + cited).toBeGreaterThan(0);
  });
});

describe('drafting', () => {
  it('bad input is BAD_USER_INPUT naming the field, and stores nothing', async () => {
    const before = [await count('penalty'), await count('audit_event')];
    const bad: [Record<string, unknown>, string][] = [
      [{ facts: 'short' }, 'input.facts'],
      [{ categoryCode: 'NO_SUCH_THING' }, 'input.categoryCode'],
      [{ categoryCode: 'GOODS' }, 'input.categoryCode'],
      [{ categoryCode: 'FAKE_TRANSACTIONS', sanctionCode: 'SUSPENSION', sanctionDays: null }, 'input.sanctionDays'],
      [{ sanctionCode: 'WARNING', sanctionDays: 3 }, 'input.sanctionDays'],
      [{ storeId: '99999999' }, 'input.storeId'],
      [{ evidenceFileIds: ['00000000-0000-4000-8000-000000000000'] }, 'input.evidenceFileIds'],
      [{ points: -1 }, 'input.points'],
    ];
    for (const [input, field] of bad) {
      const i = { storeId: store1, categoryCode: 'LATE_SHIPMENT', facts: FACTS, ...input };
      if (input.sanctionDays === null) delete (i as Record<string, unknown>).sanctionDays;
      if (field === 'input.sanctionDays' && input.sanctionCode === 'SUSPENSION') {
        // The category default carries days; a sanction chosen without days and without a default must name the field.
        const r = await c.gql(DRAFT, { i: { ...i, categoryCode: 'LATE_SHIPMENT' } }, reviewer);
        expect(errorOf(r, 'BAD_USER_INPUT').extensions.fields?.[0].field).toBe(field);
        continue;
      }
      const r = await c.gql(DRAFT, { i }, reviewer);
      const e = errorOf(r, 'BAD_USER_INPUT');
      expect(JSON.stringify(e.extensions.fields ?? e.message), JSON.stringify(input)).toContain(field.replace('input.', ''));
    }
    expect([await count('penalty'), await count('audit_event')]).toEqual(before);
  });

  it("evidence goes through the files module's readers: a real header followed by HTML, a truncated image, a renamed text file or a bare PDF header is BAD_USER_INPUT and nothing is stored; a real PDF is kept", async () => {
    const m = 'mutation($i: UploadPenaltyFileInput!) { uploadPenaltyEvidence(input: $i) { id contentType } }';
    const png = Buffer.from(PNG, 'base64');
    const jpeg = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#c00' } })
      .jpeg()
      .toBuffer();
    const html = Buffer.from('<html><script>alert(1)</script></html>');
    const refused: [string, Buffer][] = [
      ['PNG header + HTML', Buffer.concat([png.subarray(0, 16), html])],
      ['JPEG header + HTML', Buffer.concat([jpeg.subarray(0, 20), html])],
      ['truncated PNG', png.subarray(0, png.length - 20)],
      ['truncated JPEG', jpeg.subarray(0, Math.floor(jpeg.length / 2))],
      ['renamed text file', Buffer.from('just some notes, saved as evidence.png\n')],
      ['PDF header + HTML', Buffer.concat([Buffer.from('%PDF-1.7\n'), html])],
    ];
    const before = [await count('uploaded_file'), await count('audit_event')];
    for (const [what, bytes] of refused) {
      const e = errorOf(await c.gql(m, { i: { fileName: 'evidence.png', contentBase64: bytes.toString('base64') } }, reviewer), 'BAD_USER_INPUT');
      expect(JSON.stringify(e), what).toContain('contentBase64');
    }
    expect([await count('uploaded_file'), await count('audit_event')]).toEqual(before);
    const doc = await PDFDocument.create();
    doc.addPage([200, 200]);
    const pdf = await c.gql(m, { i: { fileName: 'order.pdf', contentBase64: Buffer.from(await doc.save()).toString('base64') } }, reviewer);
    expect(pdf.errors, JSON.stringify(pdf.errors)).toBeUndefined();
    expect(pdf.data.uploadPenaltyEvidence.contentType).toBe('application/pdf');
  });

  it('evidence files are checked by their bytes and size', async () => {
    const m = 'mutation($i: UploadPenaltyFileInput!) { uploadPenaltyEvidence(input: $i) { id contentType sizeBytes } }';
    const before = await count('uploaded_file');
    errorOf(await c.gql(m, { i: { fileName: 'x.png', contentBase64: Buffer.from('<html>not an image</html>').toString('base64') } }, reviewer), 'BAD_USER_INPUT');
    errorOf(await c.gql(m, { i: { fileName: 'x.png', contentBase64: 'not base64!' } }, reviewer), 'BAD_USER_INPUT');
    const big = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(1024 * 1024)]).toString('base64');
    errorOf(await c.gql(m, { i: { fileName: 'big.pdf', contentBase64: big } }, reviewer), 'BAD_USER_INPUT');
    errorOf(await c.gql(m, { i: { fileName: 'x.png', contentBase64: PNG } }, owner1), 'FORBIDDEN');
    expect(await count('uploaded_file')).toBe(before);
    const ok = await c.gql(m, { i: { fileName: 'shoes.png', contentBase64: PNG } }, reviewer);
    expect(ok.data.uploadPenaltyEvidence).toMatchObject({ contentType: 'image/png' });
    const p = await draft(reviewer, { evidenceFileIds: [ok.data.uploadPenaltyEvidence.id] });
    expect(p.evidence).toEqual([{ id: ok.data.uploadPenaltyEvidence.id, contentType: 'image/png' }]);
    const content = await c.gql('query($id: ID!) { penaltyFileContent(id: $id) { contentBase64 } }', { id: ok.data.uploadPenaltyEvidence.id }, lead);
    // Stored re-encoded from its pixels: the same picture, its size as reported.
    const stored = Buffer.from(content.data.penaltyFileContent.contentBase64, 'base64');
    expect(await sharp(stored).metadata()).toMatchObject({ format: 'png', width: 64, height: 40 });
    expect(stored.length).toBe(ok.data.uploadPenaltyEvidence.sizeBytes);
    // The merchant sees the evidence of its own issued penalty (it must know what it is accused of), nobody else's.
    errorOf(await c.gql('query($id: ID!) { penaltyFileContent(id: $id) { contentBase64 } }', { id: ok.data.uploadPenaltyEvidence.id }, owner1), 'NOT_FOUND'); // still a draft
    const issued = await c.gql(ISSUE, { i: { id: p.id, version: p.version } }, lead);
    expect(issued.errors).toBeUndefined();
    const own = await c.gql('query($id: ID!) { penaltyFileContent(id: $id) { contentBase64 } }', { id: ok.data.uploadPenaltyEvidence.id }, owner1);
    expect(own.data.penaltyFileContent.contentBase64).toBe(content.data.penaltyFileContent.contentBase64);
    errorOf(await c.gql('query($id: ID!) { penaltyFileContent(id: $id) { contentBase64 } }', { id: ok.data.uploadPenaltyEvidence.id }, owner2), 'NOT_FOUND');
    // A file cannot be cited by a second penalty.
    errorOf(await c.gql(DRAFT, { i: { storeId: store1, categoryCode: 'LATE_SHIPMENT', facts: FACTS, evidenceFileIds: [ok.data.uploadPenaltyEvidence.id] } }, reviewer), 'BAD_USER_INPUT');
  });

  it('roles: support, legal and merchants cannot draft; only the drafter edits a draft', async () => {
    for (const t of [support, legal, owner1]) errorOf(await c.gql(DRAFT, { i: { storeId: store1, categoryCode: 'LATE_SHIPMENT', facts: FACTS } }, t), 'FORBIDDEN');
    const p = await draft(reviewer, {});
    const m = 'mutation($i: UpdatePenaltyDraftInput!) { updatePenaltyDraft(input: $i) { facts version } }';
    errorOf(await c.gql(m, { i: { id: p.id, version: p.version, facts: 'Edited by somebody else entirely.' } }, lead), 'FORBIDDEN');
    const r = await c.gql(m, { i: { id: p.id, version: p.version, facts: 'Shipped 12 orders 5 days late.' } }, reviewer);
    expect(r.data.updatePenaltyDraft).toEqual({ facts: 'Shipped 12 orders 5 days late.', version: p.version + 1 });
  });
});

describe('issuing', () => {
  it('roles: only ops_lead issues; maker-checker for suspension and closure (refusal audited)', async () => {
    c.app.clock = undefined;
    const own = await draft(lead, { categoryCode: 'FAKE_TRANSACTIONS' });
    const e = errorOf(await c.gql(ISSUE, { i: { id: own.id, version: own.version } }, lead), 'FORBIDDEN');
    expect(e.extensions.errorCode).toBe('MAKER_CHECKER');
    const [denied] = await c.sql(`SELECT outcome, after FROM audit_event WHERE action = 'penalty.issue' AND target_id = $1`, [own.id]);
    expect(denied).toMatchObject({ outcome: 'denied', after: { reason: 'maker_checker' } });
    const closure = await draft(lead, { categoryCode: 'COUNTERFEIT' });
    expect(errorOf(await c.gql(ISSUE, { i: { id: closure.id, version: closure.version } }, lead), 'FORBIDDEN').extensions.errorCode).toBe('MAKER_CHECKER');
    // Other sanctions: the lead may issue its own draft.
    const warning = await draft(lead, {});
    expect((await issue(lead, warning)).status).toBe('issued');
    // Reviewers, support and merchants cannot issue.
    const p = await draft(reviewer, {});
    for (const t of [reviewer, support, owner1]) errorOf(await c.gql(ISSUE, { i: { id: p.id, version: p.version } }, t), 'FORBIDDEN');
    // Cancel the lead's own drafts (the drafter may).
    for (const d of [own, closure]) {
      const r = await c.gql('mutation($i: PenaltyTransitionInput!) { cancelPenaltyDraft(input: $i) { status } }', { i: { id: d.id, version: d.version } }, lead);
      expect(r.data.cancelPenaltyDraft.status).toBe('cancelled');
    }
  });

  it('issuing notifies the merchant (inbox + SMS), publishes the notice, suspends the store and schedules the end [policy 2.4, 4.3]', async () => {
    c.app.clock = undefined;
    expect(await storeStatus(store1)).toBe('open');
    const p = await draftAndIssue({ categoryCode: 'FAKE_TRANSACTIONS' });
    expect(p).toMatchObject({ status: 'issued', effectState: 'applied', sanctionDays: 7, points: 12, store: { status: 'suspended' } });
    expect(new Date(p.endsAt).getTime() - new Date(p.startsAt).getTime()).toBe(7 * 24 * 3600 * 1000);
    expect(await storeStatus(store1)).toBe('suspended');
    const inbox = await c.gql('{ myNotifications(kind: "reward_penalty_warning") { items { titleZh titleEn link } } }', {}, owner1);
    expect(inbox.data.myNotifications.items[0]).toMatchObject({ titleZh: '处罚通知：虚假交易、刷单', link: `/penalties/${p.id}` });
    await c.waitFor(
      async () =>
        (await c.sql(`SELECT count(*)::int AS n FROM outbound_delivery d JOIN notification n ON n.id = d.notification_id WHERE n.link = $1 AND d.status = 'sent'`, [`/penalties/${p.id}`]))[0].n === 1,
    );
    const [job] = await c.sql(`SELECT start_after FROM pgboss.job WHERE name = 'penalty-sanction-sync' AND data->>'storeId' = $1 ORDER BY created_on DESC LIMIT 1`, [store1]);
    expect(new Date(job.start_after).getTime()).toBe(new Date(p.endsAt).getTime());
    const notices = await c.gql(NOTICES, { f: {} });
    expect(notices.data.publicPenaltyNotices.items.find((n: { id: string }) => n.id === p.noticeId)).toMatchObject({
      platformAccountId: p.store.platformAccountId,
      nickname: p.store.nickname,
      category: { code: 'FAKE_TRANSACTIONS', nameZh: '虚假交易、刷单', nameEn: 'fake transactions, order brushing' },
      sanction: { code: 'SUSPENSION', days: 7 },
      status: 'published',
    });
    const audit = await c.sql(`SELECT action FROM audit_event WHERE target_id = $1 AND target_type = 'Penalty' ORDER BY chain_seq`, [p.id]);
    expect(audit.map((a: { action: string }) => a.action)).toEqual(['penalty.draft', 'penalty.issue', 'penalty.sanctionApplied']);
    // Revoke directly (ops_lead) to leave the store open for what follows.
    const r = await c.gql(
      'mutation($i: PenaltyTransitionInput!) { revokePenalty(input: $i) { status effectState store { status } } }',
      { i: { id: p.id, version: p.version, reason: 'Duplicate case' } },
      lead,
    );
    expect(r.data.revokePenalty).toEqual({ status: 'revoked', effectState: 'lifted', store: { status: 'open' } });
  });
});

describe('sanction period applied by the job', () => {
  it('a future start is applied and the end lifted by the job handler; an overlapping suspension keeps the store suspended', async () => {
    setPrcTime('2026-11-02', '09:00');
    const a = await draft(reviewer, { categoryCode: 'FAKE_TRANSACTIONS', sanctionDays: 3, startsAt: new Date('2026-11-03T01:00:00Z').toISOString() });
    const pa = await issue(lead, a);
    expect(pa.effectState).toBe('pending');
    expect(await storeStatus(store1)).toBe('open');
    const b = await issue(lead, await draft(reviewer, { categoryCode: 'FAKE_TRANSACTIONS', sanctionDays: 5, startsAt: new Date('2026-11-04T01:00:00Z').toISOString() }));
    setPrcTime('2026-11-03', '10:00'); // after A starts
    await runSanctionSync(c.app, store1);
    expect(await storeStatus(store1)).toBe('suspended');
    setPrcTime('2026-11-06', '10:00'); // A ended (Nov 6 01:00 UTC), B still running
    await runSanctionSync(c.app, store1);
    expect((await c.sql(`SELECT effect_state FROM penalty WHERE id = $1`, [pa.id]))[0].effect_state).toBe('lifted');
    expect(await storeStatus(store1)).toBe('suspended');
    setPrcTime('2026-11-09', '10:00'); // B ended: the sweeper (a missed job) lifts it
    expect(await sweepSanctions(c.app)).toBeGreaterThanOrEqual(1);
    expect((await c.sql(`SELECT effect_state FROM penalty WHERE id = $1`, [b.id]))[0].effect_state).toBe('lifted');
    expect(await storeStatus(store1)).toBe('open');
    const lifted = await c.sql(`SELECT actor_kind FROM audit_event WHERE action = 'penalty.sanctionLifted' AND target_id = ANY($1)`, [[pa.id, b.id]]);
    expect(lifted.map((x: { actor_kind: string }) => x.actor_kind)).toEqual(['system', 'system']);
    c.app.clock = undefined;
  });
});

describe('appeals', () => {
  it('the window counts PRC working days across National Day (make-up Saturday 10 Oct on) [policy 6.5]', async () => {
    setPrcTime('2026-09-30');
    const p = await draftAndIssue({});
    // 3 working days after 30 Sep: 1-7 Oct off, 8 (Thu), 9 (Fri), 10 (Sat, make-up workday).
    expect(p).toMatchObject({ issuedOn: '2026-09-30', appealDeadline: '2026-10-10' });
    const q = await draftAndIssue({});
    setPrcTime('2026-10-10', '23:30');
    const ok = await c.gql(APPEAL, { i: { penaltyId: p.id, reason: 'We shipped within the promised time; see courier records.' } }, owner1);
    expect(ok.errors).toBeUndefined();
    // Answer due 15 working days after receipt (policy 6.5): from Sat 10 Oct, Mon 12 Oct is the first.
    expect(ok.data.submitPenaltyAppeal.respondBy).toBe('2026-10-30');
    setPrcTime('2026-10-11', '00:30');
    expect(errorOf(await c.gql(APPEAL, { i: { penaltyId: q.id, reason: 'We shipped within the promised time.' } }, owner1), 'CONFLICT').extensions.errorCode).toBe('APPEAL_WINDOW_CLOSED');
  });

  it('the window across a weekend: issued Friday, closes on Wednesday', async () => {
    setPrcTime('2026-03-06');
    const p = await draftAndIssue({});
    expect(p.appealDeadline).toBe('2026-03-11');
    setPrcTime('2026-03-12');
    expect(errorOf(await c.gql(APPEAL, { i: { penaltyId: p.id, reason: 'Too late but trying anyway.' } }, owner1), 'CONFLICT').extensions.errorCode).toBe('APPEAL_WINDOW_CLOSED');
  });

  it('appeal limit, one pending at a time, and concurrent decisions: exactly one wins', async () => {
    setPrcTime('2026-11-02');
    const p = await draftAndIssue({ categoryCode: 'PRICE_FRAUD' });
    const reason = 'The price was never raised before the sale.';
    const a1 = (await c.gql(APPEAL, { i: { penaltyId: p.id, reason } }, owner1)).data.submitPenaltyAppeal;
    expect(errorOf(await c.gql(APPEAL, { i: { penaltyId: p.id, reason } }, owner1), 'CONFLICT').extensions.errorCode).toBe('APPEAL_PENDING');
    // Roles: reviewers, support and merchants cannot decide.
    for (const t of [reviewer, support, owner1]) errorOf(await c.gql(DECIDE, { i: { id: a1.id, version: a1.version, decision: 'uphold', reason: 'x1' } }, t), 'FORBIDDEN');
    const [r1, r2] = await Promise.all([
      c.gql(DECIDE, { i: { id: a1.id, version: a1.version, decision: 'uphold', reason: 'Price history confirms the violation.' } }, lead),
      c.gql(DECIDE, { i: { id: a1.id, version: a1.version, decision: 'uphold', reason: 'A second decision at the same time.' } }, lead),
    ]);
    const results = [r1, r2];
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    expect(results.filter((r) => r.errors?.[0].extensions.code === 'CONFLICT')).toHaveLength(1);
    expect((await c.sql(`SELECT count(*)::int AS n FROM penalty_history WHERE appeal_id = $1 AND action = 'uphold'`, [a1.id]))[0].n).toBe(1);
    const a2 = (await c.gql(APPEAL, { i: { penaltyId: p.id, reason } }, owner1)).data.submitPenaltyAppeal;
    await c.gql(DECIDE, { i: { id: a2.id, version: a2.version, decision: 'uphold', reason: 'Upheld again.' } }, lead);
    expect(errorOf(await c.gql(APPEAL, { i: { penaltyId: p.id, reason } }, owner1), 'CONFLICT').extensions.errorCode).toBe('APPEAL_LIMIT_REACHED');
    const hist = await c.sql(`SELECT subject, action AS transition FROM penalty_history WHERE penalty_id = $1 ORDER BY id`, [p.id]);
    expect(hist.map((h: { subject: string; transition: string }) => `${h.subject}.${h.transition}`)).toEqual([
      'penalty.draft',
      'penalty.issue',
      'appeal.submit',
      'appeal.uphold',
      'appeal.submit',
      'appeal.uphold',
    ]);
  });

  it('revoking on appeal lifts the suspension and withdraws the notice; proofs are attached', async () => {
    setPrcTime('2026-11-02');
    const p = await draftAndIssue({ categoryCode: 'FAKE_TRANSACTIONS' });
    expect(await storeStatus(store1)).toBe('suspended');
    const proof = await c.gql('mutation($i: UploadPenaltyFileInput!) { uploadAppealProof(input: $i) { id } }', { i: { fileName: 'orders.png', contentBase64: PNG } }, owner1);
    errorOf(await c.gql(APPEAL, { i: { penaltyId: p.id, reason: 'These orders were real, see proof.', proofFileIds: [proof.data.uploadAppealProof.id] } }, owner2), 'NOT_FOUND');
    const a = (await c.gql(APPEAL, { i: { penaltyId: p.id, reason: 'These orders were real, see proof.', proofFileIds: [proof.data.uploadAppealProof.id] } }, owner1)).data.submitPenaltyAppeal;
    expect(a.proofs).toEqual([{ id: proof.data.uploadAppealProof.id }]);
    const d = await c.gql(DECIDE, { i: { id: a.id, version: a.version, decision: 'revoke', reason: 'Orders verified as genuine.' } }, lead);
    expect(d.data.decidePenaltyAppeal).toMatchObject({ status: 'revoked', decisionReason: 'Orders verified as genuine.' });
    expect(await storeStatus(store1)).toBe('open');
    const mine = await c.gql('query($id: ID!) { penalty(id: $id) { status effectState } }', { id: p.id }, owner1);
    expect(mine.data.penalty).toEqual({ status: 'revoked', effectState: 'lifted' });
    const n = (await c.gql(NOTICES, { f: { categoryCode: 'FAKE_TRANSACTIONS' }, p: 100 })).data.publicPenaltyNotices.items.find((x: { id: string }) => x.id === p.noticeId);
    expect(n).toMatchObject({ status: 'withdrawn', withdrawnOn: '2026-11-02' });
    const inbox = await c.gql('{ myNotifications(kind: "reward_penalty_warning") { items { titleEn } } }', {}, owner1);
    expect(inbox.data.myNotifications.items[0].titleEn).toBe('Penalty revoked');
  });
});

describe('merchants', () => {
  it("see their own issued penalties (never drafts) and points; another store's penalty is NOT_FOUND", async () => {
    c.app.clock = undefined;
    const d = await draft(reviewer, {});
    const list = await c.gql('{ penalties(perPage: 100) { totalCount items { id status store { id } } } }', {}, owner1);
    expect(list.data.penalties.items.every((p: { status: string; store: { id: string } }) => p.store.id === store1 && p.status !== 'draft')).toBe(true);
    errorOf(await c.gql('query($id: ID!) { penalty(id: $id) { id } }', { id: d.id }, owner1), 'NOT_FOUND');
    const issued = list.data.penalties.items[0];
    errorOf(await c.gql('query($id: ID!) { penalty(id: $id) { id } }', { id: issued.id }, owner2), 'NOT_FOUND');
    expect((await c.gql('{ penalties { totalCount } }', {}, owner2)).data.penalties.totalCount).toBe(0);
    errorOf(await c.gql('query($s: ID) { storePenaltyPoints(storeId: $s) { totalPoints } }', { s: store1 }, owner2), 'NOT_FOUND');
    const pts = await c.gql('{ storePenaltyPoints { storeId totalPoints } }', {}, owner1);
    const [{ sum }] = await c.sql(`SELECT COALESCE(sum(points), 0)::int AS sum FROM penalty WHERE store_id = $1 AND status = 'issued'`, [store1]);
    expect(pts.data.storePenaltyPoints).toEqual({ storeId: store1, totalPoints: sum });
    expect(sum).toBeGreaterThan(0);
    const appeals = await c.gql('{ penaltyAppeals { totalCount } }', {}, owner2);
    expect(appeals.data.penaltyAppeals.totalCount).toBe(0);
    expect(store2).not.toBe(store1);
  });
});

describe('public penalty notices (policy 4.3)', () => {
  const ALLOWED = [
    'PublicPenaltyNoticeList.items',
    'PublicPenaltyNoticeList.totalCount',
    'PublicPenaltyNoticeList.totalCountExact',
    'PublicPenaltyNotice.id',
    'PublicPenaltyNotice.platformAccountId',
    'PublicPenaltyNotice.nickname',
    'PublicPenaltyNotice.category',
    'PublicPenaltyNotice.sanction',
    'PublicPenaltyNotice.issuedOn',
    'PublicPenaltyNotice.startsOn',
    'PublicPenaltyNotice.endsOn',
    'PublicPenaltyNotice.status',
    'PublicPenaltyNotice.withdrawnOn',
    'PublicNoticeCategory.code',
    'PublicNoticeCategory.nameZh',
    'PublicNoticeCategory.nameEn',
    'PublicNoticeSanction.code',
    'PublicNoticeSanction.nameZh',
    'PublicNoticeSanction.nameEn',
    'PublicNoticeSanction.days',
  ].sort();
  const TYPE_REF = 'kind name ofType { kind name ofType { kind name ofType { kind name } } }';

  /** Every `Type.field` reachable from a root query's return type, by live introspection over HTTP, unsigned. */
  async function reachable(rootField: string): Promise<{ fields: string[]; withArgs: string[] }> {
    const root = await c.gql(`{ __schema { queryType { fields { name type { ${TYPE_REF} } } } } }`);
    const named = (t: any): { kind: string; name: string } => (t.ofType ? named(t.ofType) : t);
    const start = named(root.data.__schema.queryType.fields.find((f: { name: string }) => f.name === rootField).type);
    const seen = new Set<string>();
    const fields: string[] = [];
    const withArgs: string[] = [];
    const queue = [start];
    while (queue.length) {
      const t = queue.shift()!;
      if (seen.has(t.name) || t.kind === 'SCALAR' || t.kind === 'ENUM') continue;
      seen.add(t.name);
      const r = await c.gql(`query($n: String!) { __type(name: $n) { kind fields { name args { name } type { ${TYPE_REF} } } possibleTypes { kind name } interfaces { kind name } } }`, { n: t.name });
      const type = r.data.__type;
      for (const p of [...(type.possibleTypes ?? []), ...(type.interfaces ?? [])]) queue.push(p);
      for (const f of type.fields ?? []) {
        fields.push(`${t.name}.${f.name}`);
        if (f.args.length) withArgs.push(`${t.name}.${f.name}`);
        queue.push(named(f.type));
      }
    }
    return { fields: fields.sort(), withArgs };
  }

  it('the public notices query reaches exactly the allowed fields, however nested [policy 4.3]', async () => {
    const { fields, withArgs } = await reachable('publicPenaltyNotices');
    expect(fields).toEqual(ALLOWED);
    expect(withArgs).toEqual([]);
  });

  it('the public category list reaches catalogue fields only; no public query reaches a merchant or penalty type [policy 4.3]', async () => {
    expect((await reachable('publicViolationCategories')).fields).toEqual([
      'PublicViolationCategory.code',
      'PublicViolationCategory.nameEn',
      'PublicViolationCategory.nameZh',
      'PublicViolationCategory.parentCode',
    ]);
    for (const q of ['publicPolicy', 'publicPolicyDocuments', 'publicPenaltyNotices', 'publicViolationCategories']) {
      const { fields } = await reachable(q);
      expect(
        fields.filter((f) => /^(Merchant|Penalty[A-Z]|PenaltyView|Store|Account)/.test(f) || /mobile|merchantId|storeId|facts|accountName/i.test(f)),
        q,
      ).toEqual([]);
    }
  });

  it('the notice table holds exactly the publishable columns [policy 4.3]', async () => {
    const cols = await c.sql(`SELECT column_name FROM information_schema.columns WHERE table_name = 'penalty_notice' ORDER BY column_name`);
    expect(cols.map((x: { column_name: string }) => x.column_name)).toEqual([
      'category_code',
      'category_name_en',
      'category_name_zh',
      'ends_on',
      'id',
      'issued_on',
      'nickname',
      'platform_account_id',
      'sanction_code',
      'sanction_days',
      'sanction_name_en',
      'sanction_name_zh',
      'starts_on',
      'status',
      'withdrawn_on',
    ]);
  });

  it('filters by category (a group includes its children) and date range, paginates, needs no sign-in', async () => {
    const all = (await c.gql(NOTICES, { f: {}, p: 100 })).data.publicPenaltyNotices;
    expect(all.totalCount).toBeGreaterThan(5);
    const dates = all.items.map((n: { issuedOn: string }) => n.issuedOn);
    expect([...dates].sort().reverse()).toEqual(dates);
    const trading = (await c.gql(NOTICES, { f: { categoryCode: 'TRADING' }, p: 100 })).data.publicPenaltyNotices;
    expect(trading.items.length).toBe(trading.totalCount);
    expect(new Set(trading.items.map((n: { category: { code: string } }) => n.category.code))).toEqual(new Set(['FAKE_TRANSACTIONS', 'LATE_SHIPMENT', 'PRICE_FRAUD']));
    const oct = (await c.gql(NOTICES, { f: { issuedFrom: '2026-09-01', issuedTo: '2026-10-31' }, p: 100 })).data.publicPenaltyNotices;
    expect(oct.items.map((n: { issuedOn: string }) => n.issuedOn)).toEqual(['2026-09-30', '2026-09-30']);
    const page2 = (await c.gql('{ publicPenaltyNotices(page: 2, perPage: 2) { totalCount items { id } } }')).data.publicPenaltyNotices;
    expect(page2.items.map((n: { id: string }) => n.id)).toEqual(all.items.slice(2, 4).map((n: { id: string }) => n.id));
    errorOf(await c.gql(NOTICES, { f: { issuedFrom: '1 Oct' } }), 'BAD_USER_INPUT');
  });

  it('the notices page runs on its indexes (plan uses penalty_notice indexes)', async () => {
    const plan = await c.sql(`EXPLAIN SELECT * FROM penalty_notice WHERE category_code = ANY($1) ORDER BY issued_on DESC, id DESC LIMIT 25`, [['COUNTERFEIT']]);
    await c.sql('SET enable_seqscan = off');
    const forced = await c.sql(`EXPLAIN SELECT * FROM penalty_notice ORDER BY issued_on DESC, id DESC LIMIT 25`);
    await c.sql('SET enable_seqscan = on');
    expect(JSON.stringify(forced)).toContain('penalty_notice_issued_idx');
    expect(plan.length).toBeGreaterThan(0);
  });
});

describe('working-day calendar overrides', () => {
  it('admin and ops_lead maintain the override table for years the package lacks (audited); others cannot', async () => {
    const m = 'mutation($i: SetWorkingDayOverrideInput!) { setWorkingDayOverride(input: $i) { date isWorkday name } }';
    expect((await c.gql('{ workingDayYear(year: 2030) { covered overrides { date } } }', {}, reviewer)).data.workingDayYear).toEqual({ covered: false, overrides: [] });
    errorOf(await c.gql(m, { i: { date: '2030-01-01', isWorkday: false, name: '元旦' } }, reviewer), 'FORBIDDEN');
    errorOf(await c.gql(m, { i: { date: '2030-02-30', isWorkday: false } }, lead), 'BAD_USER_INPUT');
    const r = await c.gql(m, { i: { date: '2030-01-01', isWorkday: false, name: '元旦' } }, lead);
    expect(r.data.setWorkingDayOverride).toEqual({ date: '2030-01-01', isWorkday: false, name: '元旦' });
    expect((await c.gql('{ workingDayYear(year: 2030) { covered overrides { date isWorkday } } }', {}, reviewer)).data.workingDayYear).toEqual({
      covered: true,
      overrides: [{ date: '2030-01-01', isWorkday: false }],
    });
    expect((await c.sql(`SELECT count(*)::int AS n FROM audit_event WHERE action = 'workingDay.set'`))[0].n).toBe(1);
    expect((await c.gql('mutation { removeWorkingDayOverride(date: "2030-01-01") }', {}, lead)).data.removeWorkingDayOverride).toBe(true);
  });
});
