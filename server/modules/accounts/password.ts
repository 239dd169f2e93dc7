import { Algorithm, hash, verify } from '@node-rs/argon2';
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import type { App } from '../../core/app';
import { fieldRefusal, type ErrorFactory } from '../../core/errors';
import { AccountErrors } from './accounts.errors';

/** argon2id with the OWASP-recommended minimum (19 MiB, 2 passes, 1 lane). */
const OPTIONS = { algorithm: Algorithm.Argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 };

/** A hash that matches no password: for accounts that cannot sign in with a password. */
export const NO_PASSWORD = '!';

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

let dummy: Promise<string> | undefined;

/**
 * Verifies a password; for an unknown account (`stored` undefined) or one without a password it
 * still runs a full argon2 verification, so timing does not tell which accounts exist.
 */
export async function verifyPassword(stored: string | undefined, password: string): Promise<boolean> {
  if (!stored || stored === NO_PASSWORD) {
    dummy ??= hashPassword('not-a-real-password');
    await verify(await dummy, password).catch(() => false);
    return false;
  }
  return verify(stored, password).catch(() => false);
}

/** The demo sign-ins' password (server/seed/demo.ts); refused by the policy in production. */
export const DEMO_PASSWORD = 'Demo@2026!';

/** Password length in characters (UTF-16 units), policy bounds. */
export const PASSWORD_LENGTH = { min: 10, max: 256 } as const;
/** Lowest accepted zxcvbn score (0-4; 3 = "safely unguessable", about 10^8 guesses). */
const MIN_SCORE = 3;

const WARNINGS: Record<string, string> = {
  straightRow: 'it is a row of keys',
  keyPattern: 'it is a keyboard pattern',
  simpleRepeat: 'it repeats characters',
  extendedRepeat: 'it repeats a pattern',
  sequences: 'it is a sequence',
  recentYears: 'it is a recent year',
  dates: 'it is a date',
  topTen: 'it is one of the most common passwords',
  topHundred: 'it is a very common password',
  common: 'it is a common password',
  similarToCommon: 'it is too similar to a common password',
  wordByItself: 'it is a single word',
  namesByThemselves: 'it is a name',
  commonNames: 'it is a common name',
  userInputs: 'it is based on the login name',
  pwned: 'it appeared in a data breach',
};

let estimator: ZxcvbnFactory | undefined;
function strength(password: string, userInputs: string[]) {
  estimator ??= new ZxcvbnFactory({ dictionary: { ...common.dictionary }, graphs: common.adjacencyGraphs, useLevenshteinDistance: true });
  return estimator.check(password, userInputs);
}

/**
 * The one password policy (issue 10 item 7), for every path that sets a password: staff creation,
 * one's own change, invitation acceptance, the demo seed. Refuses a password outside
 * PASSWORD_LENGTH, one containing the login name, one the zxcvbn estimator (@zxcvbn-ts, common
 * passwords, repeats, sequences, keyboard patterns, the login name) scores below 3, and the demo
 * password in production.
 * @throws BAD_USER_INPUT naming `field`, errorCode PASSWORD_LENGTH | PASSWORD_DEMO | PASSWORD_HAS_LOGIN | PASSWORD_WEAK, with a reason safe to show (never the password).
 */
export function checkPasswordPolicy(password: string, opts: { loginName: string; production: boolean; field?: string }): void {
  const field = opts.field ?? 'input.password';
  const refuse = (error: ErrorFactory, why?: string) => {
    throw fieldRefusal(error, field, why);
  };
  if (password.length < PASSWORD_LENGTH.min || password.length > PASSWORD_LENGTH.max)
    refuse(AccountErrors.PASSWORD_LENGTH, `password must be ${PASSWORD_LENGTH.min} to ${PASSWORD_LENGTH.max} characters`);
  if (opts.production && password === DEMO_PASSWORD) refuse(AccountErrors.PASSWORD_DEMO);
  const login = opts.loginName.trim().toLowerCase();
  if (login.length >= 3 && password.toLowerCase().includes(login)) refuse(AccountErrors.PASSWORD_HAS_LOGIN);
  const result = strength(password, [login]);
  if (result.score < MIN_SCORE) {
    const warning = result.feedback.warning;
    refuse(AccountErrors.PASSWORD_WEAK, `password is too easy to guess${warning && Object.hasOwn(WARNINGS, warning) ? `: ${WARNINGS[warning]}` : ''}`);
  }
}

/** Checks `password` against the policy, then hashes it. @throws BAD_USER_INPUT (see checkPasswordPolicy). */
export function hashNewPassword(app: App, password: string, loginName: string, field?: string): Promise<string> {
  checkPasswordPolicy(password, { loginName, production: app.config.env === 'production', field });
  return hashPassword(password);
}
