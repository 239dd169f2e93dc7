import type { EntityManager } from 'typeorm';
import { pageInOneStatement, type Page, type PageRequest } from '../../core/pagination';
import { SqlWhere, updateRows } from '../../core/sql';
import { Account } from '../accounts/account.entity';
import { NO_PASSWORD } from '../accounts/password';
import { ApiKey } from './api-key.entity';

/**
 * A service account as listed: the `account` row (kind `service`) with its latest API key (the
 * active one, or the last revoked). Instants are UTC.
 */
export interface ServiceAccountRow {
  id: string;
  name: string;
  loginName: string;
  accountStatus: string;
  createdAt: Date;
  keyId: string | null;
  keyPrefix: string | null;
  scopes: string[] | null;
  keyCreatedAt: Date | null;
  keyCreatedByLogin: string | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

/** What authenticating an API key reads: the key and its account. */
export interface KeyActorRow {
  keyId: string;
  scopes: string[];
  lastUsedAt: Date | null;
  accountId: string;
  loginName: string;
}

/**
 * The rows a service account is made of, as one select list: `a` the account, `lk` its latest key
 * (lateral), `c` the key's issuer.
 */
const ROW_SQL = `a.id::text AS id, a.display_name AS name, a.login_name AS "loginName", a.status AS "accountStatus", a.created_at AS "createdAt",
       lk.id::text AS "keyId", lk.prefix AS "keyPrefix", lk.scopes, lk.created_at AS "keyCreatedAt", c.login_name AS "keyCreatedByLogin",
       lk.last_used_at AS "lastUsedAt", lk.revoked_at AS "revokedAt"`;
const KEY_JOIN = `LEFT JOIN LATERAL (SELECT * FROM api_key WHERE account_id = a.id ORDER BY id DESC LIMIT 1) lk ON true
  LEFT JOIN account c ON c.id = lk.created_by`;
/**
 * Service accounts are found through their keys (every one gets a key when created, in the same
 * transaction): the key table is small, so the account table (every merchant, staff member and
 * sub-account) is read by primary key only.
 */
const IS_SERVICE = `a.kind = 'service' AND a.id IN (SELECT account_id FROM api_key)`;

/** Statements on service accounts (`account` rows of kind `service`) and their API keys. */
export class ServiceAccountsRepository {
  constructor(private readonly em: EntityManager) {}

  /** Inserts the account of a new service account: no password (NO_PASSWORD verifies none), no roles, no store. */
  async insertAccount(a: { name: string; loginName: string }): Promise<string> {
    const repo = this.em.getRepository(Account);
    const saved = await repo.save(repo.create({ kind: 'service', loginName: a.loginName, displayName: a.name, passwordHash: NO_PASSWORD, platformRoles: [] }));
    return saved.id;
  }

  /** Whether another service account has this name (case-insensitive, trimmed by the caller). */
  async nameTaken(name: string): Promise<boolean> {
    const rows = await this.em.query(`SELECT 1 FROM account a WHERE ${IS_SERVICE} AND lower(a.display_name) = lower($1) LIMIT 1`, [name]);
    return rows.length > 0;
  }

  /** Whether any account (of any kind) has this login name. */
  loginTaken(loginName: string): Promise<boolean> {
    return this.em.getRepository(Account).exists({ where: { loginName } });
  }

  /** The service account, locked for the rest of the transaction (`FOR UPDATE`); null for any other kind. */
  lockServiceAccount(id: string): Promise<Account | null> {
    return this.em.getRepository(Account).findOne({ where: { id, kind: 'service' }, lock: { mode: 'pessimistic_write' } });
  }

  insertKey(k: Pick<ApiKey, 'accountId' | 'prefix' | 'keyHash' | 'scopes' | 'createdBy'>): Promise<ApiKey> {
    const repo = this.em.getRepository(ApiKey);
    return repo.save(repo.create(k));
  }

  /** The account's latest key (active or not), or null. */
  latestKey(accountId: string): Promise<ApiKey | null> {
    return this.em.getRepository(ApiKey).findOne({ where: { accountId }, order: { id: 'DESC' } });
  }

  /** Revokes the account's active key. @returns it (id, prefix), or null when it had none. */
  async revokeActiveKey(accountId: string, by: string): Promise<{ id: string; prefix: string } | null> {
    const { rows } = await updateRows<{ id: string; prefix: string }>(
      this.em,
      `UPDATE api_key SET revoked_at = now(), revoked_by = $2 WHERE account_id = $1 AND revoked_at IS NULL RETURNING id::text AS id, prefix`,
      [accountId, by],
    );
    return rows[0] ?? null;
  }

  /** The active key of `keyHash` and its active service account, or null (unknown, revoked, account not active). */
  async actorForKey(keyHash: string): Promise<KeyActorRow | null> {
    const rows: KeyActorRow[] = await this.em.query(
      `SELECT k.id::text AS "keyId", k.scopes, k.last_used_at AS "lastUsedAt", a.id::text AS "accountId", a.login_name AS "loginName"
         FROM api_key k JOIN account a ON a.id = k.account_id AND a.kind = 'service' AND a.status = 'active'
        WHERE k.key_hash = $1 AND k.revoked_at IS NULL`,
      [keyHash],
    );
    return rows[0] ?? null;
  }

  /** Sets the key's last use to now, unless it was set less than a minute ago (or the key was revoked meanwhile). */
  async touchKey(keyId: string): Promise<void> {
    await updateRows(this.em, `UPDATE api_key SET last_used_at = now() WHERE id = $1 AND revoked_at IS NULL AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`, [keyId]);
  }

  /** One service account with its latest key, or null. */
  async findRow(id: string): Promise<ServiceAccountRow | null> {
    const rows: ServiceAccountRow[] = await this.em.query(`SELECT ${ROW_SQL} FROM account a ${KEY_JOIN} WHERE a.id = $1 AND ${IS_SERVICE}`, [id]);
    return rows[0] ?? null;
  }

  /** One page of service accounts (sort fields `name`, `createdAt`; newest first by default) and its capped count, in one statement. */
  list(req: PageRequest): Promise<Page<ServiceAccountRow>> {
    const where = new SqlWhere().and(IS_SERVICE);
    return pageInOneStatement<ServiceAccountRow>(
      this.em.connection,
      { from: 'account a', where, sortable: { name: 'a.display_name', createdAt: 'a.created_at' }, dflt: { field: 'createdAt', order: 'DESC' }, idColumn: 'a.id' },
      req,
      `SELECT ${ROW_SQL}, page.k AS __k, page.id AS __id FROM page JOIN account a ON a.id = page.id ${KEY_JOIN}`,
    );
  }
}
