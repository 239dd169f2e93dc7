import { createHash } from 'node:crypto';
import { unlink } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCalendarDays, prcDate } from '../../rules/dates';
import { defineAbilityFor, type Actor } from '../../server/core/abilities';
import { systemContext } from '../../server/core/context';
import type { SandboxPayoutProvider } from '../../server/core/payout-provider';
import { failRewardImport } from '../../server/modules/rewards/rewards.import';
import { PAYOUT_RECONCILIATION_QUEUE } from '../../server/modules/rewards/rewards.import.jobs';
import { servicesOf } from '../../server/modules/services';
import { errorOf, startTestConsole, type TestConsole } from '../helpers/console';

let c: TestConsole;
let reviewer: string, lead: string, finance: string, support: string, owner1: string;
let store1: string, other: string, financeId: string;
let seq = 0;

const IMPORT = 'id status fileName sha256 skipInvalidRows rowsTotal rowsValid rowsImported progress errorCount errors { row field reason } createdAt';
const UPLOAD = `mutation($i: ImportRewardsInput!) { importRewards(input: $i) { ${IMPORT} } }`;
const HEADER = 'storeId,programmeCode,amount,reason,periodStart,periodEnd';

function ok<T = any>(r: { data?: any; errors?: unknown }): T {
  expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
  return r.data;
}
const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

async function programme(budget = 1_000_000_000, code = `P${Date.now()}_${++seq}`): Promise<string> {
  ok(await c.gql('mutation($i: CreateProgrammeInput!) { createRewardProgramme(input: $i) { id } }', { i: { code, nameZh: '服务之星', nameEn: 'Service star', budget } }, finance));
  return code;
}
async function upload(csv: string, opts: { skipInvalidRows?: boolean; token?: string; name?: string } = {}) {
  return c.gql(
    UPLOAD,
    { i: { fileName: opts.name ?? 'rewards.csv', contentBase64: b64(csv), ...(opts.skipInvalidRows !== undefined ? { skipInvalidRows: opts.skipInvalidRows } : {}) } },
    opts.token ?? finance,
  );
}
/** Polls the import until it is no longer validating. */
async function finished(id: string, ms = 30_000) {
  return c.waitFor(async () => {
    const r = ok(await c.gql(`query($id: ID!) { rewardImport(id: $id) { ${IMPORT} } }`, { id }, finance)).rewardImport;
    return r.status === 'validating' ? undefined : r;
  }, ms);
}
const rewardsOf = (importId: string) => c.sql(`SELECT amount::text, status, proposed_by::text AS "proposedBy", import_row AS "row" FROM reward WHERE import_id = $1 ORDER BY import_row`, [importId]);

beforeAll(async () => {
  c = await startTestConsole();
  [reviewer, lead, finance, support, owner1] = await Promise.all(['reviewer', 'lead', 'finance', 'support', 'owner1'].map((l) => c.signIn(l)));
  store1 = (await c.gql('{ me { storeId } }', {}, owner1)).data.me.storeId;
  [{ id: other }] = await c.sql(`SELECT id::text FROM store WHERE id <> $1 ORDER BY id LIMIT 1`, [store1]);
  [{ id: financeId }] = await c.sql(`SELECT id::text FROM account WHERE login_name = 'finance'`);
});
afterAll(() => c?.close());

describe('CSV import of reward proposals', () => {
  it('imports a good file as proposed rewards with their history, amounts exact', async () => {
    const p = await programme();
    const csv = `\uFEFF${HEADER}\n${store1},${p},0.10,Best service in November,2026-11-01,2026-11-30\n${other},${p},0.20,"Buyer satisfaction, top 1%",2026-11-01,2026-11-30\n${store1},${p},12.30,Second half,2026-12-01,2026-12-15\n`;
    const started = ok(await upload(csv)).importRewards;
    expect(started.status).toBe('validating');
    const done = await finished(started.id);
    expect(done).toMatchObject({ status: 'imported', rowsTotal: 3, rowsValid: 3, rowsImported: 3, progress: 100, errorCount: 0, errors: [] });
    expect(await rewardsOf(done.id)).toEqual([
      { amount: '10', status: 'proposed', proposedBy: financeId, row: 2 },
      { amount: '20', status: 'proposed', proposedBy: financeId, row: 3 },
      { amount: '1230', status: 'proposed', proposedBy: financeId, row: 4 },
    ]);
    const [{ s }] = await c.sql(`SELECT sum(amount)::text AS s FROM reward WHERE import_id = $1 AND import_row IN (2, 3)`, [done.id]);
    expect(s).toBe('30');
    const [{ n }] = await c.sql(`SELECT count(*)::int AS n FROM reward_history h JOIN reward r ON r.id = h.reward_id WHERE r.import_id = $1 AND h.action = 'propose' AND h.actor_account_id = $2`, [
      done.id,
      financeId,
    ]);
    expect(n).toBe(3);
    const audit = await c.sql(`SELECT after FROM audit_event WHERE action = 'reward.import' AND target_id = $1`, [done.id]);
    expect(audit).toEqual([{ after: { status: 'imported', rowsTotal: 3, rowsValid: 3, rowsImported: 3, rowsRefused: 0 } }]);
    // The rewards show in the list as any proposal.
    const list = ok(await c.gql('query($f: RewardFilter) { rewards(filter: $f) { items { amount status } } }', { f: { programmeCode: p } }, finance)).rewards.items;
    expect(list).toHaveLength(3);
  });

  it('rejects a file with bad rows (each reported by row and field), imports nothing; the same file again is the same import; skipping imports the rest', async () => {
    const p = await programme();
    const csv = [
      HEADER,
      `${store1},${p},5.00,Good row,2026-11-01,2026-11-30`,
      `${store1},${p},12.345,Too many decimals,2026-10-01,2026-10-31`,
      `999999999,${p},1.00,Unknown store,2026-11-01,2026-11-30`,
      `${other},${p},1.00,Reversed period,2026-11-30,2026-11-01`,
      `${store1},${p},5.00,Same again,2026-11-01,2026-11-30`,
      `${store1},NO_SUCH_PROG,1,Unknown programme,2026-09-01,2026-09-30`,
      `${store1},${p},1e3,Not yuan,2026-09-01,2026-09-30`,
      `${store1},${p},1.00,x,2026-02-30,2026-03-01`,
    ].join('\r\n');
    const first = await finished(ok(await upload(csv)).importRewards.id);
    expect(first).toMatchObject({ status: 'rejected', rowsTotal: 8, rowsValid: 1, rowsImported: 0, errorCount: 7 });
    expect(first.errors.map((e: { row: number; field: string }) => `${e.row}:${e.field}`)).toEqual([
      '3:amount',
      '4:storeId',
      '5:periodEnd',
      '6:row',
      '7:programmeCode',
      '8:amount',
      '9:reason',
      '9:periodStart',
    ]);
    expect(first.errors[0].reason).toMatch(/2 decimals/);
    expect(first.errors[3].reason).toMatch(/row 2/);
    expect(await rewardsOf(first.id)).toEqual([]);

    const again = ok(await upload(csv, { name: 'renamed.csv' })).importRewards;
    expect(again.id).toBe(first.id);
    expect(again.status).toBe('rejected');
    const [{ n }] = await c.sql(`SELECT count(*)::int AS n FROM reward_import WHERE sha256 = $1`, [first.sha256]);
    expect(n).toBe(1);

    const skipped = await finished(ok(await upload(csv, { skipInvalidRows: true })).importRewards.id);
    expect(skipped.id).not.toBe(first.id);
    expect(skipped).toMatchObject({ status: 'imported', rowsTotal: 8, rowsValid: 1, rowsImported: 1, errorCount: 7 });
    expect(skipped.errors).toHaveLength(8);
    expect(await rewardsOf(skipped.id)).toEqual([{ amount: '500', status: 'proposed', proposedBy: financeId, row: 2 }]);
    // And once more with skipping: still one import, one reward.
    expect(ok(await upload(csv, { skipInvalidRows: true })).importRewards.id).toBe(skipped.id);
    expect(await rewardsOf(skipped.id)).toHaveLength(1);
  });

  it('refuses files without the header, not UTF-8, too large, or not base64', async () => {
    const p = await programme();
    const noHeader = await finished(ok(await upload(`${store1},${p},1.00,No header,2026-11-01,2026-11-30\n`)).importRewards.id);
    expect(noHeader).toMatchObject({ status: 'rejected', rowsImported: 0, errors: [{ row: 1, field: 'header' }] });
    const latin = ok(
      await c.gql(
        UPLOAD,
        {
          i: {
            fileName: 'latin1.csv',
            contentBase64: Buffer.concat([Buffer.from(`${HEADER}\n${store1},${p},1.00,caf`), Buffer.from([0xe9]), Buffer.from(',2026-11-01,2026-11-30\n')]).toString('base64'),
          },
        },
        finance,
      ),
    ).importRewards;
    expect((await finished(latin.id)).errors).toEqual([{ row: 0, field: 'file', reason: 'not UTF-8 text' }]);
    expect(errorOf(await c.gql(UPLOAD, { i: { fileName: 'x.csv', contentBase64: '***' } }, finance), 'BAD_USER_INPUT').extensions.fields).toEqual([
      { field: 'input.contentBase64', message: 'must be base64' },
    ]);
    expect(errorOf(await c.gql(UPLOAD, { i: { fileName: 'x.csv', contentBase64: '' } }, finance), 'BAD_USER_INPUT').extensions.errorCode).toBe('IMPORT_EMPTY');
    // Over 5 MiB (sent to the service: the HTTP body limit refuses such a request before GraphQL).
    const tooLarge = servicesOf(c.app).rewardImports.importRewards(await contextOf('finance'), {
      fileName: 'big.csv',
      contentBase64: Buffer.alloc(5 * 1024 * 1024 + 1, 0x41).toString('base64'),
      skipInvalidRows: false,
    });
    await expect(tooLarge).rejects.toMatchObject({ extensions: { errorCode: 'IMPORT_TOO_LARGE' } });
  });

  it('an import whose job kept failing is rejected (nothing imported) and the next upload of the file processes it again', async () => {
    const p = await programme();
    const csv = `${HEADER}\n${store1},${p},3.00,After a failed job,2026-11-01,2026-11-30\n`;
    const sha = createHash('sha256').update(csv).digest('hex');
    const [{ id }] = await c.sql(`INSERT INTO reward_import (file_name, sha256, skip_invalid_rows, content, created_by, errors) VALUES ('r.csv', $1, false, NULL, $2, '[]') RETURNING id::text`, [
      sha,
      financeId,
    ]);
    await failRewardImport(c.app, id);
    expect(await finished(id)).toMatchObject({ status: 'rejected', rowsImported: 0, errors: [{ row: 0, field: 'job' }] });
    const again = ok(await upload(csv)).importRewards;
    expect(again.id).toBe(id);
    expect(await finished(id)).toMatchObject({ status: 'imported', rowsImported: 1, errors: [] });
  });

  it('20 parallel uploads of the same file are one import', async () => {
    const p = await programme();
    const csv = `${HEADER}\n${store1},${p},1.00,Parallel upload,2026-11-01,2026-11-30\n${other},${p},2.00,Parallel upload,2026-11-01,2026-11-30\n`;
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => upload(csv, { token: i % 2 ? finance : reviewer })));
    const ids = new Set(results.map((r) => ok(r).importRewards.id));
    expect(ids.size).toBe(1);
    const done = await finished([...ids][0]);
    expect(done.rowsImported).toBe(2);
    const [{ n }] = await c.sql(`SELECT count(*)::int AS n FROM reward r JOIN reward_programme g ON g.id = r.programme_id WHERE g.code = $1`, [p]);
    expect(n).toBe(2);
  });

  it('is refused to support and store owners; lists for the uploaders', async () => {
    const p = await programme();
    const csv = `${HEADER}\n${store1},${p},1.00,Denied upload,2026-11-01,2026-11-30\n`;
    for (const token of [support, owner1, lead]) errorOf(await upload(csv, { token }), 'FORBIDDEN');
    for (const token of [support, owner1]) errorOf(await c.gql('{ rewardImports { totalCount } }', {}, token), 'FORBIDDEN');
    const list = ok(await c.gql(`{ rewardImports(page: 1, perPage: 5) { totalCount items { id status } } }`, {}, reviewer)).rewardImports;
    expect(list.totalCount).toBeGreaterThan(0);
    expect(list.items.length).toBeGreaterThan(0);
  });

  it('takes large files over HTTP (POST /uploads/reward-import): the same import as GraphQL for the same bytes; refusals before the body', async () => {
    const p = await programme();
    const csv = `${HEADER}\n${store1},${p},4.56,Over HTTP,2026-11-01,2026-11-30\n`;
    const viaHttp = await postCsv(csv, 'http.csv', reviewer);
    expect(viaHttp.status).toBe(200);
    const imp = (await viaHttp.json()) as { id: string };
    expect(ok(await upload(csv)).importRewards.id).toBe(imp.id);
    expect(await finished(imp.id)).toMatchObject({ status: 'imported', rowsImported: 1, fileName: 'http.csv' });
    expect(await rewardsOf(imp.id)).toEqual([{ amount: '456', status: 'proposed', proposedBy: expect.any(String), row: 2 }]);

    const refusal = async (res: Response) => ({ status: res.status, error: ((await res.json()) as { error: { code: string; errorCode?: string; fields?: unknown } }).error });
    const other = `${HEADER}\n${store1},${p},1.00,Refused over HTTP,2026-11-01,2026-11-30\n`;
    expect(await refusal(await postCsv(other, 'x.csv'))).toMatchObject({ status: 401, error: { code: 'UNAUTHENTICATED' } });
    for (const token of [support, owner1, lead]) expect(await refusal(await postCsv(other, 'x.csv', token))).toMatchObject({ status: 403, error: { code: 'FORBIDDEN' } });
    const [{ n: denied }] = await c.sql(`SELECT count(*)::int AS n FROM audit_event WHERE action = 'http.rewardImport' AND outcome = 'denied'`);
    expect(denied).toBeGreaterThanOrEqual(3);
    expect(await refusal(await postCsv(other, null, finance))).toMatchObject({ status: 400, error: { code: 'BAD_USER_INPUT', fields: [{ field: 'fileName' }] } });
    expect(await refusal(await postCsv(other, 'x.csv', finance, '&skipInvalidRows=yes'))).toMatchObject({ status: 400, error: { fields: [{ field: 'skipInvalidRows' }] } });
    expect(await refusal(await postCsv(other, 'a/b.csv', finance))).toMatchObject({ status: 400, error: { fields: [{ field: 'fileName' }] } });
    expect(await refusal(await postCsv('', 'x.csv', finance))).toMatchObject({ status: 400, error: { errorCode: 'IMPORT_EMPTY', fields: [{ field: 'file' }] } });
    expect(await refusal(await postCsv(Buffer.alloc(5 * 1024 * 1024 + 1, 0x41), 'x.csv', finance))).toMatchObject({ status: 413, error: { code: 'BAD_USER_INPUT' } });
    // None of the refused requests left an import behind.
    const [{ n }] = await c.sql(`SELECT count(*)::int AS n FROM reward_import WHERE sha256 = $1`, [createHash('sha256').update(other).digest('hex')]);
    expect(n).toBe(0);
  });

  it('imports 100,000 rows within a generous bound', async () => {
    const code = await programme(Number.MAX_SAFE_INTEGER, `BIG${Date.now() % 100000}`);
    const stores = (await c.sql(`SELECT id::text FROM store ORDER BY id LIMIT 50`)).map((r: { id: string }) => r.id);
    const lines = [HEADER];
    const day0 = Date.UTC(2001, 0, 1);
    for (let i = 0; i < 100_000; i++) {
      const d = new Date(day0 + Math.floor(i / stores.length) * 86_400_000).toISOString().slice(0, 10);
      lines.push(`${stores[i % stores.length]},${code},${(i % 999) + 1}.${String(i % 100).padStart(2, '0')},ok,${d},${d}`);
    }
    const bytes = Buffer.from(lines.join('\n'));
    expect(bytes.length).toBeLessThan(5 * 1024 * 1024);
    const t0 = Date.now();
    // Through the HTTP route, as the UI sends it: a 4 MiB file is more than GraphQL's 2 MiB body allows.
    const res = await postCsv(bytes, 'big.csv', finance);
    expect(res.status).toBe(200);
    const started = (await res.json()) as { id: string; status: string };
    expect(started.status).toBe('validating');
    const progress = new Set<number>();
    const done = await c.waitFor(async () => {
      const r = await servicesOf(c.app).rewardImports.get(started.id);
      progress.add(r.progress);
      return r.status === 'validating' ? undefined : r;
    }, 120_000);
    const ms = Date.now() - t0;
    console.log(`100,000-row reward CSV (${bytes.length} bytes) validated and imported in ${ms} ms; progress seen: ${[...progress].sort((a, b) => a - b).join(',')}`);
    expect(done).toMatchObject({ status: 'imported', rowsTotal: 100_000, rowsImported: 100_000, errorCount: 0 });
    expect(ms).toBeLessThan(120_000);
    const [{ n, s }] = await c.sql(`SELECT count(*)::int AS n, sum(amount)::text AS s FROM reward WHERE import_id = $1`, [done.id]);
    let expected = 0n;
    for (let i = 0; i < 100_000; i++) expected += BigInt((i % 999) + 1) * 100n + BigInt(i % 100);
    expect({ n, s }).toEqual({ n: 100_000, s: String(expected) });
  }, 180_000);
});

/** `POST /uploads/reward-import` with the raw CSV. */
function postCsv(body: Buffer | string, fileName: string | null, token?: string, query = '') {
  const params = `${fileName === null ? '' : `fileName=${encodeURIComponent(fileName)}`}${query}`;
  return fetch(`${c.url}/uploads/reward-import?${params}`, {
    method: 'POST',
    headers: { 'content-type': 'text/csv', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: typeof body === 'string' ? body : new Uint8Array(body),
  });
}

/** A request context of a demo staff account (for calls beyond the HTTP body limit). */
async function contextOf(login: string) {
  const [a] = await c.sql(`SELECT id::text, kind, platform_roles AS roles FROM account WHERE login_name = $1`, [login]);
  const actor: Actor = { accountId: a.id, kind: a.kind, loginName: login, roles: a.roles, sessionId: 'test' };
  return { ...systemContext(c.app, 'test'), system: false, actor, ability: defineAbilityFor(actor) };
}

describe('payout reconciliation', () => {
  const RECON = 'date runAt ledgerCount providerCount differences { kind businessNumber ledgerAmount providerAmount }';

  it('finds the payout whose provider record is gone; finance only', async () => {
    // Payout account matching the verified name of store1 (as rewards.test.ts).
    const [v] = await c.sql(`SELECT s.real_name_enc FROM verification_case vc JOIN verification_submission s ON s.id = vc.submission_id WHERE vc.store_id = $1`, [store1]);
    await c.sql(
      `INSERT INTO payout_account (store_id, status, alipay_login_enc, payee_name_enc, activated_at, hold_until, name_matches) VALUES ($1, 'active', $2, $3, now() - interval '2 days', now() - interval '1 day', true)
       ON CONFLICT (store_id) DO UPDATE SET alipay_login_enc = EXCLUDED.alipay_login_enc, payee_name_enc = EXCLUDED.payee_name_enc, hold_until = EXCLUDED.hold_until`,
      [store1, c.app.cipher.encrypt('13800001234'), c.app.cipher.encrypt(c.app.cipher.decrypt(v.real_name_enc))],
    );
    const p = await programme();
    const paid: { id: string; bn: string }[] = [];
    for (const amount of [1_234, 5_678]) {
      const r = ok(
        await c.gql(
          'mutation($i: ProposeRewardInput!) { proposeReward(input: $i) { id version } }',
          { i: { storeId: store1, programmeCode: p, amount, reason: 'Reconcile me', periodStart: '2026-11-01', periodEnd: '2026-11-30' } },
          reviewer,
        ),
      ).proposeReward;
      ok(await c.gql('mutation($i: RewardDecisionInput!) { approveReward(input: $i) { id } }', { i: { id: r.id, version: r.version } }, lead));
      const bn = await c.waitFor(async () => {
        const x = ok(await c.gql('query($id: ID!) { reward(id: $id) { payout { status businessNumber } } }', { id: r.id }, finance)).reward;
        return x.payout?.status === 'succeeded' ? (x.payout.businessNumber as string) : undefined;
      }, 20_000);
      paid.push({ id: r.id, bn });
    }
    const date = prcDate(new Date());
    const clean = ok(await c.gql(`mutation($d: String!) { runPayoutReconciliation(date: $d) { ${RECON} } }`, { d: date }, finance)).runPayoutReconciliation;
    expect(clean).toMatchObject({ date, ledgerCount: 2, providerCount: 2, differences: [] });

    await unlink(path.join((c.app.payouts as SandboxPayoutProvider).dir, `${paid[0].bn}.json`));
    const run = ok(await c.gql(`mutation($d: String!) { runPayoutReconciliation(date: $d) { ${RECON} } }`, { d: date }, finance)).runPayoutReconciliation;
    expect(run).toMatchObject({ date, ledgerCount: 2, providerCount: 1, differences: [{ kind: 'missing_at_provider', businessNumber: paid[0].bn, ledgerAmount: 1_234, providerAmount: null }] });
    const stored = ok(await c.gql(`query($d: String!) { payoutReconciliation(date: $d) { ${RECON} } }`, { d: date }, finance)).payoutReconciliation;
    expect(stored).toEqual(run);
    expect(ok(await c.gql(`query($d: String!) { payoutReconciliation(date: $d) { date } }`, { d: '2001-01-01' }, finance)).payoutReconciliation).toBeNull();

    // The daily job (02:00 PRC) reconciles the PRC date that just ended.
    await PAYOUT_RECONCILIATION_QUEUE.handler(c.app, {}, { jobId: 'test', retryCount: 0 });
    const yesterday = addCalendarDays(date, -1);
    expect(ok(await c.gql(`query($d: String!) { payoutReconciliation(date: $d) { ${RECON} } }`, { d: yesterday }, finance)).payoutReconciliation).toMatchObject({ date: yesterday, differences: [] });
    expect(PAYOUT_RECONCILIATION_QUEUE.cron).toBe('0 18 * * *');

    for (const token of [lead, reviewer, support, owner1]) {
      errorOf(await c.gql(`mutation($d: String!) { runPayoutReconciliation(date: $d) { date } }`, { d: date }, token), 'FORBIDDEN');
      errorOf(await c.gql(`query($d: String!) { payoutReconciliation(date: $d) { date } }`, { d: date }, token), 'FORBIDDEN');
    }
    expect(errorOf(await c.gql(`mutation($d: String!) { runPayoutReconciliation(date: $d) { date } }`, { d: '2099-01-01' }, finance), 'BAD_USER_INPUT').extensions.errorCode).toBe(
      'RECONCILIATION_DATE_AHEAD',
    );
  });
});
