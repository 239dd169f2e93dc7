/**
 * Disputes with buyers (纠纷) and the disclosure of a merchant's identity to a buyer (policy 4.1 i).
 * Pure rules: the server enforces them, the UI offers only what they allow.
 */

/** What the buyer claims: not received, not as described, quality, counterfeit, refund refused, other. */
export const CLAIM_TYPES = ['not_received', 'not_as_described', 'quality', 'counterfeit', 'refund_refused', 'other'] as const;
export type ClaimType = (typeof CLAIM_TYPES)[number];

/** How the platform resolves a dispute: refund in full, refund in part (an amount <= the claim), or reject the claim. */
export const RESOLUTIONS = ['refund_full', 'refund_partial', 'rejected'] as const;
export type Resolution = (typeof RESOLUTIONS)[number];

/**
 * The merchant's data a buyer may ask for (policy 4.1 i: name, ID number, address, contact), with
 * the data-sharing register's field name for each (recipient `buyer`, minimum set).
 */
export const DISCLOSURE_FIELDS = ['name', 'idNumber', 'address', 'contact'] as const;
export type DisclosureField = (typeof DISCLOSURE_FIELDS)[number];
export const REGISTER_FIELD: Readonly<Record<DisclosureField, string>> = { name: 'name', idNumber: 'id_number', address: 'address', contact: 'contact' };

/**
 * The refund a resolution implies, in integer fen.
 * @returns the claim for `refund_full`, 0 for `rejected`, `partial` for `refund_partial`.
 * @throws RangeError when a partial refund is missing, not a whole number, not above 0 or above the claim.
 */
export function refundOf(resolution: Resolution, amountClaimedFen: number, partialFen?: number | null): number {
  if (resolution === 'refund_full') return amountClaimedFen;
  if (resolution === 'rejected') return 0;
  if (partialFen == null || !Number.isSafeInteger(partialFen) || partialFen <= 0 || partialFen > amountClaimedFen)
    throw new RangeError('a partial refund is a whole number of fen above 0 and at most the amount claimed');
  return partialFen;
}

/**
 * What a missed response deadline implies (as in card-network disputes: no answer, no defence):
 * the platform is proposed to refund the buyer in full. Staff still decide the case.
 */
export const MISSED_DEADLINE_OUTCOME: Resolution = 'refund_full';

/** Approved fields must be a non-empty subset of the requested ones (an approver may narrow, never widen). */
export function approvedSubset(requested: readonly string[], approved: readonly string[]): boolean {
  return approved.length > 0 && approved.every((f) => requested.includes(f));
}
