import { installAllModules } from '../modules';
import { Client } from 'pg';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '../config';
import { Jobs } from '../core/jobs/jobs';
import { createDataSource, runMigrations } from './data-source';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './embedded';
import { prepareServingRole } from './serving-role';

export interface Database {
  /** The serving pool: the least-rights login (database/serving-role.ts), never the owner. */
  dataSource: DataSource;
  /** The serving login's URL (change feed, pg-boss). */
  url: string;
  /** The owner's URL (migrations, set-up; DATABASE_URL or the embedded superuser). */
  ownerUrl: string;
  embedded?: EmbeddedDatabase;
  close(): Promise<void>;
}

async function createDatabaseOf(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.replace(/^\//, ''));
  if (!/^[A-Za-z0-9_-]{1,63}$/.test(name)) throw new Error(`cannot create a database named "${name}"`);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
}

/**
 * As the owner: applies pending migrations, installs pg-boss's schema and the queues, and grants
 * the serving role its rights. Shared by start-up and the test template.
 * @returns the migrations applied and the serving URL.
 */
export async function prepareDatabase(ownerUrl: string, appDatabaseUrl: string | undefined, log: Logger): Promise<{ applied: string[]; servingUrl: string }> {
  const owner = createDataSource(ownerUrl, { poolSize: 2, applicationName: 'merchant-console-migrate' });
  await owner.initialize();
  let applied: string[];
  try {
    applied = await runMigrations(owner);
  } finally {
    await owner.destroy();
  }
  await Jobs.install(ownerUrl);
  const servingUrl = await prepareServingRole(ownerUrl, appDatabaseUrl, log);
  return { applied, servingUrl };
}

/**
 * Connects to DATABASE_URL (creating its database when missing), or starts the embedded PostgreSQL
 * when it is unset; prepares the database as its owner (prepareDatabase), then opens the serving
 * pool as the least-rights login.
 */
export async function connectDatabase(config: AppConfig, log: Logger, opts: { poolSize?: number } = {}): Promise<Database> {
  installAllModules(); // their queues are created by the migration step below
  let embedded: EmbeddedDatabase | undefined;
  let ownerUrl = config.databaseUrl;
  if (!ownerUrl) {
    embedded = await startEmbeddedPostgres({ dataDir: config.pgDataDir, port: config.pgPort, database: 'merchant_console', log });
    ownerUrl = embedded.url;
    log.info({ dataDir: embedded.dataDir }, 'embedded PostgreSQL started');
  }
  try {
    const probe = new Client({ connectionString: ownerUrl });
    await probe.connect().finally(() => probe.end().catch(() => undefined));
  } catch (e) {
    // DATABASE_URL names a database that does not exist yet: create it (needs CREATEDB).
    if ((e as { code?: string }).code !== '3D000') throw e;
    await createDatabaseOf(ownerUrl);
    log.info('created the database named in DATABASE_URL');
  }
  const { applied, servingUrl } = await prepareDatabase(ownerUrl, config.appDatabaseUrl, log);
  if (applied.length) log.info({ applied }, 'migrations applied');
  const dataSource = createDataSource(servingUrl, { ...opts, installExtensions: false });
  await dataSource.initialize();
  return {
    dataSource,
    url: servingUrl,
    ownerUrl,
    embedded,
    async close() {
      if (dataSource.isInitialized) await dataSource.destroy();
      if (embedded) await embedded.stop();
    },
  };
}
