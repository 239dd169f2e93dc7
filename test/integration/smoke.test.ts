import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
