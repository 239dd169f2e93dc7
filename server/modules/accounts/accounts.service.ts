import { randomBytes } from 'node:crypto';
import type { App } from '../../core/app';
import { type Actor, defineAbilityFor, packAbility } from '../../core/abilities';
import { actorOf, type RequestContext } from '../../core/context';
import { fieldRefusal, notFound, tooManyRequests, unauthenticated } from '../../core/errors';
import { AccountErrors } from './accounts.errors';
import { isUuid } from '../../core/ids';
import { auditNow, readRepo, transaction } from '../../core/transaction';
import { notify } from '../notifications/notifications.service';
import { accountLockedNotice } from './accounts.notifications';
import { AccountsRepository, hashToken } from './accounts.repository';
import { ActorCache } from './actor-cache';
import type { Me, SessionInfo, SignInResult } from './accounts.types';
import { hashNewPassword, verifyPassword } from './password';

const GENERIC_FAILURE = 'Wrong login name or password';

/** Whole seconds (at least 1) until `until`: the retry time of a lock-out, counting down. */
const secondsUntil = (until: Date) => Math.max(1, Math.ceil((until.getTime() - Date.now()) / 1000));

/** The blind index a login name's lock-out is kept under (trimmed, lower-cased). */
export function loginKey(app: App, login: string): string {
  return app.cipher.blindIndex('login', login.trim().toLowerCase());
}

/**
 * Sign-in, sessions and one's own password (policy 2.1, 2.6.1).
 * Rules: argon2id passwords; every attempt counts (aliases and batched requests included) and
 * `lockout.maxFailures` failures in `lockout.windowMinutes` lock the account for
 * `lockout.lockMinutes`; too many failures from one IP are throttled; tokens are random, stored
 * hashed, revocable.
 */
export class AccountsService {
  /** Signed-in actors by token hash (see actor-cache.ts for when they are dropped). */
  private readonly actors: ActorCache;
  constructor(private readonly app: App) {
    this.actors = new ActorCache(app.changes);
  }

  private get read(): AccountsRepository {
    return readRepo(this.app, AccountsRepository);
  }

  /**
   * @throws TOO_MANY_REQUESTS when the account is locked or the IP throttled;
   *         UNAUTHENTICATED with one generic message for a wrong login name or password.
   */
  async signIn(ctx: RequestContext, input: { loginName: string; password: string }): Promise<SignInResult> {
    const { lockout } = this.app.config;
    const read = this.read;
    const login = input.loginName.trim().toLowerCase();
    if ((await read.recentIpFailures(ctx.ip, lockout.windowMinutes)) >= lockout.maxFailuresPerIp) {
      await auditNow(ctx, { action: 'account.signIn', outcome: 'denied', targetType: 'Account', after: { reason: 'ip_throttled' } });
      throw tooManyRequests('Too many failed sign-ins from this address; try again later', lockout.windowMinutes * 60);
    }
    const found = await read.findByLogin(login);
    // A service account (API key only) never signs in by password: answered like a wrong password.
    const account = found?.status === 'active' && found.kind !== 'service' ? found : undefined;
    // Counted and locked by the name's blind index whether or not an account has it, so an unknown
    // name is answered exactly like a real one (same counting-down retry time).
    const key = loginKey(this.app, login);
    const reserved = await read.reserveAttempt(key, lockout);
    if ('lockedUntil' in reserved) {
      await read.recordAttempt(login, ctx.ip, false);
      await auditNow(ctx, { action: 'account.signIn', outcome: 'denied', targetType: 'Account', targetId: found?.id, after: { reason: 'locked' } });
      throw tooManyRequests('Too many failed sign-ins; the account is locked for a while', secondsUntil(reserved.lockedUntil));
    }
    if (!(await verifyPassword(account?.passwordHash, input.password)) || !account) {
      await read.recordAttempt(login, ctx.ip, false);
      const justLocked = reserved.failedSignIns >= lockout.maxFailures;
      await transaction(ctx, async (tx) => {
        tx.audit({
          action: 'account.signIn',
          outcome: 'failed',
          targetType: 'Account',
          targetId: found?.id,
          after: account ? { failedSignIns: reserved.failedSignIns } : { reason: 'unknown_or_disabled' },
        });
        if (justLocked && account) {
          tx.audit({ action: 'account.locked', targetType: 'Account', targetId: account.id, after: { minutes: lockout.lockMinutes } });
          await notify(tx, { accountId: account.id, kind: 'security', ...accountLockedNotice(lockout.lockMinutes) });
        }
      });
      throw unauthenticated(GENERIC_FAILURE);
    }
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + this.app.config.sessionHours * 3600_000);
    // The sign-in's own audit event names the account that signed in as its actor.
    const signedIn: Actor = { accountId: account.id, kind: account.kind, loginName: account.loginName, roles: account.platformRoles, sessionId: '' };
    const session = await transaction({ ...ctx, actor: signedIn }, async (tx) => {
      const repo = tx.repo(AccountsRepository);
      await repo.clearFailures(key);
      await repo.recordAttempt(login, ctx.ip, true);
      const s = await repo.createSession({
        accountId: account.id,
        tokenHash: hashToken(token),
        ip: ctx.ip,
        userAgent: ctx.userAgent.slice(0, 256),
        lastSeenAt: new Date(),
        expiresAt,
      });
      tx.audit({ action: 'account.signIn', targetType: 'Session', targetId: s.id });
      return s;
    });
    const actor = (await this.read.actorForToken(hashToken(token)))?.actor;
    if (!actor) throw new Error('session vanished right after sign-in');
    return { token, expiresAt: session.expiresAt, me: await this.me({ ...ctx, actor, ability: defineAbilityFor(actor) }) };
  }

  /** Resolves the bearer token of a request (null when absent, unknown, revoked or expired). */
  async authenticate(token: string | undefined): Promise<Actor | null> {
    if (!token) return null;
    const tokenHash = hashToken(token);
    const now = Date.now();
    let found = this.actors.get(tokenHash, now);
    if (!found) {
      const generation = this.actors.generation();
      found = (await this.read.actorForToken(tokenHash)) ?? undefined;
      if (!found) return null;
      this.actors.set(tokenHash, found, generation);
    }
    if (now - found.lastSeenAt > 60_000) {
      const expiresAt = await this.read.touchSession(found.actor.sessionId, this.app.config.sessionHours);
      if (expiresAt === null) return null;
      found.lastSeenAt = now;
      found.expiresAt = expiresAt;
    }
    return found.actor;
  }

  async signOut(ctx: RequestContext): Promise<boolean> {
    const actor = actorOf(ctx);
    return transaction(ctx, async (tx) => {
      const done = await tx.repo(AccountsRepository).revokeSession(actor.accountId, actor.sessionId);
      tx.audit({ action: 'account.signOut', targetType: 'Session', targetId: actor.sessionId });
      return done;
    });
  }

  /** Revokes one of the actor's own sessions. @throws NOT_FOUND when it is not an active session of the actor. */
  async revokeSession(ctx: RequestContext, sessionId: string): Promise<boolean> {
    const actor = actorOf(ctx);
    if (!isUuid(sessionId)) throw notFound('Session');
    return transaction(ctx, async (tx) => {
      if (!(await tx.repo(AccountsRepository).revokeSession(actor.accountId, sessionId))) throw notFound('Session');
      tx.audit({ action: 'account.revokeSession', targetType: 'Session', targetId: sessionId });
      return true;
    });
  }

  async mySessions(ctx: RequestContext): Promise<SessionInfo[]> {
    const actor = actorOf(ctx);
    const sessions = await this.read.listActiveSessions(actor.accountId);
    return sessions.map((s) => ({
      id: s.id,
      ip: s.ip ?? undefined,
      userAgent: s.userAgent ?? undefined,
      createdAt: s.createdAt,
      lastSeenAt: s.lastSeenAt,
      expiresAt: s.expiresAt,
      current: s.id === actor.sessionId,
    }));
  }

  async me(ctx: RequestContext): Promise<Me> {
    const actor = actorOf(ctx);
    const account = await this.read.findById(actor.accountId);
    if (!account) throw unauthenticated();
    return {
      id: account.id,
      kind: account.kind,
      loginName: account.loginName,
      displayName: account.displayName,
      roles: actor.roles,
      merchantId: actor.merchantId,
      storeId: actor.storeId,
      locale: account.locale,
      mustChangePassword: account.mustChangePassword,
      abilityRules: packAbility(ctx.ability),
    };
  }

  /**
   * Changes the actor's own password: the current one is checked (each wrong one counts towards
   * the sign-in lock-out), the new one passes the password policy and differs from the current;
   * the forced-change mark is cleared and the actor's other sessions are revoked.
   * @throws BAD_USER_INPUT `input.currentPassword` (wrong) or `input.newPassword` (policy);
   *         TOO_MANY_REQUESTS when the login is locked.
   */
  async changeMyPassword(ctx: RequestContext, input: { currentPassword: string; newPassword: string }): Promise<boolean> {
    const actor = actorOf(ctx);
    const read = this.read;
    const account = await read.findById(actor.accountId);
    if (!account) throw unauthenticated();
    const key = loginKey(this.app, account.loginName);
    const reserved = await read.reserveAttempt(key, this.app.config.lockout);
    if ('lockedUntil' in reserved) {
      await auditNow(ctx, { action: 'account.changePassword', outcome: 'denied', targetType: 'Account', targetId: account.id, after: { reason: 'locked' } });
      throw tooManyRequests('Too many failed attempts; try again later', secondsUntil(reserved.lockedUntil));
    }
    if (!(await verifyPassword(account.passwordHash, input.currentPassword))) {
      await auditNow(ctx, { action: 'account.changePassword', outcome: 'failed', targetType: 'Account', targetId: account.id, after: { reason: 'wrong_current_password' } });
      throw fieldRefusal(AccountErrors.CURRENT_PASSWORD_WRONG, 'input.currentPassword');
    }
    if (input.newPassword === input.currentPassword) throw fieldRefusal(AccountErrors.PASSWORD_UNCHANGED, 'input.newPassword');
    const passwordHash = await hashNewPassword(this.app, input.newPassword, account.loginName, 'input.newPassword');
    return transaction(ctx, async (tx) => {
      const repo = tx.repo(AccountsRepository);
      await repo.clearFailures(key);
      await repo.setPassword(account.id, passwordHash);
      const revoked = await repo.revokeAllSessions(account.id, actor.sessionId);
      tx.audit({ action: 'account.changePassword', targetType: 'Account', targetId: account.id, after: { forced: account.mustChangePassword, otherSessionsRevoked: revoked } });
      return true;
    });
  }
}
