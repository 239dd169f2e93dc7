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
