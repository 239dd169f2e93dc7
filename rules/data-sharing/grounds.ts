/**
 * The grounds on which the platform shares a merchant's personal data with a third party, and
 * which grounds fit which kind of recipient (policy 4.1 a-k: sharing without separate consent;
 * 4.4 a-g: public disclosure and sharing required by law). Pure: the server refuses a share
 * whose ground does not fit its recipient, the UI offers only fitting grounds.
 */
export const RECIPIENT_KINDS = ['payment_institution', 'insurer', 'affiliate', 'partner', 'buyer', 'authority'] as const;
export type RecipientKind = (typeof RECIPIENT_KINDS)[number];

/** Policy 4.1 a-k and 4.4 a-g, as `4.1a` ... `4.4g`. */
export const LEGAL_GROUNDS = [...'abcdefghijk'].map((l) => `4.1${l}`).concat([...'abcdefg'].map((l) => `4.4${l}`));

/**
 * Grounds per recipient kind. Payment institutions and insurers receive what the service the
 * merchant asked for needs (4.1 a: performing the contract; 2.3.5, 2.7.2); a buyer only in a
 * dispute (4.1 i); authorities on a legal duty or a request of a judicial or administrative body
 * (4.1 b-f, 4.4 a-g); affiliates and partners for the service the merchant uses (4.1 a, g).
 */
const GROUNDS_BY_KIND: Readonly<Record<RecipientKind, readonly string[]>> = {
  payment_institution: ['4.1a', '4.1b'],
  insurer: ['4.1a'],
  affiliate: ['4.1a', '4.1g'],
  partner: ['4.1a', '4.1g'],
  buyer: ['4.1i'],
  authority: ['4.1b', '4.1c', '4.1d', '4.1e', '4.1f', '4.4a', '4.4b', '4.4c', '4.4d', '4.4e', '4.4f', '4.4g'],
};

/** Whether `ground` is one a share with a recipient of `kind` may cite. */
export function groundFits(kind: RecipientKind, ground: string): boolean {
  return GROUNDS_BY_KIND[kind].includes(ground);
}

/** The fields of `fields` outside a recipient's declared minimum set (policy 4.1: minimum necessary). */
export function fieldsBeyond(minimum: readonly string[], fields: readonly string[]): string[] {
  return fields.filter((f) => !minimum.includes(f));
}
