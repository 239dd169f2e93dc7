import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invalidatePublicResponses } from '../../server/graphql/public-response-cache';
import { startTestConsole, type TestConsole } from '../helpers/console';

let c: TestConsole;
beforeAll(async () => {
  c = await startTestConsole({ merchants: 3 });
});
afterAll(() => c?.close());

/** Runs `fn` and returns how many SQL statements the server issued meanwhile. */
async function countStatements(fn: () => Promise<unknown>): Promise<number> {
  const logger = c.app.dataSource.logger;
  let n = 0;
  const original = logger.logQuery.bind(logger);
  logger.logQuery = (...args: Parameters<typeof logger.logQuery>) => {
    n++;
    return original(...args);
  };
  try {
    await fn();
  } finally {
    logger.logQuery = original;
  }
  return n;
}

const POLICY = 'query { publicPolicy(code: "merchant-privacy-policy") { code current { versionNo clauses { number } } } }';
const NOTICES = 'query($p: Int) { publicPenaltyNotices(page: $p) { totalCount items { id } } }';

describe('public response cache', () => {
  it('serves a repeated anonymous public query without SQL, the same data each time', async () => {
    invalidatePublicResponses();
    const first = await c.gql(POLICY, {});
    let again: Awaited<ReturnType<typeof c.gql>> | undefined;
    expect(await countStatements(async () => (again = await c.gql(POLICY, {})))).toBe(0);
    expect(again!.data).toEqual(first.data);
    expect(again!.extensions?.requestId).not.toEqual(first.extensions?.requestId);
  });

  it('keys entries by variables, and is dropped by invalidatePublicResponses', async () => {
    await c.gql(NOTICES, { p: 1 });
    expect(await countStatements(() => c.gql(NOTICES, { p: 1 }))).toBe(0);
    expect(await countStatements(() => c.gql(NOTICES, { p: 2 }))).toBeGreaterThan(0);
    invalidatePublicResponses();
    expect(await countStatements(() => c.gql(NOTICES, { p: 1 }))).toBeGreaterThan(0);
  });

  it('never caches signed-in requests or operations touching any non-public field', async () => {
    const token = await c.signIn('lead');
    await c.gql(POLICY, {}, token);
    expect(await countStatements(() => c.gql(POLICY, {}, token))).toBeGreaterThan(0);
    const mixed = 'query { publicPolicy(code: "merchant-privacy-policy") { code } merchants { totalCount } }';
    await c.gql(mixed, {});
    expect(await countStatements(() => c.gql(mixed, {}))).toBeGreaterThan(0);
  });
});
