import { createHash } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { Actor, PlatformRole } from '../../core/abilities';
import { expandGrantable } from '../sub-accounts/store-permissions';
import { Account } from './account.entity';
import type { CachedActor } from './actor-cache';
import { updateRows } from '../../core/sql';
import { Session } from './session.entity';

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

interface ActorRow {
  session_id: string;
  account_id: string;
  kind: Actor['kind'];
  login_name: string;
  platform_roles: PlatformRole[];
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
   * Counts one sign-in attempt against the account before the password is checked, atomically,
   * so parallel attempts (batched requests, aliases) each count. Returns null when the account
   * is locked; sets the lock when this attempt reaches the limit.
   */
  async reserveAttempt(
    em: EntityManager,
    accountId: string,
    limits: { maxFailures: number; windowMinutes: number; lockMinutes: number },
  ): Promise<{ failedSignIns: number } | null> {
    const { rows } = await updateRows<{ failed_sign_ins: number }>(
      em,
      `WITH c AS (
         SELECT id, CASE WHEN last_failed_at > now() - make_interval(mins => $3) THEN failed_sign_ins + 1 ELSE 1 END AS n
         FROM account WHERE id = $1 AND (locked_until IS NULL OR locked_until <= now()) FOR UPDATE)
       UPDATE account a SET failed_sign_ins = c.n, last_failed_at = now(),
              locked_until = CASE WHEN c.n >= $2 THEN now() + make_interval(mins => $4) ELSE NULL END
       FROM c WHERE a.id = c.id RETURNING a.failed_sign_ins`,
      [accountId, limits.maxFailures, limits.windowMinutes, limits.lockMinutes],
    );
    return rows.length ? { failedSignIns: rows[0].failed_sign_ins } : null;
  }

  async clearFailures(em: EntityManager, accountId: string): Promise<void> {
    await em.query('UPDATE account SET failed_sign_ins = 0, last_failed_at = NULL, locked_until = NULL WHERE id = $1', [accountId]);
  }

  async lockedUntil(em: EntityManager, accountId: string): Promise<Date | null> {
    const [row] = await em.query('SELECT locked_until FROM account WHERE id = $1', [accountId]);
    return row?.locked_until ?? null;
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

  /** Failed attempts for a login name in the window (for names that match no account, so they lock like real ones). */
  async recentLoginFailures(em: EntityManager, loginName: string, windowMinutes: number): Promise<number> {
    const [row] = await em.query(
      `SELECT count(*)::int AS n FROM sign_in_attempt WHERE login_name = $1 AND NOT succeeded AND at > now() - make_interval(mins => $2)`,
      [loginName.slice(0, 64), windowMinutes],
    );
    return row.n;
  }

  createSession(em: EntityManager, s: Partial<Session>): Promise<Session> {
    return em.getRepository(Session).save(em.getRepository(Session).create(s));
  }

  /** The actor behind a bearer token, or null when the token is unknown, revoked or expired. */
  async actorForToken(tokenHash: string): Promise<CachedActor | null> {
    const rows: ActorRow[] = await this.ds.query(
      `SELECT s.id AS session_id, s.last_seen_at, s.expires_at, a.id AS account_id, a.kind, a.login_name, a.platform_roles,
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
}
