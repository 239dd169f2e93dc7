import { beforeAll, expect, it } from 'vitest';

// Runner self-test fixture: a failing beforeAll (its tests are reported as skipped).
beforeAll(() => {
  throw new Error('deliberate beforeAll failure');
});
it('would pass', () => expect(1).toBe(1));
