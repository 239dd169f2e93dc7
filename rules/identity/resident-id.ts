/**
 * Mainland resident identity numbers (GB 11643-1999): 6-digit area code, 8-digit birth date,
 * 3-digit sequence (odd = male), and a check character from ISO 7064 MOD 11-2 ("X" for 10).
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

/** The check character for the first 17 digits. @throws Error when `first17` is not 17 digits. */
export function residentIdCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new Error('expected 17 digits');
  const sum = [...first17].reduce((acc, d, i) => acc + Number(d) * WEIGHTS[i], 0);
  return CHECK[sum % 11];
}

/** Normalises (trim, upper-case x) and validates format, birth date and check character. */
export function parseResidentId(raw: string): { ok: true; id: string; birthDate: string } | { ok: false; reason: 'format' | 'birth_date' | 'check_digit' } {
  const id = raw.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(id)) return { ok: false, reason: 'format' };
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return { ok: false, reason: 'birth_date' };
  if (residentIdCheckChar(id.slice(0, 17)) !== id[17]) return { ok: false, reason: 'check_digit' };
  return { ok: true, id, birthDate: `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}` };
}

/** Builds a valid number from its parts (for demo and benchmark data). */
export function makeResidentId(areaCode: string, birthDate: string, sequence: number): string {
  const first17 = `${areaCode}${birthDate.replace(/-/g, '')}${String(sequence % 1000).padStart(3, '0')}`;
  return first17 + residentIdCheckChar(first17);
}
