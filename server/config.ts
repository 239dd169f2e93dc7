import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Every setting of the console, read from the environment once and validated at start-up.
 *
 * | variable | meaning | default |
 * |---|---|---|
 * | NODE_ENV | `production` turns off demo data, introspection and dev keys | `development` |
 * | HOST / PORT | where the HTTP server listens | `127.0.0.1` / `4000` (0 = any free port) |
 * | DATABASE_URL | a PostgreSQL URL; unset = embedded PostgreSQL | unset |
 * | PG_DATA_DIR | embedded PostgreSQL's data folder | `<project>/.data/pg` |
 * | PG_PORT | embedded PostgreSQL's port (0 = any free port) | `54329` |
 * | DATA_DIR | local files: encrypted uploads, outbox, dev keys | `<project>/.data` |
 * | FIELD_KEYS | field-encryption keys, `kid:base64(32 bytes)` comma-separated | dev: generated into DATA_DIR; production: required |
 * | FIELD_KEY_ACTIVE | key id used for new values | first of FIELD_KEYS |
 * | BLIND_INDEX_KEY | base64(32 bytes), keyed hash for look-ups | as FIELD_KEYS |
 * | AUDIT_CHAIN_KEY | base64(32 bytes), HMAC key of the audit hash chain and its signed checkpoints (never in the database) | as FIELD_KEYS |
 * | AUDIT_CHECKPOINT_DIR | where signed checkpoints of the audit chain's head are written | `DATA_DIR/audit-checkpoints` |
 * | APP_DATABASE_URL | the login the console serves requests with (member of `console_app`); unset = `console_app_login`, created by the console | unset |
 * | ALLOW_EMBEDDED_DB_IN_PRODUCTION | `true` lets production run on the embedded PostgreSQL | `false` |
 * | SEED_DEMO | `true` seeds demo accounts and merchants (refused in production) | `true` outside production |
 * | DEMO_MERCHANTS | how many generated merchants the demo seed adds | `200` |
 * | JOB_WORKERS | `true` runs the pg-boss workers in this process | `true` |
 * | WEB_CONCURRENCY | API worker processes sharing the port (node:cluster); 1 = one process | `1` |
 * | LOG_LEVEL | pino level | `info` (`silent` in tests) |
 * | PUBLIC_URL | the console's address as users reach it, for links in SMS and e-mail | the address it listens on |
 * | PENALTY_APPEAL_WORKING_DAYS | appeal window after a penalty is issued, in PRC working days | `15` |
 * | PENALTY_MAX_APPEALS | appeals a merchant may file per penalty | `2` |
 * | REWARD_FINANCE_THRESHOLD_FEN | rewards at or above this amount (integer fen) need a finance approver | `100000` (¥1,000.00) |
 * | REWARD_DUAL_THRESHOLD_FEN | rewards above this amount (integer fen) need two approvers | `1000000` (¥10,000.00) |
 * | DISPUTE_RESPONSE_WORKING_DAYS | time a store has to answer a dispute, in PRC working days after it is sent | `3` |
 * | DISCLOSURE_LINK_HOURS | life of a buyer's disclosure link | `72` |
 * | DISCLOSURE_MAX_VIEWS | views of a buyer's disclosure link | `3` |
 * | ALLOW_LOCAL_OUTBOX | `true` lets production write SMS and e-mail to the local outbox (DATA_DIR/outbox, plaintext files, 0600) instead of a provider | `false`; refused in production unless set |
 * | ALLOW_SANDBOX_PAYOUTS | `true` lets production run reward payouts on the local sandbox provider (records transfers in DATA_DIR/payout-sandbox, moves no money) | `false`; refused in production unless set |
 * | HTTP_HEADERS_TIMEOUT_MS | time a client has to send the request headers | `10000` |
 * | HTTP_REQUEST_TIMEOUT_MS | time a client has to send a whole request (headers and body) | `120000` |
 * | HTTP_BODY_TIMEOUT_MS | time a `/graphql` body may take to arrive, from the end of the headers | `10000` |
 * | UPLOAD_BODY_TIMEOUT_MS | time an upload body (up to 5 MiB) may take to arrive | `60000` |
 * | HTTP_MAX_RESPONSE_BYTES | longest `/graphql` answer to a signed-in caller | `8388608` (8 MiB) |
 * | HTTP_MAX_ANONYMOUS_RESPONSE_BYTES | longest `/graphql` answer to a caller without a session | `262144` (256 KiB) |
 * | PUBLIC_CACHE_TTL_MS | lifetime of a cached anonymous public response (graphql/public-response-cache.ts) | `10000` |
 */
export interface AppConfig {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  databaseUrl?: string;
  pgDataDir: string;
  pgPort: number;
  dataDir: string;
  fieldKeys: Map<string, Buffer>;
  fieldKeyActive: string;
  blindIndexKey: Buffer;
  /** HMAC-SHA256 key of the audit chain (core/audit/audit-chain.ts); kept out of the database. */
  auditChainKey: Buffer;
  auditCheckpointDir: string;
  /** The serving login (least rights); unset: the console manages `console_app_login` (database/serving-role.ts). */
  appDatabaseUrl?: string;
  seedDemo: boolean;
  demoMerchants: number;
  jobWorkers: boolean;
  webConcurrency: number;
  logLevel: string;
  /** Base URL for links sent to people (no trailing slash); filled with the listening address when unset. */
  publicUrl: string;
  /** Sign-in throttling: failures before a temporary lock-out, and its length (policy 2.6.1). */
  lockout: { maxFailures: number; windowMinutes: number; lockMinutes: number; maxFailuresPerIp: number };
  /** Session lifetime in hours (sliding). */
  sessionHours: number;
  /** Penalties: appeal window in PRC working days counted from the day after issue, appeals allowed per penalty. */
  penalties: { appealWorkingDays: number; maxAppeals: number };
  /** Rewards: approval thresholds in integer fen (rules/rewards/approval.ts). */
  rewards: { financeAt: number; dualAbove: number };
  /** Disputes: the store's answer time in PRC working days; a buyer disclosure link's life (hours) and views. */
  disputes: { responseWorkingDays: number; disclosureHours: number; disclosureMaxViews: number };
  /** Request deadlines in milliseconds (see docs/operations.md, "Request limits"). */
  http: { headersTimeoutMs: number; requestTimeoutMs: number; bodyTimeoutMs: number; uploadBodyTimeoutMs: number; maxResponseBytes: number; maxAnonymousResponseBytes: number };
  /** Lifetime of a cached anonymous public response, in milliseconds. */
  publicCacheTtlMs: number;
}

export class ConfigError extends Error {}

export const PROJECT_ROOT = path.resolve(__dirname, __dirname.includes(`${path.sep}dist${path.sep}`) ? '../..' : '..');

function decodeKey(name: string, b64: string): Buffer {
  const key = Buffer.from(b64, 'base64');
  if (key.length !== 32) throw new ConfigError(`${name} must be 32 bytes, base64-encoded`);
  return key;
}

function parseKeys(raw: string): Map<string, Buffer> {
  const keys = new Map<string, Buffer>();
  for (const part of raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const idx = part.indexOf(':');
    if (idx <= 0) throw new ConfigError('FIELD_KEYS entries must look like kid:base64key');
    const kid = part.slice(0, idx);
    if (!/^[A-Za-z0-9_-]{1,16}$/.test(kid)) throw new ConfigError('FIELD_KEYS key ids are 1-16 letters, digits, _ or -');
    keys.set(kid, decodeKey(`FIELD_KEYS[${kid}]`, part.slice(idx + 1)));
  }
  if (keys.size === 0) throw new ConfigError('FIELD_KEYS holds no key');
  return keys;
}

/** Development keys live in DATA_DIR so demo data stays readable across restarts. Never used in production. */
function devKeys(dataDir: string): { fieldKeys: string; blindIndexKey: string; auditChainKey: string } {
  const file = path.join(dataDir, 'dev-keys.json');
  const existing = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined;
  if (existing?.auditChainKey) return existing;
  mkdirSync(dataDir, { recursive: true });
  // A dev-keys.json of an earlier version lacks the audit chain key: add one, keep the others.
  const keys = {
    fieldKeys: existing?.fieldKeys ?? `dev1:${randomBytes(32).toString('base64')}`,
    blindIndexKey: existing?.blindIndexKey ?? randomBytes(32).toString('base64'),
    auditChainKey: randomBytes(32).toString('base64'),
  };
  writeFileSync(file, JSON.stringify(keys), { mode: 0o600 });
  return keys;
}

function bool(v: string | undefined, dflt: boolean): boolean {
  if (v === undefined || v === '') return dflt;
  if (/^(1|true|yes)$/i.test(v)) return true;
  if (/^(0|false|no)$/i.test(v)) return false;
  throw new ConfigError(`expected true or false, got "${v}"`);
}

function int(name: string, v: string | undefined, dflt: number): number {
  if (v === undefined || v === '') return dflt;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new ConfigError(`${name} must be a whole number`);
  return n;
}

/**
 * Reads and validates the configuration.
 * @throws ConfigError with a message naming the setting, e.g. when FIELD_KEYS is missing in production.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const nodeEnv = env.NODE_ENV === 'production' ? 'production' : env.NODE_ENV === 'test' ? 'test' : 'development';
  const dataDir = path.resolve(env.DATA_DIR || path.join(PROJECT_ROOT, '.data'));
  let fieldKeysRaw = env.FIELD_KEYS;
  let blindRaw = env.BLIND_INDEX_KEY;
  let auditRaw = env.AUDIT_CHAIN_KEY;
  if (!fieldKeysRaw || !blindRaw || !auditRaw) {
    if (nodeEnv === 'production') {
      throw new ConfigError('FIELD_KEYS, BLIND_INDEX_KEY and AUDIT_CHAIN_KEY are required in production (personal data is encrypted at rest, the audit chain is keyed; see docs/operations.md)');
    }
    const dev = devKeys(dataDir);
    fieldKeysRaw ||= dev.fieldKeys;
    blindRaw ||= dev.blindIndexKey;
    auditRaw ||= dev.auditChainKey;
  }
  if (nodeEnv === 'production' && !env.DATABASE_URL && !bool(env.ALLOW_EMBEDDED_DB_IN_PRODUCTION, false)) {
    throw new ConfigError('DATABASE_URL is required in production: the embedded PostgreSQL is for development (set ALLOW_EMBEDDED_DB_IN_PRODUCTION=true to run on it anyway; see docs/operations.md)');
  }
  if (nodeEnv === 'production' && env.DATABASE_URL && !env.APP_DATABASE_URL && !new URL(env.DATABASE_URL).password) {
    throw new ConfigError("APP_DATABASE_URL is required in production when DATABASE_URL carries no password (the serving login's password is derived from it; see docs/operations.md)");
  }
  const fieldKeys = parseKeys(fieldKeysRaw);
  const fieldKeyActive = env.FIELD_KEY_ACTIVE || [...fieldKeys.keys()][0];
  if (!fieldKeys.has(fieldKeyActive)) throw new ConfigError('FIELD_KEY_ACTIVE names no key in FIELD_KEYS');
  const seedDemo = bool(env.SEED_DEMO, nodeEnv !== 'production');
  if (seedDemo && nodeEnv === 'production') throw new ConfigError('SEED_DEMO is refused when NODE_ENV=production');
  // The local outbox keeps invitation codes and mobiles in files: in production only when chosen knowingly.
  if (nodeEnv === 'production' && !bool(env.ALLOW_LOCAL_OUTBOX, false)) {
    throw new ConfigError(
      'production sends SMS and e-mail to the local outbox (plaintext files in DATA_DIR/outbox) until a provider is configured: set ALLOW_LOCAL_OUTBOX=true to accept that (see docs/operations.md)',
    );
  }
  // The sandbox provider answers "paid" without moving money: production only when chosen knowingly (e.g. a trial).
  if (nodeEnv === 'production' && !bool(env.ALLOW_SANDBOX_PAYOUTS, false)) {
    throw new ConfigError(
      'production pays rewards through the local sandbox provider (records transfers, moves no money) until a payment institution is plugged in: set ALLOW_SANDBOX_PAYOUTS=true to accept that (see docs/operations.md)',
    );
  }
  return {
    env: nodeEnv,
    host: env.HOST || '127.0.0.1',
    port: int('PORT', env.PORT, 4000),
    databaseUrl: env.DATABASE_URL || undefined,
    pgDataDir: path.resolve(env.PG_DATA_DIR || path.join(dataDir, 'pg')),
    pgPort: int('PG_PORT', env.PG_PORT, 54329),
    dataDir,
    fieldKeys,
    fieldKeyActive,
    blindIndexKey: decodeKey('BLIND_INDEX_KEY', blindRaw),
    auditChainKey: decodeKey('AUDIT_CHAIN_KEY', auditRaw),
    auditCheckpointDir: path.resolve(env.AUDIT_CHECKPOINT_DIR || path.join(dataDir, 'audit-checkpoints')),
    appDatabaseUrl: env.APP_DATABASE_URL || undefined,
    seedDemo,
    demoMerchants: int('DEMO_MERCHANTS', env.DEMO_MERCHANTS, 200),
    jobWorkers: bool(env.JOB_WORKERS, true),
    webConcurrency: Math.max(1, int('WEB_CONCURRENCY', env.WEB_CONCURRENCY, 1)),
    logLevel: env.LOG_LEVEL || (nodeEnv === 'test' ? 'silent' : 'info'),
    publicUrl: (env.PUBLIC_URL || '').replace(/\/+$/, ''),
    lockout: {
      maxFailures: int('LOCKOUT_MAX_FAILURES', env.LOCKOUT_MAX_FAILURES, 5),
      windowMinutes: 15,
      lockMinutes: int('LOCKOUT_MINUTES', env.LOCKOUT_MINUTES, 15),
      maxFailuresPerIp: int('LOCKOUT_MAX_FAILURES_PER_IP', env.LOCKOUT_MAX_FAILURES_PER_IP, 50),
    },
    sessionHours: int('SESSION_HOURS', env.SESSION_HOURS, 12),
    penalties: {
      appealWorkingDays: Math.max(1, int('PENALTY_APPEAL_WORKING_DAYS', env.PENALTY_APPEAL_WORKING_DAYS, 15)),
      maxAppeals: Math.max(1, int('PENALTY_MAX_APPEALS', env.PENALTY_MAX_APPEALS, 2)),
    },
    rewards: {
      financeAt: Math.max(1, int('REWARD_FINANCE_THRESHOLD_FEN', env.REWARD_FINANCE_THRESHOLD_FEN, 100_000)),
      dualAbove: Math.max(1, int('REWARD_DUAL_THRESHOLD_FEN', env.REWARD_DUAL_THRESHOLD_FEN, 1_000_000)),
    },
    disputes: {
      responseWorkingDays: Math.max(1, int('DISPUTE_RESPONSE_WORKING_DAYS', env.DISPUTE_RESPONSE_WORKING_DAYS, 3)),
      disclosureHours: Math.max(1, int('DISCLOSURE_LINK_HOURS', env.DISCLOSURE_LINK_HOURS, 72)),
      disclosureMaxViews: Math.max(1, int('DISCLOSURE_MAX_VIEWS', env.DISCLOSURE_MAX_VIEWS, 3)),
    },
    http: {
      headersTimeoutMs: Math.max(1000, int('HTTP_HEADERS_TIMEOUT_MS', env.HTTP_HEADERS_TIMEOUT_MS, 10_000)),
      requestTimeoutMs: Math.max(1000, int('HTTP_REQUEST_TIMEOUT_MS', env.HTTP_REQUEST_TIMEOUT_MS, 120_000)),
      bodyTimeoutMs: Math.max(100, int('HTTP_BODY_TIMEOUT_MS', env.HTTP_BODY_TIMEOUT_MS, 10_000)),
      uploadBodyTimeoutMs: Math.max(100, int('UPLOAD_BODY_TIMEOUT_MS', env.UPLOAD_BODY_TIMEOUT_MS, 60_000)),
      maxResponseBytes: Math.max(1024, int('HTTP_MAX_RESPONSE_BYTES', env.HTTP_MAX_RESPONSE_BYTES, 8 * 1024 * 1024)),
      maxAnonymousResponseBytes: Math.max(1024, int('HTTP_MAX_ANONYMOUS_RESPONSE_BYTES', env.HTTP_MAX_ANONYMOUS_RESPONSE_BYTES, 256 * 1024)),
    },
    publicCacheTtlMs: Math.max(1, int('PUBLIC_CACHE_TTL_MS', env.PUBLIC_CACHE_TTL_MS, 10_000)),
  };
}
