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
/** CONFLICT `ALREADY_EXISTS`: the record's key (a code, a name, one open X per Y) is taken, whether a check or a unique index found it. */
export const alreadyExists = (message: string) => conflict(message, 'ALREADY_EXISTS');

/** Whether `e` is PostgreSQL's unique violation (23505), as pg or TypeORM's QueryFailedError carries it. */
export function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: string; driverError?: { code?: string } } | null;
  return err?.code === '23505' || err?.driverError?.code === '23505';
}

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
