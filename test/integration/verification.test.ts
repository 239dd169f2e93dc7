import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeResidentId } from '../../rules/identity/resident-id';
import { errorOf, startTestConsole, type TestConsole } from '../helpers/console';
import { newStaffMember } from '../helpers/staff';
import { CASE_FIELDS, newStoreOwner, SUBMIT, submissionInput, upload, yearsAgo } from '../helpers/verification';
import { DEMO_IMAGE_PNG } from '../../server/seed/demo-image';

let c: TestConsole;
const tokens: Record<string, string> = {};
const t = async (login: string) => (tokens[login] ??= await c.signIn(login));

beforeAll(async () => {
  c = await startTestConsole();
});
afterAll(() => c?.close());

const CASE = `query($id: ID!) { verificationCase(id: $id) { ${CASE_FIELDS} } }`;
const CLAIM = `mutation($id: ID!, $v: Int!) { claimVerification(id: $id, version: $v) { id status rowVersion assignee { displayName } } }`;
const DECIDE = `mutation($i: DecideVerificationInput!) { decideVerification(input: $i) { ${CASE_FIELDS} } }`;

const newOwner = (login: string) => newStoreOwner(c, login);

/** Flags are for staff only: read them as a lead. */
async function flagsOf(id: string): Promise<string[]> {
  return (await c.gql(CASE, { id }, await t('lead'))).data.verificationCase.flags.sort();
}

async function claim(id: string, login = 'reviewer') {
  const cur = (await c.gql(CASE, { id }, await t(login))).data.verificationCase;
  const r = await c.gql(CLAIM, { id, v: cur.rowVersion }, await t(login));
  expect(r.errors).toBeUndefined();
  return r.data.claimVerification;
}

describe('merchant submission', () => {
  it('stores an encrypted submission, shows it masked, notifies and audits [policy 2.2.1]', async () => {
    const owner = await t('owner2');
    const input = await submissionInput(c, owner);
    const r = await c.gql(SUBMIT, { i: input }, owner);
    expect(r.errors).toBeUndefined();
    const v = r.data.submitVerification;
    expect(v).toMatchObject({ status: 'submitted', flags: [], canResubmit: true, storeStatus: 'pending_verification' });
    expect(v.submission.realName).toBe('张*明');
    expect(v.submission.idNumber).toMatch(/^1101\*{10}[\dX]{4}$/);
    expect(v.submission.contactMobile).toBe('138****5678');
    expect(v.submission.images).toEqual(['idFront', 'idBack', 'handheld']);
    const [row] = await c.sql(`SELECT * FROM verification_submission WHERE case_id = $1`, [v.id]);
    expect(JSON.stringify(row)).not.toContain(input.idNumber);
    expect(JSON.stringify(row)).not.toContain('张三明');
    const [n] = await c.sql(`SELECT n.kind FROM notification n JOIN account a ON a.id = n.account_id WHERE a.login_name = 'owner2' AND n.kind = 'verification_result'`);
    expect(n.kind).toBe('verification_result');
    const [ev] = await c.sql(`SELECT after FROM audit_event WHERE action = 'verification.submit' AND target_id = $1`, [v.id]);
    expect(JSON.stringify(ev.after)).not.toContain(input.idNumber);
  });

  it('rejects a wrong check digit outright, naming the field, storing nothing', async () => {
    const owner = await newOwner('cd_owner');
    const good = makeResidentId('440305', '1988-05-20', 17);
    const bad = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    const [{ n: before }] = await c.sql('SELECT count(*)::int AS n FROM verification_submission');
    const e = errorOf(await c.gql(SUBMIT, { i: await submissionInput(c, owner, { idNumber: bad }) }, owner), 'BAD_USER_INPUT');
    expect(e.extensions.fields).toEqual([{ field: 'idNumber', message: 'resident ID number has a wrong check digit' }]);
    expect(JSON.stringify(e)).not.toContain(bad);
    const [{ n: after }] = await c.sql('SELECT count(*)::int AS n FROM verification_submission');
    expect(after).toBe(before);
  });

  it('accepts a lowercase x check character', async () => {
    let id = '';
    for (let seq = 0; !id.endsWith('X'); seq++) id = makeResidentId('310101', '1979-09-09', seq);
    const owner = await newOwner('x_owner');
    const r = await c.gql(SUBMIT, { i: await submissionInput(c, owner, { idNumber: id.toLowerCase() }) }, owner);
    expect(r.errors).toBeUndefined();
    expect(r.data.submitVerification.submission.idNumber.endsWith('X')).toBe(true);
  });

  it('treats the 14th birthday (Asia/Shanghai) as 14: no guardian needed, flagged under 18 [policy 7]', async () => {
    const owner = await newOwner('age14_owner');
    const r = await c.gql(SUBMIT, { i: await submissionInput(c, owner, {}, yearsAgo(14)) }, owner);
    expect(r.errors).toBeUndefined();
    expect(r.data.submitVerification.flags).toEqual([]); // merchants never see risk flags
    expect(await flagsOf(r.data.submitVerification.id)).toEqual(['minor_under_18']);
    expect(r.data.submitVerification.submission.ageAtSubmission).toBe(14);
  });

  it('refuses a holder one day short of 14 without guardian consent, and accepts it with one [policy 7]', async () => {
    const owner = await newOwner('age13_owner');
    const input = await submissionInput(c, owner, {}, yearsAgo(14, -1));
    const e = errorOf(await c.gql(SUBMIT, { i: input }, owner), 'BAD_USER_INPUT');
    expect(e.extensions.fields![0].field).toBe('guardian');
    expect(e.message).toContain('MINOR_NO_GUARDIAN');
    const guardian = { name: '王监护', relation: '母亲', idNumber: makeResidentId('110101', '1980-01-01', 22), consentKey: await upload(c, owner) };
    const r = await c.gql(SUBMIT, { i: { ...input, guardian } }, owner);
    expect(r.errors).toBeUndefined();
    expect(await flagsOf(r.data.submitVerification.id)).toEqual(['minor_under_14', 'minor_under_18']);
  });

  it('flags an ID number already used by another store (by keyed hash)', async () => {
    const a = await newOwner('dup_a');
    const b = await newOwner('dup_b');
    const idNumber = makeResidentId('510104', '1985-06-06', 321);
    expect(await flagsOf((await c.gql(SUBMIT, { i: await submissionInput(c, a, { idNumber }) }, a)).data.submitVerification.id)).toEqual([]);
    const r = await c.gql(SUBMIT, { i: await submissionInput(c, b, { idNumber }) }, b);
    expect(await flagsOf(r.data.submitVerification.id)).toEqual(['duplicate_id']);
  });

  it('flags an expired document and a legal-representative name mismatch', async () => {
    const owner = await newOwner('ent_owner');
    const input = await submissionInput(c, owner, {
      subjectType: 'enterprise',
      idValidUntil: '2020-01-01',
      companyName: '杭州某某科技有限公司',
      uscc: '91350100M000100Y43',
      legalRepName: '李大伟',
      licenceKey: await upload(c, owner),
    });
    const r = await c.gql(SUBMIT, { i: input }, owner);
    expect(r.errors).toBeUndefined();
    expect(await flagsOf(r.data.submitVerification.id)).toEqual(['id_expired', 'name_mismatch']);
  });

  it('names every wrong field at once: USCC check character, mobiles, phone, consent, foreign upload keys [policy 2.2.2]', async () => {
    const owner = await newOwner('bad_owner');
    const foreignKey = await upload(c, await t('owner1'));
    const input = await submissionInput(c, owner, {
      subjectType: 'enterprise',
      companyName: 'x',
      uscc: '91350100M000100Y44',
      legalRepName: '张三明',
      licenceKey: foreignKey,
      contactMobile: '12345678901',
      csPhone: '12345',
      thirdPartyConsent: false,
    });
    const e = errorOf(await c.gql(SUBMIT, { i: input }, owner), 'BAD_USER_INPUT');
    expect(e.extensions.fields!.map((f) => f.field).sort()).toEqual(['contactMobile', 'csPhone', 'thirdPartyConsent', 'uscc']);
    const e2 = errorOf(await c.gql(SUBMIT, { i: { ...input, uscc: '91350100M000100Y43', contactMobile: '13812345678', csPhone: '400-123-4567', thirdPartyConsent: true } }, owner), 'BAD_USER_INPUT');
    expect(e2.extensions.fields).toEqual([{ field: 'licenceKey', message: 'not one of your uploads' }]);
  });

  it('refuses impossible dates and invisible characters, naming the field', async () => {
    const owner = await newOwner('date_owner');
    const e = errorOf(await c.gql(SUBMIT, { i: await submissionInput(c, owner, { idValidUntil: '2026-02-30' }) }, owner), 'BAD_USER_INPUT');
    expect(e.extensions.fields).toEqual([{ field: 'idValidUntil', message: 'idValidUntil must be a real date YYYY-MM-DD from 2000-01-01 to 2100-12-31' }]);
    const z = errorOf(await c.gql(SUBMIT, { i: await submissionInput(c, owner, { realName: '\u200b' }) }, owner), 'BAD_USER_INPUT');
    expect(z.extensions.fields![0].field).toBe('realName');
    errorOf(await c.gql(SUBMIT, { i: await submissionInput(c, owner, { realName: '张\u202e三' }) }, owner), 'BAD_USER_INPUT');
  });

  it('refuses uploads that are not images by content, too large, or unauthenticated', async () => {
    const owner = await t('owner1');
    const post = (body: Buffer, token?: string) =>
      fetch(`${c.url}/uploads`, { method: 'POST', headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), 'content-type': 'image/png' }, body: new Uint8Array(body) });
    expect((await post(Buffer.from('hello, not a png'), owner)).status).toBe(400);
    // Checked by decoding, not by the first bytes or the header alone (cases found by QA): a JPEG
    // start with a script after it, a JPEG header up to its size block then HTML, a PNG cut after
    // its signature or after its size block (IHDR), IHDR then HTML, a WebP cut short, a GIF, and a
    // PNG claiming 20,000 pixels a side are all refused.
    // An 8 x 6 JPEG (baseline, as a camera writes it).
    const jpeg = Buffer.from(
      '/9j/2wBDAAYEBQYFBAYGBQYHBwYIChAKCgkJChQODwwQFxQYGBcUFhYaHSUfGhsjHBYWICwgIyYnKSopGR8tMC0oMCUoKSj/2wBDAQcHBwoIChMKChMoGhYaKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCj/wAARCAAGAAgDASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAb/xAAUEAEAAAAAAAAAAAAAAAAAAAAA/8QAFQEBAQAAAAAAAAAAAAAAAAAABgf/xAAUEQEAAAAAAAAAAAAAAAAAAAAA/9oADAMBAAIRAxEAPwCXAUUYf//Z',
      'base64',
    );
    const webp = Buffer.from('UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==', 'base64');
    const html = Buffer.from('<html><script>alert(1)</script></html>');
    const sof = jpeg.indexOf(Buffer.from([0xff, 0xc0]));
    const jpegHeaderThenHtml = Buffer.concat([jpeg.subarray(0, sof + 2 + jpeg.readUInt16BE(sof + 2)), html]);
    const pngHeader = DEMO_IMAGE_PNG.subarray(0, 33);
    const hugePng = Buffer.from(DEMO_IMAGE_PNG);
    hugePng.writeUInt32BE(20_000, 16);
    const refused = {
      fakeJpeg: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), html]),
      jpegHeaderThenHtml,
      pngSignatureOnly: DEMO_IMAGE_PNG.subarray(0, 12),
      pngHeaderOnly: pngHeader,
      pngHeaderThenHtml: Buffer.concat([pngHeader, html]),
      jpegCut: jpeg.subarray(0, jpeg.length - 20),
      webpCut: webp.subarray(0, 30),
      gif: Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00', 'latin1'),
      hugePng,
    };
    for (const [name, bad] of Object.entries(refused)) {
      const res = await post(bad, owner);
      expect([name, res.status]).toEqual([name, 400]);
      expect(JSON.stringify(await res.json())).toContain('checked by content');
    }
    // Well-formed JPEG, PNG and WebP are accepted, typed by their content; what is stored is the
    // re-encoded image, so data after the image's end does not survive.
    for (const [good, type] of [
      [Buffer.concat([jpeg, html]), 'image/jpeg'],
      [DEMO_IMAGE_PNG, 'image/png'],
      [webp, 'image/webp'],
    ] as const) {
      const res = await post(good, owner);
      expect(res.status).toBe(200);
      const { key, contentType } = await res.json();
      expect(contentType).toBe(type);
      const stored = await c.app.storage.get(key);
      expect(stored?.contentType).toBe(type);
      expect(stored!.bytes.includes('<script>')).toBe(false);
    }
    expect((await post(Buffer.alloc(5 * 1024 * 1024 + 10, 0xff), owner)).status).toBe(413);
    expect((await post(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).status).toBe(401);
  });

  it("a merchant cannot read another store's case", async () => {
    const other = (await c.gql(SUBMIT, { i: await submissionInput(c, await newOwner('nosy_a')) }, tokens.nosy_a ?? (await c.signIn('nosy_a')))).data.submitVerification.id;
    errorOf(await c.gql(CASE, { id: other }, await t('owner1')), 'NOT_FOUND');
    expect((await c.gql('{ myVerification { id } }', {}, await t('owner1'))).data.myVerification.id).not.toBe(other);
  });
});

describe('review', () => {
  async function submitted(login: string, over: Record<string, unknown> = {}, birth?: string): Promise<{ id: string; owner: string }> {
    const owner = await newOwner(login);
    const r = await c.gql(SUBMIT, { i: await submissionInput(c, owner, over, birth) }, owner);
    expect(r.errors).toBeUndefined();
    return { id: r.data.submitVerification.id, owner };
  }

  it('staff with the right roles see the whole queue; support none; a store owner only its own store (row rule in SQL)', async () => {
    const all = (await c.gql('{ verificationQueue { totalCount } }', {}, await t('reviewer'))).data.verificationQueue.totalCount;
    expect(all).toBeGreaterThan(10);
    expect((await c.gql('{ verificationQueue { totalCount } }', {}, await t('auditor'))).data.verificationQueue.totalCount).toBe(all);
    errorOf(await c.gql('{ verificationQueue { totalCount } }', {}, await t('support')), 'FORBIDDEN');
    const own = await c.gql('{ verificationQueue { totalCount items { storeId } } verificationStatusCounts { count } me { storeId } }', {}, await t('owner1'));
    expect(own.data.verificationQueue.totalCount).toBe(1);
    expect(own.data.verificationQueue.items[0].storeId).toBe(own.data.me.storeId);
    expect(own.data.verificationStatusCounts.reduce((a: number, x: { count: number }) => a + x.count, 0)).toBe(1);
  });

  it('a malformed holder id in the queue filter is BAD_USER_INPUT naming the field (found by QA)', async () => {
    const e = errorOf(await c.gql('query($f: VerificationQueueFilter) { verificationQueue(filter: $f) { totalCount } }', { f: { assigneeId: 'abc' } }, await t('lead')), 'BAD_USER_INPUT');
    expect(e.extensions.fields).toEqual([{ field: 'filter.assigneeId', message: 'assigneeId must be an account id' }]);
  });

  it('a merchant never sees review internals through the queue: no flags, no holder, flag and holder filters refused (found by QA)', async () => {
    const { id, owner } = await submitted('internals_owner', {}, yearsAgo(16));
    await claim(id);
    const staffView = (
      await c.gql(
        'query($f: VerificationQueueFilter) { verificationQueue(filter: $f, perPage: 100, sort: { field: "submittedAt", order: DESC }) { items { id flags assignee { displayName } } } }',
        { f: { statuses: ['in_review'] } },
        await t('reviewer'),
      )
    ).data.verificationQueue.items;
    expect(staffView.find((x: { id: string }) => x.id === id)).toMatchObject({ flags: ['minor_under_18'], assignee: { displayName: expect.any(String) } });
    const own = (await c.gql('{ verificationQueue { items { id flags assignee { displayName } } } }', {}, owner)).data.verificationQueue.items;
    expect(own).toEqual([{ id, flags: [], assignee: null }]);
    for (const f of [{ flags: ['minor_under_18'] }, { flagged: true }, { flagged: false }, { unassigned: true }, { assigneeId: '1' }]) {
      errorOf(await c.gql('query($f: VerificationQueueFilter) { verificationQueue(filter: $f) { totalCount } }', { f }, owner), 'FORBIDDEN');
      errorOf(await c.gql('query($f: VerificationQueueFilter) { verificationStatusCounts(filter: $f) { count } }', { f }, owner), 'FORBIDDEN');
    }
  });

  it('claim, request resubmission with a reason, resubmit, approve: the store opens and the merchant is told each step [policy 2.2.1, 2.4]', async () => {
    const { id, owner } = await submitted('flow_owner');
    errorOf(await c.gql(DECIDE, { i: { id, version: 1, decision: 'APPROVE' } }, await t('reviewer')), 'CONFLICT'); // not claimed
    const claimed = await claim(id);
    expect(claimed.assignee.displayName).toBe('审核员 小王');
    errorOf(await c.gql(DECIDE, { i: { id, version: claimed.rowVersion, decision: 'REQUEST_RESUBMISSION', reasonCodes: ['ID_FORGED'] } }, await t('reviewer')), 'BAD_USER_INPUT');
    errorOf(await c.gql(DECIDE, { i: { id, version: claimed.rowVersion, decision: 'REJECT', reasonCodes: [] } }, await t('reviewer')), 'BAD_USER_INPUT');
    const rr = await c.gql(
      DECIDE,
      { i: { id, version: claimed.rowVersion, decision: 'REQUEST_RESUBMISSION', reasonCodes: ['ID_PHOTO_UNCLEAR'], applicantComment: '请重新拍摄身份证正面', internalNote: '反光严重' } },
      await t('reviewer'),
    );
    expect(rr.data.decideVerification).toMatchObject({ status: 'resubmission_requested', reasons: [{ code: 'ID_PHOTO_UNCLEAR', outcome: 'retry' }] });
    const mine = (await c.gql(`{ myVerification { ${CASE_FIELDS} } }`, {}, owner)).data.myVerification;
    expect(mine).toMatchObject({ status: 'resubmission_requested', applicantComment: '请重新拍摄身份证正面', canResubmit: true });
    expect(mine.history.every((h: { internalNote: string | null }) => h.internalNote === null)).toBe(true);
    const re = await c.gql(SUBMIT, { i: await submissionInput(c, owner) }, owner);
    expect(re.data.submitVerification.status).toBe('submitted');
    const again = await claim(id);
    const ok = await c.gql(DECIDE, { i: { id, version: again.rowVersion, decision: 'APPROVE' } }, await t('reviewer'));
    expect(ok.data.decideVerification).toMatchObject({ status: 'approved', storeStatus: 'open', canResubmit: false });
    const inbox = await c.gql('{ myNotifications(kind: "verification_result") { items { titleEn } } }', {}, owner);
    expect(inbox.data.myNotifications.items.map((n: { titleEn: string }) => n.titleEn).reverse()).toEqual([
      'Identity verification submitted',
      'Identity verification: please fix and resubmit',
      'Identity verification submitted',
      'Identity verification approved',
    ]);
    await c.waitFor(async () => (await c.outbox.list('sms')).some((m) => m.body.includes('实名认证已通过')));
    errorOf(await c.gql(SUBMIT, { i: await submissionInput(c, owner) }, owner), 'CONFLICT');
    const staffView = (await c.gql(CASE, { id }, await t('lead'))).data.verificationCase;
    expect(staffView.history.map((h: { action: string }) => h.action)).toEqual(['submit', 'claim', 'request_resubmission', 'resubmit', 'claim', 'approve']);
    expect(staffView.history[2].internalNote).toBe('反光严重');
  });

  it('a final rejection keeps the store closed and allows no resubmission [policy 2.2.1]', async () => {
    const { id, owner } = await submitted('reject_owner');
    const cl = await claim(id);
    const r = await c.gql(DECIDE, { i: { id, version: cl.rowVersion, decision: 'REJECT', reasonCodes: ['ID_FORGED'], applicantComment: '证件疑似伪造' } }, await t('reviewer'));
    expect(r.data.decideVerification).toMatchObject({ status: 'rejected', storeStatus: 'pending_verification', canResubmit: false });
    errorOf(await c.gql(SUBMIT, { i: await submissionInput(c, owner) }, owner), 'CONFLICT');
  });

  it('maker-checker: a flagged approval waits for a different ops_lead; the same person is refused (audited)', async () => {
    const { id } = await submitted('flag_owner', {}, yearsAgo(16));
    const lead = await t('lead');
    const cl = await claim(id, 'lead');
    const first = await c.gql(DECIDE, { i: { id, version: cl.rowVersion, decision: 'APPROVE' } }, lead);
    expect(first.data.decideVerification).toMatchObject({ status: 'pending_second_approval', storeStatus: 'pending_verification' });
    const v = first.data.decideVerification.rowVersion;
    errorOf(await c.gql(DECIDE, { i: { id, version: v, decision: 'APPROVE' } }, lead), 'FORBIDDEN');
    errorOf(await c.gql(DECIDE, { i: { id, version: v, decision: 'APPROVE' } }, await t('reviewer')), 'FORBIDDEN');
    const [denied] = await c.sql(`SELECT outcome FROM audit_event WHERE action = 'verification.decide' AND target_id = $1`, [id]);
    expect(denied.outcome).toBe('denied');
    const lead2 = (await newStaffMember(c, 'lead2', ['ops_lead'])).token;
    const ok = await c.gql(DECIDE, { i: { id, version: v, decision: 'APPROVE' } }, lead2);
    expect(ok.data.decideVerification).toMatchObject({ status: 'approved', storeStatus: 'open' });
    expect(ok.data.decideVerification.history.at(-1).action).toBe('second_approve');
  });

  it('a merchant cannot tell its case was flagged: awaiting a second approval reads as in_review on every path (issue 10 item 11)', async () => {
    const { id, owner } = await submitted('neutral_owner', {}, yearsAgo(16));
    const cl = await claim(id, 'lead');
    const first = await c.gql(DECIDE, { i: { id, version: cl.rowVersion, decision: 'APPROVE' } }, await t('lead'));
    expect(first.data.decideVerification.status).toBe('pending_second_approval');
    const mine = (await c.gql(`{ myVerification { ${CASE_FIELDS} } }`, {}, owner)).data.myVerification;
    const byId = (await c.gql(CASE, { id }, owner)).data.verificationCase;
    for (const v of [mine, byId]) {
      expect(v).toMatchObject({ status: 'in_review', flags: [], firstApprover: null });
      // The first approval changed nothing the merchant is shown: it is not in the merchant's history.
      expect(v.history.map((h: { action: string; fromStatus: string | null; toStatus: string }) => [h.action, h.fromStatus, h.toStatus])).toEqual([
        ['submit', null, 'submitted'],
        ['claim', 'submitted', 'in_review'],
      ]);
      expect(JSON.stringify(v)).not.toMatch(/second|approve/);
    }
    const queue = (await c.gql('{ verificationQueue { items { id status flags } } }', {}, owner)).data.verificationQueue.items;
    expect(queue).toEqual([{ id, status: 'in_review', flags: [] }]);
    const counts = (await c.gql('{ verificationStatusCounts { status count } }', {}, owner)).data.verificationStatusCounts;
    expect(counts.find((s: { status: string }) => s.status === 'pending_second_approval')).toBeUndefined();
    expect(counts.find((s: { status: string }) => s.status === 'in_review').count).toBe(1);
    // Filtering by the shown status finds the case; by the hidden one is refused (it would tell).
    const F = 'query($f: VerificationQueueFilter) { verificationQueue(filter: $f) { totalCount } }';
    expect((await c.gql(F, { f: { statuses: ['in_review'] } }, owner)).data.verificationQueue.totalCount).toBe(1);
    errorOf(await c.gql(F, { f: { statuses: ['pending_second_approval'] } }, owner), 'FORBIDDEN');
    errorOf(await c.gql('query($f: VerificationQueueFilter) { verificationStatusCounts(filter: $f) { count } }', { f: { statuses: ['pending_second_approval'] } }, owner), 'FORBIDDEN');
    const inbox = (await c.gql('{ myNotifications { items { titleZh titleEn bodyZh bodyEn } } }', {}, owner)).data.myNotifications.items;
    expect(JSON.stringify(inbox)).not.toMatch(/second|复核|初审|flag/i);
    // Staff still see the real status.
    expect((await c.gql(CASE, { id }, await t('reviewer'))).data.verificationCase.status).toBe('pending_second_approval');
    expect((await c.gql(F, { f: { statuses: ['pending_second_approval'] } }, await t('reviewer'))).data.verificationQueue.totalCount).toBeGreaterThan(0);
  });

  it('a resubmission voids a pending approval', async () => {
    const { id, owner } = await submitted('void_owner', {}, yearsAgo(17));
    const cl = await claim(id);
    const first = await c.gql(DECIDE, { i: { id, version: cl.rowVersion, decision: 'APPROVE' } }, await t('reviewer'));
    expect(first.data.decideVerification.status).toBe('pending_second_approval');
    const re = await c.gql(SUBMIT, { i: await submissionInput(c, owner) }, owner);
    expect(re.data.submitVerification).toMatchObject({ status: 'submitted', firstApprover: null, assignee: null });
    errorOf(await c.gql(DECIDE, { i: { id, version: first.data.decideVerification.rowVersion, decision: 'APPROVE' } }, await t('lead')), 'CONFLICT');
  });

  it('of two concurrent claims, and of two concurrent decisions, exactly one wins', async () => {
    const { id } = await submitted('race_owner');
    const lead = await t('lead');
    const reviewer = await t('reviewer');
    const v = (await c.gql(CASE, { id }, lead)).data.verificationCase.rowVersion;
    const claims = await Promise.all([c.gql(CLAIM, { id, v }, lead), c.gql(CLAIM, { id, v }, reviewer)]);
    expect(claims.filter((r) => !r.errors)).toHaveLength(1);
    expect(claims.filter((r) => r.errors?.[0].extensions.code === 'CONFLICT')).toHaveLength(1);
    const winner = claims.find((r) => !r.errors)!.data.claimVerification;
    const holder = winner.assignee.displayName === '审核员 小王' ? reviewer : lead;
    const decisions = await Promise.all([
      c.gql(DECIDE, { i: { id, version: winner.rowVersion, decision: 'APPROVE' } }, holder),
      c.gql(DECIDE, { i: { id, version: winner.rowVersion, decision: 'REJECT', reasonCodes: ['ID_FORGED'] } }, holder),
    ]);
    expect(decisions.filter((r) => !r.errors)).toHaveLength(1);
    expect(decisions.filter((r) => r.errors?.[0].extensions.code === 'CONFLICT')).toHaveLength(1);
    const transitions = await c.sql(`SELECT action FROM verification_transition WHERE case_id = $1 AND action IN ('approve', 'reject')`, [id]);
    expect(transitions).toHaveLength(1);
  });

  it('a store cannot be opened without an approved verification, whatever the path [policy 2.2.1]', async () => {
    const { id } = await submitted('guard_owner');
    const [s] = await c.sql(`SELECT store_id FROM verification_case WHERE id = $1`, [id]);
    await expect(c.sql(`UPDATE store SET status = 'open' WHERE id = $1`, [s.store_id])).rejects.toThrow(/approved identity verification/);
  });

  it('masked by default; reveal of a text field and an image needs a purpose and is audited; the reveal log shows it [policy 2.2.1, 5.1.2]', async () => {
    const { id } = await submitted('reveal_owner');
    const reviewer = await t('reviewer');
    const REVEAL = 'mutation($i: RevealInput!) { revealPersonalData(input: $i) { value } }';
    const num = await c.gql(REVEAL, { i: { subject: 'Verification', id, field: 'idNumber', purpose: '核对证件号码与照片一致' } }, reviewer);
    expect(num.data.revealPersonalData.value).toMatch(/^\d{17}[\dX]$/);
    const img = await c.gql(REVEAL, { i: { subject: 'Verification', id, field: 'handheld', purpose: '核对手持证件照是否本人' } }, reviewer);
    expect(img.data.revealPersonalData.value).toMatch(/^data:image\/png;base64,/);
    errorOf(await c.gql(REVEAL, { i: { subject: 'Verification', id, field: 'handheld', purpose: 'look' } }, reviewer), 'BAD_USER_INPUT');
    errorOf(await c.gql(REVEAL, { i: { subject: 'Verification', id, field: 'handheld', purpose: 'just curious about it' } }, await t('auditor')), 'FORBIDDEN');
    errorOf(await c.gql(REVEAL, { i: { subject: 'Verification', id, field: 'idNumber', purpose: 'what is in there' } }, await t('owner1')), 'NOT_FOUND');
    const log = (await c.gql('query($id: ID!) { verificationRevealLog(id: $id) { actorLabel field purpose outcome } }', { id }, await t('auditor'))).data.verificationRevealLog;
    expect(log).toEqual(
      expect.arrayContaining([
        { actorLabel: 'reviewer', field: 'handheld', purpose: '核对手持证件照是否本人', outcome: 'success' },
        { actorLabel: 'reviewer', field: 'idNumber', purpose: '核对证件号码与照片一致', outcome: 'success' },
        { actorLabel: 'auditor', field: 'handheld', purpose: 'just curious about it', outcome: 'denied' },
      ]),
    );
    errorOf(await c.gql('query($id: ID!) { verificationRevealLog(id: $id) { field } }', { id }, reviewer), 'FORBIDDEN');
  });
});

describe('queue', () => {
  it('filters by status, flags and search; sorts oldest first; counts per status', async () => {
    const reviewer = await t('reviewer');
    const q = await c.gql(
      'query($f: VerificationQueueFilter) { verificationQueue(filter: $f, perPage: 100) { totalCount totalCountExact items { status submittedAt ageHours flags nickname } } }',
      { f: { statuses: ['submitted'] } },
      reviewer,
    );
    const items = q.data.verificationQueue.items;
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((i: { status: string }) => i.status === 'submitted')).toBe(true);
    const times = items.map((i: { submittedAt: string }) => i.submittedAt);
    expect([...times].sort()).toEqual(times);
    expect(q.data.verificationQueue.totalCountExact).toBe(true);
    const flagged = await c.gql('query($f: VerificationQueueFilter) { verificationQueue(filter: $f) { items { flags } } }', { f: { flags: ['duplicate_id'] } }, reviewer);
    expect(flagged.data.verificationQueue.items.length).toBeGreaterThan(0);
    expect(flagged.data.verificationQueue.items.every((i: { flags: string[] }) => i.flags.includes('duplicate_id'))).toBe(true);
    const search = await c.gql('query($f: VerificationQueueFilter) { verificationQueue(filter: $f) { items { storeName } } }', { f: { q: 'flow_owner' } }, reviewer);
    expect(search.data.verificationQueue.items.map((i: { storeName: string }) => i.storeName)).toEqual(['flow_owner的小店']);
    const counts = (await c.gql('{ verificationStatusCounts { status count } }', {}, reviewer)).data.verificationStatusCounts;
    const [{ n }] = await c.sql(`SELECT count(*)::int AS n FROM verification_case WHERE status = 'submitted'`);
    expect(counts.find((x: { status: string }) => x.status === 'submitted').count).toBe(n);
  });

  it('search by ID number works through the keyed hash for reviewers, is refused (and audited) for the auditor', async () => {
    const idNumber = makeResidentId('510104', '1985-06-06', 321);
    const r = await c.gql('query($f: VerificationQueueFilter) { verificationQueue(filter: $f) { totalCount } }', { f: { idNumber: idNumber.toLowerCase() } }, await t('lead'));
    expect(r.data.verificationQueue.totalCount).toBe(2);
    errorOf(await c.gql('query($f: VerificationQueueFilter) { verificationQueue(filter: $f) { totalCount } }', { f: { idNumber } }, await t('auditor')), 'FORBIDDEN');
    const [ev] = await c.sql(`SELECT outcome FROM audit_event WHERE action = 'verification.searchByIdNumber' AND actor_label = 'auditor'`);
    expect(ev.outcome).toBe('denied');
  });

  it('bulk assignment by ops_lead only, to reviewers only', async () => {
    const ids = (await c.gql('query { verificationQueue(filter: { statuses: ["submitted"] }, perPage: 3) { items { id } } }', {}, await t('lead'))).data.verificationQueue.items.map(
      (i: { id: string }) => i.id,
    );
    const reviewerId = (await c.gql('{ me { id } }', {}, await t('reviewer'))).data.me.id;
    const supportId = (await c.gql('{ me { id } }', {}, await t('support'))).data.me.id;
    const M = 'mutation($i: AssignVerificationsInput!) { assignVerifications(input: $i) { status assignee { id } } }';
    errorOf(await c.gql(M, { i: { ids, assigneeId: reviewerId } }, await t('reviewer')), 'FORBIDDEN');
    const reviewers = (await c.gql('{ verificationReviewers { id displayName } }', {}, await t('lead'))).data.verificationReviewers;
    expect(reviewers.map((r: { id: string }) => r.id)).toContain(reviewerId);
    expect(reviewers.map((r: { id: string }) => r.id)).not.toContain(supportId);
    errorOf(await c.gql('{ verificationReviewers { id } }', {}, await t('reviewer')), 'FORBIDDEN');
    errorOf(await c.gql(M, { i: { ids, assigneeId: supportId } }, await t('lead')), 'BAD_USER_INPUT');
    const r = await c.gql(M, { i: { ids, assigneeId: reviewerId } }, await t('lead'));
    expect(r.data.assignVerifications).toEqual(ids.map(() => ({ status: 'in_review', assignee: { id: reviewerId } })));
  });

  it('reason codes are data that ops_lead edits; a reviewer cannot', async () => {
    const M = 'mutation($i: ReasonCodeInput!) { upsertVerificationReasonCode(input: $i) { code outcome labelEn } }';
    const input = { code: 'SHOP_NAME_INVALID', labelZh: '店铺名称不合规', labelEn: 'store name not allowed', outcome: 'retry' };
    errorOf(await c.gql(M, { i: input }, await t('reviewer')), 'FORBIDDEN');
    expect((await c.gql(M, { i: input }, await t('lead'))).data.upsertVerificationReasonCode).toEqual({ code: 'SHOP_NAME_INVALID', outcome: 'retry', labelEn: 'store name not allowed' });
    errorOf(await c.gql(M, { i: { ...input, code: 'bad code' } }, await t('lead')), 'BAD_USER_INPUT');
    const codes = (await c.gql('{ verificationReasonCodes { code } }', {}, await t('reviewer'))).data.verificationReasonCodes.map((r: { code: string }) => r.code);
    expect(codes).toContain('SHOP_NAME_INVALID');
    expect(codes).toContain('MINOR_NO_GUARDIAN');
  });
});
