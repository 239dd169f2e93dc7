import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/config';
import { LocalOutbox, type OutboundChannels } from '../../server/core/channels';
import { errorOf, startTestConsole, type TestConsole } from '../helpers/console';

/** Log lines the console writes, parsed (pino JSON lines). */
const lines: Record<string, unknown>[] = [];
const sink = new Writable({
  write(chunk, _enc, done) {
    for (const l of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(l));
    done();
  },
});

let c: TestConsole;
beforeAll(async () => {
  c = await startTestConsole({ env: { LOG_LEVEL: 'info' }, logDestination: sink });
});
afterAll(() => c?.close());

const mode = (p: string) => statSync(p).mode & 0o777;

describe('local outbox (issue 10 item 8)', () => {
  it('writes messages 0600 in folders 0700 whatever the umask, and tightens folders made before', async () => {
    const dir = path.join(mkdtempSync(path.join(os.tmpdir(), 'mc-outbox-')), 'outbox');
    mkdirSync(path.join(dir, 'sms'), { recursive: true });
    chmodSync(dir, 0o755);
    chmodSync(path.join(dir, 'sms'), 0o777);
    const umask = process.umask(0);
    try {
      const outbox = new LocalOutbox(dir);
      await outbox.send({ id: 'm1', channel: 'sms', to: '+8613800000000', body: '验证码 123456' });
      await outbox.send({ id: 'e1', channel: 'email', to: 'a@example.com', body: 'x' });
      expect(mode(path.join(dir, 'sms', 'm1.json'))).toBe(0o600);
      expect(mode(path.join(dir, 'email', 'e1.json'))).toBe(0o600);
      expect(mode(dir)).toBe(0o700);
      expect(mode(path.join(dir, 'sms'))).toBe(0o700);
      expect(mode(path.join(dir, 'email'))).toBe(0o700);
    } finally {
      process.umask(umask);
    }
  });

  it("the console's own outbox files (an invitation SMS) are owner-only", async () => {
    const owner = await c.signIn('owner1');
    const r = await c.gql(
      'mutation($i: InviteSubAccountInput!) { inviteSubAccount(input: $i) { id } }',
      { i: { mobile: '13912340001', displayName: '员工 小王', roleIds: [], consentConfirmed: true } },
      owner,
    );
    expect(r.errors).toBeUndefined();
    const dir = (c.outbox as LocalOutbox).dir;
    await c.waitFor(async () => existsSync(path.join(dir, 'sms')) && readdirSync(path.join(dir, 'sms')).length > 0);
    expect(mode(dir)).toBe(0o700);
    expect(mode(path.join(dir, 'sms'))).toBe(0o700);
    for (const f of readdirSync(path.join(dir, 'sms'))) expect(mode(path.join(dir, 'sms', f)), f).toBe(0o600);
  });

  /** The keys and database production requires (fresh random keys). */
  const productionKeys = () => ({
    FIELD_KEYS: `k1:${randomBytes(32).toString('base64')}`,
    BLIND_INDEX_KEY: randomBytes(32).toString('base64'),
    AUDIT_CHAIN_KEY: randomBytes(32).toString('base64'),
    DATABASE_URL: 'postgres://owner:secret@db/console',
  });

  it('production refuses to start on the local outbox unless ALLOW_LOCAL_OUTBOX=true', () => {
    // Everything else production requires, so that the outbox is what is refused.
    const keys = productionKeys();
    expect(() => loadConfig({ NODE_ENV: 'production', ...keys })).toThrow(ConfigError);
    expect(() => loadConfig({ NODE_ENV: 'production', ...keys })).toThrow(/ALLOW_LOCAL_OUTBOX/);
    expect(() => loadConfig({ NODE_ENV: 'production', ...keys, ALLOW_LOCAL_OUTBOX: 'false' })).toThrow(/ALLOW_LOCAL_OUTBOX/);
    expect(loadConfig({ NODE_ENV: 'production', ...keys, ALLOW_LOCAL_OUTBOX: 'true', ALLOW_SANDBOX_PAYOUTS: 'true' }).env).toBe('production');
    // Development keeps the outbox as its default without the flag.
    expect(loadConfig({ NODE_ENV: 'development', ...keys }).env).toBe('development');
  });

  it('production refuses to pay rewards through the sandbox provider unless ALLOW_SANDBOX_PAYOUTS=true', () => {
    const keys = { ...productionKeys(), ALLOW_LOCAL_OUTBOX: 'true' };
    expect(() => loadConfig({ NODE_ENV: 'production', ...keys })).toThrow(/ALLOW_SANDBOX_PAYOUTS/);
    expect(() => loadConfig({ NODE_ENV: 'production', ...keys, ALLOW_SANDBOX_PAYOUTS: 'no' })).toThrow(ConfigError);
    expect(loadConfig({ NODE_ENV: 'production', ...keys, ALLOW_SANDBOX_PAYOUTS: 'true' }).env).toBe('production');
    expect(loadConfig({ NODE_ENV: 'development', ...keys }).env).toBe('development');
  });
});

describe('every error log line carries its request id (issue 10 item 8)', () => {
  it('an unexpected failure of a request logs an error line with the id the response carries', async () => {
    const token = await c.signIn('lead');
    await c.sql('ALTER TABLE store RENAME COLUMN status TO status_x');
    let requestId: string | undefined;
    try {
      const r = await c.gql('{ merchants { totalCount items { store { status } } } }', {}, token);
      errorOf(r, 'INTERNAL');
      requestId = r.extensions?.requestId;
    } finally {
      await c.sql('ALTER TABLE store RENAME COLUMN status_x TO status');
    }
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    const errors = lines.filter((l) => (l.level as number) >= 50 && l.requestId === requestId);
    expect(errors.length).toBeGreaterThan(0);
  });

  it('no error line of a request is without its request id', () => {
    const errors = lines.filter((l) => (l.level as number) >= 50 && !String(l.msg).startsWith('job queue'));
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.filter((l) => !l.requestId && !l.jobId)).toEqual([]);
  });

  it('a failing job logs its job id, queue and the id of the request that enqueued it', async () => {
    const owner = await c.signIn('owner1');
    const real = c.app.channels;
    c.app.channels = { send: async () => Promise.reject(new Error('provider down for +8613912340002')) } satisfies OutboundChannels;
    try {
      const r = await c.gql(
        'mutation($i: InviteSubAccountInput!) { inviteSubAccount(input: $i) { id } }',
        { i: { mobile: '13912340002', displayName: '员工 小李', roleIds: [], consentConfirmed: true } },
        owner,
      );
      expect(r.errors).toBeUndefined();
      const requestId = r.extensions!.requestId!;
      const line = await c.waitFor(async () => lines.find((l) => l.msg === 'job failed' && l.requestId === requestId));
      expect(line).toMatchObject({ level: 50, queue: 'sub-account-invitation-sms', jobId: expect.stringMatching(/^[0-9a-f-]{36}$/), err: { type: 'Error' } });
      // No personal data in the line (the error message quoted a mobile).
      expect(JSON.stringify(line)).not.toContain('13912340002');
    } finally {
      c.app.channels = real;
    }
  });
});
