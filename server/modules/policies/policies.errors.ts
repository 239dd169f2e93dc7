import { defineErrors } from '../../core/errors';

/**
 * Business refusals of policy documents, versions and acknowledgements (policy chapter 8). The
 * four-eyes rule of a material version raises `CoreErrors.MAKER_CHECKER`; a stale `rowVersion`
 * `CoreErrors.STALE_VERSION`; a transition the machine does not have `CoreErrors.INVALID_TRANSITION`.
 */
export const PolicyErrors = defineErrors({
  /** Only a draft's content is edited (published versions are immutable). */
  NOT_A_DRAFT: { code: 'CONFLICT', message: 'Only drafts are edited' },
  /** Acknowledging is done for a store: by its owner or a sub-account with the permission. */
  NOT_A_STORE: { code: 'FORBIDDEN', message: 'Only a store (its owner or a permitted sub-account) acknowledges policies' },
  /** A draft starts from a version of the same document. */
  OTHER_DOCUMENT: { code: 'BAD_USER_INPUT', message: 'The version belongs to another document' },
  /** A draft of a document without any version needs its own body. */
  NO_SOURCE_VERSION: { code: 'BAD_USER_INPUT', message: 'The document has no version to start from: give a body' },
  /** Submitting needs numbered clauses, a change summary (after version 1) and a consistent material flag (clause 8.2). */
  NOT_SUBMITTABLE: { code: 'BAD_USER_INPUT', message: 'The version is not ready for review' },
});
