import { describe, expect, it } from 'vitest';
import { ageOn, checkIdDocument, checkUscc, makeUscc, normaliseMobile, normalisePhone } from './documents';

describe('identity documents', () => {
  it('checks resident IDs by check digit, accepting lowercase x', () => {
    expect(checkIdDocument('resident_id', '11010519491231002x')).toEqual({ ok: true, number: '11010519491231002X', birthDate: '1949-12-31' });
    expect(checkIdDocument('resident_id', '110105194912310021')).toMatchObject({ ok: false, message: expect.stringMatching(/check digit/) });
  });
  it('checks other document formats', () => {
    expect(checkIdDocument('passport', 'e12345678')).toEqual({ ok: true, number: 'E12345678' });
    expect(checkIdDocument('hk_macao_permit', 'H12345678').ok).toBe(true);
    expect(checkIdDocument('hk_macao_permit', 'X12345678').ok).toBe(false);
    expect(checkIdDocument('foreign_permanent_resident', 'USA110012345678').ok).toBe(true);
  });
  it('checks the unified social credit code (GB 32100)', () => {
    expect(checkUscc('91350100M000100Y43')).toEqual({ ok: true, code: '91350100M000100Y43' });
    expect(checkUscc('91350100M000100Y44').ok).toBe(false);
    expect(checkUscc(makeUscc('91440300MA5DC0000')).ok).toBe(true);
    expect(checkUscc('9135010OM000100Y43').ok).toBe(false);
  });
  it('counts age in whole years, turning 14 on the birthday itself [policy 7]', () => {
    expect(ageOn('2012-11-29', '2026-11-29')).toBe(14);
    expect(ageOn('2012-11-30', '2026-11-29')).toBe(13);
    expect(ageOn('2012-02-29', '2026-02-28')).toBe(13);
    expect(ageOn('2012-02-29', '2026-03-01')).toBe(14);
  });
  it('normalises phone numbers', () => {
    expect(normaliseMobile('138 1234 5678')).toBe('+8613812345678');
    expect(normaliseMobile('+86 13812345678')).toBe('+8613812345678');
    expect(normaliseMobile('12812345678')).toBeNull();
    expect(normalisePhone('010-12345678')).toBe('010-12345678');
    expect(normalisePhone('400-123-4567')).toBe('400-123-4567');
    expect(normalisePhone('12345')).toBeNull();
  });
});
