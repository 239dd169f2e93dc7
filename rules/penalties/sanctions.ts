/**
 * What a sanction does to the store (policy: 处罚措施), shared by the server (penalties module) and
 * the UI (penalty form and page). The list of effects is code (each needs behaviour); the sanction
 * types built on them are data that `ops_lead` edits (names, new types).
 * - `none`: a warning or a record only;
 * - `points`: deducts points (penalty.points > 0);
 * - `listing_restriction` / `withdrawal_restriction`: restricts publishing / withdrawals for the period;
 * - `store_suspension`: the store is `suspended` for N days (maker-checker);
 * - `store_closure`: the store is `closed` (maker-checker; lifted only by revocation).
 */
export const SANCTION_EFFECTS = ['none', 'points', 'listing_restriction', 'withdrawal_restriction', 'store_suspension', 'store_closure'] as const;
export type SanctionEffect = (typeof SANCTION_EFFECTS)[number];
/** Effects on the store status, with the status they impose (closure outranks suspension). */
export const STATUS_EFFECTS: Partial<Record<SanctionEffect, 'suspended' | 'closed'>> = { store_suspension: 'suspended', store_closure: 'closed' };
/** Effects that need a second person: the issuer must not be the drafter. */
export const MAKER_CHECKER_EFFECTS: readonly string[] = ['store_suspension', 'store_closure'] satisfies SanctionEffect[];
/** Effects that last for a number of days. */
export const PERIOD_EFFECTS: readonly string[] = ['listing_restriction', 'withdrawal_restriction', 'store_suspension'] satisfies SanctionEffect[];
