import { AsyncLocalStorage } from 'node:async_hooks';
import pino, { type DestinationStream, type Logger } from 'pino';

/**
 * Keys whose values are personal data or secrets: pino replaces them with "[redacted]" at any of
 * the listed depths. Request variables are never logged at all (see graphql/http.ts).
 */
export const REDACT_KEYS = [
  'password',
  'newPassword',
  'token',
  'authorization',
  'cookie',
  'mobile',
  'phone',
  'email',
  'idNumber',
  'realName',
  'name',
  'address',
  'account',
  'payoutAccount',
  'variables',
  'code',
  'ip',
  'userAgent',
];

const paths = REDACT_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`, `req.headers.${k}`]);

/**
 * What a log line is about: `requestId` of the HTTP request being served, or `jobId`/`queue` of the
 * background job being run and the `requestId` of the request that enqueued it. Every line written
 * while a scope is active carries its fields (pino `mixin`), so an error line can be traced to its
 * request whichever logger wrote it (formatError, the upload route, a job handler).
 */
export interface LogScope {
  requestId?: string;
  jobId?: string;
  queue?: string;
}

const scope = new AsyncLocalStorage<LogScope>();

/** Runs `fn` (and everything it starts) inside a log scope. */
export function inLogScope<T>(fields: LogScope, fn: () => T): T {
  return scope.run(fields, fn);
}

/** The log scope of the current request or job, if any. */
export const currentLogScope = (): LogScope | undefined => scope.getStore();

/** The process logger (JSON lines); `destination` defaults to stdout. */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'merchant-console' },
      mixin: () => ({ ...scope.getStore() }),
      redact: { paths, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}
