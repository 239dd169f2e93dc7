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
/** FORBIDDEN for a missing permission; a business rule's refusal is a declared error instead (`defineErrors`). */
export const forbidden = (message = 'You are not allowed to do this') => new AppError('FORBIDDEN', message);
export const notFound = (what: string) => new AppError('NOT_FOUND', `${what} not found`);

/** A business refusal as a module declares it in `<module>.errors.ts`: the GraphQL code and the English message for API clients. */
export interface ErrorSpec {
  code: Exclude<ErrorCode, 'INTERNAL' | 'UNAUTHENTICATED'>;
  message: string;
}

/**
 * Raises one declared refusal: `extensions.code` is the spec's code, `extensions.errorCode` the
 * stable key the UI translates (`errors.<errorCode>` in admin-ui/src/i18n). `message` replaces the
 * English default when the refusal names a detail; `extra` goes into the extensions.
 */
export interface ErrorFactory {
  (message?: string, extra?: Record<string, unknown>): AppError;
  readonly errorCode: string;
  readonly code: ErrorSpec['code'];
}

/**
 * Declares a module's business refusals (`<module>.errors.ts`), listed in its manifest so that the
 * UI's translations can be checked against them. Keys are the stable `errorCode`s (UPPER_SNAKE).
 */
export function defineErrors<const T extends Record<string, ErrorSpec>>(specs: T): { readonly [K in keyof T]: ErrorFactory } {
  const out: Record<string, ErrorFactory> = {};
  for (const [errorCode, spec] of Object.entries(specs)) {
    const f = (message?: string, extra: Record<string, unknown> = {}) => new AppError(spec.code, message ?? spec.message, { ...extra, errorCode });
    out[errorCode] = Object.assign(f, { errorCode, code: spec.code });
  }
  return out as { readonly [K in keyof T]: ErrorFactory };
}

/**
 * A declared BAD_USER_INPUT refusal that names the input field, like `badInput` does
 * (`extensions.fields`, message `<field>: <message>`), so the UI marks the field.
 */
export function fieldRefusal(error: ErrorFactory, field: string, message?: string): AppError {
  const m = message ?? error().message;
  return error(`${field}: ${m}`, { fields: [{ field, message: m }] });
}

/** The refusals every module shares. */
export const CoreErrors = defineErrors({
  /** The row changed since the client read it (its `rowVersion`). */
  STALE_VERSION: { code: 'CONFLICT', message: 'This record was changed meanwhile; reload it and try again' },
  /** The action is not allowed from the row's current status (state machine). */
  INVALID_TRANSITION: { code: 'CONFLICT', message: 'This action is not allowed in the current status' },
  /** Four eyes: the maker may not also be the checker. */
  MAKER_CHECKER: { code: 'FORBIDDEN', message: 'A second person must approve this' },
  /** The record's key (a code, a name, one open X per Y) is taken, whether a check or a unique index found it. */
  ALREADY_EXISTS: { code: 'CONFLICT', message: 'This already exists' },
});

/** CONFLICT `ALREADY_EXISTS` with a message naming the key. */
export const alreadyExists = (message: string) => CoreErrors.ALREADY_EXISTS(message);

/** Whether `e` is PostgreSQL's unique violation (23505), as pg or TypeORM's QueryFailedError carries it. */
export function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: string; driverError?: { code?: string } } | null;
  return err?.code === '23505' || err?.driverError?.code === '23505';
}

export const tooManyRequests = (message: string, retryAfterSeconds?: number) => new AppError('TOO_MANY_REQUESTS', message, retryAfterSeconds ? { retryAfterSeconds } : {});

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
