import { GraphQLError } from 'graphql';

/** The error codes a client can see (`extensions.code`). Messages are safe to show: no SQL, no personal data. */
export type ErrorCode = 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'BAD_USER_INPUT' | 'CONFLICT' | 'INTERNAL' | 'TOO_MANY_REQUESTS';

export class AppError extends GraphQLError {
  constructor(code: ErrorCode, message: string, extra: Record<string, unknown> = {}) {
    super(message, { extensions: { code, ...extra } });
  }
  get code(): ErrorCode {
    return this.extensions.code as ErrorCode;
  }
}

export const unauthenticated = (message = 'Sign in first') => new AppError('UNAUTHENTICATED', message);
/** FORBIDDEN; `errorCode` (e.g. `MAKER_CHECKER`) tells a business rule apart from a missing permission. */
export const forbidden = (message = 'You are not allowed to do this', errorCode?: string) => new AppError('FORBIDDEN', message, errorCode ? { errorCode } : {});
export const notFound = (what: string) => new AppError('NOT_FOUND', `${what} not found`);
/** CONFLICT; `errorCode` (e.g. `STALE_VERSION`) lets clients tell kinds of conflict apart. */
export const conflict = (message: string, errorCode?: string) => new AppError('CONFLICT', message, errorCode ? { errorCode } : {});
export const tooManyRequests = (message: string, retryAfterSeconds?: number) =>
  new AppError('TOO_MANY_REQUESTS', message, retryAfterSeconds ? { retryAfterSeconds } : {});

/** One invalid input field: `field` is the path in the input (e.g. `input.mobile`), `message` says what is wrong. */
export interface FieldProblem {
  field: string;
  message: string;
}

/** BAD_USER_INPUT naming each offending field in `extensions.fields`. */
export function badInput(problems: FieldProblem[] | string, field?: string): AppError {
  const list = typeof problems === 'string' ? [{ field: field ?? 'input', message: problems }] : problems;
  return new AppError('BAD_USER_INPUT', list.map((p) => `${p.field}: ${p.message}`).join('; '), { fields: list });
}
