import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';
import { ArgumentValidationError } from 'type-graphql';
import { QueryFailedError } from 'typeorm';
import { AppError, isUniqueViolation } from '../core/errors';

/** Codes Apollo and graphql-armor give to faults of the client's query (before any resolver ran). */
const CLIENT_FAULT_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
]);

const SAFE_EXTENSION_KEYS = ['code', 'errorCode', 'fields', 'retryAfterSeconds', 'attemptsLeft', 'requestId'];

/** Log-safe form of an unexpected error message: quoted values and long digit runs (ids, phones) removed. */
export function scrubLog(message: string): string {
  return message
    .slice(0, 300)
    .replace(/"[^"]*"|'[^']*'|\([^)]*\)=\([^)]*\)/g, '"…"')
    .replace(/\d{6,}/g, '#');
}

/** Strips values a client sent from GraphQL's own validation messages (they may hold personal data). */
export function scrubValues(message: string): string {
  return message
    .replace(/got invalid value .*?(; | at "|$)/gs, (_m, tail: string) => `got an invalid value${tail === '; ' ? '; ' : tail === ' at "' ? ' at "' : ''}`)
    .replace(/found [^;]*?(;|\.$|$)/gs, 'found an invalid value$1')
    .replace(/Expected type "([^"]+)"\. .*$/s, 'Expected type "$1".')
    .replace(/cannot represent (a )?(non-[\w ]+ )?value: .*$/s, 'cannot represent the given value.');
}

function classValidatorFields(err: ArgumentValidationError) {
  const out: { field: string; message: string }[] = [];
  const walk = (errors: ArgumentValidationError['extensions']['validationErrors'], prefix: string) => {
    for (const e of errors ?? []) {
      const field = prefix ? `${prefix}.${e.property}` : e.property;
      if (e.constraints) out.push({ field, message: Object.values(e.constraints).join('; ') });
      walk(e.children as never, field);
    }
  };
  walk(err.extensions.validationErrors, '');
  return out;
}

/**
 * Apollo's `formatError`: every error leaves with a code from our list and a safe message.
 * Unknown errors become INTERNAL with a generic message; their details go to the log (already
 * redacted), never to the client, in any NODE_ENV.
 */
export function makeFormatError(log: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    const base = { locations: formatted.locations, path: formatted.path };
    if (original instanceof AppError) {
      const ext = Object.fromEntries(Object.entries(original.extensions).filter(([k]) => SAFE_EXTENSION_KEYS.includes(k)));
      return { ...base, message: original.message, extensions: ext };
    }
    if (original instanceof ArgumentValidationError) {
      const fields = classValidatorFields(original);
      return {
        ...base,
        message: fields.map((f) => (f.message.startsWith(f.field.split('.').pop()!) ? f.message : `${f.field}: ${f.message}`)).join('; ') || 'Invalid input',
        extensions: { code: 'BAD_USER_INPUT', fields },
      };
    }
    if (original instanceof QueryFailedError) {
      const code = (original as unknown as { code?: string }).code;
      // A concurrent request took the same key first (its check passed before our insert): the one place 23505 is answered.
      if (isUniqueViolation(original)) return { ...base, message: 'A record with this key already exists', extensions: { code: 'CONFLICT', errorCode: 'ALREADY_EXISTS' } };
      if (code === '40001' || code === '40P01') return { ...base, message: 'The record changed meanwhile; reload and try again', extensions: { code: 'CONFLICT', errorCode: 'STALE_VERSION' } };
      // Values PostgreSQL cannot take (bad encoding, out of range, malformed number) are the client's.
      if (code && ['22021', '22P02', '22003', '22007', '22008', '22001'].includes(code)) return { ...base, message: 'A value in the request is not valid', extensions: { code: 'BAD_USER_INPUT' } };
      log.error({ pgCode: code }, 'database error');
      return { ...base, message: 'Internal server error', extensions: { code: 'INTERNAL' } };
    }
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && CLIENT_FAULT_CODES.has(code)) {
      // Parse, validation, variable coercion and graphql-armor limit errors: the client's query is at fault.
      return { ...base, message: scrubValues(formatted.message), extensions: { code: 'BAD_USER_INPUT', reason: code } };
    }
    log.error({ err: { type: (original as Error)?.constructor?.name, message: scrubLog((original as Error)?.message ?? '') } }, 'unexpected error');
    return { ...base, message: 'Internal server error', extensions: { code: 'INTERNAL' } };
  };
}
