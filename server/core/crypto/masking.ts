/**
 * Masks for personal data shown without the reveal permission (ARCHITECTURE "Personal data").
 * Each keeps just enough to recognise a value, never enough to use it.
 */

/** `张三` -> `张*`, `张三明` -> `张*明`, `欧阳小明` -> `欧**明`; Latin names keep the first letter. */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length <= 1) return '*';
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}

/** 18-character resident ID `110101199003071234` -> `1101**********1234`; other documents keep 2 + 2. */
export function maskIdNumber(id: string): string {
  const s = id.trim();
  if (s.length >= 15) return `${s.slice(0, 4)}${'*'.repeat(s.length - 8)}${s.slice(-4)}`;
  if (s.length <= 4) return '*'.repeat(s.length);
  return `${s.slice(0, 2)}${'*'.repeat(s.length - 4)}${s.slice(-2)}`;
}

/** `+8613812345678` / `13812345678` -> `138****5678`. */
export function maskMobile(mobile: string): string {
  const digits = mobile.replace(/\D/g, '').replace(/^86(?=1\d{10}$)/, '');
  if (digits.length < 7) return '*'.repeat(digits.length);
  return `${digits.slice(0, 3)}${'*'.repeat(digits.length - 7)}${digits.slice(-4)}`;
}

/** `alice@example.com` -> `a***@example.com`. */
export function maskEmail(email: string): string {
  const at = email.indexOf('@');
  if (at <= 0) return maskAccount(email);
  return `${email[0]}***${email.slice(at)}`;
}

/** Keeps the province/city/district prefix (first 6 characters) and hides the street detail. */
export function maskAddress(address: string): string {
  const chars = [...address.trim()];
  if (chars.length <= 6) return `${chars.slice(0, 2).join('')}****`;
  return `${chars.slice(0, 6).join('')}****`;
}

/** Payout or other account identifiers: an e-mail-like account is masked as an e-mail, otherwise `ab****yz`. */
export function maskAccount(account: string): string {
  if (account.includes('@')) return maskEmail(account);
  if (/^\+?\d{11,13}$/.test(account)) return maskMobile(account);
  if (account.length <= 4) return '*'.repeat(account.length);
  return `${account.slice(0, 2)}****${account.slice(-2)}`;
}

export type MaskKind = 'name' | 'idNumber' | 'mobile' | 'email' | 'address' | 'account';

export const MASKS: Record<MaskKind, (v: string) => string> = {
  name: maskName,
  idNumber: maskIdNumber,
  mobile: maskMobile,
  email: maskEmail,
  address: maskAddress,
  account: maskAccount,
};
