import { defineErrors } from '../../core/errors';

/**
 * The refusals of service accounts and their API keys. Also raised: the core `ALREADY_EXISTS`
 * (another service account has that name).
 */
export const ServiceAccountErrors = defineErrors({
  /** The name, trimmed, is outside SERVICE_ACCOUNT_NAME_LENGTH (raised naming `input.name`). */
  SERVICE_ACCOUNT_NAME_LENGTH: { code: 'BAD_USER_INPUT', message: 'name must be 2 to 64 characters' },
  /** No scope given (raised naming `input.scopes`). */
  NO_SCOPE: { code: 'BAD_USER_INPUT', message: 'give at least one scope' },
  /** A scope outside the fixed list (rules/service-accounts/scopes.ts; raised naming `input.scopes`). */
  UNKNOWN_SCOPE: { code: 'BAD_USER_INPUT', message: 'unknown scope' },
  /** Revoking when the account has no active key (already revoked, e.g. by a parallel revocation). */
  KEY_ALREADY_REVOKED: { code: 'CONFLICT', message: 'This service account has no active key: it is already revoked' },
  /** Issuing a key to a service account that is disabled. */
  SERVICE_ACCOUNT_DISABLED: { code: 'CONFLICT', message: 'This service account is disabled' },
  /** A service account (API key) calls an operation meant for people: inbox, sessions, password, policies. */
  NOT_FOR_SERVICE_ACCOUNTS: { code: 'FORBIDDEN', message: 'Service accounts (API keys) cannot do this' },
});
