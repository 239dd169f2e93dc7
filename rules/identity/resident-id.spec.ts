import { describe, expect, it } from 'vitest';
import { makeResidentId, parseResidentId, residentIdCheckChar } from './resident-id';

describe('resident ID (GB 11643)', () => {
  it('computes the check character, including X', () => {
    expect(residentIdCheckChar('11010519491231002')).toBe('X');
    expect(parseResidentId('11010519491231002X')).toEqual({ ok: true, id: '11010519491231002X', birthDate: '1949-12-31' });
  });
  it('accepts a lowercase x', () => {
    expect(parseResidentId('11010519491231002x')).toMatchObject({ ok: true, id: '11010519491231002X' });
  });
  it('rejects a wrong check digit, an impossible birth date and bad formats', () => {
    expect(parseResidentId('110105194912310021')).toEqual({ ok: false, reason: 'check_digit' });
    expect(parseResidentId('110105194902300021')).toEqual({ ok: false, reason: 'birth_date' });
    expect(parseResidentId('1101051949123100')).toEqual({ ok: false, reason: 'format' });
  });
  it('makes valid numbers', () => {
    const id = makeResidentId('440305', '2012-11-29', 7);
    expect(parseResidentId(id)).toEqual({ ok: true, id, birthDate: '2012-11-29' });
  });
});
