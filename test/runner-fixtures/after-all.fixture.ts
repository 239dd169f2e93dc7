import { afterAll, expect, it } from 'vitest';

// Runner self-test fixture: a failing afterAll (its test passed).
afterAll(() => {
  throw new Error('deliberate afterAll failure');
});
it('passes', () => expect(1).toBe(1));
