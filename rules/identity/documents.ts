import { own } from '../own';
import { parseResidentId } from './resident-id';

/**
 * Identity rules shared by the server (identity verification, sub-account invitations) and the UI
 * (early checks of the verification form; the server stays the judge). Pure.
 */

/** Identity document types accepted for store opening (policy 2.2.1). */
export const ID_DOC_TYPES = ['resident_id', 'hk_macao_permit', 'taiwan_permit', 'passport', 'foreign_permanent_resident'] as const;
export type IdDocType = (typeof ID_DOC_TYPES)[number];

const FORMATS: Record<Exclude<IdDocType, 'resident_id'>, RegExp> = {
  // 港澳居民来往内地通行证: H/M + 8 digits (+2 issue digits on older cards)
  hk_macao_permit: /^[HM]\d{8}(\d{2})?$/,
  // 台湾居民来往大陆通行证: 8 digits (10 on older cards)
  taiwan_permit: /^\d{8}(\d{2})?$/,
  // Passports: 1-2 letters + 7-8 digits
  passport: /^[A-Z]{1,2}\d{7,8}$/,
  // 外国人永久居留身份证: 3 letters + 12 digits (2004) or 18 characters starting with 9 (2023)
  foreign_permanent_resident: /^([A-Z]{3}\d{12}|9\d{16}[\dX])$/,
};

/** Why a number was refused: for resident IDs `format`, `birth_date` or `check_digit`; for other types `format`. */
export type DocumentProblem = 'format' | 'birth_date' | 'check_digit';

export type DocumentCheck = { ok: true; number: string; birthDate?: string } | { ok: false; reason: DocumentProblem; message: string };

/**
 * Checks an identity document number for its type: mainland resident ID (also the residence
 * permits for HK/Macao/Taiwan residents, prefixes 81/82/83) by GB 11643 with its check character
 * (a lowercase x is accepted and normalised); other types by their printed format.
 * Returns the normalised number and, for resident IDs, the birth date it encodes (YYYY-MM-DD); a
 * refusal has its `reason` and an English `message` for API clients. An unknown type fails as `format`.
 */
export function checkIdDocument(type: IdDocType, raw: string): DocumentCheck {
  const number = raw.trim().toUpperCase().replace(/\s+/g, '');
  if (type === 'resident_id') {
    const r = parseResidentId(number);
    if (r.ok) return { ok: true, number: r.id, birthDate: r.birthDate };
    const why = { format: 'must be 17 digits and a digit or X', birth_date: 'encodes an impossible birth date', check_digit: 'has a wrong check digit' };
    return { ok: false, reason: r.reason, message: `resident ID number ${why[r.reason]}` };
  }
  return own(FORMATS, type)?.test(number) ? { ok: true, number } : { ok: false, reason: 'format', message: `not a valid ${type.replace(/_/g, ' ')} number` };
}

const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** Unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters with a MOD 31 check character. */
export function checkUscc(raw: string): { ok: true; code: string } | { ok: false; reason: 'format' | 'check'; message: string } {
  const code = raw.trim().toUpperCase();
  if (!/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(code)) return { ok: false, reason: 'format', message: 'unified social credit code must be 18 characters (no I, O, S, V, Z)' };
  const sum = [...code.slice(0, 17)].reduce((acc, ch, i) => acc + USCC_CHARS.indexOf(ch) * USCC_WEIGHTS[i], 0);
  const expected = USCC_CHARS[(31 - (sum % 31)) % 31];
  return expected === code[17] ? { ok: true, code } : { ok: false, reason: 'check', message: 'unified social credit code has a wrong check character' };
}

/** Builds a valid code from its first 17 characters (demo and benchmark data). */
export function makeUscc(first17: string): string {
  const sum = [...first17].reduce((acc, ch, i) => acc + USCC_CHARS.indexOf(ch) * USCC_WEIGHTS[i], 0);
  return first17 + USCC_CHARS[(31 - (sum % 31)) % 31];
}

/**
 * Whole years of age on `onDate` (both PRC calendar dates, YYYY-MM-DD). A person born on 29 February
 * has their birthday on 1 March in common years.
 */
export function ageOn(birthDate: string, onDate: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number);
  const [y, m, d] = onDate.split('-').map(Number);
  let age = y - by;
  if (m < bm || (m === bm && d < bd)) age--;
  return age;
}

/** A mainland China mobile number as typed in an input: `1[3-9]` + 9 digits, optionally after `86` or `+86`. */
export const MOBILE_PATTERN = /^(?:\+?86)?(1[3-9]\d{9})$/;

/**
 * THE normalisation of a mainland mobile number (spaces and dashes dropped, with or without +86):
 * `+86` + 11 digits, the form that is encrypted and blind-indexed (`blindIndex('mobile', ...)`), so
 * there must be no other. Null when it is not a mainland mobile.
 */
export function normaliseMobile(raw: string): string | null {
  const m = MOBILE_PATTERN.exec(raw.trim().replace(/[\s-]/g, ''));
  return m ? `+86${m[1]}` : null;
}

/** Customer-service phone: a mobile, a landline with area code (010-12345678), or a 400/800 number. */
export function normalisePhone(raw: string): string | null {
  const s = raw.trim().replace(/\s+/g, '');
  const mobile = normaliseMobile(s);
  if (mobile) return mobile;
  if (/^0\d{2,3}-?\d{7,8}(-\d{1,6})?$/.test(s) || /^[48]00-?\d{3}-?\d{4}$/.test(s)) return s;
  return null;
}
