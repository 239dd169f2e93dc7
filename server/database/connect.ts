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

/**
 * Connects to DATABASE_URL, or starts the embedded PostgreSQL when it is unset, then applies
 * pending migrations.
 */
export async function connectDatabase(config: AppConfig, log: Logger, opts: { poolSize?: number } = {}): Promise<Database> {
  let embedded: EmbeddedDatabase | undefined;
  let url = config.databaseUrl;
  if (!url) {
    embedded = await startEmbeddedPostgres({ dataDir: config.pgDataDir, port: config.pgPort, database: 'merchant_console', log });
    url = embedded.url;
    log.info({ dataDir: embedded.dataDir }, 'embedded PostgreSQL started');
  }
  const dataSource = createDataSource(url, opts);
  await dataSource.initialize();
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
