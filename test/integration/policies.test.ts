import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fanOutHooks, fanOutSettings, runFanOut } from '../../server/modules/policies/policies.jobs';
import { versionLink } from '../../server/modules/policies/policies.notifications';
import { errorOf, startTestConsole, type TestConsole } from '../helpers/console';

let c: TestConsole;
const tokens: Record<string, string> = {};
const as = (login: string) => tokens[login];
let merchants = 0;

beforeAll(async () => {
  c = await startTestConsole({ merchants: 20 });
  for (const login of ['legal', 'legal2', 'reviewer', 'lead', 'owner1', 'owner2', 'auditor', 'admin']) tokens[login] = await c.signIn(login);
  [{ n: merchants }] = await c.sql(`SELECT count(*)::int AS n FROM merchant m JOIN account a ON a.id = m.account_id WHERE a.status = 'active'`);
});
afterAll(() => c?.close());
afterEach(() => {
  fanOutHooks.afterChunk = undefined;
  fanOutSettings.chunkSize = 5000;
});

const VERSION = `id documentId versionNo status rowVersion isMaterial materialCategories createdBy approvedBy publishAt publishedAt effectiveDate changeSummary
  clauses { number title level items { label } } transitions { action fromStatus toStatus actorAccountId }`;

async function docId(code: string): Promise<string> {
  const [d] = await c.sql('SELECT id::text FROM policy_document WHERE code = $1', [code]);
  return d.id;
}
async function current(code: string) {
  const [v] = await c.sql(`SELECT v.id::text, v.version_no, v.body_zh FROM policy_version v JOIN policy_document d ON d.id = v.document_id WHERE d.code = $1 AND v.status = 'published'`, [code]);
  return v as { id: string; version_no: number; body_zh: string };
}
async function gqlOk<T = any>(query: string, variables: Record<string, unknown>, token: string): Promise<T> {
  const r = await c.gql(query, variables, token);
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return r.data as T;
}
const createDraft = (input: Record<string, unknown>, login = 'legal') => c.gql(`mutation($i: CreatePolicyDraftInput!) { createPolicyDraft(input: $i) { ${VERSION} } }`, { i: input }, as(login));
const updateDraft = (input: Record<string, unknown>, login = 'legal') => c.gql(`mutation($i: UpdatePolicyDraftInput!) { updatePolicyDraft(input: $i) { ${VERSION} } }`, { i: input }, as(login));
const step = (name: string, id: string, login = 'legal', extra: Record<string, unknown> = {}) =>
  c.gql(`mutation($i: PolicyTransitionInput!) { ${name}(input: $i) { ${VERSION} } }`, { i: { id, ...extra } }, as(login));
const schedule = (id: string, publishAt: Date, effectiveDate: string, login = 'legal') =>
  c.gql(`mutation($i: SchedulePolicyVersionInput!) { schedulePolicyVersion(input: $i) { ${VERSION} } }`, { i: { id, publishAt: publishAt.toISOString(), effectiveDate } }, as(login));
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
const versionCount = async () => (await c.sql('SELECT count(*)::int AS n FROM policy_version'))[0].n as number;
const statusOf = async (id: string) => (await c.sql('SELECT status FROM policy_version WHERE id = $1', [id]))[0].status as string;

/** A non-material version of `code` taken all the way to scheduled-now by one legal (self-approval). */
async function publishNonMaterial(code: string, edit: (body: string) => string, summary: string): Promise<string> {
  const cur = await current(code);
  const d = await gqlOk(
    `mutation($i: CreatePolicyDraftInput!) { createPolicyDraft(input: $i) { id } }`,
    { i: { documentId: await docId(code), bodyZh: edit(cur.body_zh), changeSummary: summary } },
    as('legal'),
  );
  const id = d.createPolicyDraft.id;
  await gqlOk(`mutation($i: PolicyTransitionInput!) { submitPolicyVersion(input: $i) { id } }`, { i: { id } }, as('legal'));
  await gqlOk(`mutation($i: PolicyTransitionInput!) { approvePolicyVersion(input: $i) { id approvedBy } }`, { i: { id } }, as('legal'));
  await gqlOk(`mutation($i: SchedulePolicyVersionInput!) { schedulePolicyVersion(input: $i) { id } }`, { i: { id, publishAt: new Date().toISOString(), effectiveDate: today() } }, as('legal'));
  return id;
}

describe('the imported policy and the public pages', () => {
  it('the real policy is version 1 with 9 sections, sub-clause 2.3.4 and the lettered list a-k of 4.1; no sign-in needed [policy 8.1]', async () => {
    const r = await c.gql(
      `{ publicPolicy(code: "merchant-privacy-policy") { code current { versionNo status clauses { number title level items { label } } whatChanged { clauses { number } } } history { versionNo } } }`,
    );
    expect(r.errors).toBeUndefined();
    const cur = r.data.publicPolicy.current;
    expect(cur.versionNo).toBe(1);
    expect(cur.clauses.filter((x: { level: number }) => x.level === 1).map((x: { number: string }) => x.number)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9']);
    expect(cur.clauses.find((x: { number: string }) => x.number === '2.3.4')).toMatchObject({ level: 3 });
    expect(
      cur.clauses
        .find((x: { number: string }) => x.number === '4.1')
        .items.map((i: { label: string }) => i.label)
        .join(''),
    ).toBe('abcdefghijk');
    expect(cur.whatChanged).toBeNull();
  });

  it('three documents are published (privacy policy, platform rules, data-sharing list), each with a version 1', async () => {
    const r = await c.gql('{ publicPolicyDocuments { code titleZh titleEn current { versionNo bodyEn clauses { number } } } }');
    const docs = r.data.publicPolicyDocuments;
    expect(docs.map((d: { code: string }) => d.code)).toEqual(['merchant-privacy-policy', 'platform-rules', 'third-party-data-sharing']);
    for (const d of docs) {
      expect(d.current.versionNo).toBe(1);
      expect(d.current.clauses.length).toBeGreaterThan(2);
    }
    expect(docs[1].current.bodyEn).toContain('Platform Rules');
  });

  it('public queries never show drafts [policy 8.1]', async () => {
    const d = await createDraft({ documentId: await docId('platform-rules'), changeSummary: '草稿' });
    const no = d.data.createPolicyDraft.versionNo;
    const pub = await c.gql('{ publicPolicy(code: "platform-rules") { history { versionNo status } } }');
    expect(pub.data.publicPolicy.history.every((v: { status: string }) => ['published', 'superseded'].includes(v.status))).toBe(true);
    expect(pub.data.publicPolicy.history.map((v: { versionNo: number }) => v.versionNo)).not.toContain(no);
    errorOf(await c.gql('query($n: Int!) { publicPolicyVersion(code: "platform-rules", versionNo: $n) { id } }', { n: no }), 'NOT_FOUND');
    await step('withdrawPolicyVersion', d.data.createPolicyDraft.id);
  });
});

describe('who may do what', () => {
  it('only legal drafts and moves versions; reviewer, lead, owner and auditor are refused', async () => {
    const documentId = await docId('merchant-privacy-policy');
    const before = await versionCount();
    for (const login of ['reviewer', 'lead', 'owner1', 'auditor', 'admin']) {
      errorOf(await createDraft({ documentId }, login), 'FORBIDDEN');
      errorOf(await step('submitPolicyVersion', '1', login), 'FORBIDDEN');
      errorOf(await step('approvePolicyVersion', '1', login), 'FORBIDDEN');
      errorOf(await step('withdrawPolicyVersion', '1', login), 'FORBIDDEN');
      errorOf(await schedule('1', new Date(), today(), login), 'FORBIDDEN');
    }
    for (const login of ['reviewer', 'owner1']) errorOf(await c.gql('{ policyDocuments { id } }', {}, as(login)), 'FORBIDDEN');
    // the auditor reads but does not write
    expect((await c.gql('{ policyDocuments { code versionCount } }', {}, as('auditor'))).data.policyDocuments).toHaveLength(3);
    expect(await versionCount()).toBe(before);
    errorOf(await c.gql('{ policyDocuments { id } }'), 'UNAUTHENTICATED');
  });

  it('the lifecycle refuses transitions the table does not have (CONFLICT) and records every step', async () => {
    const d = (await createDraft({ documentId: await docId('third-party-data-sharing'), changeSummary: '测试' })).data.createPolicyDraft;
    errorOf(await step('approvePolicyVersion', d.id), 'CONFLICT'); // draft -> approved: no
    errorOf(await schedule(d.id, new Date(), today()), 'CONFLICT');
    const s = (await step('submitPolicyVersion', d.id)).data.submitPolicyVersion;
    expect(s.status).toBe('in_review');
    errorOf(await updateDraft({ id: d.id, changeSummary: 'x' }), 'CONFLICT'); // only drafts are edited
    const back = (await step('returnPolicyVersionToDraft', d.id, 'legal2', { note: '请补充' })).data.returnPolicyVersionToDraft;
    expect(back.status).toBe('draft');
    const w = (await step('withdrawPolicyVersion', d.id)).data.withdrawPolicyVersion;
    expect(w.status).toBe('withdrawn');
    errorOf(await step('submitPolicyVersion', d.id), 'CONFLICT');
    expect(w.transitions.map((t: { action: string }) => t.action)).toEqual(['create', 'submit', 'return', 'withdraw']);
    // stale expectedRowVersion is a CONFLICT
    const d2 = (await createDraft({ documentId: await docId('third-party-data-sharing'), changeSummary: '测试' })).data.createPolicyDraft;
    errorOf(await step('submitPolicyVersion', d2.id, 'legal', { expectedRowVersion: d2.rowVersion + 5 }), 'CONFLICT');
    await step('withdrawPolicyVersion', d2.id);
  });
});

describe('published versions are immutable', () => {
  it('the service refuses to edit or withdraw a published version', async () => {
    const v1 = await current('merchant-privacy-policy');
    errorOf(await updateDraft({ id: v1.id, bodyZh: '篡改' }), 'CONFLICT');
    errorOf(await step('withdrawPolicyVersion', v1.id), 'CONFLICT');
    errorOf(await step('submitPolicyVersion', v1.id), 'CONFLICT');
    expect((await current('merchant-privacy-policy')).body_zh).toBe(v1.body_zh);
  });

  it('the database refuses UPDATE and DELETE of a published version, and changes to the history', async () => {
    const v1 = await current('platform-rules');
    await expect(c.sql(`UPDATE policy_version SET body_zh = 'x' WHERE id = $1`, [v1.id])).rejects.toThrow(/immutable/);
    await expect(c.sql(`UPDATE policy_version SET status = 'draft' WHERE id = $1`, [v1.id])).rejects.toThrow(/immutable/);
    await expect(c.sql(`DELETE FROM policy_version WHERE id = $1`, [v1.id])).rejects.toThrow(/immutable/);
    await expect(c.sql(`UPDATE policy_version_transition SET note = 'x'`)).rejects.toThrow(/append-only/);
  });
});

describe('bad input', () => {
  it('names the field and stores nothing', async () => {
    const documentId = await docId('merchant-privacy-policy');
    const before = await versionCount();
    const cases: [Record<string, unknown>, string][] = [
      [{ documentId, isMaterial: true }, 'materialCategories'],
      [{ documentId, isMaterial: true, materialCategories: ['c', 'z'] }, 'materialCategories'],
      [{ documentId, isMaterial: true, materialCategories: ['c', 'c'] }, 'materialCategories'],
      [{ documentId, isMaterial: false, materialCategories: ['a'] }, 'isMaterial'],
      [{ documentId, effectiveDate: '2026-02-30' }, 'effectiveDate'],
      [{ documentId, effectiveDate: 'tomorrow' }, 'effectiveDate'],
      [{ documentId, bodyZh: '   ' }, 'bodyZh'],
      [{ documentId, fromVersionId: 'abc' }, 'fromVersionId'],
    ];
    for (const [input, field] of cases) {
      const e = errorOf(await createDraft(input), 'BAD_USER_INPUT');
      expect(
        e.extensions.fields!.map((f) => f.field),
        JSON.stringify(input),
      ).toContain(field);
    }
    expect(await versionCount()).toBe(before);
    const doc = await c.gql('mutation($i: CreatePolicyDocumentInput!) { createPolicyDocument(input: $i) { id } }', { i: { code: 'Bad Code', titleZh: '', titleEn: 'x' } }, as('legal'));
    expect(
      errorOf(doc, 'BAD_USER_INPUT')
        .extensions.fields!.map((f) => f.field)
        .sort(),
    ).toEqual(['code', 'titleZh']);
    expect((await c.sql('SELECT count(*)::int AS n FROM policy_document'))[0].n).toBe(3);
  });

  it('scheduling in the past or with an effective date before publication is refused, and nothing changes', async () => {
    const d = (await createDraft({ documentId: await docId('third-party-data-sharing'), changeSummary: '改' })).data.createPolicyDraft;
    await step('submitPolicyVersion', d.id);
    const a = (await step('approvePolicyVersion', d.id)).data.approvePolicyVersion; // non-material: self-approval allowed
    expect(a.status).toBe('approved');
    expect(errorOf(await schedule(d.id, new Date(Date.now() - 3600_000), today()), 'BAD_USER_INPUT').extensions.fields!.map((f) => f.field)).toEqual(['publishAt']);
    expect(errorOf(await schedule(d.id, new Date(Date.now() + 5 * 86_400_000), today()), 'BAD_USER_INPUT').extensions.fields!.map((f) => f.field)).toEqual(['effectiveDate']);
    expect(await statusOf(d.id)).toBe('approved');
    await step('withdrawPolicyVersion', d.id);
  });
});

describe('a material change: draft from v1, diff, second approver, publication, fan-out, acknowledgements', () => {
  let v1: { id: string; version_no: number; body_zh: string };
  let v2: string;
  const OLD_C = 'c.个人信息共享、转让或公开披露的主要对象发生变化；';
  const NEW_C = 'c.个人信息共享、转让或公开披露的主要对象（包括保险公司）发生变化；';

  it('legal drafts v2 from v1, changes clause 8.2 c and flags it material (8.2 c); the structure is recovered on save [policy 8.2]', async () => {
    v1 = await current('merchant-privacy-policy');
    const d = (await createDraft({ documentId: await docId('merchant-privacy-policy'), fromVersionId: v1.id })).data.createPolicyDraft;
    expect(d).toMatchObject({ versionNo: 2, status: 'draft', isMaterial: false });
    expect(d.clauses.filter((x: { level: number }) => x.level === 1)).toHaveLength(9);
    expect(v1.body_zh).toContain(OLD_C);
    const u = await updateDraft({
      id: d.id,
      expectedRowVersion: d.rowVersion,
      bodyZh: v1.body_zh.replace(OLD_C, NEW_C),
      isMaterial: true,
      materialCategories: ['c'],
      changeSummary: '第 8.2 条 c 项：明确共享对象包括保险公司',
    });
    expect(u.errors).toBeUndefined();
    expect(u.data.updatePolicyDraft).toMatchObject({ isMaterial: true, materialCategories: ['c'], rowVersion: d.rowVersion + 1 });
    v2 = d.id;
    const [row] = await c.sql(`SELECT structure->'sections'->7->'children'->1->'items'->2->>'text' AS c FROM policy_version WHERE id = $1`, [v2]);
    expect(row.c).toContain('（包括保险公司）');
  });

  it('the diff of v1 and v2 lists exactly the changed clause, inline and side by side', async () => {
    const r = await gqlOk(
      `query($a: ID!, $b: ID!) { policyVersionDiff(fromVersionId: $a, toVersionId: $b) { added removed changed clauses { number change inline { op text } oldSegments { op text } newSegments { op text } } } }`,
      { a: v1.id, b: v2 },
      as('legal'),
    );
    const diff = r.policyVersionDiff;
    expect(diff.clauses.map((x: { number: string; change: string }) => `${x.number}:${x.change}`)).toEqual(['8.2:changed']);
    expect({ added: diff.added, removed: diff.removed, changed: diff.changed }).toEqual({ added: 0, removed: 0, changed: 1 });
    expect(diff.clauses[0].inline.filter((s: { op: string }) => s.op !== 'equal')).toEqual([{ op: 'insert', text: '（包括保险公司）' }]);
    expect(diff.clauses[0].oldSegments.every((s: { op: string }) => s.op !== 'insert')).toBe(true);
    expect(diff.clauses[0].newSegments.some((s: { op: string }) => s.op === 'insert')).toBe(true);
    // versions of different documents cannot be compared
    const other = await current('platform-rules');
    errorOf(await c.gql(`query($a: ID!, $b: ID!) { policyVersionDiff(fromVersionId: $a, toVersionId: $b) { changed } }`, { a: v1.id, b: other.id }, as('legal')), 'BAD_USER_INPUT');
  });

  it('the author cannot approve a material version (refusal audited); of two concurrent approvals exactly one wins', async () => {
    await gqlOk(`mutation($i: PolicyTransitionInput!) { submitPolicyVersion(input: $i) { status } }`, { i: { id: v2 } }, as('legal'));
    errorOf(await step('approvePolicyVersion', v2, 'legal'), 'FORBIDDEN');
    const [ev] = await c.sql(`SELECT outcome, actor_label FROM audit_event WHERE action = 'policy.approve' AND target_id = $1`, [v2]);
    expect(ev).toEqual({ outcome: 'denied', actor_label: 'legal' });
    expect(await statusOf(v2)).toBe('in_review');
    const legal2b = await c.signIn('legal2');
    const results = await Promise.all([
      step('approvePolicyVersion', v2, 'legal2'),
      c.gql(`mutation($i: PolicyTransitionInput!) { approvePolicyVersion(input: $i) { status } }`, { i: { id: v2 } }, legal2b),
    ]);
    const codes = results.map((r) => r.errors?.[0]?.extensions.code ?? 'OK').sort();
    expect(codes).toEqual(['CONFLICT', 'OK']);
    const [row] = await c.sql(`SELECT status, approved_by::text FROM policy_version WHERE id = $1`, [v2]);
    const [legal2] = await c.sql(`SELECT id::text FROM account WHERE login_name = 'legal2'`);
    expect(row).toEqual({ status: 'approved', approved_by: legal2.id });
    expect((await c.sql(`SELECT count(*)::int AS n FROM policy_version_transition WHERE version_id = $1 AND action = 'approve'`, [v2]))[0].n).toBe(1);
  });

  it('scheduled for now, the job publishes it, supersedes v1 and notifies every merchant once, inbox and SMS [policy 8.1, 8.2]', async () => {
    const s = (await schedule(v2, new Date(), today())).data.schedulePolicyVersion;
    expect(s.status).toBe('scheduled');
    await c.waitFor(async () => (await statusOf(v2)) === 'published', 20_000);
    expect(await statusOf(v1.id)).toBe('superseded');
    const fo = await c.waitFor(async () => {
      const r = await gqlOk('query($v: ID!) { policyFanOut(versionId: $v) { status total done progress withSms } }', { v: v2 }, as('legal'));
      return r.policyFanOut?.status === 'completed' && r.policyFanOut;
    }, 20_000);
    expect(fo).toEqual({ status: 'completed', total: merchants, done: merchants, progress: 1, withSms: true });
    const link = versionLink('merchant-privacy-policy', 2);
    const [n] = await c.sql(`SELECT count(*)::int AS n, count(DISTINCT account_id)::int AS d FROM notification WHERE link = $1`, [link]);
    expect(n).toEqual({ n: merchants, d: merchants });
    await c.waitFor(
      async () =>
        (await c.sql(`SELECT count(*)::int AS n FROM outbound_delivery d JOIN notification n ON n.id = d.notification_id WHERE n.link = $1 AND d.status = 'sent'`, [link]))[0].n === merchants,
      30_000,
    );
    const sms = (await c.outbox.list('sms')).filter((m) => m.body.includes('重大变更'));
    expect(sms).toHaveLength(merchants);
    const inbox = (await gqlOk('{ myNotifications(kind: "policy_update") { items { titleZh link } } }', {}, as('owner1'))).myNotifications.items;
    expect(inbox.filter((x: { link: string }) => x.link === link)).toHaveLength(1);
  });

  it('the public page shows v2 in force with "what changed", v1 in the history [policy 8.1]', async () => {
    const r = await c.gql(
      `{ publicPolicy(code: "merchant-privacy-policy") { current { versionNo isMaterial materialCategories whatChanged { fromVersionNo clauses { number change } } } history { versionNo status } } }`,
    );
    expect(r.data.publicPolicy.current).toMatchObject({
      versionNo: 2,
      isMaterial: true,
      materialCategories: ['c'],
      whatChanged: { fromVersionNo: 1, clauses: [{ number: '8.2', change: 'changed' }] },
    });
    expect(r.data.publicPolicy.history).toEqual([
      { versionNo: 2, status: 'published' },
      { versionNo: 1, status: 'superseded' },
    ]);
    const one = await c.gql('{ publicPolicyVersion(code: "merchant-privacy-policy", versionNo: 1) { status whatChanged { changed } } }');
    expect(one.data.publicPolicyVersion).toEqual({ status: 'superseded', whatChanged: null });
  });

  it('merchants see the banner until they acknowledge the exact version; acknowledgements are per version [policy 8.2]', async () => {
    const banner = async (login: string) =>
      (await gqlOk('{ myPolicyStatus { code mustAcknowledge currentVersionId materialVersionNo canAcknowledge acknowledgedCurrentAt } }', {}, as(login))).myPolicyStatus.find(
        (s: { code: string }) => s.code === 'merchant-privacy-policy',
      );
    expect(await banner('owner1')).toMatchObject({ mustAcknowledge: true, currentVersionId: v2, materialVersionNo: 2, canAcknowledge: true, acknowledgedCurrentAt: null });
    // acknowledging the retired v1 is recorded against v1 and does not lift the banner
    const old = await gqlOk('mutation($v: ID!) { acknowledgePolicyVersion(versionId: $v) { versionId newlyRecorded } }', { v: v1.id }, as('owner2'));
    expect(old.acknowledgePolicyVersion).toEqual({ versionId: v1.id, newlyRecorded: true });
    expect((await banner('owner2')).mustAcknowledge).toBe(true);
    const ack = await gqlOk('mutation($v: ID!) { acknowledgePolicyVersion(versionId: $v) { versionId newlyRecorded acknowledgedAt } }', { v: v2 }, as('owner1'));
    expect(ack.acknowledgePolicyVersion).toMatchObject({ versionId: v2, newlyRecorded: true });
    const again = await gqlOk('mutation($v: ID!) { acknowledgePolicyVersion(versionId: $v) { newlyRecorded acknowledgedAt } }', { v: v2 }, as('owner1'));
    expect(again.acknowledgePolicyVersion).toEqual({ newlyRecorded: false, acknowledgedAt: ack.acknowledgePolicyVersion.acknowledgedAt });
    expect(await banner('owner1')).toMatchObject({ mustAcknowledge: false });
    expect((await banner('owner1')).acknowledgedCurrentAt).toBeTruthy();
    const rows = await c.sql(`SELECT v.version_no, count(*)::int AS n FROM policy_acknowledgement a JOIN policy_version v ON v.id = a.version_id GROUP BY 1 ORDER BY 1`);
    expect(rows).toEqual([
      { version_no: 1, n: 1 },
      { version_no: 2, n: 1 },
    ]);
    // staff and drafts
    expect((await gqlOk('{ myPolicyStatus { code } }', {}, as('legal'))).myPolicyStatus).toEqual([]);
    errorOf(await c.gql('mutation($v: ID!) { acknowledgePolicyVersion(versionId: $v) { versionId } }', { v: v2 }, as('legal')), 'FORBIDDEN');
    const draft = (await createDraft({ documentId: await docId('merchant-privacy-policy') })).data.createPolicyDraft;
    errorOf(await c.gql('mutation($v: ID!) { acknowledgePolicyVersion(versionId: $v) { versionId } }', { v: draft.id }, as('owner1')), 'NOT_FOUND');
    await step('withdrawPolicyVersion', draft.id);
    // the other documents were never materially changed: no banner
    const all = (await gqlOk('{ myPolicyStatus { code mustAcknowledge } }', {}, as('owner2'))).myPolicyStatus;
    expect(all.filter((s: { mustAcknowledge: boolean }) => s.mustAcknowledge).map((s: { code: string }) => s.code)).toEqual(['merchant-privacy-policy']);
  });

  it('legal sees the acknowledgement rate per day and exports who has not acknowledged (audited with the purpose)', async () => {
    const st = (await gqlOk('query($v: ID!) { policyAcknowledgementStats(versionId: $v) { merchants acknowledged rate daily { date count cumulative rate } } }', { v: v2 }, as('legal')))
      .policyAcknowledgementStats;
    expect(st).toMatchObject({ merchants, acknowledged: 1 });
    expect(st.rate).toBeCloseTo(1 / merchants);
    expect(st.daily.at(-1)).toEqual({ date: today(), count: 1, cumulative: 1, rate: st.rate });
    expect((await gqlOk('query($v: ID!) { policyAcknowledgementStats(versionId: $v) { acknowledged } }', { v: v2 }, as('auditor'))).policyAcknowledgementStats.acknowledged).toBe(1);
    errorOf(await c.gql('query($v: ID!) { policyAcknowledgementStats(versionId: $v) { acknowledged } }', { v: v2 }, as('owner1')), 'FORBIDDEN');

    const page1 = (
      await gqlOk(
        'mutation($i: ExportNonAcknowledgersInput!) { exportPolicyNonAcknowledgers(input: $i) { csv rowCount nextAfter } }',
        { i: { versionId: v2, purpose: '提醒未确认商家', limit: 10 } },
        as('legal'),
      )
    ).exportPolicyNonAcknowledgers;
    expect(page1.rowCount).toBe(10);
    const page2 = (
      await gqlOk(
        'mutation($i: ExportNonAcknowledgersInput!) { exportPolicyNonAcknowledgers(input: $i) { csv rowCount nextAfter } }',
        { i: { versionId: v2, purpose: '提醒未确认商家', after: page1.nextAfter, limit: 100 } },
        as('legal'),
      )
    ).exportPolicyNonAcknowledgers;
    expect(page1.rowCount + page2.rowCount).toBe(merchants - 1);
    expect(page2.nextAfter).toBeNull();
    expect(page1.csv.split('\r\n')[0]).toBe('merchant_id,platform_account_id,nickname,store_name,store_status');
    const [owner1] = await c.sql(`SELECT m.id::text FROM merchant m JOIN account a ON a.id = m.account_id WHERE a.login_name = 'owner1'`);
    expect(`${page1.csv}${page2.csv}`.split('\r\n').some((l: string) => l.startsWith(`${owner1.id},`))).toBe(false);
    const evs = await c.sql(`SELECT purpose, after FROM audit_event WHERE action = 'policy.exportNonAcknowledgers' ORDER BY id`);
    expect(evs.map((e) => e.purpose)).toEqual(['提醒未确认商家', '提醒未确认商家']);
    errorOf(await c.gql('mutation($i: ExportNonAcknowledgersInput!) { exportPolicyNonAcknowledgers(input: $i) { rowCount } }', { i: { versionId: v2, purpose: 'x' } }, as('legal')), 'BAD_USER_INPUT');
    errorOf(
      await c.gql('mutation($i: ExportNonAcknowledgersInput!) { exportPolicyNonAcknowledgers(input: $i) { rowCount } }', { i: { versionId: v2, purpose: '审计抽查' } }, as('auditor')),
      'FORBIDDEN',
    );
  });
});

describe('fan-out: exactly once, even when the job dies midway', () => {
  it('a non-material version is notified to the inbox of every merchant (no SMS); killed after 2 chunks, resumed, exactly N [policy 8.1]', async () => {
    fanOutSettings.chunkSize = 5;
    let kills = 0;
    let release = false;
    fanOutHooks.afterChunk = (chunkNo) => {
      if (chunkNo === 3 && !release) {
        kills++;
        throw new Error('worker killed');
      }
    };
    const id = await publishNonMaterial('platform-rules', (b) => b.replace('十五个工作日', '十个工作日'), '申诉期限改为十个工作日');
    const link = versionLink('platform-rules', Number((await c.sql('SELECT version_no FROM policy_version WHERE id = $1', [id]))[0].version_no));
    // The job dies in chunk 3: chunks 1-2 committed (10 merchants), chunk 3 rolled back.
    await c.waitFor(async () => kills >= 1, 20_000);
    const [mid] = await c.sql(`SELECT status, done, chunks, total FROM policy_fan_out WHERE version_id = $1`, [id]);
    expect(mid).toMatchObject({ status: 'running', done: 10, chunks: 2, total: merchants });
    expect((await c.sql(`SELECT count(*)::int AS n FROM notification WHERE link = $1`, [link]))[0].n).toBe(10);
    // The restarted job (pg-boss retry) resumes from the cursor.
    release = true;
    await c.waitFor(async () => (await c.sql(`SELECT status FROM policy_fan_out WHERE version_id = $1`, [id]))[0].status === 'completed', 30_000);
    const [fo] = await c.sql(`SELECT id::text, done, total FROM policy_fan_out WHERE version_id = $1`, [id]);
    expect(fo).toMatchObject({ done: merchants, total: merchants });
    const [n] = await c.sql(`SELECT count(*)::int AS n, count(DISTINCT account_id)::int AS d FROM notification WHERE link = $1`, [link]);
    expect(n).toEqual({ n: merchants, d: merchants });
    // non-material: inbox only
    expect((await c.sql(`SELECT count(*)::int AS n FROM outbound_delivery d JOIN notification n ON n.id = d.notification_id WHERE n.link = $1`, [link]))[0].n).toBe(0);
    // running it again (a duplicate job) sends nothing more
    await runFanOut(c.app, fo.id);
    expect((await c.sql(`SELECT count(*)::int AS n FROM notification WHERE link = $1`, [link]))[0].n).toBe(merchants);
    // non-material: no banner
    const st = (await gqlOk('{ myPolicyStatus { code mustAcknowledge } }', {}, as('owner1'))).myPolicyStatus;
    expect(st.find((s: { code: string }) => s.code === 'platform-rules').mustAcknowledge).toBe(false);
  });

  it('two runners of the same fan-out started together notify each merchant once', async () => {
    // Direct runs (no job): create the version and fan-out through publication, with the job's first chunk blocked.
    fanOutSettings.chunkSize = 3;
    let block = true;
    fanOutHooks.afterChunk = () => {
      if (block) throw new Error('not yet');
    };
    const id = await publishNonMaterial('third-party-data-sharing', (b) => b.replace('支付宝', '支付宝（蚂蚁集团）'), '明确奖励发放机构');
    await c.waitFor(async () => (await c.sql(`SELECT 1 FROM policy_fan_out WHERE version_id = $1`, [id])).length > 0, 20_000);
    const [fo] = await c.sql(`SELECT id::text FROM policy_fan_out WHERE version_id = $1`, [id]);
    block = false;
    await Promise.all([runFanOut(c.app, fo.id), runFanOut(c.app, fo.id), runFanOut(c.app, fo.id)]);
    const [row] = await c.sql(`SELECT status, done FROM policy_fan_out WHERE id = $1`, [fo.id]);
    expect(row).toEqual({ status: 'completed', done: merchants });
    const link = versionLink('third-party-data-sharing', Number((await c.sql('SELECT version_no FROM policy_version WHERE id = $1', [id]))[0].version_no));
    expect((await c.sql(`SELECT count(*)::int AS n, count(DISTINCT account_id)::int AS d FROM notification WHERE link = $1`, [link]))[0]).toEqual({ n: merchants, d: merchants });
  });
});
