import { defineMachine } from '../../core/state-machine';
import { VerificationCase, VERIFICATION_STATUSES, type VerificationStatus } from './verification-case.entity';
import { VerificationTransition } from './verification-transition.entity';

/**
 * A verification case's status (policy 2.2.1). The target status is fixed, except `approve`
 * (a flagged case goes to a second approval by another ops_lead: maker-checker).
 *
 *   submit/resubmit ─► submitted ─claim/assign─► in_review ─approve─► approved (store opens)
 *                          ▲  ◄──release──────────┘   │ └─approve (flagged)─► pending_second_approval ─second_approve─► approved
 *                          └── resubmit ◄─ resubmission_requested ◄─request_resubmission─┤
 *                                                          rejected (final) ◄──reject────┘
 */
export const VERIFICATION_MACHINE = defineMachine({
  name: 'verification',
  subject: 'Verification',
  entity: VerificationCase,
  states: VERIFICATION_STATUSES,
  actions: {
    submit: { from: [null], to: 'submitted', who: 'merchant (store owner or a sub-account with store.verification.submit)' },
    resubmit: { from: ['submitted', 'in_review', 'pending_second_approval', 'resubmission_requested'], to: 'submitted', who: 'merchant (voids a pending approval)' },
    claim: { from: ['submitted'], to: 'in_review', who: 'ops_reviewer, ops_lead' },
    assign: { from: ['submitted', 'in_review'], to: 'in_review', who: 'ops_lead (bulk)' },
    release: { from: ['in_review'], to: 'submitted', who: 'the holder, or ops_lead' },
    approve: { from: ['in_review'], to: ['approved', 'pending_second_approval'], who: 'the holder (ops_reviewer, ops_lead); flagged cases await a second approval' },
    second_approve: { from: ['pending_second_approval'], to: 'approved', who: 'ops_lead other than the first approver' },
    reject: { from: ['in_review', 'pending_second_approval'], to: 'rejected', who: 'the holder; on a pending second approval, ops_lead' },
    request_resubmission: { from: ['in_review', 'pending_second_approval'], to: 'resubmission_requested', who: 'the holder; on a pending second approval, ops_lead' },
  },
  history: { entity: VerificationTransition, subjectKey: 'caseId' },
});
export type VerificationAction = keyof typeof VERIFICATION_MACHINE.actions;

/**
 * The status a merchant (or its sub-accounts: anyone but staff) is shown. A case waiting for its
 * second approval is a FLAGGED case (duplicate ID, minor, expired document ...): showing that
 * status would tell the merchant it was flagged, so it reads as the neutral `in_review`
 * (issue 10 item 11). Applied server-side on every path a non-staff actor reads a status from:
 * the case, its history, the queue, the status counts and their filter.
 */
const MERCHANT_STATUS: Partial<Record<VerificationStatus, VerificationStatus>> = { pending_second_approval: 'in_review' };

export function visibleStatus(status: VerificationStatus, staff: boolean): VerificationStatus {
  return staff ? status : (MERCHANT_STATUS[status] ?? status);
}

/** The stored statuses a non-staff actor's status filter stands for (`in_review` covers the cases shown as such). */
export function storedStatuses(shown: readonly VerificationStatus[]): VerificationStatus[] {
  return [...new Set(shown.flatMap((s) => [s, ...(Object.keys(MERCHANT_STATUS) as VerificationStatus[]).filter((k) => MERCHANT_STATUS[k] === s)]))];
}
