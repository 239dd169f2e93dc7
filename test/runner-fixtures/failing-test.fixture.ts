import { expect, it } from 'vitest';

// Runner self-test fixture: one failing test.
it('fails', () => expect(1).toBe(2));
