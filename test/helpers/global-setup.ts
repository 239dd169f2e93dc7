import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import type { TestProject } from 'vitest/node';
import { prepareDatabase } from '../../server/database/connect';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../../server/database/embedded';
import { createLogger } from '../../server/core/logger';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Server URL without a database name, e.g. postgres://u:p@127.0.0.1:5432 */
    pgServerUrl: string;
    /** Database with every migration applied, copied for each test file. */
    templateDb: string;
  }
}

/**
 * Starts one PostgreSQL for the whole run: the server in DATABASE_URL when set, else an embedded
 * cluster in a fresh temporary folder. Builds a template database (migrations, pg-boss schema, the
 * serving role's grants; each console adds the queues)
 * that each test file clones (CREATE DATABASE ... TEMPLATE), so files run isolated and fast.
 */
export default async function setup(project: TestProject) {
  const log = createLogger('silent');
  let embedded: EmbeddedDatabase | undefined;
  let tmp: string | undefined;
  let serverUrl: string;
  if (process.env.DATABASE_URL) {
    const u = new URL(process.env.DATABASE_URL);
    u.pathname = '';
    serverUrl = u.toString().replace(/\/$/, '');
  } else {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'mc-test-pg-'));
    embedded = await startEmbeddedPostgres({ dataDir: path.join(tmp, 'data'), port: 0, database: 'postgres', log, persistent: false });
    serverUrl = embedded.url.replace(/\/postgres$/, '');
  }
  const templateDb = `mc_tpl_${process.pid}`;
  const admin = new Client({ connectionString: `${serverUrl}/postgres` });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${templateDb}`);
  await admin.query(`CREATE DATABASE ${templateDb}`);
  // As start-up does, as the owner (the serving role is cluster-wide: created here once, then found).
  await prepareDatabase(`${serverUrl}/${templateDb}`, undefined, log);
  project.provide('pgServerUrl', serverUrl);
  project.provide('templateDb', templateDb);
  return async () => {
    await admin.query(`DROP DATABASE IF EXISTS ${templateDb} WITH (FORCE)`).catch(() => undefined);
    await admin.end();
    if (embedded) await embedded.stop();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  };
}
