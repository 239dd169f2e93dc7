import { defineErrors } from '../../core/errors';

/**
 * The refusals of staff accounts and platform-role grants (policy 2.1). Keys are the stable
 * `errorCode`s the UI translates. Also raised: the core `MAKER_CHECKER` (approving one's own
 * request), `INVALID_TRANSITION` (a staff status move the lifecycle forbids) and `ALREADY_EXISTS`
 * (a taken login name).
 */
export const AccountErrors = defineErrors({
  /** The password policy (password.ts) and one's own password change: raised naming the field (`fieldRefusal`). */
  PASSWORD_LENGTH: { code: 'BAD_USER_INPUT', message: 'password must be 10 to 256 characters' },
  PASSWORD_DEMO: { code: 'BAD_USER_INPUT', message: 'the demo password cannot be used in production' },
  PASSWORD_HAS_LOGIN: { code: 'BAD_USER_INPUT', message: 'password must not contain the login name' },
  PASSWORD_WEAK: { code: 'BAD_USER_INPUT', message: 'password is too easy to guess' },
  CURRENT_PASSWORD_WRONG: { code: 'BAD_USER_INPUT', message: 'the current password is wrong' },
  PASSWORD_UNCHANGED: { code: 'BAD_USER_INPUT', message: 'choose a password different from the current one' },
  /** Signed in with an admin-set temporary password: everything but changing it is refused (GraphQL and uploads). */
  PASSWORD_CHANGE_REQUIRED: { code: 'FORBIDDEN', message: 'Change your temporary password first' },
  /** An admin changes (roles, lifecycle) its own account. */
  OWN_ACCOUNT: { code: 'FORBIDDEN', message: 'You cannot do this to your own account' },
  /** An admin decides a grant of roles to itself. */
  OWN_ROLES: { code: 'FORBIDDEN', message: 'You cannot decide a grant of roles to yourself' },
  /** The account is deactivated (final): its roles and grants no longer change. */
  ACCOUNT_DISABLED: { code: 'CONFLICT', message: 'This account is deactivated: its roles can no longer change' },
  /** The grant is no longer pending (a parallel decision won). */
  GRANT_DECIDED: { code: 'CONFLICT', message: 'This grant has already been decided' },
  /** Taking an admin away would leave fewer than two other active admins (maker-checker needs a checker). */
  LAST_CHECKER: { code: 'CONFLICT', message: 'At least two active admins must remain, so that every grant still has a second admin to approve it' },
});
