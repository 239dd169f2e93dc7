import { own } from '../../../server/core/own';

/**
 * Client-side checks of the verification form, mirroring the server's (server/core/identity):
 * they give early, translated messages; the server stays the judge. Each returns a translation key.
 */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

/** GB 11643 resident ID: the birth date it encodes (YYYY-MM-DD), or the problem. */
export function parseResidentId(raw: string): { ok: true; birthDate: string } | { ok: false; reason: 'format' | 'birth_date' | 'check_digit' } {
  const id = raw.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(id)) return { ok: false, reason: 'format' };
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return { ok: false, reason: 'birth_date' };
  const sum = [...id.slice(0, 17)].reduce((acc, ch, i) => acc + Number(ch) * WEIGHTS[i], 0);
  if (CHECK[sum % 11] !== id[17]) return { ok: false, reason: 'check_digit' };
  return { ok: true, birthDate: `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}` };
}

const FORMATS: Record<string, RegExp> = {
  hk_macao_permit: /^[HM]\d{8}(\d{2})?$/,
  taiwan_permit: /^\d{8}(\d{2})?$/,
  passport: /^[A-Z]{1,2}\d{7,8}$/,
  foreign_permanent_resident: /^([A-Z]{3}\d{12}|9\d{16}[\dX])$/,
};

/** Translation key of the problem with an ID number of this document type, if any. */
export function idNumberProblem(docType: string | undefined, raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  const n = raw.trim().toUpperCase().replace(/\s+/g, '');
  if (!docType || docType === 'resident_id') {
    const r = parseResidentId(n);
    return r.ok ? undefined : `mc.verification.validation.resident_id_${r.reason}`;
  }
  return own(FORMATS, docType)?.test(n) ? undefined : 'mc.verification.validation.doc_number_format';
}

const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** GB 32100 unified social credit code. */
export function usccProblem(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  const code = raw.trim().toUpperCase();
  if (!/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(code)) return 'mc.verification.validation.uscc_format';
  const sum = [...code.slice(0, 17)].reduce((acc, ch, i) => acc + USCC_CHARS.indexOf(ch) * USCC_WEIGHTS[i], 0);
  return USCC_CHARS[(31 - (sum % 31)) % 31] === code[17] ? undefined : 'mc.verification.validation.uscc_check';
}

export const isMobile = (raw: string) => /^(?:\+?86)?1[3-9]\d{9}$/.test(raw.trim().replace(/[\s-]/g, ''));

/** Mobile, landline with area code, or a 400/800 number. */
export const isServicePhone = (raw: string) => {
  const s = raw.trim().replace(/\s+/g, '');
  return isMobile(s) || /^0\d{2,3}-?\d{7,8}(-\d{1,6})?$/.test(s) || /^[48]00-?\d{3}-?\d{4}$/.test(s);
};

/** Today's date in the Asia/Shanghai calendar (as the server counts ages). */
export function prcToday(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** Whole years of age on `onDate` (both YYYY-MM-DD). */
export function ageOn(birthDate: string, onDate: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number);
  const [y, m, d] = onDate.split('-').map(Number);
  let age = y - by;
  if (m < bm || (m === bm && d < bd)) age--;
  return age;
}

/** The holder's birth date: from a valid resident ID, else the entered one. */
export function holderBirthDate(values: { idDocType?: string; idNumber?: string; birthDate?: string }): string | undefined {
  if ((values.idDocType ?? 'resident_id') === 'resident_id') {
    const r = values.idNumber ? parseResidentId(values.idNumber) : undefined;
    return r?.ok ? r.birthDate : undefined;
  }
  return values.birthDate || undefined;
}

export const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp'];
export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;
