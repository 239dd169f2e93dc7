import autocannon from 'autocannon';
import { Client } from 'pg';
import type { CapturedStatement } from './server-child';
import { headersFor, type Operation } from './scenarios';
import { elapsedMs, summarise, type RunFigures } from './stats';

/** Figures of one API run, with its failures. */
export interface ApiFigures extends RunFigures {
  /** Responses with a status outside 2xx. */
  non2xx: number;
  /** 2xx responses whose body carried GraphQL `errors`. */
  graphqlErrors: number;
  /** Connection errors and timeouts. */
  socketErrors: number;
}

/**
 * Seconds of unmeasured load before each measured run (JIT, caches, pools): 5 s for the default
 * 15 s runs. Fresh API processes need about that long under load before V8 has optimised
 * graphql-js and the driver; with 3 s the first scenario of a run measured 10-15% below the same
 * scenario run later.
 */
export function warmupSeconds(durationS: number): number {
  return Math.min(5, Math.max(1, Math.round(durationS / 3)));
}

/**
 * Drives one operation at `connections` for `durationS` s with autocannon (after an unmeasured
 * warm-up). With `rotate`, successive requests send those operations in turn instead (e.g. many
 * different pages, so that no response cache can serve them).
 */
export async function runApi(url: string, op: Operation, token: string | undefined, connections: number, durationS: number, rotate?: Operation[]): Promise<ApiFigures> {
  let next = 0;
  const bodies = rotate?.map((o) => JSON.stringify(o));
  const base = {
    url: `${url}/graphql`,
    method: 'POST',
    headers: headersFor(token),
    body: JSON.stringify(op),
    connections,
    verifyBody: (body: string) => !body.includes('"errors"'),
    ...(bodies ? { requests: [{ setupRequest: (req: Record<string, unknown>) => ({ ...req, body: bodies[next++ % bodies.length] }) }] } : {}),
  };
  await autocannon({ ...base, duration: warmupSeconds(durationS) });
  const r = await autocannon({ ...base, duration: durationS });
  return {
    reqPerSec: r.requests.total / r.duration,
    p50Ms: r.latency.p50,
    p99Ms: r.latency.p99,
    meanMs: r.latency.mean,
    requests: r.requests.total,
    durationS: r.duration,
    non2xx: r.non2xx,
    graphqlErrors: r.mismatches,
    socketErrors: r.errors,
  };
}

async function connectAll(dbUrl: string, n: number): Promise<Client[]> {
  return Promise.all(
    Array.from({ length: n }, async () => {
      const c = new Client({ connectionString: dbUrl, application_name: 'merchant-console-bench', options: '-c timezone=UTC' });
      await c.connect();
      return c;
    }),
  );
}

/**
 * The SQL ceiling: `connections` pg clients each run `statements` one after the other, in a
 * loop, for `durationS` s (after a warm-up). One "request" = one pass over all statements, so
 * req/s and latencies (ms) compare with the API's.
 */
export async function runSqlCeiling(dbUrl: string, statements: CapturedStatement[], connections: number, durationS: number): Promise<RunFigures> {
  const clients = await connectAll(dbUrl, connections);
  try {
    const drive = async (seconds: number) => {
      const latencies: number[] = [];
      const deadline = Date.now() + seconds * 1000;
      const t0 = process.hrtime.bigint();
      await Promise.all(
        clients.map(async (c) => {
          while (Date.now() < deadline) {
            const s = process.hrtime.bigint();
            // Named, as the server sends its repeated statements (server/database/prepared-client.ts).
            for (let i = 0; i < statements.length; i++) await c.query({ name: `ceiling_${i}`, text: statements[i].sql, values: statements[i].params });
            latencies.push(elapsedMs(s));
          }
        }),
      );
      return summarise(latencies, elapsedMs(t0) / 1000);
    };
    await drive(warmupSeconds(durationS));
    return await drive(durationS);
  } finally {
    await Promise.all(clients.map((c) => c.end()));
  }
}

/** EXPLAIN (ANALYZE, BUFFERS) of one captured statement. */
export interface StatementPlan {
  sql: string;
  params: unknown[];
  /** Execution Time reported by EXPLAIN ANALYZE, ms. */
  executionMs: number;
  /** The plan as text, one line per element. */
  plan: string[];
}

/** Explains every statement (each executed once more, on a warm cache). */
export async function explainAll(dbUrl: string, statements: CapturedStatement[]): Promise<StatementPlan[]> {
  const [c] = await connectAll(dbUrl, 1);
  try {
    const out: StatementPlan[] = [];
    for (const st of statements) {
      const { rows } = await c.query(`EXPLAIN (ANALYZE, BUFFERS) ${st.sql}`, st.params);
      const plan = rows.map((r: Record<string, string>) => r['QUERY PLAN']);
      const exec = plan.map((l) => /Execution Time: ([\d.]+) ms/.exec(l)).find(Boolean);
      out.push({ sql: st.sql, params: st.params, executionMs: exec ? Number(exec[1]) : NaN, plan });
    }
    return out;
  } finally {
    await c.end();
  }
}
