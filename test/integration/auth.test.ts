import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, startTestConsole, type TestConsole } from '../helpers/console';

let c: TestConsole;
beforeAll(async () => {
  c = await startTestConsole();
});
afterAll(() => c?.close());

const SIGN_IN = 'mutation($i: SignInInput!) { signIn(input: $i) { token } }';
const creds = (loginName: string, password: string) => ({ i: { loginName, password } });
/** The lock-out row of a login name (kept by its blind index, for real and unknown names alike). */
async function lockoutOf(login: string): Promise<{ failed_sign_ins: number; locked: boolean }> {
  const [row] = await c.sql(`SELECT failed_sign_ins, locked_until > now() AS locked FROM sign_in_lockout WHERE login_key = $1`, [c.app.cipher.blindIndex('login', login)]);
  return row ?? { failed_sign_ins: 0, locked: false };
}

describe('sign-in', () => {
  it('a wrong password and an unknown login get the same message', async () => {
    const a = errorOf(await c.gql(SIGN_IN, creds('finance', 'wrong-password')), 'UNAUTHENTICATED');
    const b = errorOf(await c.gql(SIGN_IN, creds('nobody-here', 'wrong-password')), 'UNAUTHENTICATED');
    expect(a.message).toBe(b.message);
    await c.signIn('finance'); // success resets the counter
  });

  it('stores only an argon2id hash of passwords and a SHA-256 of tokens', async () => {
    const token = await c.signIn('finance');
    const [acc] = await c.sql(`SELECT password_hash FROM account WHERE login_name = 'finance'`);
    expect(acc.password_hash).toMatch(/^\$argon2id\$/);
    const rows = await c.sql(`SELECT token_hash FROM session`);
    expect(rows.some((r) => r.token_hash === token)).toBe(false);
  });

  it('locks the account after 5 failures; the right password is then refused too; a security notice goes out [policy 2.4, 2.6.1]', async () => {
    for (let i = 0; i < 5; i++) errorOf(await c.gql(SIGN_IN, creds('legal', `wrong-${i}`)), 'UNAUTHENTICATED');
    const locked = errorOf(await c.gql(SIGN_IN, creds('legal', 'Demo@2026!')), 'TOO_MANY_REQUESTS');
    expect(locked.extensions.retryAfterSeconds).toBeGreaterThan(0);
    expect((await lockoutOf('legal')).locked).toBe(true);
    const [acc] = await c.sql(`SELECT id FROM account WHERE login_name = 'legal'`);
    const [n] = await c.sql(`SELECT kind FROM notification WHERE account_id = $1`, [acc.id]);
    expect(n.kind).toBe('security');
    const events = await c.sql(`SELECT action, outcome FROM audit_event WHERE target_id = $1 ORDER BY chain_seq`, [String(acc.id)]);
    expect(events.filter((e) => e.action === 'account.signIn' && e.outcome === 'failed')).toHaveLength(5);
    expect(events.some((e) => e.action === 'account.locked')).toBe(true);
    expect(events.at(-1)).toMatchObject({ action: 'account.signIn', outcome: 'denied' });
  });

  it('counts every aliased sign-in: two requests of 3 aliases (the most without a session) lock after the 5th', async () => {
    const aliased = (from: number) =>
      c.gql(`mutation { ${Array.from({ length: 3 }, (_, i) => `a${i}: signIn(input: { loginName: "auditor", password: "wrong-${from + i}" }) { token }`).join('\n')} }`);
    const codes = [...(await aliased(0)).errors!, ...(await aliased(3)).errors!].map((e) => e.extensions.code);
    expect(codes.filter((x) => x === 'UNAUTHENTICATED')).toHaveLength(5);
    expect(codes.filter((x) => x === 'TOO_MANY_REQUESTS')).toHaveLength(1);
    errorOf(await c.gql(SIGN_IN, creds('auditor', 'Demo@2026!')), 'TOO_MANY_REQUESTS');
  });

  it('counts every sign-in of 10 concurrent requests', async () => {
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => c.gql(SIGN_IN, creds('support', `wrong-${i}`))));
    const codes = results.map((r) => r.errors![0].extensions.code);
    expect(codes.filter((x) => x === 'UNAUTHENTICATED')).toHaveLength(5);
    expect(codes.filter((x) => x === 'TOO_MANY_REQUESTS')).toHaveLength(5);
    expect((await lockoutOf('support')).failed_sign_ins).toBe(5);
  });

  it('refuses any batched request (the UI sends one operation per request) without running any of it', async () => {
    const res = await c.post(Array.from({ length: 2 }, () => ({ query: SIGN_IN, variables: creds('admin', 'wrong') })));
    expect(res.status).toBe(400);
    expect(res.json.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect((await lockoutOf('admin')).failed_sign_ins).toBe(0);
  });

  it('refuses more aliases than the limit before running any', async () => {
    const aliases = Array.from({ length: 16 }, (_, i) => `a${i}: signIn(input: { loginName: "admin", password: "x" }) { token }`).join('\n');
    errorOf(await c.gql(`mutation { ${aliases} }`), 'BAD_USER_INPUT');
    expect((await lockoutOf('admin')).failed_sign_ins).toBe(0);
  });
});

describe('sessions', () => {
  it('lists own active sessions with device and IP, and revoking one refuses its next request [policy 2.6.1]', async () => {
    const t1 = await c.signIn('reviewer');
    const t2 = await c.gql('mutation($i: SignInInput!) { signIn(input: $i) { token } }', creds('reviewer', 'Demo@2026!'), undefined, { 'user-agent': 'PhoneApp/2.1' });
    const token2 = t2.data.signIn.token;
    const s2 = (await c.gql('{ mySessions { id ip userAgent current } }', {}, token2)).data.mySessions.find((s: { current: boolean }) => s.current);
    expect(s2.userAgent).toBe('PhoneApp/2.1');
    expect(s2.ip).toMatch(/127\.0\.0\.1/);
    const seenByT1 = (await c.gql('{ mySessions { id current } }', {}, t1)).data.mySessions;
    expect(seenByT1.find((s: { id: string }) => s.id === s2.id).current).toBe(false);
    expect((await c.gql('mutation($id: ID!) { revokeSession(id: $id) }', { id: s2.id }, t1)).data.revokeSession).toBe(true);
    errorOf(await c.gql('{ me { loginName } }', {}, token2), 'UNAUTHENTICATED');
    expect((await c.gql('{ me { loginName } }', {}, t1)).data.me.loginName).toBe('reviewer');
    const [ev] = await c.sql(`SELECT actor_label FROM audit_event WHERE action = 'account.revokeSession' AND target_id = $1`, [s2.id]);
    expect(ev.actor_label).toBe('reviewer');
  });

  it("cannot revoke another account's session", async () => {
    const lead = await c.signIn('lead');
    const leadSession = (await c.gql('{ mySessions { id current } }', {}, lead)).data.mySessions.find((s: { current: boolean }) => s.current).id;
    const finance = await c.signIn('finance');
    errorOf(await c.gql('mutation($id: ID!) { revokeSession(id: $id) }', { id: leadSession }, finance), 'NOT_FOUND');
    expect((await c.gql('{ me { loginName } }', {}, lead)).data.me.loginName).toBe('lead');
  });

  it('sign-out revokes the token', async () => {
    const t = await c.signIn('admin');
    expect((await c.gql('mutation { signOut }', {}, t)).data.signOut).toBe(true);
    errorOf(await c.gql('{ me { id } }', {}, t), 'UNAUTHENTICATED');
  });

  it('me carries the packed ability rules for the UI', async () => {
    const r = await c.gql('{ me { kind roles abilityRules } }', {}, await c.signIn('lead'));
    expect(r.data.me.roles).toEqual(['ops_lead']);
    expect(r.data.me.abilityRules).toContainEqual(['read', 'AuditEvent']);
  });
});
