import { defineErrors } from '../../core/errors';

/** The penalties module's business refusals (policy 2.3.4, 6.5); `errorCode` is the key. */
export const PenaltyErrors = defineErrors({
  /** A category penalties cite cannot become a group (penalties cite leaves). */
  CATEGORY_CITED: { code: 'CONFLICT', message: 'Penalties cite this category: it cannot be given sub-categories (create a sibling category instead)' },
  /** A penalty cites a leaf category, never a group. */
  CATEGORY_IS_GROUP: { code: 'BAD_USER_INPUT', message: 'choose a specific category, not a group' },
  /** The violation category is unknown or inactive. */
  CATEGORY_UNAVAILABLE: { code: 'BAD_USER_INPUT', message: 'no such active violation category' },
  /** The sanction type is unknown or inactive, or the category has no default sanction. */
  SANCTION_UNAVAILABLE: { code: 'BAD_USER_INPUT', message: 'no such active sanction type' },
  /** The store to penalise does not exist. */
  NO_SUCH_STORE: { code: 'BAD_USER_INPUT', message: 'no such store' },
  /** A cited file is not the actor's upload of that purpose, or another record cites it. */
  FILE_NOT_CLAIMABLE: { code: 'BAD_USER_INPUT', message: 'each file must be one you uploaded and not used elsewhere' },
  /** Only the drafter edits a draft. */
  NOT_DRAFTER: { code: 'FORBIDDEN', message: 'Only the drafter may edit a draft' },
  /** Only the drafter or a lead cancels a draft. */
  CANCEL_NOT_ALLOWED: { code: 'FORBIDDEN', message: 'Only the drafter or a lead may cancel a draft' },
  /** One pending appeal per penalty; a penalty under appeal is decided through the appeal. */
  APPEAL_PENDING: { code: 'CONFLICT', message: 'An appeal is pending: decide the appeal instead' },
  /** The appeal window (PRC working days after issue) has closed. */
  APPEAL_WINDOW_CLOSED: { code: 'CONFLICT', message: 'The appeal window has closed' },
  /** The per-penalty appeal limit is reached. */
  APPEAL_LIMIT_REACHED: { code: 'CONFLICT', message: 'No more appeals are allowed for this penalty' },
});
