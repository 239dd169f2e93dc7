import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { Actor, PlatformRole } from '../../core/abilities';
import { expandGrantable } from '../sub-accounts/store-permissions';
import { Account } from './account.entity';
import type { CachedActor } from './actor-cache';
import { paginate, paginateRaw, type Page, type PageRequest } from '../../core/pagination';
import { updateRows } from '../../core/sql';
import { isId } from '../../core/ids';
import { Session } from './session.entity';
import type { AccountStatus } from './account.entity';
import { StaffRoleGrant, type GrantStatus } from './staff-role-grant.entity';

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

interface ActorRow {
  session_id: string;
  account_id: string;
  kind: Actor['kind'];
  login_name: string;
  platform_roles: PlatformRole[];
  must_change_password: boolean;
  merchant_id: string | null;
  store_id: string | null;
  store_permissions: string[] | null;
  last_seen_at: Date;
  expires_at: Date;
}

/** A platform-role grant with the login names of its grantee, requester and decider (raw row). */
export interface GrantRow {
  id: string;
  account_id: string;
  account_login: string;
  role: string;
  status: string;
  requested_by: string;
  requested_by_login: string;
  decided_by: string | null;
  decided_by_login: string | null;
  requested_at: Date;
  decided_at: Date | null;
}

/**
 * Queries on accounts, sessions, sign-in attempts and platform-role grants. Bound to one
 * EntityManager: `tx.repo(AccountsRepository)` in a transaction, `readRepo(app, AccountsRepository)`
 * on the pool (sign-in attempts are counted there, so a count survives the request failing).
 */
export class AccountsRepository {
  constructor(private readonly em: EntityManager) {}

  findByLogin(loginName: string): Promise<Account | null> {
    return this.em.getRepository(Account).findOne({ where: { loginName: loginName.trim().toLowerCase() } });
  }

  findById(id: string): Promise<Account | null> {
    return this.em.getRepository(Account).findOne({ where: { id } });
  }

  /** Whether any account (staff, merchant, sub-account) has this login name. */
  loginTaken(loginName: string): Promise<boolean> {
    return this.em.getRepository(Account).exists({ where: { loginName } });
  }

  /** The account, locked for the rest of the transaction (`FOR UPDATE`); only a staff account when `staffOnly`. */
  lockAccount(id: string, staffOnly = false): Promise<Account | null> {
    return this.em.getRepository(Account).findOne({ where: { id, ...(staffOnly ? { kind: 'staff' as const } : {}) }, lock: { mode: 'pessimistic_write' } });
  }

  saveAccount(a: Partial<Account>): Promise<Account> {
    const repo = this.em.getRepository(Account);
    return repo.save(repo.create(a));
  }

  /** One page of staff accounts, by login name unless sorted otherwise; `q` searches login and display names, `role` a held platform role. */
  listStaff(req: PageRequest & { q?: string; role?: string }): Promise<Page<Account>> {
    const qb = this.em.getRepository(Account).createQueryBuilder('a').where("a.kind = 'staff'");
    if (req.q) qb.andWhere('(a.login_name ILIKE :q OR a.display_name ILIKE :q)', { q: `%${req.q.replace(/[%_\\]/g, '\\$&')}%` });
    if (req.role) qb.andWhere(':role = ANY(a.platform_roles)', { role: req.role });
    return paginate(qb, req, { loginName: 'a.login_name', createdAt: 'a.created_at' }, { field: 'loginName', order: 'ASC' }, 'a.id');
  }

  /**
   * Counts one sign-in attempt against a login name (its blind index `loginKey`, whether or not an
   * account has that name) before the password is checked, atomically, so parallel attempts
   * (batched requests, aliases) each count. Returns `{ lockedUntil }` when the name is locked
   * (this attempt is then not counted); sets the lock when this attempt reaches the limit.
   */
  async reserveAttempt(loginKey: string, limits: { maxFailures: number; windowMinutes: number; lockMinutes: number }): Promise<{ failedSignIns: number } | { lockedUntil: Date }> {
    // Separate statements: each sees rows committed by parallel attempts before it started.
    await this.em.query('INSERT INTO sign_in_lockout (login_key) VALUES ($1) ON CONFLICT (login_key) DO NOTHING', [loginKey]);
    const { rows } = await updateRows<{ failed_sign_ins: number }>(
      this.em,
      `UPDATE sign_in_lockout SET
         failed_sign_ins = CASE WHEN last_failed_at > now() - make_interval(mins => $3) THEN failed_sign_ins + 1 ELSE 1 END,
         last_failed_at = now(),
         locked_until = CASE WHEN (CASE WHEN last_failed_at > now() - make_interval(mins => $3) THEN failed_sign_ins + 1 ELSE 1 END) >= $2
                             THEN now() + make_interval(mins => $4) END
       WHERE login_key = $1 AND (locked_until IS NULL OR locked_until <= now())
       RETURNING failed_sign_ins`,
      [loginKey, limits.maxFailures, limits.windowMinutes, limits.lockMinutes],
    );
    if (rows.length) return { failedSignIns: rows[0].failed_sign_ins };
    const [row] = await this.em.query('SELECT locked_until FROM sign_in_lockout WHERE login_key = $1', [loginKey]);
    // Gone in between (a successful sign-in or an unlock cleared it): count again.
    return row ? { lockedUntil: row.locked_until } : this.reserveAttempt(loginKey, limits);
  }

  /** Forgets a login name's failures and lock (a successful sign-in, an admin's unlock). */
  async clearFailures(loginKey: string): Promise<void> {
    await this.em.query('DELETE FROM sign_in_lockout WHERE login_key = $1', [loginKey]);
  }

  async recordAttempt(loginName: string, ip: string, succeeded: boolean): Promise<void> {
    await this.em.query('INSERT INTO sign_in_attempt (login_name, ip, succeeded) VALUES ($1, $2, $3)', [loginName.slice(0, 64), ip, succeeded]);
  }

  async recentIpFailures(ip: string, windowMinutes: number): Promise<number> {
    const [row] = await this.em.query(`SELECT count(*)::int AS n FROM sign_in_attempt WHERE ip = $1 AND NOT succeeded AND at > now() - make_interval(mins => $2)`, [ip, windowMinutes]);
    return row.n;
  }

  createSession(s: Partial<Session>): Promise<Session> {
    return this.em.getRepository(Session).save(this.em.getRepository(Session).create(s));
  }

  /** The actor behind a bearer token, or null when the token is unknown, revoked or expired. */
  async actorForToken(tokenHash: string): Promise<CachedActor | null> {
    const rows: ActorRow[] = await this.em.query(
      `SELECT s.id AS session_id, s.last_seen_at, s.expires_at, a.id AS account_id, a.kind, a.login_name, a.platform_roles, a.must_change_password,
              m.id AS merchant_id, COALESCE(st.id, a.store_id) AS store_id,
              -- A sub-account's rights are the union of its store roles, read on every request.
              CASE WHEN a.kind = 'sub_account' THEN ARRAY(
                SELECT DISTINCT unnest(r.permissions) FROM sub_account_role sr JOIN store_role r ON r.id = sr.role_id
                 WHERE sr.account_id = a.id AND r.store_id = a.store_id) END AS store_permissions
         FROM session s
         JOIN account a ON a.id = s.account_id AND a.status = 'active'
         LEFT JOIN merchant m ON m.account_id = a.id
         LEFT JOIN store st ON st.merchant_id = m.id
        WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > now()`,
      [tokenHash],
    );
    const r = rows[0];
    if (!r) return null;
    return {
      actor: {
        sessionId: r.session_id,
        accountId: String(r.account_id),
        kind: r.kind,
        loginName: r.login_name,
        roles: r.kind === 'staff' ? r.platform_roles : [],
        merchantId: r.merchant_id ? String(r.merchant_id) : undefined,
        storeId: r.store_id ? String(r.store_id) : undefined,
        ...(r.must_change_password ? { mustChangePassword: true } : {}),
        ...(r.kind === 'sub_account' ? { storePermissions: [...expandGrantable(r.store_permissions ?? [])] } : {}),
      },
      lastSeenAt: r.last_seen_at.getTime(),
      expiresAt: r.expires_at.getTime(),
    };
  }

  /** Slides the session's expiry; called at most once a minute per session. @returns the new expiry (ms), or null when the session is gone. */
  async touchSession(sessionId: string, hours: number): Promise<number | null> {
    const { rows } = await updateRows<{ expires_at: Date }>(
      this.em,
      `UPDATE session SET last_seen_at = now(), expires_at = now() + make_interval(hours => $2) WHERE id = $1 AND revoked_at IS NULL RETURNING expires_at`,
      [sessionId, hours],
    );
    return rows[0]?.expires_at.getTime() ?? null;
  }

  /** Revokes a session of the given account; returns false when there is no such active session. */
  async revokeSession(accountId: string, sessionId: string): Promise<boolean> {
    const { count } = await updateRows(this.em, `UPDATE session SET revoked_at = now() WHERE id = $1 AND account_id = $2 AND revoked_at IS NULL`, [sessionId, accountId]);
    return count > 0;
  }

  listActiveSessions(accountId: string): Promise<Session[]> {
    return this.em
      .getRepository(Session)
      .createQueryBuilder('s')
      .where('s.accountId = :accountId AND s.revokedAt IS NULL AND s.expiresAt > now()', { accountId })
      .orderBy('s.lastSeenAt', 'DESC')
      .limit(100)
      .getMany();
  }

  /** Revokes every active session of an account. @returns how many. */
  async revokeAllSessions(accountId: string, exceptSessionId?: string): Promise<number> {
    const { count } = await updateRows(this.em, `UPDATE session SET revoked_at = now() WHERE account_id = $1 AND revoked_at IS NULL AND ($2::uuid IS NULL OR id <> $2::uuid)`, [
      accountId,
      exceptSessionId ?? null,
    ]);
    return count;
  }

  /** Sets a new password hash and clears the forced-change mark. */
  async setPassword(accountId: string, passwordHash: string): Promise<void> {
    await this.em.query('UPDATE account SET password_hash = $2, must_change_password = false, updated_at = now() WHERE id = $1', [accountId, passwordHash]);
  }

  /** Active staff accounts holding `admin`, other than `accountId`. */
  async countActiveAdminsExcept(accountId: string): Promise<number> {
    const [r]: { n: number }[] = await this.em.query(`SELECT count(*)::int AS n FROM account WHERE kind = 'staff' AND status = 'active' AND 'admin' = ANY(platform_roles) AND id <> $1`, [accountId]);
    return r.n;
  }

  /** Moves a staff account from one of `from` to `to`. @returns false when it was in none of them. */
  async setStaffStatus(accountId: string, from: AccountStatus[], to: AccountStatus): Promise<boolean> {
    const { count } = await updateRows(this.em, `UPDATE account SET status = $3, updated_at = now() WHERE id = $1 AND kind = 'staff' AND status = ANY($2)`, [accountId, from, to]);
    return count > 0;
  }

  /** Ids of the active accounts holding the auditor role (recipients of grant notices). */
  async activeAuditorIds(): Promise<string[]> {
    const rows: { id: string }[] = await this.em.query(`SELECT id FROM account WHERE kind = 'staff' AND status = 'active' AND 'auditor' = ANY(platform_roles) ORDER BY id`);
    return rows.map((r) => String(r.id));
  }

  insertGrant(g: Pick<StaffRoleGrant, 'accountId' | 'role' | 'status' | 'requestedBy' | 'decidedBy'>): Promise<StaffRoleGrant> {
    const repo = this.em.getRepository(StaffRoleGrant);
    return repo.save(repo.create({ ...g, decidedAt: g.decidedBy ? new Date() : null }));
  }

  findGrant(id: string): Promise<StaffRoleGrant | null> {
    return this.em.getRepository(StaffRoleGrant).findOne({ where: { id } });
  }

  /** Role grants, newest first, optionally by status, grantee or id (an `accountId` that is not an id matches nothing). */
  listGrants(req: PageRequest & { status?: string; accountId?: string; grantId?: string }): Promise<Page<GrantRow>> {
    const qb = this.em
      .createQueryBuilder()
      .from('staff_role_grant', 'g')
      .innerJoin('account', 'a', 'a.id = g.account_id')
      .innerJoin('account', 'r', 'r.id = g.requested_by')
      .leftJoin('account', 'd', 'd.id = g.decided_by')
      .select([
        'g.id AS id',
        'g.account_id AS account_id',
        'a.login_name AS account_login',
        'g.role AS role',
        'g.status AS status',
        'g.requested_by AS requested_by',
        'r.login_name AS requested_by_login',
        'g.decided_by AS decided_by',
        'd.login_name AS decided_by_login',
        'g.requested_at AS requested_at',
        'g.decided_at AS decided_at',
      ]);
    if (req.status) qb.andWhere('g.status = :status', { status: req.status });
    // An id that is not one matches nothing (ids are bigint).
    if (req.accountId) qb.andWhere('g.account_id = :accountId', { accountId: isId(req.accountId) ? req.accountId : '0' });
    if (req.grantId) qb.andWhere('g.id = :grantId', { grantId: req.grantId });
    return paginateRaw<GrantRow>(qb, req, { requestedAt: 'g.requested_at' }, { field: 'requestedAt', order: 'DESC' }, 'g.id');
  }

  pendingGrants(accountId: string): Promise<StaffRoleGrant[]> {
    return this.em.getRepository(StaffRoleGrant).find({ where: { accountId, status: 'pending' }, order: { id: 'ASC' } });
  }

  /**
   * Decides a pending grant in one conditional statement, so of parallel decisions exactly one
   * applies: only while it is pending, never by its requester (when `notBy` is set) nor its grantee.
   * @returns the decided grant, or null when it was no longer pending (or the actor may not decide it).
   */
  async decideGrant(id: string, deciderId: string, status: GrantStatus, notByRequester: boolean): Promise<StaffRoleGrant | null> {
    const { rows } = await updateRows<{ id: string }>(
      this.em,
      `UPDATE staff_role_grant SET status = $3, decided_by = $2, decided_at = now()
        WHERE id = $1 AND status = 'pending' AND account_id <> $2 AND (NOT $4 OR requested_by <> $2) RETURNING id`,
      [id, deciderId, status, notByRequester],
    );
    return rows.length ? this.findGrant(id) : null;
  }

  /** Adds a platform role to a staff account (no-op when held). */
  async addRole(accountId: string, role: PlatformRole): Promise<void> {
    await this.em.query(`UPDATE account SET platform_roles = array_append(platform_roles, $2::text), updated_at = now() WHERE id = $1 AND kind = 'staff' AND NOT ($2 = ANY(platform_roles))`, [
      accountId,
      role,
    ]);
  }
}
