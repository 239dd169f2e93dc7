import { createHmac } from 'node:crypto';
import { Client } from 'pg';
import type { Logger } from 'pino';

/** Group role (NOLOGIN) holding what serving requests needs, in every console database of the cluster. */
export const APP_GROUP = 'console_app';
/** The login the console creates when APP_DATABASE_URL is unset; a member of APP_GROUP. */
export const APP_LOGIN = 'console_app_login';

/** Tables the application only ever appends to and reads (their triggers refuse changes too). */
const APPEND_ONLY = [
  'audit_event',
  'policy_version_transition',
  'store_status_transition',
  'verification_transition',
  'penalty_history',
  'data_sharing_entry',
  'dispute_history',
  'reward_history',
  'payout_ledger',
];
/** Read-only for the application (TypeORM's migration list, read by /readyz). */
const READ_ONLY = ['schema_migrations'];

/** Error codes of a concurrent CREATE ROLE / GRANT / ALTER ROLE by another process (roles are cluster-wide). */
const RACE = new Set(['42710', '23505', 'XX000', '40001', '40P01']);

/** The serving login's password when the console manages it: HMAC of the owner's password (same in every replica, never stored). */
export function derivedAppPassword(ownerPassword: string): string {
  return createHmac('sha256', ownerPassword).update(`merchant-console ${APP_LOGIN} v1`).digest('base64url');
}

/** The URL of the console-managed serving login (`console_app_login`) next to the owner's `ownerUrl`. */
export function managedServingUrl(ownerUrl: string): string {
  const u = new URL(ownerUrl);
  u.password = derivedAppPassword(decodeURIComponent(u.password));
  u.username = APP_LOGIN;
  return u.toString();
}

/** Runs `fn` with a connected client of its own, closing it afterwards. */
export async function withClient<T>(url: string, fn: (c: Client) => Promise<T>, applicationName = 'merchant-console-setup'): Promise<T> {
  const c = new Client({ connectionString: url, application_name: applicationName });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

const canLogIn = (url: string) => withClient(url, async () => true).catch((e: { code?: string }) => (e.code === '28P01' ? false : Promise.reject(e)));

/** Runs `fn`, retrying a few times when another process changed the same role at the same moment. */
async function retryRace(fn: () => Promise<void>): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (e) {
      if (attempt >= 5 || !RACE.has((e as { code?: string }).code ?? '')) throw e;
      await new Promise((r) => setTimeout(r, 50 * attempt));
    }
  }
}

/**
 * Gives the application's group role exactly the rights serving needs in the database of
 * `ownerUrl`, then makes sure the serving login exists and belongs to it. Run as the owner after
 * migrations and pg-boss's install, at every start (idempotent; per database under an advisory
 * lock; cluster-wide role changes retried on a concurrent change):
 * - public schema: SELECT, INSERT, UPDATE, DELETE on every table, except INSERT and SELECT only on
 *   append-only tables (audit_event, policy_version_transition) and SELECT only on
 *   schema_migrations; USAGE on sequences; no CREATE on the schema, no TRUNCATE, REFERENCES or
 *   TRIGGER, and not the owner, so it cannot ALTER a table or disable its triggers;
 * - pgboss schema: USAGE, DML on its tables, USAGE on its sequences (queues are created by the owner).
 * @returns the URL to serve with: APP_DATABASE_URL, or the owner URL with `console_app_login`
 *   and its derived password.
 * @throws Error naming APP_DATABASE_URL when the owner cannot create roles or the login cannot connect.
 */
export async function prepareServingRole(ownerUrl: string, appDatabaseUrl: string | undefined, log: Logger): Promise<string> {
  const serving = new URL(appDatabaseUrl ?? managedServingUrl(ownerUrl));
  const login = decodeURIComponent(serving.username);
  await withClient(ownerUrl, async (c) => {
    const ident = (s: string) => c.escapeIdentifier(s);
    await retryRace(async () => {
      const [{ exists }] = (await c.query(`SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1) AS exists`, [APP_GROUP])).rows;
      if (!exists) await c.query(`CREATE ROLE ${ident(APP_GROUP)} NOLOGIN`);
    });
    await retryRace(async () => {
      const [{ exists }] = (await c.query(`SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1) AS exists`, [login])).rows;
      if (!exists && appDatabaseUrl) throw new Error(`the role "${login}" of APP_DATABASE_URL does not exist`);
      if (!exists) await c.query(`CREATE ROLE ${ident(login)} LOGIN INHERIT NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD ${c.escapeLiteral(decodeURIComponent(serving.password))}`);
      if (!exists) log.info({ role: login }, 'created the serving database role');
      const [{ member }] = (await c.query(`SELECT pg_has_role($1, $2, 'MEMBER') AS member`, [login, APP_GROUP])).rows;
      if (!member) await c.query(`GRANT ${ident(APP_GROUP)} TO ${ident(login)}`);
    });
    await c.query('BEGIN');
    try {
      await c.query(`SELECT pg_advisory_xact_lock(72431501)`);
      const g = ident(APP_GROUP);
      // PostgreSQL 15+ no longer lets PUBLIC create in schema public; on older servers, take it away.
      const [{ creates }] = (await c.query(`SELECT has_schema_privilege($1, 'public', 'CREATE') AS creates`, [APP_GROUP])).rows;
      if (creates) await c.query(`REVOKE CREATE ON SCHEMA public FROM PUBLIC`);
      await c.query(`GRANT USAGE ON SCHEMA public TO ${g}`);
      await c.query(`REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${g}`);
      await c.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${g}`);
      const present = (await c.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename = ANY($1)`, [[...APPEND_ONLY, ...READ_ONLY]])).rows.map((r) => r.tablename as string);
      for (const t of present) await c.query(`REVOKE ${READ_ONLY.includes(t) ? 'INSERT, ' : ''}UPDATE, DELETE ON ${ident(t)} FROM ${g}`);
      await c.query(`GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO ${g}`);
      const { rowCount } = await c.query(`SELECT 1 FROM pg_namespace WHERE nspname = 'pgboss'`);
      if (rowCount) {
        await c.query(`GRANT USAGE ON SCHEMA pgboss TO ${g}`);
        await c.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA pgboss TO ${g}`);
        await c.query(`GRANT USAGE ON ALL SEQUENCES IN SCHEMA pgboss TO ${g}`);
      }
      await c.query('COMMIT');
    } catch (e) {
      await c.query('ROLLBACK');
      throw e;
    }
  }).catch((e: { code?: string; message?: string }) => {
    if (e.code === '42501') throw new Error(`the database owner cannot set up the serving role (${e.message}): create a login that is a member of "${APP_GROUP}" and set APP_DATABASE_URL`);
    throw e;
  });
  const url = serving.toString();
  if (!appDatabaseUrl && !(await canLogIn(url))) {
    // An older password (the owner's changed): set the derived one.
    await withClient(ownerUrl, (c) => retryRace(async () => void (await c.query(`ALTER ROLE ${c.escapeIdentifier(login)} PASSWORD ${c.escapeLiteral(decodeURIComponent(serving.password))}`))));
  }
  return url;
}
