/**
 * Who may approve a reward, as configuration (issue 13; policy 2.3.6): amounts in integer fen.
 * - the proposer never approves its own proposal;
 * - at or above `financeAt`, the approver must hold `finance`;
 * - above `dualAbove`, two approvals by different people (the second also satisfying the rules).
 * Below `financeAt`, an `ops_lead` or `finance` approves. Pure: the server enforces it, the UI explains it.
 */
export interface ApprovalThresholds {
  /** Amounts at or above this need an approver with the finance role (fen). */
  financeAt: number;
  /** Amounts above this need two approvals by different people (fen). */
  dualAbove: number;
}

export type ApprovalOutcome = 'approved' | 'first_approval' | 'PROPOSER_CANNOT_APPROVE' | 'FINANCE_REQUIRED' | 'SECOND_APPROVER_REQUIRED' | 'NOT_AN_APPROVER';

export interface ApprovalCase {
  amountFen: number;
  proposerId: string;
  /** Set when the reward already has its first of two approvals. */
  firstApproverId: string | null;
  approverId: string;
  approverRoles: readonly string[];
}

/** What an approval by `approverId` does to the reward, or why it is refused. */
export function approvalOutcome(c: ApprovalCase, t: ApprovalThresholds): ApprovalOutcome {
  if (c.approverId === c.proposerId) return 'PROPOSER_CANNOT_APPROVE';
  const finance = c.approverRoles.includes('finance');
  if (!finance && !c.approverRoles.includes('ops_lead')) return 'NOT_AN_APPROVER';
  if (c.amountFen >= t.financeAt && !finance) return 'FINANCE_REQUIRED';
  if (c.amountFen <= t.dualAbove) return 'approved';
  if (!c.firstApproverId) return 'first_approval';
  return c.firstApproverId === c.approverId ? 'SECOND_APPROVER_REQUIRED' : 'approved';
}

/** Why a payout waits: the store (not verified, suspended, closed) or its payout account. */
export const HOLD_REASONS = ['store_not_verified', 'store_suspended', 'store_closed', 'no_account', 'change_pending', 'change_hold', 'name_mismatch'] as const;
export type HoldReason = (typeof HOLD_REASONS)[number];

/** The hold a store's status implies, or null when it may be paid. */
export function storeHold(storeStatus: string): HoldReason | null {
  if (storeStatus === 'open') return null;
  if (storeStatus === 'suspended') return 'store_suspended';
  if (storeStatus === 'closed') return 'store_closed';
  return 'store_not_verified';
}
