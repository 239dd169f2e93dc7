/**
 * `npm run bench`: generates (or reuses) a dataset of N merchants, starts the console in a child
 * process, drives each scenario with autocannon and the same SQL straight on PostgreSQL, and writes
 * bench/results/<ISO timestamp>.json and docs/benchmarks.md. Flags: see options.ts.
 */
import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startConsole } from '../server/bootstrap';
import { loadConfig, PROJECT_ROOT } from '../server/config';
import { FieldCipher } from '../server/core/crypto/field-cipher';
import { servicesOf } from '../server/modules/services';
import { DEMO_PASSWORD, seedDemo } from '../server/seed/demo';
import { bootstrapContext } from '../server/seed/system-context';
import { BENCH_DATA_DIR, openBenchServer, readMarker, recreateBenchDatabase, withClient, writeMarker, type BenchServer } from './database';
import { generateDataset, vacuumAnalyze, type GenerationTimings } from './dataset';
import { explainAll, runApi, runSqlCeiling } from './load';
import { parseOptions, type BenchOptions } from './options';
import { renderMarkdown, writeResultJson, type BenchResult, type ScenarioResult } from './report';
import type { CapturedStatement } from './server-child';
import { startServerProcess, type ServerProcess } from './server-process';
import { buildScenarios, graphql, listOperation, type Operation, type ScenarioInputs } from './scenarios';
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
  return env;
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
    if (marker && marker.merchants === opts.merchants && decrypts) {
      log(`reusing the dataset of ${fmt(marker.merchants)} merchants generated ${marker.generatedAt.toISOString()}`);
      return { generatedAt: marker.generatedAt, generationMs: marker.generationMs };
    }
    if (marker && marker.merchants !== opts.merchants) log(`existing dataset has ${fmt(marker.merchants)} merchants, not ${fmt(opts.merchants)}: generating`);
  }
  log(`generating ${fmt(opts.merchants)} merchants into ${server.kind === 'embedded' ? 'the embedded PostgreSQL' : 'the DATABASE_URL server'}, database merchant_console_bench`);
  await recreateBenchDatabase(server);
  const t0 = process.hrtime.bigint();
  const running = await startConsole(config, { listen: false, poolSize: 2 });
  let timings: GenerationTimings;
  try {
    const loaded = await withClient(server.benchUrl, (c) => generateDataset(c, running.app.cipher, opts.merchants, log));
    await servicesOf(running.app).policies.importMerchantPrivacyPolicy(bootstrapContext(running.app, 'bench'));
    await seedDemo(running.app, { merchants: 0 });
    timings = { ...loaded, analyzeMs: 0 };
  } finally {
    await running.close();
  }
  await withClient(server.benchUrl, async (c) => {
    timings.analyzeMs = await vacuumAnalyze(c);
    log(`VACUUM ANALYZE in ${fmt(timings.analyzeMs / 1000, 1)} s`);
    timings.totalMs = elapsedMs(t0);
    await writeMarker(c, opts.merchants, timings.totalMs);
  });
  log(`dataset ready in ${fmt(timings.totalMs / 1000, 1)} s (Node prepare ${fmt(timings.prepareMs / 1000, 1)} s, INSERT wait ${fmt(timings.insertWaitMs / 1000, 1)} s)`);
  return { generatedAt: new Date(), generationMs: timings.totalMs, timings };
}

/** Facts about the dataset the scenarios and the report need. */
async function inspectDataset(url: string, merchants: number): Promise<ScenarioInputs & { storeStatusCounts: Record<string, number>; postgres: string }> {
  return withClient(url, async (c) => {
    const middle = Math.ceil(merchants / 2);
    const { rows: [probe] } = await c.query(`SELECT nickname FROM merchant WHERE id = $1`, [middle]);
    // A surname, as a reviewer types it: about 1% of the merchants.
    const searchPrefix = [...probe.nickname][0];
    const { rows: [{ n }] } = await c.query(`SELECT count(*)::int AS n FROM merchant WHERE nickname COLLATE "C" LIKE $1`, [`${searchPrefix}%`]);
    const { rows: statuses } = await c.query(`SELECT status, count(*)::int AS n FROM store GROUP BY status ORDER BY status`);
    const { rows: [{ version }] } = await c.query(`SELECT version()`);
    return {
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
 * recorded statements are the ones every request runs.
 */
async function probe(api: ServerProcess, op: Operation, token: string | undefined): Promise<{ data: Record<string, any>; statements: CapturedStatement[] }> {
  const data = await graphql(api.url, op, token);
  const statements = await api.capture(async () => {
    await graphql(api.url, op, token);
  });
  return { data, statements };
}

async function signIn(url: string): Promise<string> {
  const data = await graphql(url, { query: 'mutation($i: SignInInput!) { signIn(input: $i) { token } }', variables: { i: { loginName: 'lead', password: DEMO_PASSWORD } } });
  return data.signIn.token;
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
    if (opts.only) {
      const unknown = opts.only.filter((n) => !scenarios.some((s) => s.name === n));
      if (unknown.length) throw new Error(`unknown scenario(s) ${unknown.join(', ')}; known: ${scenarios.map((s) => s.name).join(', ')}`);
      scenarios = scenarios.filter((s) => opts.only!.includes(s.name));
    }

    const child = await startServerProcess(env);
    api = child;
    log(`server listening at ${child.url} (pid ${child.pid})`);
    const token = await signIn(child.url);

    const sqlPerListRequest = [];
    for (const perPage of [10, 100]) {
      const { statements } = await probe(child, listOperation(1, perPage), token);
      sqlPerListRequest.push({ perPage, statements: statements.length, sql: statements.map((s) => s.sql) });
      log(`merchants list with perPage ${perPage}: ${statements.length} SQL statements`);
    }

    const results: ScenarioResult[] = [];
    for (const s of scenarios) {
      const auth = s.signedIn ? token : undefined;
      const { data, statements } = await probe(child, s.operation, auth);
      s.check(data);
      const plans = await explainAll(server.benchUrl, statements);
      log(`${s.name}: first response ok; ${statements.length} statements, EXPLAIN ANALYZE ${plans.map((p) => `${fmt(p.executionMs, 2)} ms`).join(' + ')}`);
      const loadBefore = os.loadavg()[0];
      const apiFigures = await runApi(child.url, s.operation, auth, opts.connections, opts.durationS);
      log(`${s.name}: API ${fmt(apiFigures.reqPerSec)} req/s, p50 ${fmt(apiFigures.p50Ms, 1)} ms, p99 ${fmt(apiFigures.p99Ms, 1)} ms, non-2xx ${apiFigures.non2xx}, GraphQL errors ${apiFigures.graphqlErrors}`);
      if (apiFigures.non2xx || apiFigures.graphqlErrors || apiFigures.socketErrors) log(`${s.name}: WARNING: failed responses during the run`);
      const sqlFigures = await runSqlCeiling(server.benchUrl, statements, opts.connections, opts.durationS);
      log(`${s.name}: SQL ceiling ${fmt(sqlFigures.reqPerSec)} req/s, p50 ${fmt(sqlFigures.p50Ms, 1)} ms, p99 ${fmt(sqlFigures.p99Ms, 1)} ms`);
      const loadAfter = os.loadavg()[0];
      if (Math.max(loadBefore, loadAfter) > os.cpus().length) log(`${s.name}: NOTE: machine load ${fmt(Math.max(loadBefore, loadAfter), 1)} > ${os.cpus().length} cores: other processes compete`);
      results.push({ name: s.name, description: s.description, api: apiFigures, sql: sqlFigures, statements: plans, loadAvg1: { before: loadBefore, after: loadAfter } });
    }
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
        storeStatusCounts: facts.storeStatusCounts,
        searchPrefix: facts.searchPrefix,
        searchMatches: facts.searchMatches,
      },
      sqlPerListRequest,
      scenarios: results,
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
