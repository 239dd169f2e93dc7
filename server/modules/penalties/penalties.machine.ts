import { defineMachine } from '../../core/state-machine';
import { APPEAL_STATUSES, PenaltyAppeal } from './penalty-appeal.entity';
import { PenaltyHistory } from './penalty-history.entity';
import { Penalty, PENALTY_STATUSES } from './penalty.entity';

/**
 * A penalty's status (policy 2.3.4): drafted by a reviewer, issued by a lead (maker-checker for
 * suspensions and closures), revoked directly or on appeal. History rows carry `subject: 'penalty'`.
 */
export const PENALTY_MACHINE = defineMachine({
  name: 'penalty',
  subject: 'Penalty',
  entity: Penalty,
  states: PENALTY_STATUSES,
  actions: {
    draft: { from: [null], to: 'draft', who: 'ops_reviewer' },
    issue: { from: ['draft'], to: 'issued', who: 'ops_lead (not the drafter of a suspension or closure)' },
    cancel: { from: ['draft'], to: 'cancelled', who: 'the drafter or ops_lead' },
    revoke: { from: ['issued'], to: 'revoked', who: 'ops_lead, directly or by deciding an appeal `revoke`' },
  },
  history: { entity: PenaltyHistory, subjectKey: 'penaltyId' },
});
export type PenaltyAction = keyof typeof PENALTY_MACHINE.actions;

/**
 * A merchant's appeal of an issued penalty (policy 6.5). History rows carry `subject: 'appeal'`
 * and the penalty's id beside the appeal's.
 */
export const APPEAL_MACHINE = defineMachine({
  name: 'penaltyAppeal',
  subject: 'PenaltyAppeal',
  entity: PenaltyAppeal,
  states: APPEAL_STATUSES,
  actions: {
    submit: { from: [null], to: 'pending', who: 'merchant (owner or a sub-account allowed to appeal)' },
    uphold: { from: ['pending'], to: 'upheld', who: 'ops_lead' },
    revoke: { from: ['pending'], to: 'revoked', who: 'ops_lead' },
  },
  history: { entity: PenaltyHistory, subjectKey: 'appealId' },
});
export type AppealAction = keyof typeof APPEAL_MACHINE.actions;
