import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startConsole, type RunningConsole } from '../../server/bootstrap';
import { countStatements, errorOf, startTestConsole, type TestConsole } from '../helpers/console';

// The cache of signed-in actors (server/modules/accounts/actor-cache.ts): a request with a known
// token reads nothing from the database, yet every change to who a token stands for applies at
// once in the process that made it and within moments in every other process.

let c: TestConsole;
/** A second console process on the same database (as WEB_CONCURRENCY=2 or a second replica). */
let other: RunningConsole;

beforeAll(async () => {
  c = await startTestConsole();
  other = await startConsole(c.app.config, { poolSize: 2 });
});
afterAll(async () => {
  await other?.close();
  await c?.close();
});

const ME = '{ me { loginName roles } }';
async function meOn(url: string, token: string) {
  const res = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query: ME }) });
  return (await res.json()) as { data?: { me: { loginName: string; roles: string[] } }; errors?: { extensions: { code: string } }[] };
}
const refused = async (url: string, token: string) => (await meOn(url, token)).errors?.[0]?.extensions.code === 'UNAUTHENTICATED';

describe('signed-in actor cache', () => {
  it('a known token costs no session look-up', async () => {
    const token = await c.signIn('reviewer');
    await c.gql('{ __typename }', {}, token);
    expect(await countStatements(c, () => c.gql('{ __typename }', {}, token))).toBe(0);
    // An unknown token is looked up every time (and never cached).
    expect(await countStatements(c, () => c.gql('{ __typename }', {}, 'no-such-token'))).toBe(1);
  });

  it('sliding expiry: a session last seen over a minute ago is extended, whether its actor is looked up or cached', async () => {
    const token = await c.signIn('support');
    const session = async () =>
      (await c.sql(`SELECT last_seen_at, expires_at FROM session WHERE account_id = (SELECT id FROM account WHERE login_name = 'support') AND revoked_at IS NULL ORDER BY created_at DESC LIMIT 1`))[0];
    // Looked up: the database says it was last seen two minutes ago.
    await c.sql(`UPDATE session SET last_seen_at = now() - interval '2 minutes', expires_at = now() + interval '1 hour' WHERE account_id = (SELECT id FROM account WHERE login_name = 'support')`);
    expect((await c.gql(ME, {}, token)).data.me.loginName).toBe('support');
    const looked = await session();
    expect(Date.now() - looked.last_seen_at.getTime()).toBeLessThan(10_000);
    expect(looked.expires_at.getTime() - Date.now()).toBeGreaterThan(c.app.config.sessionHours * 3600_000 - 60_000);
    // Cached: the process's own clock moves two minutes on; the next request extends it again.
    await c.sql(`UPDATE session SET expires_at = now() + interval '1 hour' WHERE account_id = (SELECT id FROM account WHERE login_name = 'support')`);
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(Date.now() + 2 * 60_000);
      expect((await c.gql(ME, {}, token)).data.me.loginName).toBe('support');
    } finally {
      vi.useRealTimers();
    }
    expect((await session()).expires_at.getTime() - Date.now()).toBeGreaterThan(c.app.config.sessionHours * 3600_000 - 60_000);
  });

  it('sign-out applies to the very next request of the same process', async () => {
    const token = await c.signIn('reviewer');
    expect((await c.gql(ME, {}, token)).data.me.loginName).toBe('reviewer');
    expect((await c.gql('mutation { signOut }', {}, token)).data.signOut).toBe(true);
    errorOf(await c.gql(ME, {}, token), 'UNAUTHENTICATED');
  });

  it('a revocation made by one process reaches another that has the actor cached', async () => {
    const token = await c.signIn('lead');
    expect((await meOn(other.url, token)).data?.me.loginName).toBe('lead');
    expect((await meOn(other.url, token)).data?.me.loginName).toBe('lead');
    expect((await c.gql('mutation { signOut }', {}, token)).data.signOut).toBe(true);
    await c.waitFor(() => refused(other.url, token), 3_000);
  });

  it('changes made outside the console (SQL) reach every process: roles, then account status', async () => {
    const token = await c.signIn('finance');
    expect((await meOn(other.url, token)).data?.me.roles).toEqual(['finance']);
    expect((await c.gql(ME, {}, token)).data.me.roles).toEqual(['finance']);
    await c.sql(`UPDATE account SET platform_roles = '{finance,auditor}' WHERE login_name = 'finance'`);
    for (const url of [c.url, other.url]) {
      await c.waitFor(async () => (await meOn(url, token)).data?.me.roles.includes('auditor'), 3_000);
    }
    await c.sql(`UPDATE account SET status = 'disabled' WHERE login_name = 'finance'`);
    for (const url of [c.url, other.url]) await c.waitFor(() => refused(url, token), 3_000);
    await c.sql(`UPDATE account SET status = 'active', platform_roles = '{finance}' WHERE login_name = 'finance'`);
  });

  it('after the notification connection is lost, the feed reconnects and changes reach the process again', async () => {
    const token = await c.signIn('legal');
    expect((await meOn(other.url, token)).data?.me.loginName).toBe('legal');
    await c.sql(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'merchant-console-changes'`);
    // While it reconnects the token still works (looked up in the database, not cached).
    expect((await meOn(other.url, token)).data?.me.loginName).toBe('legal');
    await c.waitFor(async () => {
      const rows = await c.sql(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'merchant-console-changes' AND query LIKE 'LISTEN%'`);
      return rows[0].n >= 2;
    }, 5_000);
    await meOn(other.url, token);
    await c.sql(`UPDATE session SET revoked_at = now() WHERE revoked_at IS NULL AND account_id = (SELECT id FROM account WHERE login_name = 'legal')`);
    await c.waitFor(() => refused(other.url, token), 3_000);
  });
});
