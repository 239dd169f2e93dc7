import path from 'node:path';
import { Client } from 'pg';
import { PROJECT_ROOT } from '../server/config';
import { createLogger } from '../server/core/logger';
import { startEmbeddedPostgres } from '../server/database/embedded';

/** The bench's own database: it never writes into the database DATABASE_URL names. */
export const BENCH_DATABASE = 'merchant_console_bench';
/** Local state of the bench: embedded cluster (pg/) and the field keys of the dataset (dev-keys.json). */
export const BENCH_DATA_DIR = path.join(PROJECT_ROOT, 'bench', '.data');

/** The PostgreSQL server the bench runs against. */
export interface BenchServer {
  /** `embedded` (bench/.data/pg) or `DATABASE_URL`. */
  kind: 'embedded' | 'DATABASE_URL';
  /** URL of the bench database on that server. */
  benchUrl: string;
  /** URL of the server's `postgres` database, for DROP/CREATE DATABASE. */
  adminUrl: string;
  stop(): Promise<void>;
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/**
 * The server named by DATABASE_URL, or the embedded PostgreSQL (started here, stopped by `stop()`;
 * as root it runs as the `postgres` OS user, see server/database/embedded.ts).
 */
export async function openBenchServer(databaseUrl: string | undefined): Promise<BenchServer> {
  if (databaseUrl) {
    return { kind: 'DATABASE_URL', benchUrl: withDatabase(databaseUrl, BENCH_DATABASE), adminUrl: withDatabase(databaseUrl, 'postgres'), stop: async () => {} };
  }
  const embedded = await startEmbeddedPostgres({ dataDir: path.join(BENCH_DATA_DIR, 'pg'), port: 0, database: BENCH_DATABASE, log: createLogger('warn') });
  return { kind: 'embedded', benchUrl: embedded.url, adminUrl: withDatabase(embedded.url, 'postgres'), stop: () => embedded.stop() };
}

/** Runs `fn` with a connected client, closing it afterwards. */
export async function withClient<T>(url: string, fn: (c: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url, application_name: 'merchant-console-bench' });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Drops (disconnecting its sessions) and creates the bench database empty. */
export async function recreateBenchDatabase(server: BenchServer): Promise<void> {
  await withClient(server.adminUrl, async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${BENCH_DATABASE} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${BENCH_DATABASE}`);
  });
}

/** What the marker row says about the dataset in the bench database. */
export interface DatasetMarker {
  merchants: number;
  generatedAt: Date;
  /** Wall time the generation took, ms. */
  generationMs: number;
  /** A mobile_enc value of the dataset, to check the configured keys still decrypt it. */
  sampleMobileEnc: string;
}

/** The marker of a complete dataset, or undefined when there is none (also when the database does not exist). */
export async function readMarker(server: BenchServer): Promise<DatasetMarker | undefined> {
  try {
    return await withClient(server.benchUrl, async (c) => {
      const { rows } = await c.query(`SELECT to_regclass('bench_dataset') IS NOT NULL AS present`);
      if (!rows[0].present) return undefined;
      const r = (await c.query(`SELECT merchants, generated_at, generation_ms, (SELECT mobile_enc FROM merchant WHERE id = 1) AS sample FROM bench_dataset`)).rows[0];
      return r && r.sample ? { merchants: Number(r.merchants), generatedAt: r.generated_at, generationMs: Number(r.generation_ms), sampleMobileEnc: r.sample } : undefined;
    });
  } catch (e) {
    if ((e as { code?: string }).code === '3D000') return undefined; // database does not exist
    throw e;
  }
}

/** Records a complete dataset of `merchants`; written last, so a half-generated dataset has none. */
export async function writeMarker(c: Client, merchants: number, generationMs: number): Promise<void> {
  await c.query(`CREATE TABLE IF NOT EXISTS bench_dataset (merchants bigint NOT NULL, generated_at timestamptz NOT NULL DEFAULT now(), generation_ms bigint NOT NULL)`);
  await c.query(`DELETE FROM bench_dataset`);
  await c.query(`INSERT INTO bench_dataset (merchants, generation_ms) VALUES ($1, $2)`, [merchants, Math.round(generationMs)]);
}
