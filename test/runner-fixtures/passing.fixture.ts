import { expect, it } from 'vitest';

// Runner self-test fixture: a green file.
it('passes', () => expect(1).toBe(1));
