import { randomBytes } from 'node:crypto';
import type { App } from '../../core/app';
import { type Actor, defineAbilityFor, packAbility, type PlatformRole } from '../../core/abilities';
import { actorOf, type RequestContext } from '../../core/context';
import { maskMobile } from '../../core/crypto/masking';
import { alreadyExists, badInput, forbidden, notFound, tooManyRequests, unauthenticated } from '../../core/errors';
import { mapPage, paginate, type Page, type PageRequest } from '../../core/pagination';
import { auditNow, transaction } from '../../core/transaction';
import { notify } from '../notifications/notifications.service';
import { Account } from './account.entity';
import { AccountsRepository, hashToken } from './accounts.repository';
import { ActorCache } from './actor-cache';
import type { CreateStaffAccountInput, Me, SessionInfo, SignInResult, StaffAccount } from './accounts.types';
import { hashPassword, verifyPassword } from './password';
import { isId, isUuid } from '../../core/ids';

const GENERIC_FAILURE = 'Wrong login name or password';

/**
 * Sign-in, sessions and staff accounts (policy 2.1, 2.6.1).
 * Rules: argon2id passwords; every attempt counts (aliases and batched requests included) and
 * `lockout.maxFailures` failures in `lockout.windowMinutes` lock the account for
 * `lockout.lockMinutes`; too many failures from one IP are throttled; tokens are random, stored
 * hashed, revocable.
 */
export class AccountsService {
  readonly repo: AccountsRepository;
  /** Signed-in actors by token hash (see actor-cache.ts for when they are dropped). */
  private readonly actors: ActorCache;
  constructor(private readonly app: App) {
    this.repo = new AccountsRepository(app.dataSource);
    this.actors = new ActorCache(app.changes);
  }

  /**
   * @throws TOO_MANY_REQUESTS when the account is locked or the IP throttled;
   *         UNAUTHENTICATED with one generic message for a wrong login name or password.
   */
  async signIn(ctx: RequestContext, input: { loginName: string; password: string }): Promise<SignInResult> {
    const { lockout } = this.app.config;
    const em = this.app.dataSource.manager;
    const login = input.loginName.trim().toLowerCase();
    if ((await this.repo.recentIpFailures(em, ctx.ip, lockout.windowMinutes)) >= lockout.maxFailuresPerIp) {
      await auditNow(ctx, { action: 'account.signIn', outcome: 'denied', targetType: 'Account', after: { reason: 'ip_throttled' } });
      throw tooManyRequests('Too many failed sign-ins from this address; try again later', lockout.windowMinutes * 60);
    }
    const account = await this.repo.findByLogin(em, login);
    if (!account || account.status !== 'active') {
      // Unknown names lock like real ones, so lock-out does not tell which names exist.
      if ((await this.repo.recentLoginFailures(em, login, lockout.windowMinutes)) >= lockout.maxFailures) {
        await this.repo.recordAttempt(em, login, ctx.ip, false);
        await auditNow(ctx, { action: 'account.signIn', outcome: 'denied', targetType: 'Account', after: { reason: 'locked' } });
        throw tooManyRequests('Too many failed sign-ins; the account is locked for a while', lockout.lockMinutes * 60);
      }
      await verifyPassword(undefined, input.password);
      await this.repo.recordAttempt(em, login, ctx.ip, false);
      await auditNow(ctx, { action: 'account.signIn', outcome: 'failed', targetType: 'Account', after: { reason: 'unknown_or_disabled' } });
      throw unauthenticated(GENERIC_FAILURE);
    }
    const reserved = await this.repo.reserveAttempt(em, account.id, lockout);
    if (!reserved) {
      await this.repo.recordAttempt(em, login, ctx.ip, false);
      await auditNow(ctx, { action: 'account.signIn', outcome: 'denied', targetType: 'Account', targetId: account.id, after: { reason: 'locked' } });
      const until = await this.repo.lockedUntil(em, account.id);
      const seconds = until ? Math.max(1, Math.ceil((until.getTime() - Date.now()) / 1000)) : lockout.lockMinutes * 60;
      throw tooManyRequests('Too many failed sign-ins; the account is locked for a while', seconds);
    }
    if (!(await verifyPassword(account.passwordHash, input.password))) {
      await this.repo.recordAttempt(em, login, ctx.ip, false);
      const justLocked = reserved.failedSignIns >= lockout.maxFailures;
      await transaction(ctx, async (tx) => {
        tx.audit({ action: 'account.signIn', outcome: 'failed', targetType: 'Account', targetId: account.id, after: { failedSignIns: reserved.failedSignIns } });
        if (justLocked) {
          tx.audit({ action: 'account.locked', targetType: 'Account', targetId: account.id, after: { minutes: lockout.lockMinutes } });
          await notify(tx, {
            accountId: account.id,
            kind: 'security',
            titleZh: '账号已临时锁定',
            titleEn: 'Account temporarily locked',
            bodyZh: `因多次登录失败，您的账号已锁定 ${lockout.lockMinutes} 分钟。如非本人操作，请尽快修改密码。`,
            bodyEn: `After repeated failed sign-ins your account is locked for ${lockout.lockMinutes} minutes. If this was not you, change your password.`,
          });
        }
      });
      throw unauthenticated(GENERIC_FAILURE);
    }
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + this.app.config.sessionHours * 3600_000);
    // The sign-in's own audit event names the account that signed in as its actor.
    const signedIn: Actor = { accountId: account.id, kind: account.kind, loginName: account.loginName, roles: account.platformRoles, sessionId: '' };
    const session = await transaction({ ...ctx, actor: signedIn }, async (tx) => {
      await this.repo.clearFailures(tx.em, account.id);
      await this.repo.recordAttempt(tx.em, login, ctx.ip, true);
      const s = await this.repo.createSession(tx.em, {
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
    const actor = (await this.repo.actorForToken(hashToken(token)))?.actor;
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
      found = (await this.repo.actorForToken(tokenHash)) ?? undefined;
      if (!found) return null;
      this.actors.set(tokenHash, found, generation);
    }
    if (now - found.lastSeenAt > 60_000) {
      const expiresAt = await this.repo.touchSession(found.actor.sessionId, this.app.config.sessionHours);
      if (expiresAt === null) return null;
      found.lastSeenAt = now;
      found.expiresAt = expiresAt;
    }
    return found.actor;
  }

  async signOut(ctx: RequestContext): Promise<boolean> {
    const actor = actorOf(ctx);
    return transaction(ctx, async (tx) => {
      const done = await this.repo.revokeSession(tx.em, actor.accountId, actor.sessionId);
      tx.audit({ action: 'account.signOut', targetType: 'Session', targetId: actor.sessionId });
      return done;
    });
  }

  /** Revokes one of the actor's own sessions. @throws NOT_FOUND when it is not an active session of the actor. */
  async revokeSession(ctx: RequestContext, sessionId: string): Promise<boolean> {
    const actor = actorOf(ctx);
    if (!isUuid(sessionId)) throw notFound('Session');
    return transaction(ctx, async (tx) => {
      if (!(await this.repo.revokeSession(tx.em, actor.accountId, sessionId))) throw notFound('Session');
      tx.audit({ action: 'account.revokeSession', targetType: 'Session', targetId: sessionId });
      return true;
    });
  }

  async mySessions(ctx: RequestContext): Promise<SessionInfo[]> {
    const actor = actorOf(ctx);
    const sessions = await this.repo.listActiveSessions(actor.accountId);
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
    const account = await this.repo.findById(this.app.dataSource.manager, actor.accountId);
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
      abilityRules: packAbility(ctx.ability),
    };
  }

  private toStaff(a: Account): StaffAccount {
    return {
      id: a.id,
      loginName: a.loginName,
      displayName: a.displayName,
      roles: a.platformRoles,
      status: a.status,
      mobileMasked: a.mobileEnc ? maskMobile(this.app.cipher.decrypt(a.mobileEnc)) : undefined,
      createdAt: a.createdAt,
    };
  }

  async listStaff(_ctx: RequestContext, req: PageRequest & { q?: string; role?: string }): Promise<Page<StaffAccount>> {
    const qb = this.app.dataSource.getRepository(Account).createQueryBuilder('a').where("a.kind = 'staff'");
    if (req.q) qb.andWhere('(a.login_name ILIKE :q OR a.display_name ILIKE :q)', { q: `%${req.q.replace(/[%_\\]/g, '\\$&')}%` });
    if (req.role) qb.andWhere(':role = ANY(a.platform_roles)', { role: req.role });
    const page = await paginate(qb, req, { loginName: 'a.login_name', createdAt: 'a.created_at' }, { field: 'loginName', order: 'ASC' }, 'a.id');
    return mapPage(page, (a) => this.toStaff(a));
  }

  /** @throws CONFLICT when the login name is taken. */
  async createStaff(ctx: RequestContext, input: CreateStaffAccountInput): Promise<StaffAccount> {
    const roles = [...new Set(input.roles)] as PlatformRole[];
    if (!roles.length) throw badInput('give at least one role', 'input.roles');
    const passwordHash = await hashPassword(input.password);
    return transaction(ctx, async (tx) => {
      const repo = tx.em.getRepository(Account);
      if (await repo.exists({ where: { loginName: input.loginName } })) throw alreadyExists('That login name is taken');
      const a = await repo.save(
        repo.create({
          kind: 'staff',
          loginName: input.loginName,
          displayName: input.displayName,
          passwordHash,
          platformRoles: roles,
          mobileEnc: input.mobile ? this.app.cipher.encrypt(input.mobile) : null,
        }),
      );
      tx.audit({ action: 'staff.create', targetType: 'Account', targetId: a.id, after: { loginName: a.loginName, roles } });
      return this.toStaff(a);
    });
  }

  /** Replaces a staff member's roles. @throws FORBIDDEN for one's own roles; NOT_FOUND for a non-staff id. */
  async setStaffRoles(ctx: RequestContext, id: string, roles: string[]): Promise<StaffAccount> {
    const actor = actorOf(ctx);
    if (!isId(id)) throw notFound('Staff account');
    if (id === actor.accountId) {
      await auditNow(ctx, { action: 'staff.setRoles', outcome: 'denied', targetType: 'Account', targetId: id, after: { reason: 'own_roles' } });
      throw forbidden('You cannot change your own roles');
    }
    const unique = [...new Set(roles)] as PlatformRole[];
    return transaction(ctx, async (tx) => {
      const repo = tx.em.getRepository(Account);
      const a = await repo.findOne({ where: { id, kind: 'staff' }, lock: { mode: 'pessimistic_write' } });
      if (!a) throw notFound('Staff account');
      const before = a.platformRoles;
      a.platformRoles = unique;
      await repo.save(a);
      tx.audit({ action: 'staff.setRoles', targetType: 'Account', targetId: id, before: { roles: before }, after: { roles: unique } });
      return this.toStaff(a);
    });
  }
}
