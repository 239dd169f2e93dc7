import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fanOutBenchmark, fanOutSettings, publishDue } from '../../server/modules/policies/policies.jobs';
import { startTestConsole, type TestConsole } from '../helpers/console';

/**
 * Fan-out benchmark (skipped unless BENCH_FANOUT is set): generates BENCH_FANOUT merchants with
 * SQL (INSERT … SELECT generate_series; password '!', one real encrypted mobile copied), publishes
 * a material version and times the fan-out (inbox notifications + SMS delivery rows, chunked by
 * account id). Job workers are off, so the fan-out runs here, timed, and no SMS is actually sent.
 *
 *   BENCH_FANOUT=200000 npx vitest run test/integration/policy-fanout-bench.test.ts
 */
const N = Number(process.env.BENCH_FANOUT ?? 0);
const CHUNK = Number(process.env.BENCH_FANOUT_CHUNK ?? fanOutSettings.chunkSize);

let c: TestConsole;
beforeAll(async () => {
  if (!N) return;
  c = await startTestConsole({ merchants: 0, env: { JOB_WORKERS: 'false' } });
}, 600_000);
afterAll(() => c?.close());

describe.skipIf(!N)('fan-out benchmark', () => {
  it(`notifies ${N} merchants`, async () => {
    const [real] = await c.sql(`SELECT mobile_enc, mobile_hash FROM merchant LIMIT 1`);
    const t0 = Date.now();
    await c.sql(
      `WITH a AS (
         INSERT INTO account (kind, login_name, display_name, password_hash)
         SELECT 'merchant', 'bench' || g, '商家' || g, '!' FROM generate_series(1, $1::int) g RETURNING id, login_name)
       INSERT INTO merchant (account_id, platform_account_id, account_name, nickname, mobile_enc, mobile_hash)
       SELECT id, 'KB' || lpad(substr(login_name, 6), 12, '0'), login_name, login_name, $2, $3 FROM a`,
      [N, real.mobile_enc, real.mobile_hash],
    );
    await c.sql('ANALYZE account; ANALYZE merchant;');
    console.log(`generated ${N} merchants in ${Date.now() - t0} ms`);

    const legal = await c.signIn('legal');
    const legal2 = await c.signIn('legal2');
    const [doc] = await c.sql(`SELECT id::text FROM policy_document WHERE code = 'merchant-privacy-policy'`);
    const [cur] = await c.sql(`SELECT body_zh FROM policy_version WHERE document_id = $1 AND status = 'published'`, [doc.id]);
    const body = cur.body_zh.replace('c.个人信息共享、转让或公开披露的主要对象发生变化；', 'c.个人信息共享、转让或公开披露的主要对象（包括保险公司）发生变化；');
    const d = await c.gql(
      `mutation($i: CreatePolicyDraftInput!) { createPolicyDraft(input: $i) { id } }`,
      { i: { documentId: doc.id, bodyZh: body, isMaterial: true, materialCategories: ['c'], changeSummary: '8.2 c' } },
      legal,
    );
    const id = d.data.createPolicyDraft.id;
    await c.gql(`mutation($i: PolicyTransitionInput!) { submitPolicyVersion(input: $i) { id } }`, { i: { id } }, legal);
    await c.gql(`mutation($i: PolicyTransitionInput!) { approvePolicyVersion(input: $i) { id } }`, { i: { id } }, legal2);
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
    const s = await c.gql(`mutation($i: SchedulePolicyVersionInput!) { schedulePolicyVersion(input: $i) { status } }`, { i: { id, publishAt: new Date().toISOString(), effectiveDate: today } }, legal);
    expect(s.data.schedulePolicyVersion.status).toBe('scheduled');
    fanOutSettings.chunkSize = CHUNK;
    const tp = Date.now();
    expect(await publishDue(c.app, id)).toBe(true);
    console.log(`publication (supersede + publish + fan-out row, counting ${N + 2} merchants): ${Date.now() - tp} ms`);
    const r = await fanOutBenchmark(c.app, id);
    console.log(`fan-out: ${JSON.stringify(r)} (chunk ${CHUNK})`);
    const [n] = await c.sql(`SELECT count(*)::int AS n FROM notification WHERE kind = 'policy_update'`);
    const [sms] = await c.sql(`SELECT count(*)::int AS n FROM outbound_delivery`);
    expect(r.done).toBe(N + 2);
    expect(n.n).toBe(N + 2);
    expect(sms.n).toBe(N + 2);
  }, 1_800_000);
});
