/**
 * `npm run bench`: generates (or reuses) a dataset of N merchants, starts the console in a child
 * process, drives each scenario with autocannon and the same SQL straight on PostgreSQL, and writes
 * bench/results/<ISO timestamp>.json and docs/benchmarks.md. Flags: see options.ts.
 */
import { systemContext } from '../server/core/context';
import 'reflect-metadata';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startConsole } from '../server/bootstrap';
import { loadConfig, PROJECT_ROOT } from '../server/config';
import { FieldCipher } from '../server/core/crypto/field-cipher';
import { servicesOf } from '../server/modules/services';
import { DEMO_PASSWORD, seedDemo } from '../server/seed/demo';
import { fanOutBenchmark, fanOutSettings, publishDue } from '../server/modules/policies/policies.jobs';
import { BENCH_DATA_DIR, DATASET_VERSION, openBenchServer, readMarker, recreateBenchDatabase, withClient, writeMarker, type BenchServer } from './database';
import { generateDataset, reserveIds, vacuumAnalyze, type GenerationTimings } from './dataset';
import { explainAll, runApi, runSqlCeiling } from './load';
import { parseOptions, type BenchOptions } from './options';
import { measureOtherCpu } from './other-cpu';
import { NOISY_OTHER_CPU, renderMarkdown, writeResultJson, type BenchResult, type FanOutResult, type ScenarioResult } from './report';
import type { CapturedStatement } from './server-child';
import { startClusterServer, startServerProcess, type ServerProcess } from './server-process';
import { buildScenarios, disputesOperation, graphql, listOperation, noticesOperation, queueOperation, type Operation, type ScenarioInputs, type SignIn } from './scenarios';
import { elapsedMs, fmt } from './stats';

const RESULTS_DIR = path.join(PROJECT_ROOT, 'bench', 'results');
const DOCS_FILE = path.join(PROJECT_ROOT, 'docs', 'benchmarks.md');
/** The server's default pool size (server/database/data-source.ts); the bench does not change it. */
const SERVER_POOL_SIZE = 20;

const log = (line: string) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}`);

/** Environment of the console under test: the bench database, the bench's own keys, no demo seed, no job workers. */
function consoleEnv(server: BenchServer): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'development',
    DATABASE_URL: server.benchUrl,
    DATA_DIR: BENCH_DATA_DIR,
    HOST: '127.0.0.1',
    PORT: '0',
    SEED_DEMO: 'false',
    JOB_WORKERS: 'false',
    LOG_LEVEL: 'warn',
  };
  // The dataset's mobiles are encrypted with the keys in bench/.data/dev-keys.json, never the caller's.
  delete env.FIELD_KEYS;
  delete env.FIELD_KEY_ACTIVE;
  delete env.BLIND_INDEX_KEY;
  delete env.AUDIT_CHAIN_KEY;
  return env;
}

/**
 * Environment of the servers under load: as deployed (NODE_ENV=production: no development checks
 * in graphql-js and Express), given the dataset's keys explicitly, as production requires.
 */
function servingEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const keys = JSON.parse(readFileSync(path.join(BENCH_DATA_DIR, 'dev-keys.json'), 'utf8')) as { fieldKeys: string; blindIndexKey: string; auditChainKey: string };
  return {
    ...env,
    NODE_ENV: 'production',
    ALLOW_LOCAL_OUTBOX: 'true',
    ALLOW_SANDBOX_PAYOUTS: 'true',
    FIELD_KEYS: keys.fieldKeys,
    BLIND_INDEX_KEY: keys.blindIndexKey,
    AUDIT_CHAIN_KEY: keys.auditChainKey,
  };
}

interface PreparedDataset {
  generatedAt: Date;
  generationMs: number;
  timings?: GenerationTimings;
}

/** Reuses the marked dataset when asked and usable; otherwise recreates the database and generates it. */
async function prepareDataset(opts: BenchOptions, server: BenchServer, env: NodeJS.ProcessEnv): Promise<PreparedDataset> {
  const config = loadConfig(env);
  const cipher = new FieldCipher(config.fieldKeys, config.fieldKeyActive, config.blindIndexKey);
  if (opts.reuse) {
    const marker = await readMarker(server);
    let decrypts = false;
    try {
      decrypts = !!marker && !!cipher.decrypt(marker.sampleMobileEnc);
    } catch {
      log('the existing dataset does not decrypt with bench/.data/dev-keys.json: generating it again');
    }
    const same = marker && marker.merchants === opts.merchants && marker.penalties === opts.penalties && marker.disputes === opts.disputes && marker.version === DATASET_VERSION;
    if (same && decrypts) {
      log(`reusing the dataset of ${fmt(marker.merchants)} merchants, ${fmt(marker.penalties)} penalties and ${fmt(marker.disputes)} disputes generated ${marker.generatedAt.toISOString()}`);
      return { generatedAt: marker.generatedAt, generationMs: marker.generationMs };
    }
    if (marker && !same) {
      log(
        `existing dataset (${fmt(marker.merchants)} merchants, ${fmt(marker.penalties)} penalties, ${fmt(marker.disputes)} disputes, version ${marker.version}) differs from the one asked for: generating`,
      );
    } else if (!marker) log('no complete dataset of this generator version: generating');
  }
  log(
    `generating ${fmt(opts.merchants)} merchants (with verification cases), ${fmt(opts.penalties)} penalties and ${fmt(opts.disputes)} disputes (with messages) into ${server.kind === 'embedded' ? 'the embedded PostgreSQL' : 'the DATABASE_URL server'}, database merchant_console_bench`,
  );
  await recreateBenchDatabase(server);
  const t0 = process.hrtime.bigint();
  const running = await startConsole(config, { listen: false, poolSize: 2 });
  let timings: GenerationTimings;
  try {
    // Ids 1..N are the generator's: the app's own rows (demo staff and owners, policies) come after them.
    await withClient(server.benchUrl, (c) => reserveIds(c, opts.merchants, opts.penalties, opts.disputes));
    await servicesOf(running.app).policies.importMerchantPrivacyPolicy(systemContext(running.app, 'bench'));
    await seedDemo(running.app, { merchants: 0 });
    const loaded = await withClient(server.benchUrl, async (c) => {
      const { rows } = await c.query(`SELECT login_name, id::text FROM account WHERE login_name IN ('reviewer', 'lead', 'support')`);
      const ids = Object.fromEntries(rows.map((r) => [r.login_name, r.id]));
      return generateDataset(c, running.app.cipher, opts.merchants, opts.penalties, opts.disputes, { reviewer: ids.reviewer, lead: ids.lead, support: ids.support }, log);
    });
    timings = { ...loaded, analyzeMs: 0 };
  } finally {
    await running.close();
  }
  await withClient(server.benchUrl, async (c) => {
    timings.analyzeMs = await vacuumAnalyze(c);
    log(`VACUUM ANALYZE in ${fmt(timings.analyzeMs / 1000, 1)} s`);
    timings.totalMs = elapsedMs(t0);
    await writeMarker(c, opts.merchants, opts.penalties, opts.disputes, timings.totalMs);
  });
  log(
    `dataset ready in ${fmt(timings.totalMs / 1000, 1)} s (Node prepare ${fmt(timings.prepareMs / 1000, 1)} s, INSERT wait ${fmt(timings.insertWaitMs / 1000, 1)} s, ` +
      `penalties ${fmt((timings.penaltiesMs ?? 0) / 1000, 1)} s, disputes ${fmt((timings.disputesMs ?? 0) / 1000, 1)} s, indexes ${fmt((timings.indexMs ?? 0) / 1000, 1)} s)`,
  );
  return { generatedAt: new Date(), generationMs: timings.totalMs, timings };
}

/** Facts about the dataset the scenarios and the report need. */
async function inspectDataset(
  url: string,
  merchants: number,
): Promise<
  ScenarioInputs & { storeStatusCounts: Record<string, number>; caseStatusCounts: Record<string, number>; disputeStatusCounts: Record<string, number>; disputeMessages: number; postgres: string }
> {
  return withClient(url, async (c) => {
    const middle = Math.ceil(merchants / 2);
    const {
      rows: [probe],
    } = await c.query(`SELECT nickname FROM merchant WHERE id = $1`, [middle]);
    // A surname, as a reviewer types it: about 1% of the merchants.
    const searchPrefix = [...probe.nickname][0];
    const {
      rows: [{ n }],
    } = await c.query(`SELECT count(*)::int AS n FROM merchant WHERE nickname COLLATE "C" LIKE $1`, [`${searchPrefix}%`]);
    const { rows: statuses } = await c.query(`SELECT status, count(*)::int AS n FROM store GROUP BY status ORDER BY status`);
    const {
      rows: [{ version }],
    } = await c.query(`SELECT version()`);
    const { rows: caseStatuses } = await c.query(`SELECT status, count(*)::int AS n FROM verification_case GROUP BY status ORDER BY status`);
    // A case with a decision and its history, a third into the dataset.
    const {
      rows: [kase],
    } = await c.query(`SELECT id::text FROM verification_case WHERE status = 'pending_second_approval' AND id >= $1 ORDER BY id LIMIT 1`, [Math.ceil(merchants / 3)]);
    const {
      rows: [{ cases, flagged }],
    } = await c.query(`SELECT count(*)::int AS cases, count(*) FILTER (WHERE status = 'submitted' AND flags <> '{}')::int AS flagged FROM verification_case`);
    const noticeCategory = 'TRADING';
    const {
      rows: [nr],
    } = await c.query(
      `SELECT (SELECT count(*)::int FROM penalty_notice) AS notices, (max(issued_on) - 182)::text AS from,
              (SELECT count(*)::int FROM penalty_notice n WHERE n.issued_on >= (SELECT max(issued_on) - 182 FROM penalty_notice)
                  AND n.category_code IN (SELECT c.code FROM violation_category c JOIN violation_category p ON p.id = c.parent_id WHERE p.code = $1)) AS filtered
         FROM penalty_notice`,
      [noticeCategory],
    );
    const { rows: disputeStatuses } = await c.query(`SELECT status, count(*)::int AS n FROM dispute GROUP BY status ORDER BY status`);
    const disputeStatusCounts: Record<string, number> = Object.fromEntries(disputeStatuses.map((r) => [r.status, r.n]));
    const {
      rows: [{ messages }],
    } = await c.query(`SELECT count(*)::int AS messages FROM dispute_message`);
    return {
      disputes: Object.values(disputeStatusCounts).reduce((a, b) => a + b, 0),
      disputesAwaitingPlatform: disputeStatusCounts.awaiting_platform ?? 0,
      disputeStatusCounts,
      disputeMessages: messages,
      caseId: kase?.id ?? '1',
      cases,
      submittedFlagged: flagged,
      notices: nr.notices,
      noticesFiltered: nr.filtered,
      noticeCategory,
      noticeIssuedFrom: nr.from ?? '2026-01-01',
      caseStatusCounts: Object.fromEntries(caseStatuses.map((r) => [r.status, r.n])),
      searchPrefix,
      searchMatches: n,
      detailId: String(Math.ceil(merchants / 3)),
      storeStatusCounts: Object.fromEntries(statuses.map((r) => [r.status, r.n])),
      postgres: version,
    };
  });
}

/**
 * Sends `op` twice and records the SQL of the second request. The first response is returned for
 * checking; it also absorbs the session touch (an UPDATE at most once a minute per session), so the
 * recorded statements are the ones every request runs. When the second request runs no SQL at all
 * (a public response served from the server's in-process cache), the statements of the first,
 * uncached request are returned instead, flagged `cached`: the SQL ceiling is then that of a miss.
 */
async function probe(api: ServerProcess, op: Operation, token: string | undefined): Promise<{ data: Record<string, any>; statements: CapturedStatement[]; cached: boolean }> {
  let data: Record<string, any> = {};
  const first = await api.capture(async () => {
    data = await graphql(api.url, op, token);
  });
  const statements = await api.capture(async () => {
    await graphql(api.url, op, token);
  });
  const cached = statements.length === 0 && first.length > 0;
  return { data, statements: cached ? first : statements, cached };
}

async function signIn(url: string, loginName: string): Promise<string> {
  const data = await graphql(url, { query: 'mutation($i: SignInInput!) { signIn(input: $i) { token } }', variables: { i: { loginName, password: DEMO_PASSWORD } } });
  return data.signIn.token;
}

/** Name of the fan-out scenario: run only when `--only` names it (it publishes a policy version and writes a row per merchant). */
const FANOUT = 'fanout';

/**
 * The fan-out scenario (issue 6): `legal` drafts a material version of the merchant privacy policy
 * (8.2 c) through the API, `legal2` approves it, `legal` schedules it for now; then this process
 * (its own console on the bench database, job workers off) publishes it (publishDue) and runs the
 * whole fan-out in place (fanOutBenchmark): an inbox notification and an SMS delivery row for every
 * merchant account, chunk by chunk. The notification and delivery tables of the bench database are
 * emptied first so every run starts from the same state.
 */
async function fanOutScenario(url: string, env: NodeJS.ProcessEnv): Promise<FanOutResult> {
  const legal = await signIn(url, 'legal');
  const legal2 = await signIn(url, 'legal2');
  const gql = (query: string, variables: Record<string, unknown>, token: string) => graphql(url, { query, variables }, token);
  const running = await startConsole(loadConfig(env), { listen: false, poolSize: 4 });
  try {
    const app = running.app;
    // TRUNCATE is the owner's: the serving login has no such right.
    await withClient(running.db.ownerUrl, (c) => c.query(`TRUNCATE outbound_delivery, notification`));
    const [doc] = await app.dataSource.query(`SELECT id::text FROM policy_document WHERE code = 'merchant-privacy-policy'`);
    const [cur] = await app.dataSource.query(`SELECT body_zh FROM policy_version WHERE document_id = $1 AND status = 'published'`, [doc.id]);
    const clause = 'c.个人信息共享、转让或公开披露的主要对象';
    const added = '（包括保险公司）';
    const body: string = cur.body_zh.includes(clause + added) ? cur.body_zh.replace(clause + added, clause) : cur.body_zh.replace(clause, clause + added);
    if (body === cur.body_zh) throw new Error('fanout: clause 8.2 c not found in the current policy text');
    const d = await gql(
      `mutation($i: CreatePolicyDraftInput!) { createPolicyDraft(input: $i) { id versionNo } }`,
      { i: { documentId: doc.id, bodyZh: body, isMaterial: true, materialCategories: ['c'], changeSummary: '8.2 c: 共享对象变化（bench）' } },
      legal,
    );
    const id: string = d.createPolicyDraft.id;
    await gql(`mutation($i: PolicyTransitionInput!) { submitPolicyVersion(input: $i) { id } }`, { i: { id } }, legal);
    await gql(`mutation($i: PolicyTransitionInput!) { approvePolicyVersion(input: $i) { id } }`, { i: { id } }, legal2);
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
    await gql(`mutation($i: SchedulePolicyVersionInput!) { schedulePolicyVersion(input: $i) { status } }`, { i: { id, publishAt: new Date().toISOString(), effectiveDate: today } }, legal);
    log(`fanout: version ${d.createPolicyDraft.versionNo} (material, 8.2 c) approved and scheduled; publishing`);
    const loadBefore = os.loadavg()[0];
    const p0 = process.hrtime.bigint();
    if (!(await publishDue(app, id))) throw new Error('fanout: the version did not publish');
    const publishMs = elapsedMs(p0);
    const r = await fanOutBenchmark(app, id);
    const loadAfter = os.loadavg()[0];
    const [counts] = await app.dataSource.query(
      `SELECT (SELECT count(*)::int FROM notification WHERE kind = 'policy_update') AS notifications, (SELECT count(*)::int FROM outbound_delivery) AS sms,
              (SELECT count(*)::int FROM merchant) AS merchants`,
    );
    log(
      `fanout: publish ${fmt(publishMs, 0)} ms; fan-out to ${fmt(r.done)} of ${fmt(r.total)} merchant accounts in ${fmt(r.ms / 1000, 1)} s (${fmt(r.perSecond)} /s, ${r.chunks} chunks); ${fmt(counts.notifications)} notifications, ${fmt(counts.sms)} SMS rows`,
    );
    if (counts.notifications !== r.done || r.done !== r.total) log('fanout: WARNING: not every merchant was notified exactly once');
    return {
      versionId: id,
      publishMs,
      ...r,
      chunkSize: fanOutSettings.chunkSize,
      notifications: counts.notifications,
      smsRows: counts.sms,
      merchants: counts.merchants,
      loadAvg1: { before: loadBefore, after: loadAfter },
    };
  } finally {
    await running.close();
  }
}

async function main(): Promise<void> {
  const opts = parseOptions(process.argv.slice(2));
  const startedAt = new Date().toISOString();
  const server = await openBenchServer(process.env.DATABASE_URL);
  let api: ServerProcess | undefined;
  try {
    const env = consoleEnv(server);
    const dataset = await prepareDataset(opts, server, env);
    const facts = await inspectDataset(server.benchUrl, opts.merchants);
    let scenarios = buildScenarios(opts.merchants, facts);
    const runFanout = !!opts.only?.includes(FANOUT);
    if (opts.only) {
      const unknown = opts.only.filter((n) => n !== FANOUT && !scenarios.some((s) => s.name === n));
      if (unknown.length) throw new Error(`unknown scenario(s) ${unknown.join(', ')}; known: ${[...scenarios.map((s) => s.name), FANOUT].join(', ')}`);
      scenarios = scenarios.filter((s) => opts.only!.includes(s.name));
    }

    const child = await startServerProcess(servingEnv(env));
    api = child;
    log(`server listening at ${child.url} (pid ${child.pid})`);
    const tokens: Record<SignIn, string> = { lead: await signIn(child.url, 'lead'), reviewer: await signIn(child.url, 'reviewer'), support: await signIn(child.url, 'support') };
    const clustered = opts.processes > 1 ? await startClusterServer(servingEnv(env), opts.processes) : undefined;
    const loadUrl = clustered?.url ?? child.url;
    if (clustered) log(`load runs against ${opts.processes} API worker processes at ${loadUrl}`);

    const sqlPerListRequest = [];
    const lists: [list: string, op: (perPage: number) => Operation, as: SignIn | false][] = [
      ['merchants', (pp) => listOperation(1, pp), 'lead'],
      ['verificationQueue', (pp) => queueOperation(1, pp), 'reviewer'],
      ['verificationQueue (filtered)', (pp) => queueOperation(1, pp, { statuses: ['submitted'], flagged: true }), 'reviewer'],
      ['publicPenaltyNotices', (pp) => noticesOperation(1, pp), false],
      ['disputes', (pp) => disputesOperation(1, pp), 'support'],
      ['disputes (awaiting_platform)', (pp) => disputesOperation(1, pp, { status: 'awaiting_platform' }), 'support'],
    ];
    for (const [list, op, as] of lists) {
      for (const perPage of [10, 100]) {
        const { statements } = await probe(child, op(perPage), as ? tokens[as] : undefined);
        sqlPerListRequest.push({ list, perPage, statements: statements.length, sql: statements.map((s) => s.sql) });
        log(`${list} with perPage ${perPage}: ${statements.length} SQL statements`);
      }
    }

    const results: ScenarioResult[] = [];
    for (const s of scenarios) {
      const auth = s.signedIn ? tokens[s.signedIn] : undefined;
      const probed = await probe(child, s.operation, auth);
      const { data, statements } = probed;
      // A rotating load asks for a different page each time: the probe's repeat may hit the cache, the load does not.
      const cached = probed.cached && !s.rotate;
      s.check(data);
      if (cached) log(`${s.name}: repeated requests are served from the public response cache (no SQL); the SQL ceiling replays an uncached request`);
      const plans = await explainAll(server.benchUrl, statements);
      log(`${s.name}: first response ok; ${statements.length} statements, EXPLAIN ANALYZE ${plans.map((p) => `${fmt(p.executionMs, 2)} ms`).join(' + ')}`);
      const loadBefore = os.loadavg()[0];
      const otherCpu = measureOtherCpu();
      const apiFigures = await runApi(loadUrl, s.operation, auth, opts.connections, opts.durationS, s.rotate);
      const otherCpuCores = otherCpu();
      log(
        `${s.name}: API ${fmt(apiFigures.reqPerSec)} req/s, p50 ${fmt(apiFigures.p50Ms, 1)} ms, p99 ${fmt(apiFigures.p99Ms, 1)} ms, non-2xx ${apiFigures.non2xx}, GraphQL errors ${apiFigures.graphqlErrors}`,
      );
      if (apiFigures.non2xx || apiFigures.graphqlErrors || apiFigures.socketErrors) log(`${s.name}: WARNING: failed responses during the run`);
      const sqlFigures = await runSqlCeiling(server.benchUrl, statements, opts.connections, opts.durationS);
      log(`${s.name}: SQL ceiling ${fmt(sqlFigures.reqPerSec)} req/s, p50 ${fmt(sqlFigures.p50Ms, 1)} ms, p99 ${fmt(sqlFigures.p99Ms, 1)} ms`);
      const loadAfter = os.loadavg()[0];
      if (otherCpuCores > NOISY_OTHER_CPU) log(`${s.name}: NOTE: processes outside the bench used ${fmt(otherCpuCores, 2)} cores during the API run`);
      results.push({
        name: s.name,
        description: s.description,
        api: apiFigures,
        sql: sqlFigures,
        statements: plans,
        cachedResponse: cached,
        loadAvg1: { before: loadBefore, after: loadAfter },
        otherCpuCores,
      });
    }
    await clustered?.stop();
    const fanout = runFanout ? await fanOutScenario(child.url, env) : undefined;
    await child.stop();
    api = undefined;

    const result: BenchResult = {
      startedAt,
      finishedAt: new Date().toISOString(),
      options: opts,
      machine: {
        cpus: os.cpus().length,
        cpuModel: os.cpus()[0]?.model ?? 'unknown',
        memoryGiB: os.totalmem() / 2 ** 30,
        node: process.version,
        platform: `${os.platform()} ${os.release()}`,
        postgres: facts.postgres,
        database: server.kind,
      },
      server: { poolSize: SERVER_POOL_SIZE, jobWorkers: false, logLevel: 'warn', process: 'child process (bench/server-child.ts)' },
      dataset: {
        merchants: opts.merchants,
        generatedAt: dataset.generatedAt.toISOString(),
        generationMs: dataset.generationMs,
        generatedThisRun: !!dataset.timings,
        timings: dataset.timings,
        penalties: opts.penalties,
        disputes: facts.disputes,
        disputeMessages: facts.disputeMessages,
        disputeStatusCounts: facts.disputeStatusCounts,
        storeStatusCounts: facts.storeStatusCounts,
        caseStatusCounts: facts.caseStatusCounts,
        searchPrefix: facts.searchPrefix,
        searchMatches: facts.searchMatches,
      },
      sqlPerListRequest,
      scenarios: results,
      fanout,
    };
    const file = writeResultJson(RESULTS_DIR, result);
    const relative = path.relative(PROJECT_ROOT, file);
    mkdirSync(path.dirname(DOCS_FILE), { recursive: true });
    writeFileSync(DOCS_FILE, renderMarkdown(result, relative));
    log(`wrote ${relative} and ${path.relative(PROJECT_ROOT, DOCS_FILE)}`);
  } finally {
    await api?.stop();
    await server.stop();
  }
}

main().catch((e) => {
  const detail = e instanceof Error ? (e.stack ?? e.message) : e === undefined ? 'no detail (the embedded PostgreSQL may not have started: is another one using bench/.data/pg?)' : String(e);
  console.error(`[bench] FAILED: ${detail}`);
  process.exit(1);
});
