import { defineMachine } from '../../core/state-machine';
import { PAYOUT_STATUSES, Payout } from './payout.entity';
import { RewardHistory } from './reward-history.entity';
import { REWARD_STATUSES, Reward } from './reward.entity';

/**
 * A reward: proposed, approved by the configured rules (one or two approvers, never the proposer;
 * within the programme's budget), or rejected / cancelled. History rows carry `subject: 'reward'`.
 */
export const REWARD_MACHINE = defineMachine({
  name: 'reward',
  subject: 'Reward',
  entity: Reward,
  states: REWARD_STATUSES,
  actions: {
    propose: { from: [null], to: 'proposed', who: 'ops_reviewer or finance (one at a time or a CSV import)' },
    approve: {
      from: ['proposed', 'pending_second_approval'],
      to: ['approved', 'pending_second_approval'],
      who: 'ops_lead or finance by the thresholds (finance at or above the first; two people above the second), never the proposer',
    },
    reject: { from: ['proposed', 'pending_second_approval'], to: 'rejected', who: 'an approver' },
    cancel: { from: ['proposed', 'pending_second_approval'], to: 'cancelled', who: 'the proposer' },
  },
  history: { entity: RewardHistory, subjectKey: 'rewardId' },
});

/**
 * The payout of an approved reward: held (store or payout account not payable) or queued, sent
 * once, succeeded (one success: the provider is idempotent by business number and a lost answer is
 * settled by a query before any retry), failed (finance retries or cancels). History rows carry
 * `subject: 'payout'` and the reward's id.
 */
export const PAYOUT_MACHINE = defineMachine({
  name: 'payout',
  subject: 'Payout',
  entity: Payout,
  states: PAYOUT_STATUSES,
  actions: {
    hold: { from: ['queued', 'sending'], to: 'held', who: 'system (job): the store or its payout account cannot be paid now (a sending one only once the provider says it was never paid)' },
    release: { from: ['held'], to: 'queued', who: 'system (job): the hold cleared' },
    send: { from: ['queued'], to: 'sending', who: 'system (job)' },
    succeed: { from: ['sending'], to: 'succeeded', who: 'system (job): the provider paid (answer or query)' },
    fail: { from: ['sending'], to: 'failed', who: 'system (job): the provider refused' },
    retry: { from: ['failed'], to: 'queued', who: 'finance' },
    cancel: { from: ['failed', 'held'], to: 'cancelled', who: 'finance' },
  },
  history: { entity: RewardHistory, subjectKey: 'rewardId' },
});
