import { createServer } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres } from '../../server/database/embedded';
import { createLogger } from '../../server/core/logger';
import { startTestConsole, type TestConsole } from '../helpers/console';

let c: TestConsole;
beforeAll(async () => {
  c = await startTestConsole();
});
afterAll(() => c?.close());

describe('smoke', () => {
  it('signs in and lists merchants', async () => {
    const token = await c.signIn('reviewer');
    const r = await c.gql('{ merchants(perPage: 5) { totalCount items { id mobileMasked } } }', {}, token);
    expect(r.errors).toBeUndefined();
    expect(r.data.merchants.totalCount).toBe(22);
    expect(r.data.merchants.items[0].mobileMasked).toMatch(/^1\d\d\*{4}\d{4}$/);
  });
});

describe('start-up', () => {
  it('a taken embedded-database port is named, with what to do (found by QA: "Start-up failed: undefined")', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as { port: number };
    const tmp = mkdtempSync(path.join(os.tmpdir(), 'mc-port-'));
    try {
      const dataDir = path.join(tmp, 'pg');
      await expect(startEmbeddedPostgres({ dataDir, port, database: 'x', log: createLogger('warn') })).rejects.toThrow(`port ${port} is in use (another console running?): set PG_PORT=0`);
    } finally {
      blocker.close();
      rmSync(tmp, { recursive: true, force: true });
    }
  });
});
