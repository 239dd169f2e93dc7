import type { VerificationStatus } from './verification-case.entity';

/**
 * The verification lifecycle as a transition table: for each action, the statuses it may start
 * from. The target status is fixed, except `approve` (flagged cases go to a second approval).
 *
 *   submit/resubmit ─► submitted ─claim/assign─► in_review ─approve─► approved (store opens)
 *                          ▲  ◄──release──────────┘   │ └─approve (flagged)─► pending_second_approval ─second_approve─► approved
 *                          └── resubmit ◄─ resubmission_requested ◄─request_resubmission─┤
 *                                                          rejected (final) ◄──reject────┘
 */
export const TRANSITIONS = {
  submit: { from: [null], to: 'submitted' },
  resubmit: { from: ['submitted', 'in_review', 'pending_second_approval', 'resubmission_requested'], to: 'submitted' },
  claim: { from: ['submitted'], to: 'in_review' },
  assign: { from: ['submitted', 'in_review'], to: 'in_review' },
  release: { from: ['in_review'], to: 'submitted' },
  approve: { from: ['in_review'], to: 'approved' },
  second_approve: { from: ['pending_second_approval'], to: 'approved' },
  reject: { from: ['in_review', 'pending_second_approval'], to: 'rejected' },
  request_resubmission: { from: ['in_review', 'pending_second_approval'], to: 'resubmission_requested' },
} as const satisfies Record<string, { from: readonly (VerificationStatus | null)[]; to: VerificationStatus }>;

export type VerificationAction = keyof typeof TRANSITIONS;

export function canTransition(action: VerificationAction, from: VerificationStatus | null): boolean {
  return (TRANSITIONS[action].from as readonly (VerificationStatus | null)[]).includes(from);
}

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
