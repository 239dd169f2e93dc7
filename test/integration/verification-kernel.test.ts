import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, startTestConsole, type GqlResult, type TestConsole } from '../helpers/console';
import { newStaffMember } from '../helpers/staff';
import { newStoreOwner, SUBMIT, submissionInput, yearsAgo } from '../helpers/verification';

/**
 * Identity verification on the kernel (issue 11): refusals carry their stable errorCode, the
 * history has the one TransitionRecord shape and is append-only, and 20 concurrent actions on one
 * case have exactly one effect (the machine's guarded UPDATE).
 */
let c: TestConsole;
const tokens: Record<string, string> = {};
const t = async (login: string) => (tokens[login] ??= await c.signIn(login));
const AT_ONCE = 20;

beforeAll(async () => {
  c = await startTestConsole();
});
afterAll(() => c?.close());

const CASE = `query($id: ID!) { verificationCase(id: $id) { id status rowVersion history { action applicantComment internalNote actor { id } } } }`;
const CLAIM = `mutation($id: ID!, $v: Int!) { claimVerification(id: $id, version: $v) { id rowVersion } }`;
const RELEASE = `mutation($id: ID!, $v: Int!) { releaseVerification(id: $id, version: $v) { id rowVersion } }`;
const DECIDE = `mutation($i: DecideVerificationInput!) { decideVerification(input: $i) { id status rowVersion } }`;

const codeOf = (r: GqlResult) => (r.errors ? `${r.errors[0].extensions.code}/${r.errors[0].extensions.errorCode}` : 'ok');

async function submitted(login: string, birth?: string): Promise<{ id: string; owner: string; version: number }> {
  const owner = await newStoreOwner(c, login);
  const r = await c.gql(SUBMIT, { i: await submissionInput(c, owner, {}, birth) }, owner);
  expect(r.errors).toBeUndefined();
  return { id: r.data.submitVerification.id, owner, version: r.data.submitVerification.rowVersion };
}

async function claimed(login: string, by = 'reviewer', birth?: string) {
  const s = await submitted(login, birth);
  const r = await c.gql(CLAIM, { id: s.id, v: s.version }, await t(by));
  expect(r.errors).toBeUndefined();
  return { ...s, version: r.data.claimVerification.rowVersion as number };
}

describe('verification refusals carry their errorCode', () => {
  it('state conflicts: not claimed, stale version, held by another, decided (no resubmission)', async () => {
    const s = await submitted('k_codes_owner');
    expect(codeOf(await c.gql(DECIDE, { i: { id: s.id, version: s.version, decision: 'APPROVE' } }, await t('reviewer')))).toBe('CONFLICT/NOT_CLAIMED');
    const cl = await c.gql(CLAIM, { id: s.id, v: s.version }, await t('reviewer'));
    expect(codeOf(await c.gql(CLAIM, { id: s.id, v: s.version }, await t('lead')))).toBe('CONFLICT/STALE_VERSION');
    const other = (await newStaffMember(c, 'k_reviewer2', ['ops_reviewer'])).token;
    const v = cl.data.claimVerification.rowVersion;
    expect(codeOf(await c.gql(RELEASE, { id: s.id, v }, other))).toBe('CONFLICT/HELD_BY_ANOTHER');
    expect(codeOf(await c.gql(DECIDE, { i: { id: s.id, version: v, decision: 'REQUEST_RESUBMISSION', reasonCodes: ['ID_FORGED'] } }, await t('reviewer')))).toBe(
      'BAD_USER_INPUT/FINAL_REASON_NOT_RETRY',
    );
    const refused = errorOf(await c.gql(DECIDE, { i: { id: s.id, version: v, decision: 'REQUEST_RESUBMISSION', reasonCodes: ['ID_FORGED'] } }, await t('reviewer')), 'BAD_USER_INPUT');
    expect(refused.extensions.fields).toEqual([{ field: 'reasonCodes', message: 'a final reason cannot ask for resubmission; reject instead' }]);
    expect(codeOf(await c.gql(DECIDE, { i: { id: s.id, version: v, decision: 'APPROVE' } }, await t('reviewer')))).toBe('ok');
    expect(codeOf(await c.gql(SUBMIT, { i: await submissionInput(c, s.owner) }, s.owner))).toBe('CONFLICT/INVALID_TRANSITION');
  });

  it('rules: maker-checker, the second approval is an ops lead’s, review internals are staff-only', async () => {
    const s = await claimed('k_mc_owner', 'lead', yearsAgo(16));
    const first = await c.gql(DECIDE, { i: { id: s.id, version: s.version, decision: 'APPROVE' } }, await t('lead'));
    expect(first.data.decideVerification.status).toBe('pending_second_approval');
    const v = first.data.decideVerification.rowVersion;
    expect(codeOf(await c.gql(DECIDE, { i: { id: s.id, version: v, decision: 'APPROVE' } }, await t('lead')))).toBe('FORBIDDEN/MAKER_CHECKER');
    expect(codeOf(await c.gql(DECIDE, { i: { id: s.id, version: v, decision: 'APPROVE' } }, await t('reviewer')))).toBe('FORBIDDEN/SECOND_APPROVAL_LEAD_ONLY');
    const F = 'query($f: VerificationQueueFilter) { verificationQueue(filter: $f) { totalCount } }';
    expect(codeOf(await c.gql(F, { f: { flagged: true } }, s.owner))).toBe('FORBIDDEN/REVIEW_INTERNALS_STAFF_ONLY');
  });
});

describe('verification history (TransitionRecord shape, append-only)', () => {
  it('records actor, kind, reason (shown to the merchant) and note (staff only); refuses changes', async () => {
    const s = await claimed('k_hist_owner');
    const comment = '请重新拍摄身份证正面';
    const r = await c.gql(
      DECIDE,
      { i: { id: s.id, version: s.version, decision: 'REQUEST_RESUBMISSION', reasonCodes: ['ID_PHOTO_UNCLEAR'], applicantComment: comment, internalNote: '反光严重' } },
      await t('reviewer'),
    );
    expect(r.errors).toBeUndefined();
    const rows = await c.sql(
      `SELECT t.action, t.from_status, t.to_status, t.actor_kind, a.login_name, t.reason, t.note, t.reason_codes FROM verification_transition t
         LEFT JOIN account a ON a.id = t.actor_account_id WHERE t.case_id = $1 ORDER BY t.id`,
      [s.id],
    );
    expect(rows).toEqual([
      { action: 'submit', from_status: null, to_status: 'submitted', actor_kind: 'merchant', login_name: 'k_hist_owner', reason: null, note: null, reason_codes: [] },
      { action: 'claim', from_status: 'submitted', to_status: 'in_review', actor_kind: 'staff', login_name: 'reviewer', reason: null, note: null, reason_codes: [] },
      {
        action: 'request_resubmission',
        from_status: 'in_review',
        to_status: 'resubmission_requested',
        actor_kind: 'staff',
        login_name: 'reviewer',
        reason: comment,
        note: '反光严重',
        reason_codes: ['ID_PHOTO_UNCLEAR'],
      },
    ]);
    // The merchant sees the comment but neither the note nor who acted.
    const mine = (await c.gql(CASE, { id: s.id }, s.owner)).data.verificationCase.history;
    expect(mine.at(-1)).toEqual({ action: 'request_resubmission', applicantComment: comment, internalNote: null, actor: null });
    await expect(c.sql(`UPDATE verification_transition SET note = 'x' WHERE case_id = $1`, [s.id])).rejects.toThrow(/append-only/);
    await expect(c.sql(`DELETE FROM verification_transition WHERE case_id = $1`, [s.id])).rejects.toThrow(/append-only/);
  });
});

describe('concurrent actions on one case', () => {
  it(`${AT_ONCE} claims at once: exactly one wins, the others CONFLICT/STALE_VERSION`, async () => {
    const s = await submitted('k_claims_owner');
    const staff = [await t('reviewer'), await t('lead')];
    const results = await Promise.all(Array.from({ length: AT_ONCE }, (_, i) => c.gql(CLAIM, { id: s.id, v: s.version }, staff[i % 2])));
    const codes = results.map(codeOf);
    expect(codes.filter((x) => x === 'ok')).toHaveLength(1);
    expect(codes.filter((x) => x !== 'ok')).toEqual(Array(AT_ONCE - 1).fill('CONFLICT/STALE_VERSION'));
    expect(await c.sql(`SELECT id FROM verification_transition WHERE case_id = $1 AND action = 'claim'`, [s.id])).toHaveLength(1);
  });

  it(`${AT_ONCE} decisions at once by the holder: exactly one takes effect, one notification`, async () => {
    const s = await claimed('k_decide_owner');
    const reviewer = await t('reviewer');
    const results = await Promise.all(
      Array.from({ length: AT_ONCE }, (_, i) =>
        c.gql(DECIDE, { i: { id: s.id, version: s.version, ...(i % 2 ? { decision: 'APPROVE' } : { decision: 'REJECT', reasonCodes: ['ID_FORGED'] }) } }, reviewer),
      ),
    );
    const codes = results.map(codeOf);
    expect(codes.filter((x) => x === 'ok')).toHaveLength(1);
    expect(codes.filter((x) => x !== 'ok')).toEqual(Array(AT_ONCE - 1).fill('CONFLICT/STALE_VERSION'));
    expect(await c.sql(`SELECT id FROM verification_transition WHERE case_id = $1 AND action IN ('approve', 'reject')`, [s.id])).toHaveLength(1);
    const [{ n }] = await c.sql(
      `SELECT count(*)::int AS n FROM notification n JOIN account a ON a.id = n.account_id WHERE a.login_name = 'k_decide_owner' AND n.kind = 'verification_result' AND n.title_en <> 'Identity verification submitted'`,
    );
    expect(n).toBe(1);
  });
});
