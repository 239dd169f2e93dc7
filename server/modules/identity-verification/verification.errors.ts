import { defineErrors } from '../../core/errors';

/**
 * Business refusals of identity verification (policy 2.2). Core ones used too: `STALE_VERSION`
 * (the case changed since it was read), `INVALID_TRANSITION` (not allowed from the case's status,
 * e.g. resubmitting an approved case) and `MAKER_CHECKER` (the second approval by the first approver).
 */
export const VerificationErrors = defineErrors({
  /** A decision on a case the actor does not hold (claim it first). */
  NOT_CLAIMED: { code: 'CONFLICT', message: 'Claim the case before deciding it' },
  /** Releasing a case another reviewer holds (only they or an ops lead may). */
  HELD_BY_ANOTHER: { code: 'CONFLICT', message: 'Another reviewer holds this case; only they or an ops lead can release it' },
  /** The second approval of a flagged case is an ops lead's (maker-checker, policy 2.2.1). */
  SECOND_APPROVAL_LEAD_ONLY: { code: 'FORBIDDEN', message: 'A second approval needs an ops lead' },
  /** A merchant filtering the queue by review internals (flags, holder, hidden statuses) would learn its case's flags. */
  REVIEW_INTERNALS_STAFF_ONLY: { code: 'FORBIDDEN', message: 'Only staff may filter by review flags, holder or internal status' },
  /** A `final` reason code given with a request for resubmission (reject instead). */
  FINAL_REASON_NOT_RETRY: { code: 'BAD_USER_INPUT', message: 'reasonCodes: a final reason cannot ask for resubmission; reject instead' },
  /** Assigning cases to someone who is not an active ops_reviewer or ops_lead. */
  ASSIGNEE_NOT_REVIEWER: { code: 'BAD_USER_INPUT', message: 'assigneeId: the assignee must be an active reviewer or lead' },
});
