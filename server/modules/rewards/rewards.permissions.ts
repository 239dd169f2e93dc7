import { hasRole, type PermissionContributor } from '../../core/abilities';

/**
 * Rewards (policy 2.3.6):
 * - `ops_reviewer` and `finance` propose (`create Reward`); `ops_lead` and `finance` approve
 *   (`approve Reward`: the thresholds and "never the proposer" are checked per record); `finance`
 *   manages programmes and payouts (retry, cancel: `decide Payout`); `auditor` reads;
 * - the store reads its own rewards and payouts through the store permission
 *   `finance.rewards.view` (sub-accounts.permissions.ts; the owner holds it): amounts and statuses,
 *   never the payout account. Another store's reward is NOT_FOUND.
 */
export const rewardsPermissions: PermissionContributor = ({ can }, actor) => {
  if (hasRole(actor, 'ops_reviewer', 'ops_lead', 'finance', 'auditor')) can('read', ['Reward', 'RewardProgramme', 'Payout']);
  if (hasRole(actor, 'ops_reviewer', 'finance')) can('create', 'Reward');
  if (hasRole(actor, 'ops_lead', 'finance')) can('approve', 'Reward');
  if (hasRole(actor, 'finance')) {
    can(['create', 'update'], 'RewardProgramme');
    can('decide', 'Payout');
  }
};
