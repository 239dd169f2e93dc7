import { hasRole, type PermissionContributor } from '../../core/abilities';

/** The payout account fields that can be revealed (payout-accounts.revealable.ts). */
export const PAYOUT_ACCOUNT_FIELDS = ['alipayLogin', 'payeeName'];

/**
 * Payout accounts (issue 13):
 * - the store owner reads and changes its own store's account through the owner-only store
 *   permission `finance.payoutAccount.manage` (`read`, `update PayoutAccount`, conditioned on the
 *   store; sub-accounts.permissions.ts), and reveals its own account's fields (here, merchant
 *   only, conditioned on the store);
 * - `finance` reads any store's account, masked (`payoutAccount(storeId)`);
 * - a sub-account never gets the `PayoutAccount` subject: the leaf is owner-only, and "View rewards"
 *   (`finance.rewards.view`) grants `read Reward` only.
 * Staff do not reveal it here: a role that reveals needs a second admin to be granted
 * (accounts.permissions.ts `roleNeedsSecondApproval`), which would change how `finance` is granted.
 */
export const payoutAccountsPermissions: PermissionContributor = ({ can }, actor) => {
  if (hasRole(actor, 'finance')) can('read', 'PayoutAccount');
  if (actor.kind === 'merchant' && actor.storeId) can('reveal', 'PayoutAccount', PAYOUT_ACCOUNT_FIELDS, { storeId: actor.storeId });
};
