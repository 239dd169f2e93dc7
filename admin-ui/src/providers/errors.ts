import { own } from '../../../rules/own';
import { errorMessages } from '../i18n/errors';

/**
 * THE translation of a failed request (issue 11 item 2), used by graphql.ts for every
 * GraphQLRequestError (its `message`, which react-admin notifications translate) and by the pages
 * that show a refusal themselves. No component reads the server's English text:
 * 1. a business refusal (`extensions.errorCode`) -> `errors.<scope>.<CODE>` when that area words it
 *    its own way, else `errors.<CODE>` (i18n/errors.ts);
 * 2. an errorCode without a message here: the server's message;
 * 3. no errorCode: a field problem -> the first field's message (found by QA: a dialog or an
 *    upload has no input to show it on, and "check the form" hid the reason); sign-in,
 *    permission, not-found, rate-limit, server and network failures -> `mc.error.<CODE>`;
 * 4. otherwise (an uncoded CONFLICT or BAD_USER_INPUT) the server's own message.
 */

/** What `describeError` needs of a failure (GraphQLRequestError has all of it). */
export interface RequestFailure {
  code: string;
  serverMessage: string;
  errorCode?: string;
  fields?: { field: string; message: string }[];
}

const GENERIC = new Set(['UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'TOO_MANY_REQUESTS', 'INTERNAL', 'NETWORK']);
const CATALOGUE: Record<string, unknown> = errorMessages.en.errors;

/** Whether the UI has a message for `errorCode` (optionally worded for `scope`): its key, or undefined. */
export function refusalKey(errorCode: string | undefined, scope?: string): string | undefined {
  if (!errorCode) return undefined;
  const scoped = scope ? own(CATALOGUE, scope) : undefined;
  if (scoped && typeof scoped === 'object' && typeof own(scoped as Record<string, unknown>, errorCode) === 'string') return `errors.${scope}.${errorCode}`;
  return typeof own(CATALOGUE, errorCode) === 'string' ? `errors.${errorCode}` : undefined;
}

/** Whether `e` looks like a failed request (duck-typed: graphql.ts imports this module). */
function isFailure(e: unknown): e is RequestFailure {
  return e instanceof Error && typeof (e as Partial<RequestFailure>).code === 'string' && typeof (e as Partial<RequestFailure>).serverMessage === 'string';
}

/**
 * The message of a failure as `translate(key, args)`: `args._` is the server's message, so a key
 * without a translation reads as the server said it.
 */
export function describeError(e: unknown, scope?: string): { key: string; args: { _: string } } {
  if (!isFailure(e)) return { key: 'mc.error.INTERNAL', args: { _: e instanceof Error ? e.message : String(e) } };
  return { key: failureKey(e, scope), args: { _: e.serverMessage } };
}

/** The translation key (or, as a last resort, the server's message) of a failure; see the module doc. */
export function failureKey(f: RequestFailure, scope?: string): string {
  const refusal = refusalKey(f.errorCode, scope);
  if (refusal) return refusal;
  // A refusal the UI has no message for yet: its server message says more than the generic one.
  if (f.errorCode && f.serverMessage) return f.serverMessage;
  // A field problem without a code (a format the server's validators refused): its own words name
  // the problem, which the generic "check the form" does not where no input shows it (a dialog, an upload).
  if (f.code === 'BAD_USER_INPUT' && f.fields?.length) return f.fields[0].message;
  if (GENERIC.has(f.code)) return `mc.error.${f.code}`;
  return f.serverMessage || `mc.error.${f.code}`;
}

/** `describeError(e, scope).key`, for `notify(errorKey(e))` and `translate(errorKey(e))`. */
export const errorKey = (e: unknown, scope?: string): string => describeError(e, scope).key;
