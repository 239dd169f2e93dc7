import { defineErrors } from '../../core/errors';

/** The rewards module's business refusals (policy 2.3.6); `errorCode` is the key. */
export const RewardErrors = defineErrors({
  /** The programme is unknown or inactive. */
  PROGRAMME_UNAVAILABLE: { code: 'BAD_USER_INPUT', message: 'no such active reward programme' },
  /** The store to reward does not exist. */
  NO_SUCH_STORE: { code: 'BAD_USER_INPUT', message: 'no such store' },
  /** The period's end is before its start. */
  PERIOD_REVERSED: { code: 'BAD_USER_INPUT', message: 'the period must end on or after its start' },
  /** The proposer never approves its own proposal. */
  PROPOSER_CANNOT_APPROVE: { code: 'FORBIDDEN', message: 'You proposed this reward: another person approves it' },
  /** At or above the finance threshold, a finance approver is needed. */
  FINANCE_REQUIRED: { code: 'FORBIDDEN', message: 'This amount needs an approver from finance' },
  /** Above the dual threshold, the second approval is by another person. */
  SECOND_APPROVER_REQUIRED: { code: 'FORBIDDEN', message: 'A second, different person must approve this amount' },
  /** Only operations leads and finance approve rewards. */
  NOT_AN_APPROVER: { code: 'FORBIDDEN', message: 'Only an operations lead or finance approves rewards' },
  /** The approval would take the programme beyond its budget. */
  BUDGET_EXCEEDED: { code: 'CONFLICT', message: "This approval would exceed the programme's budget" },
  /** Only the proposer cancels a proposal. */
  NOT_PROPOSER: { code: 'FORBIDDEN', message: 'Only the proposer cancels a proposal' },
  /** A programme code is taken. */
  PROGRAMME_CODE_TAKEN: { code: 'CONFLICT', message: 'A programme with this code exists' },
  /** A reward CSV is larger than 5 MiB (decoded). */
  IMPORT_TOO_LARGE: { code: 'BAD_USER_INPUT', message: 'The file is larger than 5 MiB' },
  /** A reward CSV is empty. */
  IMPORT_EMPTY: { code: 'BAD_USER_INPUT', message: 'The file is empty' },
  /** Reconciliation of a PRC date that has not begun yet. */
  RECONCILIATION_DATE_AHEAD: { code: 'BAD_USER_INPUT', message: 'Only today or an earlier PRC date can be reconciled' },
});
