/** The server's password policy (server/modules/accounts/password.ts): length here, strength on the server. */
export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 256;

const PROBLEM_KEYS: Record<string, string> = {
  PASSWORD_LENGTH: 'mc.password.length',
  PASSWORD_DEMO: 'mc.password.demo',
  PASSWORD_HAS_LOGIN: 'mc.password.login_name',
  CURRENT_PASSWORD_WRONG: 'mc.password.current_wrong',
  PASSWORD_UNCHANGED: 'mc.password.same',
};

/** Translation key for a password the server refused, by its `errorCode` (server/modules/accounts/accounts.errors.ts). */
export function passwordProblemKey(errorCode: string | undefined): string {
  return (errorCode && Object.hasOwn(PROBLEM_KEYS, errorCode) && PROBLEM_KEYS[errorCode]) || 'mc.password.weak';
}
