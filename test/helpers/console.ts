import { systemContext } from '../../server/core/context';
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import type { DestinationStream } from 'pino';
import { inject } from 'vitest';
import { startConsole, type RunningConsole } from '../../server/bootstrap';
import { loadConfig } from '../../server/config';
import { managedServingUrl } from '../../server/database/serving-role';
import { servicesOf } from '../../server/modules/services';
import { DEMO_PASSWORD, seedDemo } from '../../server/seed/demo';

export interface GqlResult<T = any> {
  data?: T;
  errors?: { message: string; path?: string[]; extensions: { code: string; fields?: { field: string; message: string }[]; [k: string]: unknown } }[];
  extensions?: { requestId?: string };
}

export interface TestConsole extends RunningConsole {
  dbName: string;
  /** POSTs one GraphQL operation (or a batch, when `body` is an array) over real HTTP. */
  gql<T = any>(query: string, variables?: Record<string, unknown>, token?: string, headers?: Record<string, string>): Promise<GqlResult<T>>;
  post(body: unknown, token?: string, headers?: Record<string, string>): Promise<{ status: number; json: any; headers: Headers }>;
  /** Signs in a demo account (password `Demo@2026!`) and returns its bearer token. */
  signIn(login: string, password?: string): Promise<string>;
  /**
   * A separate SQL connection to the same database, for assertions and tampering. Returns once the
   * console has received the notifications the statement caused (ChangeFeed.barrier), as an
   * operator's change reaches it within milliseconds.
   */
  sql<T = any>(text: string, params?: unknown[]): Promise<T[]>;
  /** Waits until `check` returns a truthy value (polling), or fails after `ms`. */
  waitFor<T>(check: () => Promise<T | undefined | false>, ms?: number): Promise<T>;
}

let fileSeq = 0;

/**
 * Starts the real console for one test file on its own copy of the migrated template database,
 * with its own data folder (encrypted files, outbox) and fresh keys; demo data seeded by default.
 */
export async function startTestConsole(opts: { seed?: boolean; merchants?: number; env?: Record<string, string>; logDestination?: DestinationStream; starting?: boolean } = {}): Promise<TestConsole> {
  const server = inject('pgServerUrl');
  const template = inject('templateDb');
  const dbName = `mc_t_${process.pid}_${++fileSeq}_${randomBytes(3).toString('hex')}`;
  const admin = new Client({ connectionString: `${server}/postgres` });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName} TEMPLATE ${template}`);
  await admin.end();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'mc-test-data-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: `${server}/${dbName}`,
    DATA_DIR: dataDir,
    PORT: '0',
    FIELD_KEYS: `t1:${randomBytes(32).toString('base64')}`,
    BLIND_INDEX_KEY: randomBytes(32).toString('base64'),
    AUDIT_CHAIN_KEY: randomBytes(32).toString('base64'),
    // Production requires an explicit serving login when DATABASE_URL has no password (as the test server's may not).
    ...(opts.env?.NODE_ENV === 'production' ? { APP_DATABASE_URL: managedServingUrl(`${server}/${dbName}`) } : {}),
    SEED_DEMO: 'false',
    // Tests read the local outbox, in production mode too.
    ALLOW_LOCAL_OUTBOX: 'true',
    ALLOW_SANDBOX_PAYOUTS: 'true',
    ...opts.env,
  });
  const running = await startConsole(config, { jobPollingSeconds: 0.5, poolSize: 8, logDestination: opts.logDestination, starting: opts.starting });
  await servicesOf(running.app).policies.importMerchantPrivacyPolicy(systemContext(running.app));
  if (opts.seed !== false) await seedDemo(running.app, { merchants: opts.merchants ?? 20 });
  const sqlClient = new Client({ connectionString: config.databaseUrl });
  await sqlClient.connect();

  const post = async (body: unknown, token?: string, headers: Record<string, string> = {}) => {
    const res = await fetch(`${running.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
      body: JSON.stringify(body),
    });
    return { status: res.status, json: await res.json(), headers: res.headers };
  };
  const t: TestConsole = {
    ...running,
    dbName,
    post,
    async gql<T>(query: string, variables?: Record<string, unknown>, token?: string, headers?: Record<string, string>) {
      return (await post({ query, variables }, token, headers)).json as GqlResult<T>;
    },
    async signIn(login, password = DEMO_PASSWORD) {
      const r = await t.gql(`mutation($i: SignInInput!) { signIn(input: $i) { token } }`, { i: { loginName: login, password } });
      if (!r.data?.signIn) throw new Error(`sign-in of ${login} failed: ${JSON.stringify(r.errors)}`);
      return r.data.signIn.token;
    },
    async sql(text, params) {
      const rows = (await sqlClient.query(text, params as unknown[])).rows;
      // A direct change reaches the console by notification (e.g. actor_changed): wait until it has.
      await running.app.changes.barrier();
      return rows;
    },
    async waitFor(check, ms = 15_000) {
      const until = Date.now() + ms;
      for (;;) {
        const v = await check();
        if (v) return v;
        if (Date.now() > until) throw new Error('waitFor: condition not met in time');
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    async close() {
      await sqlClient.end();
      await running.close();
      const a = new Client({ connectionString: `${server}/postgres` });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
      await a.end();
      // The data folder holds the outbox (SMS with invitation codes) and encrypted files: nothing stays behind.
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return t;
}

/** Asserts a GraphQL result failed with `code` and returns the first error. */
export function errorOf(r: GqlResult, code: string) {
  const e = r.errors?.[0];
  if (!e || e.extensions.code !== code) throw new Error(`expected ${code}, got ${JSON.stringify(r.errors ?? r.data)}`);
  return e;
}

/**
 * Runs `fn` and returns how many SQL statements the console issued meanwhile (TypeORM's logger
 * sees every statement the query runners send).
 */
export async function countStatements(c: TestConsole, fn: () => Promise<unknown>): Promise<number> {
  const logger = c.app.dataSource.logger;
  let n = 0;
  const original = logger.logQuery.bind(logger);
  logger.logQuery = (...args: Parameters<typeof logger.logQuery>) => {
    n++;
    return original(...args);
  };
  try {
    await fn();
  } finally {
    logger.logQuery = original;
  }
  return n;
}
