import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invalidatePublicResponses } from '../../server/graphql/public-response-cache';
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
    const token = await c.signIn('lead');
    await c.gql(POLICY, {}, token);
    expect(await countStatements(c, () => c.gql(POLICY, {}, token))).toBeGreaterThan(0);
    const mixed = 'query { publicPolicy(code: "merchant-privacy-policy") { code } merchants { totalCount } }';
    await c.gql(mixed, {});
    expect(await countStatements(c, () => c.gql(mixed, {}))).toBeGreaterThan(0);
  });
});
