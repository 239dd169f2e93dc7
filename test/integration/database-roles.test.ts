import { mkdtempSync, rmSync, statSync, readFileSync, unlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../server/core/logger';
import { PASSWORD_FILE, startEmbeddedPostgres } from '../../server/database/embedded';
import { APP_LOGIN } from '../../server/database/serving-role';
import { startTestConsole, type TestConsole } from '../helpers/console';

let c: TestConsole;
let serving: Client;
beforeAll(async () => {
  c = await startTestConsole({ seed: false });
  serving = new Client({ connectionString: c.db.url });
  await serving.connect();
});
afterAll(async () => {
  await serving?.end();
  await c?.close();
});

/** The SQLSTATE a statement fails with on `client`, or 'ok'. */
const failure = (client: { query(q: string): Promise<unknown> }, sql: string) =>
  client.query(sql).then(
    () => 'ok',
    (e: { code?: string }) => e.code,
  );

describe('the serving connection has only the rights it needs (issue 10 item 5)', () => {
  it('serves as a login that is neither the owner nor a superuser', async () => {
    const [me] = await c.app.dataSource.query(`SELECT current_user AS who, (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AS su`);
    expect(me).toEqual({ who: APP_LOGIN, su: false });
    expect(new URL(c.db.url).username).toBe(APP_LOGIN);
    expect(new URL(c.db.ownerUrl).username).not.toBe(APP_LOGIN);
  });

  it('cannot disable the audit triggers, change or remove audit rows, or create tables (insufficient_privilege)', async () => {
    await c.signIn('lead').catch(() => undefined); // at least one audit row (a failed sign-in is audited too)
    for (const client of [serving, c.app.dataSource]) {
      expect(await failure(client, `ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_change`)).toBe('42501');
      expect(await failure(client, `ALTER TABLE audit_event DISABLE TRIGGER USER`)).toBe('42501');
      expect(await failure(client, `DROP TRIGGER audit_event_no_change ON audit_event`)).toBe('42501');
      expect(await failure(client, `UPDATE audit_event SET action = 'x'`)).toBe('42501');
      expect(await failure(client, `DELETE FROM audit_event`)).toBe('42501');
      expect(await failure(client, `TRUNCATE audit_event`)).toBe('42501');
      expect(await failure(client, `UPDATE policy_version_transition SET action = 'x'`)).toBe('42501');
      expect(await failure(client, `DELETE FROM schema_migrations`)).toBe('42501');
      expect(await failure(client, `CREATE TABLE intruder (id int)`)).toBe('42501');
      expect(await failure(client, `CREATE FUNCTION intruder() RETURNS int LANGUAGE sql AS 'SELECT 1'`)).toBe('42501');
      expect(await failure(client, `ALTER TABLE account ADD COLUMN x int`)).toBe('42501');
      expect(await failure(client, `CREATE TABLE pgboss.intruder (id int)`)).toBe('42501');
    }
    // What it needs still works: reading and appending.
    expect(await failure(serving, `SELECT count(*) FROM audit_event`)).toBe('ok');
    expect((await c.sql(`SELECT count(*)::int AS n FROM audit_event WHERE action = 'account.signIn'`))[0].n).toBeGreaterThan(0);
  });
});

/** A fresh connection per statement to `url` (no pool to leave open). */
class OwnerClient {
  constructor(private readonly url: string) {}
  async query(sql: string) {
    const cl = new Client({ connectionString: this.url });
    await cl.connect();
    try {
      return await cl.query(sql);
    } finally {
      await cl.end();
    }
  }
}

describe('the embedded cluster has a generated superuser password (issue 10 item 5)', () => {
  it('keeps it in the data folder with mode 0600, refuses the old fixed password, and migrates a folder that still has it', async () => {
    const log = createLogger('silent');
    const tmp = mkdtempSync(path.join(os.tmpdir(), 'mc-pw-test-'));
    const dataDir = path.join(tmp, 'data');
    const login = async (url: string, password: string) => {
      const u = new URL(url);
      u.password = password;
      return failure(new OwnerClient(u.toString()), 'SELECT 1');
    };
    try {
      let pg = await startEmbeddedPostgres({ dataDir, port: 0, database: 'postgres', log });
      const file = path.join(pg.dataDir, PASSWORD_FILE);
      try {
        expect(statSync(file).mode & 0o777).toBe(0o600);
        const password = readFileSync(file, 'utf8').trim();
        expect(password.length).toBeGreaterThanOrEqual(32);
        expect(decodeURIComponent(new URL(pg.url).password)).toBe(password);
        expect(await login(pg.url, 'postgres')).toBe('28P01');
        // Make it look like a data folder of an earlier version: fixed password, no file.
        await new OwnerClient(pg.url).query(`ALTER ROLE postgres PASSWORD 'postgres'`);
      } finally {
        await pg.stop();
      }
      unlinkSync(file);
      pg = await startEmbeddedPostgres({ dataDir, port: 0, database: 'postgres', log });
      try {
        const migrated = readFileSync(file, 'utf8').trim();
        expect(statSync(file).mode & 0o777).toBe(0o600);
        expect(migrated).not.toBe('postgres');
        expect(await login(pg.url, 'postgres')).toBe('28P01');
        expect(await login(pg.url, migrated)).toBe('ok');
      } finally {
        await pg.stop();
      }
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });
});
