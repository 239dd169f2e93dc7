/**
 * Pure rules of the payout account (issue 13): what an Alipay login id is, and when a payee name
 * matches a verified name.
 */

/** Mainland mobile: 11 digits starting with 1 (an optional +86 / 86 prefix is dropped). */
export const MAINLAND_MOBILE = /^(?:\+?86)?(1\d{10})$/;
/** A plain e-mail address (one @, a dot in the domain, no spaces), up to 100 characters. */
export const EMAIL = /^[^\s@]{1,64}@[^\s@]+\.[^\s@]+$/;
/** Payee names are 1-50 characters. */
export const PAYEE_NAME_MAX = 50;

/**
 * The Alipay login id in its stored form: a mainland mobile as its 11 digits, an e-mail trimmed
 * and lower-cased; null when it is neither.
 */
export function normaliseAlipayLogin(input: string): string | null {
  const s = input.normalize('NFKC').trim();
  const mobile = MAINLAND_MOBILE.exec(s.replace(/[\s-]/g, ''));
  if (mobile) return mobile[1];
  if (s.length <= 100 && EMAIL.test(s)) return s.toLowerCase();
  return null;
}

/** The payee name as entered, tidied (NFKC, trimmed, inner runs of spaces as one); null when blank or over 50 characters. */
export function tidyPayeeName(input: string): string | null {
  const s = input.normalize('NFKC').trim().replace(/\s+/g, ' ');
  const n = [...s].length;
  return n >= 1 && n <= PAYEE_NAME_MAX ? s : null;
}

/**
 * The comparison key of a name: NFKC (full-width letters, digits, brackets and spaces become
 * half-width), every kind of middle dot as `·` (少数民族 names: 买买提·艾力), spaces removed,
 * lower-cased.
 */
export function nameKey(name: string): string {
  return name
    .normalize('NFKC')
    .replace(/[\u00B7\u2022\u2027\u22C5\u30FB\uFF65\u2219\u0387]/g, '·')
    .replace(/\s+/g, '')
    .toLowerCase();
}

/** Whether a payee name matches a verified name (see `nameKey`); an empty verified name matches nothing. */
export function namesMatch(payeeName: string, verifiedName: string | null | undefined): boolean {
  if (!verifiedName) return false;
  const v = nameKey(verifiedName);
  return v.length > 0 && nameKey(payeeName) === v;
}
