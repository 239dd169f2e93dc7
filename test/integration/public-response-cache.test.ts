import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invalidatePublicResponses, PUBLIC_CACHE_MAX_BYTES, publicResponses } from '../../server/graphql/public-response-cache';
import { countStatements, startTestConsole, type TestConsole } from '../helpers/console';

let c: TestConsole;
beforeAll(async () => {
  c = await startTestConsole({ merchants: 3 });
});
afterAll(() => c?.close());

const POLICY = 'query { publicPolicy(code: "merchant-privacy-policy") { code current { versionNo clauses { number } } } }';
const NOTICES = 'query($p: Int) { publicPenaltyNotices(page: $p) { totalCount items { id } } }';

describe('public response cache', () => {
  it('serves a repeated anonymous public query without SQL, the same data each time', async () => {
    invalidatePublicResponses();
    const first = await c.gql(POLICY, {});
    let again: Awaited<ReturnType<typeof c.gql>> | undefined;
    expect(await countStatements(c, async () => (again = await c.gql(POLICY, {})))).toBe(0);
    expect(again!.data).toEqual(first.data);
    expect(again!.extensions?.requestId).not.toEqual(first.extensions?.requestId);
  });

  it('keys entries by variables, and is dropped by invalidatePublicResponses', async () => {
    await c.gql(NOTICES, { p: 1 });
    expect(await countStatements(c, () => c.gql(NOTICES, { p: 1 }))).toBe(0);
    expect(await countStatements(c, () => c.gql(NOTICES, { p: 2 }))).toBeGreaterThan(0);
    invalidatePublicResponses();
    expect(await countStatements(c, () => c.gql(NOTICES, { p: 1 }))).toBeGreaterThan(0);
  });

  it('never caches signed-in requests or operations touching any non-public field', async () => {
    invalidatePublicResponses();
    const token = await c.signIn('lead');
    await c.gql(POLICY, {}, token);
    expect(await countStatements(c, () => c.gql(POLICY, {}, token))).toBeGreaterThan(0);
    expect(publicResponses.size).toBe(0);
    // Asserted on the cache itself, not by counting SQL: the refused root field ends the response
    // before the public field's statement is sent (graphql-js settles a failed non-null root at
    // once), so a statement count races the connection pool under load.
    const mixed = 'query { publicPolicy(code: "merchant-privacy-policy") { code } merchants { totalCount } }';
    await c.gql(mixed, {});
    const again = await c.gql(mixed, {});
    expect(again.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(publicResponses.size).toBe(0);
  });
});

describe('public response cache bounds', () => {
  it('is bounded by bytes however many distinct variables anonymous callers send', async () => {
    invalidatePublicResponses();
    // 60 keys of ~120 KB each (an unused 60,000-character variable makes each key distinct): 7 MB unbounded.
    for (let i = 0; i < 60; i++) {
      const r = await c.gql(NOTICES, { p: 1, junk: `${i}`.padEnd(60_000, 'x') });
      expect(r.data.publicPenaltyNotices).toBeTruthy();
      expect(publicResponses.calculatedSize).toBeLessThanOrEqual(PUBLIC_CACHE_MAX_BYTES);
    }
    expect(publicResponses.calculatedSize).toBeGreaterThan(PUBLIC_CACHE_MAX_BYTES - 200_000);
    expect(publicResponses.size).toBeLessThan(40);
    // The most recent entries stay, the oldest went first.
    expect([...publicResponses.keys()].some((k) => k.includes('"junk":"59x'))).toBe(true);
    expect([...publicResponses.keys()].some((k) => k.includes('"junk":"0x'))).toBe(false);
  });

  it('drops expired entries by itself, without a lookup (TTL 300 ms here)', async () => {
    const short = await startTestConsole({ seed: false, env: { PUBLIC_CACHE_TTL_MS: '300' } });
    try {
      invalidatePublicResponses();
      await short.gql(NOTICES, { p: 1 });
      await short.gql(NOTICES, { p: 2 });
      expect(publicResponses.size).toBe(2);
      await new Promise((r) => setTimeout(r, 700));
      expect(publicResponses.size).toBe(0);
    } finally {
      await short.close();
    }
  });
});
