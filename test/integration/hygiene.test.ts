import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/config';
import { errorOf, startTestConsole, type TestConsole } from '../helpers/console';

let c: TestConsole;
beforeAll(async () => {
  c = await startTestConsole();
});
afterAll(() => c?.close());

const LEAKS = /SELECT|INSERT|UPDATE |constraint|QueryFailed|\bat .*\.(ts|js):\d+|stacktrace|node_modules/i;

describe('GraphQL hygiene', () => {
  it('every response carries a request id, in the header and the extensions', async () => {
    const res = await c.post({ query: '{ publicPolicyDocuments { code } }' });
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.json.extensions.requestId).toBe(res.headers.get('x-request-id'));
    const own = await c.post({ query: '{ publicPolicyDocuments { code } }' }, undefined, { 'x-request-id': 'client-req-12345' });
    expect(own.headers.get('x-request-id')).toBe('client-req-12345');
  });

  it('over-long, over-aliased or malformed queries are BAD_USER_INPUT and leak nothing', async () => {
    const long = `{ ${Array.from({ length: 1200 }, (_, i) => `f${i}: publicPolicyDocuments { code }`).join(' ')} }`;
    const r1 = errorOf(await c.gql(long), 'BAD_USER_INPUT');
    expect(r1.message).not.toMatch(LEAKS);
    const aliases = `{ ${Array.from({ length: 16 }, (_, i) => `a${i}: publicPolicyDocuments { code }`).join(' ')} }`;
    errorOf(await c.gql(aliases), 'BAD_USER_INPUT');
    errorOf(await c.gql('{ publicPolicy(code: ) }'), 'BAD_USER_INPUT');
    errorOf(await c.gql('{ publicPolicyDocumentz { code } }'), 'BAD_USER_INPUT');
  });

  it('a literal personal value in a bad query is not echoed back', async () => {
    const token = await c.signIn('lead');
    const r = await c.gql('{ merchants(perPage: "13912345678") { totalCount } }', {}, token);
    errorOf(r, 'BAD_USER_INPUT');
    expect(JSON.stringify(r)).not.toContain('13912345678');
    const v = await c.gql('query($p: Int) { merchants(perPage: $p) { totalCount } }', { p: '110101199003071234' }, token);
    errorOf(v, 'BAD_USER_INPUT');
    expect(JSON.stringify(v)).not.toContain('110101199003071234');
  });

  it('out-of-range paging and unknown sort fields are BAD_USER_INPUT naming the field', async () => {
    const token = await c.signIn('lead');
    expect(errorOf(await c.gql('{ merchants(perPage: 1000) { totalCount } }', {}, token), 'BAD_USER_INPUT').extensions.fields![0].field).toBe('perPage');
    expect(errorOf(await c.gql('{ merchants(sort: { field: "mobile_enc" }) { totalCount } }', {}, token), 'BAD_USER_INPUT').extensions.fields![0].field).toBe('sort.field');
  });

  it('unexpected failures are INTERNAL with a generic message, without SQL or stack', async () => {
    const token = await c.signIn('lead');
    await c.sql('ALTER TABLE store RENAME COLUMN status TO status_x');
    try {
      const r = await c.gql('{ merchants { totalCount items { store { status } } } }', {}, token);
      const e = errorOf(r, 'INTERNAL');
      expect(e.message).toBe('Internal server error');
      expect(JSON.stringify(r)).not.toMatch(LEAKS);
    } finally {
      await c.sql('ALTER TABLE store RENAME COLUMN status_x TO status');
    }
  });

  it('/healthz and /readyz answer', async () => {
    expect((await fetch(`${c.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${c.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
  });

  it('a statement sent again on a connection runs as a named prepared statement; DDL and scripts never do', async () => {
    const qr = c.app.dataSource.createQueryRunner();
    try {
      const text = `SELECT id FROM account WHERE login_name = $1 /* ${Math.random()} */`;
      for (let i = 0; i < 3; i++) expect(await qr.query(text, ['reviewer'])).toHaveLength(1);
      await qr.query('SELECT 1; SELECT 2');
      await qr.query('SELECT 1; SELECT 2');
      const prepared = await qr.query('SELECT name, statement FROM pg_prepared_statements');
      expect(prepared.filter((p: { statement: string }) => p.statement === text)).toEqual([{ name: expect.stringMatching(/^mc_/), statement: text }]);
      expect(prepared.some((p: { statement: string }) => p.statement.includes('SELECT 2'))).toBe(false);
    } finally {
      await qr.release();
    }
  });

  it('sets security headers: the short API set on JSON endpoints, the page set on pages [policy 5.1.1]', async () => {
    for (const api of [await fetch(`${c.url}/healthz`), await fetch(`${c.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' })]) {
      expect(api.headers.get('x-content-type-options')).toBe('nosniff');
      expect(api.headers.get('x-powered-by')).toBeNull();
      expect(api.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
      expect(api.headers.get('cache-control')).toBe('no-store');
      expect(api.headers.get('x-frame-options')).toBe('DENY');
      // No ETag: a GraphQL POST is never revalidated, so hashing each body would be wasted.
      expect(api.headers.get('etag')).toBeNull();
    }
    const page = await fetch(`${c.url}/`);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
  });
});

describe('production mode', () => {
  it('refuses to start without encryption keys, and refuses demo data', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', SEED_DEMO: 'false' })).toThrow(ConfigError);
    expect(() => loadConfig({ NODE_ENV: 'production', SEED_DEMO: 'false' })).toThrow(/FIELD_KEYS/);
    const keys = {
      FIELD_KEYS: `k1:${randomBytes(32).toString('base64')}`,
      BLIND_INDEX_KEY: randomBytes(32).toString('base64'),
      AUDIT_CHAIN_KEY: randomBytes(32).toString('base64'),
      DATABASE_URL: 'postgres://owner:secret@db/console',
    };
    expect(() => loadConfig({ NODE_ENV: 'production', SEED_DEMO: 'true', ...keys })).toThrow(/SEED_DEMO/);
    expect(() => loadConfig({ NODE_ENV: 'production', ...keys, FIELD_KEYS: 'k1:tooshort' })).toThrow(/32 bytes/);
    expect(loadConfig({ NODE_ENV: 'production', ...keys, ALLOW_LOCAL_OUTBOX: 'true', ALLOW_SANDBOX_PAYOUTS: 'true' }).seedDemo).toBe(false);
  });

  it('turns introspection off and still hides internals', async () => {
    const prod = await startTestConsole({ seed: false, env: { NODE_ENV: 'production', LOG_LEVEL: 'silent' } });
    try {
      const r = await prod.gql('{ __schema { queryType { name } } }');
      errorOf(r, 'BAD_USER_INPUT');
      expect(JSON.stringify(r)).not.toMatch(LEAKS);
      const ok = await prod.gql('{ publicPolicy(code: "merchant-privacy-policy") { current { versionNo } } }');
      expect(ok.data.publicPolicy.current.versionNo).toBe(1);
    } finally {
      await prod.close();
    }
  });
});

describe('input hygiene (found by QA)', () => {
  it('malformed JSON and unknown API paths get JSON errors, never an HTML stack page', async () => {
    const bad = await fetch(`${c.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": ' });
    expect(bad.status).toBe(400);
    const text = await bad.text();
    expect(JSON.parse(text).errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(text).not.toMatch(/node_modules|at .*\.js|<html/i);
    const notFound = await fetch(`${c.url}/uploads`);
    expect(notFound.status).toBe(404);
    expect(((await notFound.json()) as { error: { code: string } }).error.code).toBe('NOT_FOUND');
  });

  it('control characters are BAD_USER_INPUT naming the field, also in nested filters and sign-in', async () => {
    const token = await c.signIn('lead');
    const e = errorOf(await c.gql('query($f: MerchantFilter) { merchants(filter: $f) { totalCount } }', { f: { q: 'ab\u0000c' } }, token), 'BAD_USER_INPUT');
    expect(e.extensions.fields).toEqual([{ field: 'filter.q', message: 'q contains a control or invisible character (U+0000)' }]);
    errorOf(await c.gql('mutation($i: SignInInput!) { signIn(input: $i) { token } }', { i: { loginName: 'lead\u0000', password: 'x' } }), 'BAD_USER_INPUT');
    errorOf(await c.gql('query($f: AuditFilter) { auditEvents(filter: $f) { totalCount } }', { f: { action: 'a\u0000' } }, token), 'BAD_USER_INPUT');
  });

  it('nested filters are validated: an unknown store status is refused, not silently empty', async () => {
    const token = await c.signIn('lead');
    const e = errorOf(await c.gql('query($f: MerchantFilter) { merchants(filter: $f) { totalCount } }', { f: { storeStatus: 'bogus' } }, token), 'BAD_USER_INPUT');
    expect(e.extensions.fields![0].field).toBe('filter.storeStatus');
  });

  it('blank text does not pass a required purpose; surrounding spaces are trimmed', async () => {
    const token = await c.signIn('lead');
    const [m] = await c.sql('SELECT id FROM merchant LIMIT 1');
    const REVEAL = 'mutation($i: RevealInput!) { revealPersonalData(input: $i) { value } }';
    const e = errorOf(await c.gql(REVEAL, { i: { subject: 'Merchant', id: String(m.id), field: 'mobile', purpose: '        ' } }, token), 'BAD_USER_INPUT');
    expect(e.extensions.fields![0].field).toBe('purpose');
    expect((await c.gql(REVEAL, { i: { subject: 'Merchant', id: String(m.id), field: 'mobile', purpose: '   call back the merchant   ' } }, token)).errors).toBeUndefined();
    const [ev] = await c.sql(`SELECT purpose FROM audit_event WHERE action = 'personalData.reveal' ORDER BY chain_seq DESC LIMIT 1`);
    expect(ev.purpose).toBe('call back the merchant');
    errorOf(await c.gql('mutation { exportAuditEvents(purpose: "      ") { rowCount } }', {}, await c.signIn('auditor')), 'BAD_USER_INPUT');
  });

  it('an unknown login name locks after as many failures as a real one (no account enumeration)', async () => {
    const SIGN_IN = 'mutation($i: SignInInput!) { signIn(input: $i) { token } }';
    const codes: string[] = [];
    for (let i = 0; i < 6; i++) codes.push((await c.gql(SIGN_IN, { i: { loginName: 'no-such-person', password: `p${i}` } })).errors![0].extensions.code);
    expect(codes).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED', 'UNAUTHENTICATED', 'UNAUTHENTICATED', 'UNAUTHENTICATED', 'TOO_MANY_REQUESTS']);
  });

  it('a query refused for lack of permission is audited as denied too [policy 5.1.2]', async () => {
    errorOf(await c.gql('{ staffAccounts { totalCount } }', {}, await c.signIn('support')), 'FORBIDDEN');
    const [ev] = await c.sql(`SELECT outcome, actor_label FROM audit_event WHERE action = 'graphql.staffAccounts' ORDER BY chain_seq DESC LIMIT 1`);
    expect(ev).toEqual({ outcome: 'denied', actor_label: 'support' });
  });

  it('a mutation refused for lack of permission is audited as denied [policy 5.1.2]', async () => {
    const reviewer = await c.signIn('reviewer');
    errorOf(await c.gql('mutation($i: SetStaffRolesInput!) { setStaffRoles(input: $i) { id } }', { i: { id: '1', roles: ['admin'] } }, reviewer), 'FORBIDDEN');
    const [ev] = await c.sql(`SELECT outcome, actor_label FROM audit_event WHERE action = 'graphql.setStaffRoles' ORDER BY chain_seq DESC LIMIT 1`);
    expect(ev).toEqual({ outcome: 'denied', actor_label: 'reviewer' });
  });
});
