import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { GenerationTimings } from './dataset';
import type { ApiFigures, StatementPlan } from './load';
import type { BenchOptions } from './options';
import { fmt, type RunFigures } from './stats';

/** Everything one `npm run bench` measured; written as bench/results/<ISO timestamp>.json. */
export interface BenchResult {
  startedAt: string;
  finishedAt: string;
  options: BenchOptions;
  machine: {
    cpus: number;
    cpuModel: string;
    memoryGiB: number;
    node: string;
    platform: string;
    postgres: string;
    database: 'embedded' | 'DATABASE_URL';
  };
  /** How the server under test ran. */
  server: { poolSize: number; jobWorkers: boolean; logLevel: string; process: string };
  dataset: {
    merchants: number;
    generatedAt: string;
    /** Wall time of the generation, ms (from the marker when the dataset was reused). */
    generationMs: number;
    generatedThisRun: boolean;
    timings?: GenerationTimings;
    penalties: number;
    /** Disputes and their messages (both sides' and internal notes), and disputes by status; absent in older results. */
    disputes?: number;
    disputeMessages?: number;
    disputeStatusCounts?: Record<string, number>;
    storeStatusCounts: Record<string, number>;
    caseStatusCounts: Record<string, number>;
    searchPrefix: string;
    searchMatches: number;
  };
  /** SQL statements the server runs for one list request, by list and page size. */
  sqlPerListRequest: { list: string; perPage: number; statements: number; sql: string[] }[];
  scenarios: ScenarioResult[];
  /** The fan-out scenario (`--only fanout`), when it ran. */
  fanout?: FanOutResult;
}

/** A material policy version published and fanned out to every merchant account. */
export interface FanOutResult {
  versionId: string;
  /** publishDue: supersede + publish + fan-out row (counts the merchants), ms. */
  publishMs: number;
  /** Accounts to notify, and notified. */
  total: number;
  done: number;
  chunks: number;
  /** Accounts per chunk (fanOutSettings.chunkSize). */
  chunkSize?: number;
  /** Wall time of the fan-out (all chunks), ms, and accounts per second. */
  ms: number;
  perSecond: number;
  /** Rows afterwards: inbox notifications of the version, SMS delivery rows, merchants. */
  notifications: number;
  smsRows: number;
  merchants: number;
  loadAvg1: { before: number; after: number };
}

/** Targets from the issues (8 connections, this 2-core machine), by scenario. */
export const TARGETS: Record<string, { p99Ms: number; reqPerSec?: number; issue: number }> = {
  'verification-queue-first-page': { p99Ms: 15, reqPerSec: 1400, issue: 3 },
  'verification-queue-deep-page': { p99Ms: 50, issue: 3 },
  'verification-queue-filtered': { p99Ms: 15, issue: 3 },
  'verification-queue-enterprise': { p99Ms: 15, issue: 3 },
  'penalty-notices-first-page': { p99Ms: 15, reqPerSec: 1400, issue: 5 },
  'penalty-notices-rotating-pages': { p99Ms: 15, reqPerSec: 1400, issue: 5 },
  'penalty-notices-filtered': { p99Ms: 15, issue: 5 },
  'public-policy': { p99Ms: 15, issue: 6 },
  'disputes-first-page': { p99Ms: 20, reqPerSec: 1000, issue: 12 },
  'disputes-filtered': { p99Ms: 20, reqPerSec: 1000, issue: 12 },
  'disputes-deep-page': { p99Ms: 50, issue: 12 },
};
/** Issue 6: the fan-out to 1,000,000 merchants in under 60 s. */
export const FANOUT_TARGET_S = 60;

export interface ScenarioResult {
  name: string;
  description: string;
  api: ApiFigures;
  /** The same SQL straight on PostgreSQL, same concurrency and duration. */
  sql: RunFigures;
  /** The statements one request runs, each with its EXPLAIN ANALYZE. */
  statements: StatementPlan[];
  /** Repeated requests ran no SQL (served from the public response cache); `statements` are those of an uncached request. */
  cachedResponse?: boolean;
  /** 1-minute load average of the machine before the API run and after the SQL run (other processes show here). */
  loadAvg1: { before: number; after: number };
  /** Cores used by processes outside the bench during the API run (bench/other-cpu.ts); absent in older results. */
  otherCpuCores?: number;
}

/** Writes the result JSON into `dir` named by its start time; returns its path. */
export function writeResultJson(dir: string, r: BenchResult): string {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${r.startedAt.replace(/:/g, '-')}.json`);
  writeFileSync(file, JSON.stringify(r, null, 2) + '\n');
  return file;
}

const oneLine = (sql: string) => sql.replace(/\s+/g, ' ').trim();
const ms = (n: number) => fmt(n, n < 10 ? 2 : 1);

/** The first plan lines (root node and its children) up to `max` lines. */
function planExcerpt(plan: string[], max = 14): string[] {
  const body = plan.filter((l) => !/^(Planning|Execution) Time|^\s*Buffers: shared hit=\d+$|^Planning:$/.test(l.trim()));
  const cut = body.slice(0, max);
  if (body.length > max) cut.push(`  ... (${body.length - max} more lines in the result JSON)`);
  return cut;
}

/** docs/benchmarks.md from one result. `resultFile` is the JSON's path relative to the repository. */
/** Above this many cores used by processes outside the bench during an API run, the run is called noisy. */
export const NOISY_OTHER_CPU = 0.1;

export function renderMarkdown(r: BenchResult, resultFile: string): string {
  const d = r.dataset;
  const m = r.machine;
  const L: string[] = [];
  L.push('# Benchmarks', '');
  L.push('<!-- Generated by `npm run bench` (bench/report.ts); do not edit by hand. -->', '');
  L.push(
    `Latest run: **${r.startedAt}**, dataset **${fmt(d.merchants)} merchants** (generated ${d.generatedAt}), ` +
      `${r.options.connections} connections, ${r.options.durationS} s per scenario, ${r.options.processes ?? 1} API process(es)${(r.options.processes ?? 1) > 1 ? ' (node:cluster)' : ''}. Raw figures: [\`${resultFile}\`](../${resultFile}).`,
    '',
  );
  L.push(
    `Machine: ${m.cpus} × ${m.cpuModel}, ${fmt(m.memoryGiB, 1)} GiB, Node ${m.node}, ${m.postgres.split(' on ')[0]} (${m.database === 'embedded' ? 'embedded' : 'DATABASE_URL server'}). ` +
      `Server: its own process, NODE_ENV=production, pool size ${r.server.poolSize}, job workers ${r.server.jobWorkers ? 'on' : 'off'}, log level ${r.server.logLevel}. ` +
      'The load generator, the server and PostgreSQL share the same cores.',
    '',
  );

  const busiest = Math.max(0, ...r.scenarios.map((s) => s.otherCpuCores ?? 0));
  if (busiest > NOISY_OTHER_CPU) {
    L.push(
      `> **Noisy machine:** processes outside the bench used up to ${fmt(busiest, 2)} cores during an API run (see "other CPU" per scenario), ` +
        'taking CPU from the server and PostgreSQL: compare ratios (API / ceiling) and plans rather than absolute req/s.',
      '',
    );
  }
  L.push('## Summary', '');
  L.push('| scenario | API req/s | API p50 ms | API p99 ms | SQL ceiling req/s | SQL p50 ms | SQL p99 ms | API / ceiling | target (issue) | met | other CPU² | non-2xx | GraphQL errors |');
  L.push('|---|---:|---:|---:|---:|---:|---:|---:|---|:---:|---:|---:|---:|');
  for (const s of r.scenarios) {
    const t = TARGETS[s.name];
    const target = t ? `p99 ≤ ${t.p99Ms} ms${t.reqPerSec ? `, ≥ ${fmt(t.reqPerSec)} req/s` : ''} (#${t.issue})` : '';
    const met = t ? (s.api.p99Ms <= t.p99Ms && (!t.reqPerSec || s.api.reqPerSec >= t.reqPerSec) ? 'yes' : '**no**') : '';
    L.push(
      `| ${s.name} | ${fmt(s.api.reqPerSec)} | ${ms(s.api.p50Ms)} | ${ms(s.api.p99Ms)} | ${fmt(s.sql.reqPerSec)} | ${ms(s.sql.p50Ms)} | ${ms(s.sql.p99Ms)} | ` +
        `${s.cachedResponse ? 'cached¹' : `${fmt((100 * s.api.reqPerSec) / s.sql.reqPerSec)}%`} | ${target} | ${met} | ${s.otherCpuCores === undefined ? '–' : fmt(s.otherCpuCores, 2)} | ${s.api.non2xx} | ${s.api.graphqlErrors} |`,
    );
  }
  L.push('');
  if (r.scenarios.some((s) => s.cachedResponse)) {
    L.push(
      '¹ Served from the in-process cache of anonymous public responses (server/graphql/public-response-cache.ts) after the first request: the API figure is the cache, the SQL ceiling that of a miss. `penalty-notices-rotating-pages` shows the notices board when every request misses.',
      '',
    );
  }
  L.push(
    '² Cores used by processes outside the bench during the API run (bench/other-cpu.ts): the load generator, the API processes and PostgreSQL share the 2 cores by design and are not counted; anything else (a build, a test run) shows here.',
    '',
  );
  if (r.fanout) {
    const f = r.fanout;
    L.push('## Policy fan-out (issue 6)', '');
    L.push(
      `A material version (8.2 c) of the merchant privacy policy, drafted by \`legal\`, approved by \`legal2\`, scheduled for now, then published (\`publishDue\`, ${fmt(f.publishMs, 0)} ms: ` +
        `supersede, publish, fan-out row counting the merchants) and fanned out in the bench process (\`fanOutBenchmark\`, job workers off, chunks of ${fmt(f.chunkSize ?? 5000)} accounts, one transaction each: INSERT … SELECT of the chunk's inbox notifications and SMS delivery rows, cursor moved in the same transaction).`,
      '',
    );
    L.push('| merchant accounts | notified | chunks | fan-out s | accounts/s | target | met | inbox rows | SMS rows | load |', '|---:|---:|---:|---:|---:|---|:---:|---:|---:|---:|');
    L.push(
      `| ${fmt(f.total)} | ${fmt(f.done)} | ${fmt(f.chunks)} | ${fmt(f.ms / 1000, 1)} | ${fmt(f.perSecond)} | < ${FANOUT_TARGET_S} s for 1,000,000 (#6) | ` +
        `${f.total >= 1_000_000 ? (f.ms / 1000 < FANOUT_TARGET_S ? 'yes' : '**no**') : `(${fmt((f.ms / 1000) * (1_000_000 / Math.max(f.total, 1)), 1)} s scaled)`} | ${fmt(f.notifications)} | ${fmt(f.smsRows)} | ${fmt(Math.max(f.loadAvg1.before, f.loadAvg1.after), 1)} |`,
      '',
    );
  }

  L.push('## Dataset', '');
  const counts = Object.entries(d.storeStatusCounts)
    .map(([k, v]) => `${k} ${fmt(v)}`)
    .join(', ');
  L.push(`- ${fmt(d.merchants)} merchant accounts (password hash \`!\`: no password sign-in), merchants and stores; stores: ${counts}.`);
  L.push("- Nicknames and +86 mobiles from `server/seed/people.ts`; mobiles encrypted with the app's `FieldCipher` (AES-256-GCM) plus the blind index.");
  L.push(
    `- Search prefix \`${d.searchPrefix}\` matches ${fmt(d.searchMatches)} merchants. Demo staff (\`lead\` and \`reviewer\` sign in) from \`seedDemo(app, { merchants: 0 })\`, seeded before the generated rows (ids 1..N are reserved for them).`,
  );
  if (d.caseStatusCounts) {
    const cs = Object.entries(d.caseStatusCounts)
      .map(([k, v]) => `${k} ${fmt(v)}`)
      .join(', ');
    L.push(
      `- One identity-verification case per store, with its submission and history (submit, claim, decision: 1 to 3 transitions): ${cs}. ` +
        'Submissions: valid resident IDs, real names, addresses and mobiles from `makePerson`, encrypted with `FieldCipher` (a ciphertext reused where the same value fills two fields), ' +
        "the ID number's keyed hash `blindIndex('id_number', id)`; about 10% flagged (a duplicate ID really shares the previous store's number), 15% enterprises with a valid USCC; submitted over the last 90 days.",
    );
  }
  if (d.penalties) {
    L.push(
      `- ${fmt(d.penalties)} issued penalties over the last 2 years, each with its public notice (4% revoked: notice withdrawn) and history; store, leaf violation category and its default sanction drawn per id, computed in SQL.`,
    );
  }
  if (d.disputes) {
    const ds = Object.entries(d.disputeStatusCounts ?? {})
      .map(([k, v]) => `${k} ${fmt(v)}`)
      .join(', ');
    L.push(
      `- ${fmt(d.disputes)} disputes over the last 2 years, skewed over the stores (a few with many, a quarter with none), with ${fmt(d.disputeMessages ?? 0)} messages (0-5 each both sides see, some staff internal notes); ${ds}. ` +
        'Claim types and amounts (integer fen) drawn per id in SQL; buyer name, mobile and address the `FieldCipher` ciphertexts of one of 2,000 buyers encrypted once; `latest_message_at` and `message_count` match each thread.',
    );
  }
  if (d.timings) {
    const t = d.timings;
    L.push(
      `- Generation took **${fmt(t.totalMs / 1000, 1)} s** (Node people + encryption ${fmt(t.prepareMs / 1000, 1)} s, overlapped with the INSERTs; ` +
        `waiting on INSERTs ${fmt(t.insertWaitMs / 1000, 1)} s; penalties and notices ${fmt((t.penaltiesMs ?? 0) / 1000, 1)} s; disputes and messages ${fmt((t.disputesMs ?? 0) / 1000, 1)} s; index and foreign-key rebuilds ${fmt((t.indexMs ?? 0) / 1000, 1)} s; ` +
        `VACUUM ANALYZE ${fmt((t.analyzeMs ?? 0) / 1000, 1)} s; the rest is schema and staff seed).`,
    );
  } else {
    L.push(`- Reused (\`--reuse\`); its generation took ${fmt(d.generationMs / 1000, 1)} s.`);
  }
  L.push('');

  L.push('## SQL statements per list request', '');
  L.push('| list | perPage | statements | what |', '|---|---:|---:|---|');
  for (const x of r.sqlPerListRequest) {
    L.push(`| ${x.list ?? 'merchants'} | ${x.perPage} | ${x.statements} | ${x.sql.map((s) => '`' + oneLine(s).slice(0, 60) + '…`').join('<br>')} |`);
  }
  const byList = new Map<string, Set<number>>();
  for (const x of r.sqlPerListRequest) byList.set(x.list ?? 'merchants', (byList.get(x.list ?? 'merchants') ?? new Set()).add(x.statements));
  L.push('');
  for (const [list, n] of byList) {
    L.push(n.size === 1 ? `- ${list}: constant, ${[...n][0]} statement(s) whatever the page size.` : `- ${list}: **not constant** across page sizes (${[...n].join(' vs ')}).`);
  }
  L.push(
    '',
    'A signed-in request looks its session up only when its process does not hold the actor yet (server/modules/accounts/actor-cache.ts; dropped on every change notified by the database), so the figures above are steady state: no session statement. The merchants list runs the page ids, the capped count and the rows (deferred join); the review queue and the public notices run page ids, rows and capped count as ONE statement (`pageInOneStatement`, server/core/pagination.ts), the count only when the same count is older than 3 s.',
    '',
  );

  L.push('## Scenarios', '');
  for (const s of r.scenarios) {
    L.push(`### ${s.name}`, '', s.description, '');
    L.push('| | req/s | p50 ms | p99 ms | mean ms | requests |', '|---|---:|---:|---:|---:|---:|');
    L.push(`| API (HTTP, GraphQL) | ${fmt(s.api.reqPerSec)} | ${ms(s.api.p50Ms)} | ${ms(s.api.p99Ms)} | ${ms(s.api.meanMs)} | ${fmt(s.api.requests)} |`);
    L.push(`| SQL ceiling (pg) | ${fmt(s.sql.reqPerSec)} | ${ms(s.sql.p50Ms)} | ${ms(s.sql.p99Ms)} | ${ms(s.sql.meanMs)} | ${fmt(s.sql.requests)} |`);
    L.push(
      '',
      (s.cachedResponse ? 'Served from the in-process public response cache after the first request (no SQL); the SQL ceiling replays the statements of an uncached request. ' : '') +
        `Statements per request: ${s.statements.length}; EXPLAIN ANALYZE execution times: ${s.statements.map((p) => `${ms(p.executionMs)} ms`).join(', ')}. ` +
        `Machine load (1-min average) ${fmt(s.loadAvg1.before, 1)} before, ${fmt(s.loadAvg1.after, 1)} after.`,
      '',
    );
    const slowest = [...s.statements].sort((a, b) => b.executionMs - a.executionMs)[0];
    if (slowest) {
      L.push('<details><summary>SQL and plan of the slowest statement</summary>', '', '```sql', oneLine(slowest.sql), `-- params: ${JSON.stringify(slowest.params)}`, '```', '', '```');
      L.push(...planExcerpt(slowest.plan), `Execution Time: ${slowest.executionMs} ms`, '```', '', '</details>', '');
    }
  }

  L.push('## How to run', '');
  L.push('```sh');
  L.push('npm run bench                                   # 1,000,000 merchants, 15 s per scenario, 8 connections');
  L.push('npm run bench -- --merchants 20000 --duration 5 # quick iteration');
  L.push('npm run bench -- --reuse --only merchants-search,merchant-detail');
  L.push('npm run bench -- --reuse --processes 2            # the load against 2 API worker processes (WEB_CONCURRENCY=2)');
  L.push('npm run bench -- --reuse --only fanout                # publish a material policy version, time the fan-out to every merchant');
  L.push('npm run bench -- --merchants 20000 --penalties 50000  # penalties default to the merchant count');
  L.push('npm run bench -- --merchants 20000 --disputes 60000   # disputes too (60,000 reach the deep page, 2000 x 25)');
  L.push('npm run bench -- --reuse --only disputes-first-page,disputes-filtered,disputes-deep-page');
  L.push('```', '');
  L.push(
    '- Without `DATABASE_URL` the bench starts the embedded PostgreSQL with its data in `bench/.data/pg`; with it, the bench creates and uses its own database `merchant_console_bench` on that server (never the database the URL names).',
    '- The dataset is generated set-based (one INSERT … SELECT FROM unnest() per 10,000 merchants writing accounts, merchants, stores, verification cases, submissions and transitions; one INSERT … SELECT FROM generate_series() per 100,000 penalties writing notices, penalties and history; one per 100,000 disputes writing disputes and their messages; secondary indexes and foreign keys rebuilt at the end) and marked in table `bench_dataset`; `--reuse` keeps a dataset of the same size, penalty and dispute counts and generator version whose mobiles still decrypt with the keys in `bench/.data/dev-keys.json`.',
    '- `fanout` runs only when `--only` names it: it publishes a new policy version (the public-policy scenario then reads it) and empties then fills `notification` and `outbound_delivery` of the bench database.',
    "- The server runs in a child process (`bench/server-child.ts`) with its normal configuration; autocannon runs in the bench process. Every scenario's first response is checked (no `errors`, plausible data) before it is loaded.",
    '- Results: `bench/results/<ISO timestamp>.json`; this page is regenerated from the latest run.',
    '',
  );
  L.push('## How to read', '');
  L.push(
    '- **API req/s, p50, p99**: autocannon over HTTP against `/graphql`, `--connections` keep-alive connections, for `--duration` s after a short unmeasured warm-up. Latencies in ms.',
    "- **SQL ceiling**: the exact statements the API ran for the request (captured from TypeORM's logger in the server process, parameters included, in steady state: no session look-up once the actor is cached) replayed one after the other, as named prepared statements like the server sends them, by as many pg clients for as long. It is what PostgreSQL alone can do for the request; the gap to the API is HTTP, GraphQL, TypeORM hydration, decryption and JSON.",
    '- **API / ceiling** near 100% means the database is the bottleneck (look at the plan); far below means the Node side is.',
    '- One machine runs the load generator, the server and PostgreSQL: figures compare runs on the same machine, not absolute capacity.',
    '- **non-2xx / GraphQL errors** must be 0; otherwise the figures measure error paths.',
    '',
  );
  return L.join('\n');
}
