import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishDue } from '../../server/modules/policies/policies.jobs';
import { errorOf, startTestConsole, type GqlResult, type TestConsole } from '../helpers/console';

/**
 * The policy version machine on the kernel (issue 11): every refusal carries its errorCode, the
 * history has the one TransitionRecord shape and stays append-only, and of 20 identical actions at
 * once exactly one takes effect.
 */
let c: TestConsole;
const tokens: Record<string, string> = {};
const as = (login: string) => tokens[login];
const AT_ONCE = 20;

beforeAll(async () => {
  c = await startTestConsole({ merchants: 2 });
  for (const login of ['legal', 'legal2']) tokens[login] = await c.signIn(login);
});
afterAll(() => c?.close());

const FIELDS = 'id status rowVersion';
const gql = (op: string, input: Record<string, unknown>, login = 'legal', type = 'PolicyTransitionInput') =>
  c.gql(`mutation($i: ${type}!) { ${op}(input: $i) { ${FIELDS} } }`, { i: input }, as(login));
const codeOf = (r: GqlResult) => (r.errors ? `${r.errors[0].extensions.code}/${r.errors[0].extensions.errorCode}` : 'ok');

async function draft(input: Record<string, unknown> = {}): Promise<{ id: string; rowVersion: number }> {
  const [d] = await c.sql(`SELECT id::text FROM policy_document WHERE code = 'platform-rules'`);
  const r = await gql('createPolicyDraft', { documentId: d.id, bodyZh: '## 1. 总则\n本规则适用于全部商家。', changeSummary: '措辞', ...input }, 'legal', 'CreatePolicyDraftInput');
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return r.data.createPolicyDraft;
}

describe('policy version machine', () => {
  it('refusals carry their errorCode', async () => {
    const d = await draft();
    expect(codeOf(await gql('approvePolicyVersion', { id: d.id }))).toBe('CONFLICT/INVALID_TRANSITION');
    expect(codeOf(await gql('submitPolicyVersion', { id: d.id, expectedRowVersion: d.rowVersion + 1 }))).toBe('CONFLICT/STALE_VERSION');
    const noSummary = await draft({ changeSummary: undefined });
    const e = errorOf(await gql('submitPolicyVersion', { id: noSummary.id }), 'BAD_USER_INPUT');
    expect(e.extensions).toMatchObject({ errorCode: 'NOT_SUBMITTABLE', fields: [{ field: 'changeSummary' }] });
    const m = await draft({ isMaterial: true, materialCategories: ['a'] });
    await gql('submitPolicyVersion', { id: m.id });
    expect(codeOf(await gql('updatePolicyDraft', { id: m.id, changeSummary: 'x' }, 'legal', 'UpdatePolicyDraftInput'))).toBe('CONFLICT/NOT_A_DRAFT');
    expect(codeOf(await gql('approvePolicyVersion', { id: m.id }))).toBe('FORBIDDEN/MAKER_CHECKER');
  });

  it(`${AT_ONCE} submits of one draft at once: exactly one takes effect, one history row, one audit event`, async () => {
    const d = await draft();
    const results = await Promise.all(Array.from({ length: AT_ONCE }, () => gql('submitPolicyVersion', { id: d.id })));
    const codes = results.map(codeOf);
    expect(codes.filter((x) => x === 'ok')).toHaveLength(1);
    expect(
      codes.filter((x) => x !== 'ok').every((x) => x === 'CONFLICT/STALE_VERSION' || x === 'CONFLICT/INVALID_TRANSITION'),
      codes.join(','),
    ).toBe(true);
    expect((await c.sql(`SELECT count(*)::int AS n FROM policy_version_transition WHERE version_id = $1 AND action = 'submit'`, [d.id]))[0].n).toBe(1);
    expect((await c.sql(`SELECT count(*)::int AS n FROM audit_event WHERE action = 'policy.submit' AND target_id = $1`, [d.id]))[0].n).toBe(1);
    expect((await c.sql(`SELECT status, row_version FROM policy_version WHERE id = $1`, [d.id]))[0]).toEqual({ status: 'in_review', row_version: d.rowVersion + 1 });
  });

  it('the history has the TransitionRecord shape (staff and system actors) and is append-only', async () => {
    const d = await draft();
    await gql('submitPolicyVersion', { id: d.id });
    await gql('approvePolicyVersion', { id: d.id }, 'legal2');
    const s = await gql(
      'schedulePolicyVersion',
      { id: d.id, publishAt: new Date().toISOString(), effectiveDate: new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date()) },
      'legal',
      'SchedulePolicyVersionInput',
    );
    expect(s.errors).toBeUndefined();
    expect(await publishDue(c.app, d.id)).toBe(true);
    const rows = await c.sql(`SELECT action, from_status, to_status, actor_kind, actor_account_id IS NULL AS system, reason FROM policy_version_transition WHERE version_id = $1 ORDER BY id`, [d.id]);
    expect(rows).toEqual([
      { action: 'create', from_status: null, to_status: 'draft', actor_kind: 'staff', system: false, reason: null },
      { action: 'submit', from_status: 'draft', to_status: 'in_review', actor_kind: 'staff', system: false, reason: null },
      { action: 'approve', from_status: 'in_review', to_status: 'approved', actor_kind: 'staff', system: false, reason: null },
      { action: 'schedule', from_status: 'approved', to_status: 'scheduled', actor_kind: 'staff', system: false, reason: null },
      { action: 'publish', from_status: 'scheduled', to_status: 'published', actor_kind: 'system', system: true, reason: null },
    ]);
    const [superseded] = await c.sql(`SELECT t.actor_kind FROM policy_version_transition t WHERE t.action = 'supersede' AND t.note = $1`, [
      `by version ${(await c.sql('SELECT version_no FROM policy_version WHERE id = $1', [d.id]))[0].version_no}`,
    ]);
    expect(superseded).toEqual({ actor_kind: 'system' });
    await expect(c.sql(`UPDATE policy_version_transition SET note = 'x' WHERE version_id = $1`, [d.id])).rejects.toThrow(/append-only/);
    await expect(c.sql(`DELETE FROM policy_version_transition WHERE version_id = $1`, [d.id])).rejects.toThrow(/append-only/);
  });
});
