import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

const key = () => randomBytes(32).toString('base64');
const PROD = {
  NODE_ENV: 'production',
  FIELD_KEYS: `k1:${key()}`,
  BLIND_INDEX_KEY: key(),
  AUDIT_CHAIN_KEY: key(),
  DATA_DIR: '/tmp/mc-config-spec',
  ALLOW_LOCAL_OUTBOX: 'true',
  ALLOW_SANDBOX_PAYOUTS: 'true',
};

describe('production configuration (issue 10 items 4, 5)', () => {
  it('refuses the embedded database unless ALLOW_EMBEDDED_DB_IN_PRODUCTION=true', () => {
    expect(() => loadConfig(PROD)).toThrow(ConfigError);
    expect(() => loadConfig(PROD)).toThrow(/DATABASE_URL is required in production.*ALLOW_EMBEDDED_DB_IN_PRODUCTION=true/);
    expect(loadConfig({ ...PROD, ALLOW_EMBEDDED_DB_IN_PRODUCTION: 'true' }).databaseUrl).toBeUndefined();
    expect(loadConfig({ ...PROD, DATABASE_URL: 'postgres://owner:secret@db/console' }).databaseUrl).toBe('postgres://owner:secret@db/console');
  });

  it('requires AUDIT_CHAIN_KEY (32 bytes) in production', () => {
    const { AUDIT_CHAIN_KEY: _, ...noKey } = PROD;
    expect(() => loadConfig({ ...noKey, DATABASE_URL: 'postgres://o:p@db/c' })).toThrow(/AUDIT_CHAIN_KEY are required in production/);
    expect(() => loadConfig({ ...PROD, DATABASE_URL: 'postgres://o:p@db/c', AUDIT_CHAIN_KEY: 'c2hvcnQ=' })).toThrow(/AUDIT_CHAIN_KEY must be 32 bytes/);
  });

  it('requires APP_DATABASE_URL in production when DATABASE_URL has no password to derive the serving login from', () => {
    expect(() => loadConfig({ ...PROD, DATABASE_URL: 'postgres://owner@db/console' })).toThrow(/APP_DATABASE_URL is required/);
    expect(loadConfig({ ...PROD, DATABASE_URL: 'postgres://owner@db/console', APP_DATABASE_URL: 'postgres://app:pw@db/console' }).appDatabaseUrl).toBe('postgres://app:pw@db/console');
  });
});
