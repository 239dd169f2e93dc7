import { createHash } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { Actor, PlatformRole } from '../../core/abilities';
import { expandGrantable } from '../sub-accounts/store-permissions';
import { Account } from './account.entity';
import type { CachedActor } from './actor-cache';
import { updateRows } from '../../core/sql';
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

/** Queries on accounts, sessions and sign-in attempts. */
export class AccountsRepository {
  constructor(private readonly ds: DataSource) {}

  findByLogin(em: EntityManager, loginName: string): Promise<Account | null> {
    return em.getRepository(Account).findOne({ where: { loginName: loginName.trim().toLowerCase() } });
  }

  findById(em: EntityManager, id: string): Promise<Account | null> {
    return em.getRepository(Account).findOne({ where: { id } });
  }

  /**
   * Counts one sign-in attempt against a login name (its blind index `loginKey`, whether or not an
   * account has that name) before the password is checked, atomically, so parallel attempts
   * (batched requests, aliases) each count. Returns `{ lockedUntil }` when the name is locked
   * (this attempt is then not counted); sets the lock when this attempt reaches the limit.
   */
  async reserveAttempt(
    em: EntityManager,
    loginKey: string,
    limits: { maxFailures: number; windowMinutes: number; lockMinutes: number },
  ): Promise<{ failedSignIns: number } | { lockedUntil: Date }> {
    // Separate statements: each sees rows committed by parallel attempts before it started.
    await em.query('INSERT INTO sign_in_lockout (login_key) VALUES ($1) ON CONFLICT (login_key) DO NOTHING', [loginKey]);
    const { rows } = await updateRows<{ failed_sign_ins: number }>(
      em,
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
    const [row] = await em.query('SELECT locked_until FROM sign_in_lockout WHERE login_key = $1', [loginKey]);
    // Gone in between (a successful sign-in or an unlock cleared it): count again.
    return row ? { lockedUntil: row.locked_until } : this.reserveAttempt(em, loginKey, limits);
  }

  /** Forgets a login name's failures and lock (a successful sign-in, an admin's unlock). */
  async clearFailures(em: EntityManager, loginKey: string): Promise<void> {
    await em.query('DELETE FROM sign_in_lockout WHERE login_key = $1', [loginKey]);
  }

  async recordAttempt(em: EntityManager, loginName: string, ip: string, succeeded: boolean): Promise<void> {
    await em.query('INSERT INTO sign_in_attempt (login_name, ip, succeeded) VALUES ($1, $2, $3)', [loginName.slice(0, 64), ip, succeeded]);
  }

  async recentIpFailures(em: EntityManager, ip: string, windowMinutes: number): Promise<number> {
    const [row] = await em.query(
      `SELECT count(*)::int AS n FROM sign_in_attempt WHERE ip = $1 AND NOT succeeded AND at > now() - make_interval(mins => $2)`,
      [ip, windowMinutes],
    );
    return row.n;
  }

  createSession(em: EntityManager, s: Partial<Session>): Promise<Session> {
    return em.getRepository(Session).save(em.getRepository(Session).create(s));
  }

  /** The actor behind a bearer token, or null when the token is unknown, revoked or expired. */
  async actorForToken(tokenHash: string): Promise<CachedActor | null> {
    const rows: ActorRow[] = await this.ds.query(
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
      this.ds,
      `UPDATE session SET last_seen_at = now(), expires_at = now() + make_interval(hours => $2) WHERE id = $1 AND revoked_at IS NULL RETURNING expires_at`,
      [sessionId, hours],
    );
    return rows[0]?.expires_at.getTime() ?? null;
  }


  /** Revokes a session of the given account; returns false when there is no such active session. */
  async revokeSession(em: EntityManager, accountId: string, sessionId: string): Promise<boolean> {
    const { count } = await updateRows(em, `UPDATE session SET revoked_at = now() WHERE id = $1 AND account_id = $2 AND revoked_at IS NULL`, [sessionId, accountId]);
    return count > 0;
  }

  listActiveSessions(accountId: string): Promise<Session[]> {
    return this.ds
      .getRepository(Session)
      .createQueryBuilder('s')
      .where('s.accountId = :accountId AND s.revokedAt IS NULL AND s.expiresAt > now()', { accountId })
      .orderBy('s.lastSeenAt', 'DESC')
      .limit(100)
      .getMany();
  }

  /** Revokes every active session of an account. @returns how many. */
  async revokeAllSessions(em: EntityManager, accountId: string, exceptSessionId?: string): Promise<number> {
    const { count } = await updateRows(
      em,
      `UPDATE session SET revoked_at = now() WHERE account_id = $1 AND revoked_at IS NULL AND ($2::uuid IS NULL OR id <> $2::uuid)`,
      [accountId, exceptSessionId ?? null],
    );
    return count;
  }

  /** Sets a new password hash and clears the forced-change mark. */
  async setPassword(em: EntityManager, accountId: string, passwordHash: string): Promise<void> {
    await em.query('UPDATE account SET password_hash = $2, must_change_password = false, updated_at = now() WHERE id = $1', [accountId, passwordHash]);
  }

  /** Moves a staff account from one of `from` to `to`. @returns false when it was in none of them. */
  /** Active staff accounts holding `admin`, other than `accountId`. */
  async countActiveAdminsExcept(em: EntityManager, accountId: string): Promise<number> {
    const [r]: { n: number }[] = await em.query(
      `SELECT count(*)::int AS n FROM account WHERE kind = 'staff' AND status = 'active' AND 'admin' = ANY(platform_roles) AND id <> $1`,
      [accountId],
    );
    return r.n;
  }

  async setStaffStatus(em: EntityManager, accountId: string, from: AccountStatus[], to: AccountStatus): Promise<boolean> {
    const { count } = await updateRows(em, `UPDATE account SET status = $3, updated_at = now() WHERE id = $1 AND kind = 'staff' AND status = ANY($2)`, [accountId, from, to]);
    return count > 0;
  }

  /** Ids of the active accounts holding the auditor role (recipients of grant notices). */
  async activeAuditorIds(em: EntityManager): Promise<string[]> {
    const rows: { id: string }[] = await em.query(`SELECT id FROM account WHERE kind = 'staff' AND status = 'active' AND 'auditor' = ANY(platform_roles) ORDER BY id`);
    return rows.map((r) => String(r.id));
  }

  insertGrant(em: EntityManager, g: Pick<StaffRoleGrant, 'accountId' | 'role' | 'status' | 'requestedBy' | 'decidedBy'>): Promise<StaffRoleGrant> {
    const repo = em.getRepository(StaffRoleGrant);
    return repo.save(repo.create({ ...g, decidedAt: g.decidedBy ? new Date() : null }));
  }

  findGrant(em: EntityManager, id: string): Promise<StaffRoleGrant | null> {
    return em.getRepository(StaffRoleGrant).findOne({ where: { id } });
  }

  pendingGrants(em: EntityManager, accountId: string): Promise<StaffRoleGrant[]> {
    return em.getRepository(StaffRoleGrant).find({ where: { accountId, status: 'pending' }, order: { id: 'ASC' } });
  }

  /**
   * Decides a pending grant in one conditional statement, so of parallel decisions exactly one
   * applies: only while it is pending, never by its requester (when `notBy` is set) nor its grantee.
   * @returns the decided grant, or null when it was no longer pending (or the actor may not decide it).
   */
  async decideGrant(em: EntityManager, id: string, deciderId: string, status: GrantStatus, notByRequester: boolean): Promise<StaffRoleGrant | null> {
    const { rows } = await updateRows<{ id: string }>(
      em,
      `UPDATE staff_role_grant SET status = $3, decided_by = $2, decided_at = now()
        WHERE id = $1 AND status = 'pending' AND account_id <> $2 AND (NOT $4 OR requested_by <> $2) RETURNING id`,
      [id, deciderId, status, notByRequester],
    );
    return rows.length ? this.findGrant(em, id) : null;
  }

  /** Adds a platform role to a staff account (no-op when held). */
  async addRole(em: EntityManager, accountId: string, role: PlatformRole): Promise<void> {
    await em.query(
      `UPDATE account SET platform_roles = array_append(platform_roles, $2::text), updated_at = now() WHERE id = $1 AND kind = 'staff' AND NOT ($2 = ANY(platform_roles))`,
      [accountId, role],
    );
  }
}
