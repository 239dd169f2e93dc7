import pino, { type DestinationStream, type Logger } from 'pino';

/**
 * Keys whose values are personal data or secrets: pino replaces them with "[redacted]" at any of
 * the listed depths. Request variables are never logged at all (see graphql/http.ts).
 */
export const REDACT_KEYS = [
  'password', 'newPassword', 'token', 'authorization', 'cookie', 'mobile', 'phone', 'email', 'idNumber',
  'realName', 'name', 'address', 'account', 'payoutAccount', 'variables', 'code', 'ip', 'userAgent',
];

const paths = REDACT_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`, `req.headers.${k}`]);

/** The process logger (JSON lines); `destination` defaults to stdout. */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'merchant-console' },
      redact: { paths, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}
