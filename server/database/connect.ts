import { Client } from 'pg';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '../config';
import { createDataSource, runMigrations } from './data-source';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './embedded';

export interface Database {
  dataSource: DataSource;
  url: string;
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
 * Connects to DATABASE_URL (creating its database when missing), or starts the embedded PostgreSQL
 * when it is unset, then applies pending migrations.
 */
export async function connectDatabase(config: AppConfig, log: Logger, opts: { poolSize?: number } = {}): Promise<Database> {
  let embedded: EmbeddedDatabase | undefined;
  let url = config.databaseUrl;
  if (!url) {
    embedded = await startEmbeddedPostgres({ dataDir: config.pgDataDir, port: config.pgPort, database: 'merchant_console', log });
    url = embedded.url;
    log.info({ dataDir: embedded.dataDir }, 'embedded PostgreSQL started');
  }
  let dataSource = createDataSource(url, opts);
  try {
    await dataSource.initialize();
  } catch (e) {
    // DATABASE_URL names a database that does not exist yet: create it (needs CREATEDB), then retry.
    if ((e as { code?: string }).code !== '3D000') throw e;
    await createDatabaseOf(url);
    log.info('created the database named in DATABASE_URL');
    dataSource = createDataSource(url, opts);
    await dataSource.initialize();
  }
  const applied = await runMigrations(dataSource);
  if (applied.length) log.info({ applied }, 'migrations applied');
  return {
    dataSource,
    url,
    embedded,
    async close() {
      if (dataSource.isInitialized) await dataSource.destroy();
      if (embedded) await embedded.stop();
    },
  };
}
