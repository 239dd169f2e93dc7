import path from 'node:path';
import type { Client } from 'pg';
import { withClient as withPgClient } from '../server/database/serving-role';
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
export const withClient = <T>(url: string, fn: (c: Client) => Promise<T>): Promise<T> => withPgClient(url, fn, 'merchant-console-bench');

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
  penalties: number;
  disputes: number;
  /** DATASET_VERSION of the generator that made it (older datasets lack tables' rows the scenarios need). */
  version: number;
  generatedAt: Date;
  /** Wall time the generation took, ms. */
  generationMs: number;
  /** A mobile_enc value of the dataset, to check the configured keys still decrypt it. */
  sampleMobileEnc: string;
}

/** What the generator makes; bump when it makes more or different rows, so `--reuse` regenerates. 2: verification cases, penalties. 3: disputes. */
export const DATASET_VERSION = 3;

/** The marker of a complete dataset, or undefined when there is none (also when the database does not exist). */
export async function readMarker(server: BenchServer): Promise<DatasetMarker | undefined> {
  try {
    return await withClient(server.benchUrl, async (c) => {
      const { rows } = await c.query(`SELECT to_regclass('bench_dataset') IS NOT NULL AS present`);
      if (!rows[0].present) return undefined;
      const { rows: cols } = await c.query(`SELECT 1 FROM information_schema.columns WHERE table_name = 'bench_dataset' AND column_name = 'version'`);
      if (!cols.length) return undefined; // made by a generator before DATASET_VERSION
      const { rows: withDisputes } = await c.query(`SELECT 1 FROM information_schema.columns WHERE table_name = 'bench_dataset' AND column_name = 'disputes'`);
      const disputes = withDisputes.length ? 'disputes' : '0::bigint AS disputes';
      const r = (await c.query(`SELECT merchants, penalties, ${disputes}, version, generated_at, generation_ms, (SELECT mobile_enc FROM merchant WHERE id = 1) AS sample FROM bench_dataset`)).rows[0];
      return r && r.sample
        ? {
            merchants: Number(r.merchants),
            penalties: Number(r.penalties),
            disputes: Number(r.disputes),
            version: Number(r.version),
            generatedAt: r.generated_at,
            generationMs: Number(r.generation_ms),
            sampleMobileEnc: r.sample,
          }
        : undefined;
    });
  } catch (e) {
    if ((e as { code?: string }).code === '3D000') return undefined; // database does not exist
    throw e;
  }
}

/** Records a complete dataset of `merchants`; written last, so a half-generated dataset has none. */
export async function writeMarker(c: Client, merchants: number, penalties: number, disputes: number, generationMs: number): Promise<void> {
  await c.query(`DROP TABLE IF EXISTS bench_dataset`);
  await c.query(
    `CREATE TABLE bench_dataset (merchants bigint NOT NULL, penalties bigint NOT NULL, disputes bigint NOT NULL, version int NOT NULL, generated_at timestamptz NOT NULL DEFAULT now(), generation_ms bigint NOT NULL)`,
  );
  await c.query(`INSERT INTO bench_dataset (merchants, penalties, disputes, version, generation_ms) VALUES ($1, $2, $3, $4, $5)`, [
    merchants,
    penalties,
    disputes,
    DATASET_VERSION,
    Math.round(generationMs),
  ]);
}
