import { defineErrors } from '../../core/errors';

/** The disputes module's business refusals (policy 4.1 i); `errorCode` is the key. */
export const DisputeErrors = defineErrors({
  /** The store named by a new dispute does not exist. */
  NO_SUCH_STORE: { code: 'BAD_USER_INPUT', message: 'no such store' },
  /** The after-sales number already belongs to a dispute of another store or order. */
  AFTER_SALES_NUMBER_TAKEN: { code: 'CONFLICT', message: 'This after-sales number belongs to another dispute' },
  /** A partial refund must be above 0 and at most the amount claimed. */
  REFUND_OUT_OF_RANGE: { code: 'BAD_USER_INPUT', message: 'a partial refund must be above 0 and at most the amount claimed' },
  /** An escalated dispute is decided by an operations lead. */
  ESCALATED_NEEDS_LEAD: { code: 'FORBIDDEN', message: 'An escalated dispute is decided by an operations lead' },
  /** The actor may read the store's disputes but not answer them (a sub-account without disputes.respond), or works no disputes. */
  DISPUTE_READ_ONLY: { code: 'FORBIDDEN', message: 'You may read this dispute but not answer it' },
  /** No messages on a closed or withdrawn dispute. */
  DISPUTE_FINISHED: { code: 'CONFLICT', message: 'This dispute is finished: no more messages or requests' },
  /** A cited file is not the actor's unused evidence upload. */
  FILE_NOT_CLAIMABLE: { code: 'BAD_USER_INPUT', message: 'each file must be evidence you uploaded and not used elsewhere' },
  /** One disclosure request at a time per dispute. */
  DISCLOSURE_PENDING: { code: 'CONFLICT', message: 'A disclosure request of this dispute is already waiting for a decision' },
  /** The requester of a disclosure cannot decide it (a second person must). */
  DISCLOSURE_OWN_REQUEST: { code: 'FORBIDDEN', message: 'A second person must decide a disclosure you requested' },
  /** An approver may narrow the requested fields, never widen them. */
  DISCLOSURE_FIELDS_WIDENED: { code: 'BAD_USER_INPUT', message: 'approve some of the requested fields, none other' },
  /** The store has no approved identity verification to disclose. */
  DISCLOSURE_NO_IDENTITY: { code: 'CONFLICT', message: 'The store has no verified identity to disclose' },
  /** The buyer's link is unknown, expired, used up or refused: one answer for all, so nothing is learnt from it. */
  DISCLOSURE_LINK_DEAD: { code: 'NOT_FOUND', message: 'This link is invalid or has expired' },
  /** The one-time code is wrong or expired. */
  DISCLOSURE_CODE_WRONG: { code: 'BAD_USER_INPUT', message: 'The code is wrong or has expired; request a new one' },
  /** Codes are sent at most once a minute and a limited number of times per link. */
  DISCLOSURE_CODE_LIMIT: { code: 'TOO_MANY_REQUESTS', message: 'Wait before requesting another code' },
});
