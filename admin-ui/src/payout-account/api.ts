import { gql } from '../graphql';

/** GraphQL calls of the owner's payout account page (issue 13). Values always arrive masked. */

export interface PendingChange {
  alipayLogin: string;
  payeeName: string;
  requestedAt: string;
  expiresAt: string;
  attemptsLeft: number;
  sentTo: string;
}

export type PayoutHold = 'no_account' | 'change_pending' | 'change_hold' | 'name_mismatch';

export interface PayoutAccount {
  id?: string | null;
  storeId: string;
  status: 'not_set' | 'active';
  alipayLogin?: string | null;
  payeeName?: string | null;
  activatedAt?: string | null;
  holdUntil?: string | null;
  nameMatches?: boolean | null;
  payoutHold?: PayoutHold | null;
  payoutHoldUntil?: string | null;
  pending?: PendingChange | null;
  version: number;
}

const FIELDS = `id storeId status alipayLogin payeeName activatedAt holdUntil nameMatches payoutHold payoutHoldUntil version
  pending { alipayLogin payeeName requestedAt expiresAt attemptsLeft sentTo }`;

export const myPayoutAccount = async (): Promise<PayoutAccount> => (await gql<{ a: PayoutAccount }>(`query { a: myPayoutAccount { ${FIELDS} } }`)).a;

export const requestPayoutAccountChange = async (input: { alipayLogin: string; payeeName: string }): Promise<PayoutAccount> =>
  (await gql<{ a: PayoutAccount }>(`mutation($input: RequestPayoutAccountChangeInput!) { a: requestPayoutAccountChange(input: $input) { ${FIELDS} } }`, { input })).a;

export const confirmPayoutAccountChange = async (code: string): Promise<PayoutAccount> =>
  (await gql<{ a: PayoutAccount }>(`mutation($input: ConfirmPayoutAccountChangeInput!) { a: confirmPayoutAccountChange(input: $input) { ${FIELDS} } }`, { input: { code } })).a;

export const cancelPayoutAccountChange = async (): Promise<PayoutAccount> => (await gql<{ a: PayoutAccount }>(`mutation { a: cancelPayoutAccountChange { ${FIELDS} } }`)).a;

/** Mainland mobile (optional +86, spaces or dashes allowed) or e-mail, as the server accepts it. */
export function isAlipayLogin(v: string): boolean {
  const s = v.trim();
  return /^(?:\+?86)?1\d{10}$/.test(s.replace(/[\s-]/g, '')) || (s.length <= 100 && /^[^\s@]{1,64}@[^\s@]+\.[^\s@]+$/.test(s));
}
