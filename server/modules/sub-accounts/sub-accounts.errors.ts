import { defineErrors } from '../../core/errors';

/**
 * The refusals of sub-accounts, store roles and invitations (policy 2.3.4). Keys are the stable
 * `errorCode`s the UI translates; a taken role name or a second pending invitation of one mobile is
 * the core `ALREADY_EXISTS`.
 */
export const SubAccountErrors = defineErrors({
  /** A role or a grant names an owner-only permission (never grantable). */
  OWNER_ONLY_PERMISSION: { code: 'FORBIDDEN', message: 'Owner-only permissions cannot be granted' },
  /** A role or a grant goes beyond the actor's own store permissions. */
  EXCEEDS_OWN_PERMISSIONS: { code: 'FORBIDDEN', message: 'You cannot grant permissions you do not hold' },
  /** A sub-account edits or deletes a role it holds. */
  OWN_ROLE: { code: 'FORBIDDEN', message: 'You cannot change a role you hold' },
  /** The role to change has permissions the actor does not hold. */
  ROLE_EXCEEDS_OWN: { code: 'FORBIDDEN', message: 'This role has permissions you do not hold' },
  /** The target is the store owner, who is not a sub-account. */
  STORE_OWNER: { code: 'FORBIDDEN', message: 'The store owner cannot be changed by this operation' },
  /** A sub-account changes itself or its own roles. */
  OWN_SUB_ACCOUNT: { code: 'FORBIDDEN', message: 'You cannot change your own sub-account or roles' },
  /** The target sub-account has permissions the actor does not hold. */
  TARGET_EXCEEDS_OWN: { code: 'FORBIDDEN', message: 'This sub-account has permissions you do not hold' },
  /** The owner's own mobile is invited (no sub-account impersonates the owner). */
  OWNER_MOBILE: { code: 'FORBIDDEN', message: "The store owner's mobile cannot become a sub-account" },
  /** The sub-account was removed: its roles and status no longer change (reactivation included). */
  SUB_ACCOUNT_REMOVED: { code: 'CONFLICT', message: 'This sub-account was removed' },
  /** The mobile already belongs to a sub-account of the store (invitation, acceptance). */
  MOBILE_HAS_SUB_ACCOUNT: { code: 'CONFLICT', message: 'This mobile number already has a sub-account in this store' },
  /** Resend or cancel of an invitation that is no longer pending (the message names its status). */
  INVITATION_NOT_PENDING: { code: 'CONFLICT', message: 'This invitation is no longer pending' },
  /** Acceptance: the invitation was accepted already. */
  INVITATION_USED: { code: 'CONFLICT', message: 'This invitation has already been used' },
  /** Acceptance: the store cancelled the invitation. */
  INVITATION_CANCELLED: { code: 'CONFLICT', message: 'This invitation was cancelled' },
  /** Acceptance: the code's 15 minutes are over. */
  INVITATION_EXPIRED: { code: 'CONFLICT', message: 'The code has expired; ask the store to send a new one' },
  /** Acceptance: the invitation stopped being pending while the code was checked (a parallel acceptance won). */
  INVITATION_NO_LONGER_VALID: { code: 'CONFLICT', message: 'This invitation is no longer valid' },
  /** Acceptance: 5 wrong codes locked the invitation. */
  INVITATION_LOCKED: { code: 'TOO_MANY_REQUESTS', message: 'Too many wrong codes; ask the store for a new invitation' },
  /** Acceptance: the chosen login name is taken. */
  LOGIN_TAKEN: { code: 'CONFLICT', message: 'That login name is taken' },
  /** Acceptance: a wrong code (`extensions.fields` names `code`; its message says how many attempts remain: `wrong code; N attempt(s) left`). */
  WRONG_CODE: { code: 'BAD_USER_INPUT', message: 'code: wrong code' },
});
