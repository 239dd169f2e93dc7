/** The server's password policy (server/modules/accounts/password.ts): length here, strength on the server. */
export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 256;

/** Translation key for a password the server refused (its BAD_USER_INPUT field message), by reason. */
export function passwordProblemKey(serverMessage: string): string {
  const m = serverMessage.toLowerCase();
  if (m.includes('characters')) return 'mc.password.length';
  if (m.includes('demo password')) return 'mc.password.demo';
  if (m.includes('login name')) return 'mc.password.login_name';
  if (m.includes('current password')) return 'mc.password.current_wrong';
  if (m.includes('different')) return 'mc.password.same';
  return 'mc.password.weak';
}
