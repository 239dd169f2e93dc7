import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { ENTITIES } from '../modules';
import { MIGRATIONS } from '../../migrations';
import { PreparingClient } from './prepared-client';

/**
 * The one TypeORM data source of the process. Schema changes happen only through the migrations
 * in `migrations/` (never `synchronize`); `migrationsRun` is off so start-up runs them explicitly
 * (see `runMigrations`).
 */
export function createDataSource(url: string, opts: { poolSize?: number; applicationName?: string; installExtensions?: boolean } = {}): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    uuidExtension: 'pgcrypto',
    // The serving login may not create extensions: only the owner's connection tries.
    installExtensions: opts.installExtensions ?? true,
    logging: false,
    extra: {
      max: opts.poolSize ?? 20,
      // Repeated statements are prepared once per connection (see prepared-client.ts).
      Client: PreparingClient,
      application_name: opts.applicationName ?? 'merchant-console',
      // Every instant is stored as timestamptz and read in UTC.
      options: '-c timezone=UTC',
    },
  });
}

/** Applies pending migrations; returns the names applied. */
export async function runMigrations(ds: DataSource): Promise<string[]> {
  const applied = await ds.runMigrations({ transaction: 'each' });
  return applied.map((m) => m.name);
}
