import { defineMachine } from '../../core/state-machine';
import { DISCLOSURE_STATUSES, DisputeDisclosure } from './dispute-disclosure.entity';
import { DisputeHistory } from './dispute-history.entity';
import { Dispute, DISPUTE_STATUSES } from './dispute.entity';

/**
 * A dispute's status: opened by intake or support, sent to the merchant with a deadline in PRC
 * working days, answered (or the deadline passes), decided by the platform, closed. History rows
 * carry `subject: 'dispute'`.
 */
export const DISPUTE_MACHINE = defineMachine({
  name: 'dispute',
  subject: 'Dispute',
  entity: Dispute,
  states: DISPUTE_STATUSES,
  actions: {
    open: { from: [null], to: 'open', who: 'support, or a service account with the dispute.intake scope' },
    sendToMerchant: { from: ['open', 'awaiting_platform'], to: 'awaiting_merchant', who: 'support (sets the response deadline in PRC working days)' },
    respond: { from: ['awaiting_merchant'], to: 'awaiting_platform', who: 'merchant (owner, or a sub-account with disputes.respond)' },
    missDeadline: { from: ['awaiting_merchant'], to: 'awaiting_platform', who: 'system (job): the deadline passed without an answer; a full refund is proposed' },
    escalate: { from: ['awaiting_platform'], to: 'escalated', who: 'support' },
    resolve: { from: ['awaiting_platform', 'escalated'], to: 'resolved', who: 'support; ops_lead for an escalated case' },
    close: { from: ['resolved'], to: 'closed', who: 'support' },
    withdraw: { from: ['open', 'awaiting_merchant', 'awaiting_platform', 'escalated'], to: 'withdrawn', who: 'support, or the intake service on the buyer’s withdrawal' },
  },
  history: { entity: DisputeHistory, subjectKey: 'disputeId' },
});
export type DisputeAction = keyof typeof DISPUTE_MACHINE.actions;

/**
 * A request to disclose the merchant's identity to the buyer (policy 4.1 i): recorded by support,
 * approved or refused by a second person, closed when the buyer's link dies (expiry or view
 * limit). History rows carry `subject: 'disclosure'` and the dispute's id.
 */
export const DISCLOSURE_MACHINE = defineMachine({
  name: 'disputeDisclosure',
  subject: 'DisputeDisclosure',
  entity: DisputeDisclosure,
  states: DISCLOSURE_STATUSES,
  actions: {
    request: { from: [null], to: 'requested', who: 'support' },
    approve: { from: ['requested'], to: 'approved', who: 'ops_lead or legal, never the requester' },
    refuse: { from: ['requested'], to: 'refused', who: 'ops_lead or legal, never the requester' },
    close: { from: ['approved'], to: 'closed', who: 'system: the link expired or reached its view limit' },
  },
  history: { entity: DisputeHistory, subjectKey: 'disclosureId' },
});
