import { defineErrors } from '../../core/errors';

/** The payout account's business refusals (issue 13); `errorCode` is the key. */
export const PayoutAccountErrors = defineErrors({
  /** Only the store owner sets or confirms the payout account (never a sub-account or staff). */
  PAYOUT_ACCOUNT_OWNER_ONLY: { code: 'FORBIDDEN', message: 'Only the store owner can change the payout account' },
  /** The owner has no mobile number on file, so no confirmation code can be sent. */
  PAYOUT_OWNER_NO_MOBILE: { code: 'CONFLICT', message: 'The store owner has no mobile number to send the confirmation code to' },
  /** Too many confirmation codes in the last hour. */
  PAYOUT_CODE_LIMIT: { code: 'TOO_MANY_REQUESTS', message: 'Too many confirmation codes were sent; try again later' },
  /** There is no change waiting for a code (never requested, confirmed, cancelled or voided). */
  PAYOUT_NO_PENDING_CHANGE: { code: 'CONFLICT', message: 'There is no payout account change waiting for confirmation' },
  /** The code of the pending change has expired (10 minutes); request the change again. */
  PAYOUT_CODE_EXPIRED: { code: 'CONFLICT', message: 'The confirmation code has expired; request the change again' },
  /** The code is wrong; `attemptsLeft` says how many tries remain. */
  PAYOUT_CODE_WRONG: { code: 'BAD_USER_INPUT', message: 'The confirmation code is wrong' },
  /** Five wrong codes voided the pending change; request it again. */
  PAYOUT_CHANGE_VOIDED: { code: 'CONFLICT', message: 'Too many wrong codes: the change was voided; request it again' },
});
