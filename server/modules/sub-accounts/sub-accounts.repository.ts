import type { EntityManager } from 'typeorm';
import type { AppAbility } from '../../core/abilities';
import { whereAccessible } from '../../core/abilities-sql';
import { paginate, paginateRaw, type Page, type PageRequest } from '../../core/pagination';
import { AuditEvent } from '../audit/audit-event.entity';
import { Account } from '../accounts/account.entity';
import { SubAccountInvitation } from './invitation.entity';
import { StoreRole } from './store-role.entity';
import { SubAccount } from './sub-account.entity';
import { updateRows } from '../../core/sql';
import { isId, isUuid } from '../../core/ids';

export type StoreRoleRow = StoreRole & { memberCount: number };

export interface SubAccountRow {
  accountId: string;
  storeId: string;
  loginName: string;
  displayName: string;
  mobileEnc: string | null;
  status: 'active' | 'disabled';
  createdAt: Date;
  removedAt: Date | null;
  lastSeenAt: Date | null;
}

/**
 * Queries on store roles, sub-accounts, their roles and invitations. Every read is conditioned on
 * the store. Bound to one EntityManager: `tx.repo(SubAccountsRepository)` in a transaction,
 * `readRepo(app, SubAccountsRepository)` on the pool (where `reserveCodeAttempt` and
 * `lockInvitation` must run, so that a counted attempt survives the acceptance failing).
 */
export class SubAccountsRepository {
  constructor(private readonly em: EntityManager) {}

  // ---- store roles

  async listRoles(ability: AppAbility, filter: { q?: string }, page: PageRequest): Promise<Page<StoreRoleRow>> {
    const qb = whereAccessible(this.em.getRepository(StoreRole).createQueryBuilder('r'), ability, 'read', 'StoreRole', { storeId: 'r.store_id' });
    if (filter.q) qb.andWhere('r.name ILIKE :q', { q: `%${filter.q.replace(/[%_\\]/g, '\\$&')}%` });
    const res = await paginate(qb, page, { name: 'r.name', createdAt: 'r.created_at', id: 'r.id' }, { field: 'createdAt', order: 'ASC' }, 'r.id');
    const counts = await this.memberCounts(res.items.map((r) => r.id));
    return { ...res, items: res.items.map((r) => Object.assign(r, { memberCount: counts.get(r.id) ?? 0 })) };
  }

  /** Holders (not removed) of each role, in one statement. */
  async memberCounts(roleIds: string[]): Promise<Map<string, number>> {
    if (!roleIds.length) return new Map();
    const rows: { role_id: string; n: number }[] = await this.em.query(
      `SELECT sr.role_id, count(*)::int AS n FROM sub_account_role sr JOIN sub_account sa ON sa.account_id = sr.account_id
        WHERE sr.role_id = ANY($1::bigint[]) AND sa.removed_at IS NULL GROUP BY sr.role_id`,
      [roleIds],
    );
    return new Map(rows.map((r) => [String(r.role_id), r.n]));
  }

  /** A role of the given store, or null (also for another store's role: no existence leak). */
  findRole(storeId: string, id: string, lock = false): Promise<StoreRole | null> {
    if (!isId(id)) return Promise.resolve(null);
    return this.em.getRepository(StoreRole).findOne({ where: { id, storeId }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  }

  /** The roles of the store among `ids` (ids of other stores are simply absent). */
  async rolesOfStore(storeId: string, ids: string[]): Promise<StoreRole[]> {
    const valid = ids.filter(isId);
    if (!valid.length) return [];
    return this.em.getRepository(StoreRole).createQueryBuilder('r').where('r.store_id = :storeId AND r.id = ANY(:ids)', { storeId, ids: valid }).getMany();
  }

  roleNameTaken(storeId: string, name: string, exceptId?: string): Promise<boolean> {
    const qb = this.em.getRepository(StoreRole).createQueryBuilder('r').where('r.store_id = :storeId AND r.name = :name', { storeId, name });
    if (exceptId) qb.andWhere('r.id <> :exceptId', { exceptId });
    return qb.getExists();
  }

  saveRole(role: Partial<StoreRole>): Promise<StoreRole> {
    const repo = this.em.getRepository(StoreRole);
    return repo.save(repo.create(role));
  }

  async deleteRole(id: string): Promise<void> {
    await this.em.getRepository(StoreRole).delete({ id });
  }

  /** Account ids (not removed) holding a role. */
  async holdersOfRole(roleId: string): Promise<string[]> {
    const rows: { account_id: string }[] = await this.em.query(
      `SELECT sr.account_id FROM sub_account_role sr JOIN sub_account sa ON sa.account_id = sr.account_id WHERE sr.role_id = $1 AND sa.removed_at IS NULL`,
      [roleId],
    );
    return rows.map((r) => String(r.account_id));
  }

  // ---- sub-accounts

  private subAccountsQb() {
    return this.em
      .getRepository(SubAccount)
      .createQueryBuilder('sa')
      .innerJoin(Account, 'a', 'a.id = sa.account_id')
      .select([
        'sa.account_id AS "accountId"',
        'sa.store_id AS "storeId"',
        'a.login_name AS "loginName"',
        'a.display_name AS "displayName"',
        'a.mobile_enc AS "mobileEnc"',
        'a.status AS status',
        'sa.created_at AS "createdAt"',
        'sa.removed_at AS "removedAt"',
        '(SELECT max(s.last_seen_at) FROM session s WHERE s.account_id = sa.account_id) AS "lastSeenAt"',
      ]);
  }

  async listSubAccounts(ability: AppAbility, filter: { q?: string; status?: string; roleId?: string }, page: PageRequest): Promise<Page<SubAccountRow>> {
    const qb = whereAccessible(this.subAccountsQb(), ability, 'read', 'SubAccount', { storeId: 'sa.store_id' });
    if (filter.status === 'removed') qb.andWhere('sa.removed_at IS NOT NULL');
    else if (filter.status) qb.andWhere('sa.removed_at IS NULL AND a.status = :status', { status: filter.status });
    else qb.andWhere('sa.removed_at IS NULL');
    if (filter.q) qb.andWhere('(a.login_name ILIKE :q OR a.display_name ILIKE :q)', { q: `%${filter.q.replace(/[%_\\]/g, '\\$&')}%` });
    if (filter.roleId) qb.andWhere('EXISTS (SELECT 1 FROM sub_account_role sr WHERE sr.account_id = sa.account_id AND sr.role_id = :roleId)', { roleId: filter.roleId });
    const page_ = await paginateRaw<SubAccountRow>(qb, page, { createdAt: 'sa.created_at', loginName: 'a.login_name' }, { field: 'createdAt', order: 'DESC' }, 'sa.account_id');
    return { ...page_, items: page_.items.map((r) => ({ ...r, accountId: String(r.accountId), storeId: String(r.storeId) })) };
  }

  /** A sub-account of the given store (removed ones included), or null. */
  async findSubAccount(storeId: string, accountId: string, lock = false): Promise<SubAccountRow | null> {
    if (!isId(accountId)) return null;
    if (lock) await this.em.query('SELECT 1 FROM sub_account WHERE account_id = $1 FOR UPDATE', [accountId]);
    const row = await this.subAccountsQb().where('sa.account_id = :accountId AND sa.store_id = :storeId', { accountId, storeId }).getRawOne<SubAccountRow>();
    return row ? { ...row, accountId: String(row.accountId), storeId: String(row.storeId) } : null;
  }

  /** Roles held by each of the given sub-accounts, in one statement. */
  async rolesOfSubAccounts(accountIds: string[]): Promise<Map<string, StoreRole[]>> {
    const out = new Map<string, StoreRole[]>(accountIds.map((id) => [id, []]));
    if (!accountIds.length) return out;
    const rows = await this.em
      .getRepository(StoreRole)
      .createQueryBuilder('r')
      .innerJoin('sub_account_role', 'sr', 'sr.role_id = r.id')
      .addSelect('sr.account_id', 'holder')
      .where('sr.account_id = ANY(:ids)', { ids: accountIds })
      .orderBy('r.name')
      .getRawAndEntities();
    rows.entities.forEach((role, i) => out.get(String(rows.raw[i].holder))?.push(role));
    return out;
  }

  async setRoles(accountId: string, roleIds: string[], grantedBy: string): Promise<void> {
    await this.em.query('DELETE FROM sub_account_role WHERE account_id = $1 AND NOT (role_id = ANY($2::bigint[]))', [accountId, roleIds]);
    if (roleIds.length) {
      await this.em.query(`INSERT INTO sub_account_role (account_id, role_id, granted_by) SELECT $1, unnest($2::bigint[]), $3 ON CONFLICT DO NOTHING`, [accountId, roleIds, grantedBy]);
    }
  }

  async setStatus(accountId: string, status: 'active' | 'disabled'): Promise<void> {
    await this.em.query('UPDATE account SET status = $2, updated_at = now() WHERE id = $1', [accountId, status]);
  }

  async markRemoved(accountId: string): Promise<void> {
    await this.em.query('UPDATE sub_account SET removed_at = now() WHERE account_id = $1', [accountId]);
  }

  /** Revokes every open session of an account; returns how many. */
  async revokeSessions(accountId: string): Promise<number> {
    const { count } = await updateRows(this.em, 'UPDATE session SET revoked_at = now() WHERE account_id = $1 AND revoked_at IS NULL', [accountId]);
    return count;
  }

  activeSessions(accountId: string) {
    return this.em.query(
      `SELECT id, ip, user_agent AS "userAgent", created_at AS "createdAt", last_seen_at AS "lastSeenAt", expires_at AS "expiresAt"
         FROM session WHERE account_id = $1 AND revoked_at IS NULL AND expires_at > now() ORDER BY last_seen_at DESC LIMIT 100`,
      [accountId],
    );
  }

  /** The owner's account and mobile hash of a store. */
  async storeOwner(storeId: string): Promise<{ accountId: string; mobileHash: string; storeName: string } | null> {
    const [row] = await this.em.query('SELECT m.account_id, m.mobile_hash, s.name FROM store s JOIN merchant m ON m.id = s.merchant_id WHERE s.id = $1', [storeId]);
    return row ? { accountId: String(row.account_id), mobileHash: row.mobile_hash, storeName: row.name } : null;
  }

  /** Whether the mobile already belongs to a (not removed) sub-account of the store. */
  async mobileIsSubAccount(storeId: string, mobileHash: string): Promise<boolean> {
    const [row] = await this.em.query('SELECT 1 FROM sub_account WHERE store_id = $1 AND mobile_hash = $2 AND removed_at IS NULL LIMIT 1', [storeId, mobileHash]);
    return !!row;
  }

  async createSubAccount(a: { storeId: string; loginName: string; displayName: string; passwordHash: string; mobileEnc: string; mobileHash: string; invitationId: string }): Promise<string> {
    const [row] = await this.em.query(`INSERT INTO account (kind, login_name, display_name, password_hash, store_id, mobile_enc) VALUES ('sub_account', $1, $2, $3, $4, $5) RETURNING id`, [
      a.loginName,
      a.displayName,
      a.passwordHash,
      a.storeId,
      a.mobileEnc,
    ]);
    const id = String(row.id);
    await this.em.query('INSERT INTO sub_account (account_id, store_id, mobile_hash, invitation_id) VALUES ($1, $2, $3, $4)', [id, a.storeId, a.mobileHash, a.invitationId]);
    return id;
  }

  // ---- invitations

  listInvitations(ability: AppAbility, filter: { status?: string }, page: PageRequest): Promise<Page<SubAccountInvitation>> {
    const qb = whereAccessible(this.em.getRepository(SubAccountInvitation).createQueryBuilder('i'), ability, 'read', 'SubAccountInvitation', { storeId: 'i.store_id' });
    if (filter.status === 'expired') qb.andWhere(`i.status = 'pending' AND i.expires_at <= now()`);
    else if (filter.status === 'pending') qb.andWhere(`i.status = 'pending' AND i.expires_at > now()`);
    else if (filter.status) qb.andWhere('i.status = :status', { status: filter.status });
    return paginate(qb, page, { createdAt: 'i.created_at' }, { field: 'createdAt', order: 'DESC' }, 'i.id');
  }

  /** Invitations a store created in the last `minutes` (for the hourly cap). */
  async invitationsSince(storeId: string, minutes: number): Promise<number> {
    const [row] = await this.em.query('SELECT count(*)::int AS n FROM sub_account_invitation WHERE store_id = $1 AND created_at > now() - make_interval(mins => $2)', [storeId, minutes]);
    return row.n;
  }

  /**
   * Closes the store's expired pending invitations of a mobile (status `expired`), then tells
   * whether a live pending one remains.
   */
  async hasLivePendingInvitation(storeId: string, mobileHash: string): Promise<boolean> {
    await this.em.query(`UPDATE sub_account_invitation SET status = 'expired' WHERE store_id = $1 AND mobile_hash = $2 AND status = 'pending' AND expires_at <= now()`, [storeId, mobileHash]);
    const [live] = await this.em.query(`SELECT 1 FROM sub_account_invitation WHERE store_id = $1 AND mobile_hash = $2 AND status = 'pending'`, [storeId, mobileHash]);
    return !!live;
  }

  findInvitation(id: string, opts: { storeId?: string; lock?: boolean } = {}): Promise<SubAccountInvitation | null> {
    if (!isUuid(id)) return Promise.resolve(null);
    return this.em.getRepository(SubAccountInvitation).findOne({
      where: { id, ...(opts.storeId ? { storeId: opts.storeId } : {}) },
      ...(opts.lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
  }

  saveInvitation(inv: Partial<SubAccountInvitation>): Promise<SubAccountInvitation> {
    const repo = this.em.getRepository(SubAccountInvitation);
    return repo.save(repo.create(inv));
  }

  /**
   * Counts one code attempt atomically, before the code is checked (parallel attempts each count).
   * Returns the attempt number, or null when the invitation is not pending, expired, or out of attempts.
   */
  async reserveCodeAttempt(id: string, maxAttempts: number): Promise<number | null> {
    const { rows } = await updateRows<{ attempts: number }>(
      this.em,
      `UPDATE sub_account_invitation SET attempts = attempts + 1
        WHERE id = $1 AND status = 'pending' AND expires_at > now() AND attempts < $2 RETURNING attempts`,
      [id, maxAttempts],
    );
    return rows.length ? rows[0].attempts : null;
  }

  async lockInvitation(id: string): Promise<void> {
    await this.em.query(`UPDATE sub_account_invitation SET status = 'locked' WHERE id = $1 AND status = 'pending'`, [id]);
  }

  // ---- activity

  /** Audit events of one account: its own actions (sign-ins included) and failed sign-ins against it. */
  activity(accountId: string, filter: { action?: string; from?: Date; to?: Date }, page: PageRequest): Promise<Page<AuditEvent>> {
    const qb = this.em
      .getRepository(AuditEvent)
      .createQueryBuilder('e')
      .where(`(e.actor_account_id = :id OR (e.target_type = 'Account' AND e.target_id = :idText AND e.action = 'account.signIn'))`, { id: accountId, idText: accountId });
    if (filter.action) {
      if (filter.action.endsWith('.')) qb.andWhere('e.action LIKE :action', { action: `${filter.action.replace(/[%_\\]/g, '\\$&')}%` });
      else qb.andWhere('e.action = :action', { action: filter.action });
    }
    if (filter.from) qb.andWhere('e.occurred_at >= :from', { from: filter.from });
    if (filter.to) qb.andWhere('e.occurred_at < :to', { to: filter.to });
    return paginate(qb, page, { occurredAt: 'e.occurred_at' }, { field: 'occurredAt', order: 'DESC' }, 'e.id');
  }
}
