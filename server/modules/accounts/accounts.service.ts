import { randomBytes } from 'node:crypto';
import type { App } from '../../core/app';
import { type Actor, defineAbilityFor, packAbility, type PlatformRole } from '../../core/abilities';
import { actorOf, type RequestContext } from '../../core/context';
import { maskMobile } from '../../core/crypto/masking';
import { alreadyExists, badInput, conflict, forbidden, notFound, tooManyRequests, unauthenticated } from '../../core/errors';
import { mapPage, paginate, paginateRaw, type Page, type PageRequest } from '../../core/pagination';
import { auditNow, transaction, type Tx } from '../../core/transaction';
import type { EntityManager } from 'typeorm';
import { notify } from '../notifications/notifications.service';
import { Account, type AccountStatus } from './account.entity';
import { roleNeedsSecondApproval } from './accounts.permissions';
import { AccountsRepository, hashToken } from './accounts.repository';
import { ActorCache } from './actor-cache';
import type { CreateStaffAccountInput, Me, SessionInfo, SignInResult, StaffAccount, StaffRoleGrantView } from './accounts.types';
import { hashNewPassword, verifyPassword } from './password';
import { isId, isUuid } from '../../core/ids';

const GENERIC_FAILURE = 'Wrong login name or password';

/** Whole seconds (at least 1) until `until`: the retry time of a lock-out, counting down. */
const secondsUntil = (until: Date) => Math.max(1, Math.ceil((until.getTime() - Date.now()) / 1000));

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
    const found = await this.repo.findByLogin(em, login);
    const account = found?.status === 'active' ? found : undefined;
    // Counted and locked by the name's blind index whether or not an account has it, so an unknown
    // name is answered exactly like a real one (same counting-down retry time).
    const loginKey = this.loginKey(login);
    const reserved = await this.repo.reserveAttempt(em, loginKey, lockout);
    if ('lockedUntil' in reserved) {
      await this.repo.recordAttempt(em, login, ctx.ip, false);
      await auditNow(ctx, { action: 'account.signIn', outcome: 'denied', targetType: 'Account', targetId: found?.id, after: { reason: 'locked' } });
      throw tooManyRequests('Too many failed sign-ins; the account is locked for a while', secondsUntil(reserved.lockedUntil));
    }
    if (!(await verifyPassword(account?.passwordHash, input.password)) || !account) {
      await this.repo.recordAttempt(em, login, ctx.ip, false);
      const justLocked = reserved.failedSignIns >= lockout.maxFailures;
      await transaction(ctx, async (tx) => {
        tx.audit({
          action: 'account.signIn', outcome: 'failed', targetType: 'Account', targetId: found?.id,
          after: account ? { failedSignIns: reserved.failedSignIns } : { reason: 'unknown_or_disabled' },
        });
        if (justLocked && account) {
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
      await this.repo.clearFailures(tx.em, loginKey);
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
      mustChangePassword: account.mustChangePassword,
      abilityRules: packAbility(ctx.ability),
    };
  }

  /** The blind index a login name's lock-out is kept under. */
  private loginKey(login: string): string {
    return this.app.cipher.blindIndex('login', login.trim().toLowerCase());
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
    const em = this.app.dataSource.manager;
    const account = await this.repo.findById(em, actor.accountId);
    if (!account) throw unauthenticated();
    const loginKey = this.loginKey(account.loginName);
    const reserved = await this.repo.reserveAttempt(em, loginKey, this.app.config.lockout);
    if ('lockedUntil' in reserved) {
      await auditNow(ctx, { action: 'account.changePassword', outcome: 'denied', targetType: 'Account', targetId: account.id, after: { reason: 'locked' } });
      throw tooManyRequests('Too many failed attempts; try again later', secondsUntil(reserved.lockedUntil));
    }
    if (!(await verifyPassword(account.passwordHash, input.currentPassword))) {
      await auditNow(ctx, { action: 'account.changePassword', outcome: 'failed', targetType: 'Account', targetId: account.id, after: { reason: 'wrong_current_password' } });
      throw badInput('the current password is wrong', 'input.currentPassword');
    }
    if (input.newPassword === input.currentPassword) throw badInput('choose a password different from the current one', 'input.newPassword');
    const passwordHash = await hashNewPassword(this.app, input.newPassword, account.loginName, 'input.newPassword');
    return transaction(ctx, async (tx) => {
      await this.repo.clearFailures(tx.em, loginKey);
      await this.repo.setPassword(tx.em, account.id, passwordHash);
      const revoked = await this.repo.revokeAllSessions(tx.em, account.id, actor.sessionId);
      tx.audit({ action: 'account.changePassword', targetType: 'Account', targetId: account.id, after: { forced: account.mustChangePassword, otherSessionsRevoked: revoked } });
      return true;
    });
  }

  private async toStaff(em: EntityManager, a: Account): Promise<StaffAccount> {
    const pending = await this.repo.pendingGrants(em, a.id);
    return {
      id: a.id,
      loginName: a.loginName,
      displayName: a.displayName,
      roles: a.platformRoles,
      pendingRoles: pending.map((g) => g.role),
      status: a.status,
      mustChangePassword: a.mustChangePassword,
      mobileMasked: a.mobileEnc ? maskMobile(this.app.cipher.decrypt(a.mobileEnc)) : undefined,
      createdAt: a.createdAt,
    };
  }

  async listStaff(_ctx: RequestContext, req: PageRequest & { q?: string; role?: string }): Promise<Page<StaffAccount>> {
    const qb = this.app.dataSource.getRepository(Account).createQueryBuilder('a').where("a.kind = 'staff'");
    if (req.q) qb.andWhere('(a.login_name ILIKE :q OR a.display_name ILIKE :q)', { q: `%${req.q.replace(/[%_\\]/g, '\\$&')}%` });
    if (req.role) qb.andWhere(':role = ANY(a.platform_roles)', { role: req.role });
    const page = await paginate(qb, req, { loginName: 'a.login_name', createdAt: 'a.created_at' }, { field: 'loginName', order: 'ASC' }, 'a.id');
    const em = this.app.dataSource.manager;
    return { ...page, items: await Promise.all(page.items.map((a) => this.toStaff(em, a))) };
  }

  /**
   * Creates a staff account with a temporary password (policy-checked; changed at first sign-in).
   * Roles that need no second admin take effect at once; the others become pending grants
   * (`pendingRoles`), approved by another admin. Every grant is audited and notified to the auditors.
   * @throws CONFLICT when the login name is taken; BAD_USER_INPUT for no role or a weak password.
   */
  async createStaff(ctx: RequestContext, input: CreateStaffAccountInput): Promise<StaffAccount> {
    const actor = actorOf(ctx);
    const roles = [...new Set(input.roles)] as PlatformRole[];
    if (!roles.length) throw badInput('give at least one role', 'input.roles');
    const passwordHash = await hashNewPassword(this.app, input.password, input.loginName);
    return transaction(ctx, async (tx) => {
      const repo = tx.em.getRepository(Account);
      if (await repo.exists({ where: { loginName: input.loginName } })) throw alreadyExists('That login name is taken');
      const a = await repo.save(
        repo.create({
          kind: 'staff',
          loginName: input.loginName,
          displayName: input.displayName,
          passwordHash,
          platformRoles: roles.filter((r) => !roleNeedsSecondApproval(r)),
          mustChangePassword: true,
          mobileEnc: input.mobile ? this.app.cipher.encrypt(input.mobile) : null,
        }),
      );
      tx.audit({ action: 'staff.create', targetType: 'Account', targetId: a.id, after: { loginName: a.loginName, roles } });
      for (const role of roles) await this.grant(tx, a, role, actor);
      return this.toStaff(tx.em, a);
    });
  }

  /**
   * Sets a staff member's platform roles to `roles`: a held role left out is revoked at once, a
   * pending one left out is cancelled (revoked); a new role that needs no second admin is granted
   * at once, the others become pending grants. Never one's own roles.
   * @throws FORBIDDEN (OWN_ROLES) for one's own account; NOT_FOUND for a non-staff id.
   */
  async setStaffRoles(ctx: RequestContext, id: string, roles: string[]): Promise<StaffAccount> {
    const actor = actorOf(ctx);
    if (!isId(id)) throw notFound('Staff account');
    await this.refuseSelf(ctx, id, 'staff.setRoles', 'You cannot change your own roles');
    const wanted = [...new Set(roles)] as PlatformRole[];
    return transaction(ctx, async (tx) => {
      const repo = tx.em.getRepository(Account);
      const a = await repo.findOne({ where: { id, kind: 'staff' }, lock: { mode: 'pessimistic_write' } });
      if (!a) throw notFound('Staff account');
      if (a.status === 'disabled') throw conflict('This account is deactivated: its roles can no longer change', 'ACCOUNT_DISABLED');
      if (a.platformRoles.includes('admin') && !wanted.includes('admin')) await this.keepTwoAdmins(tx, id);
      const pending = await this.repo.pendingGrants(tx.em, id);
      const before = { roles: a.platformRoles, pendingRoles: pending.map((g) => g.role) };
      for (const g of pending) {
        if (wanted.includes(g.role)) continue;
        await this.repo.decideGrant(tx.em, g.id, actor.accountId, 'revoked', false);
        await this.announceGrant(tx, a, g.role, 'revoked', actor, g.id);
      }
      for (const role of a.platformRoles.filter((r) => !wanted.includes(r))) {
        const g = await this.repo.insertGrant(tx.em, { accountId: id, role, status: 'revoked', requestedBy: actor.accountId, decidedBy: actor.accountId });
        await this.announceGrant(tx, a, role, 'revoked', actor, g.id);
      }
      a.platformRoles = a.platformRoles.filter((r) => wanted.includes(r));
      await repo.save(a);
      for (const role of wanted) {
        if (!a.platformRoles.includes(role) && !pending.some((g) => g.role === role)) await this.grant(tx, a, role, actor);
      }
      const after = await repo.findOneByOrFail({ id });
      const view = await this.toStaff(tx.em, after);
      tx.audit({ action: 'staff.setRoles', targetType: 'Account', targetId: id, before, after: { roles: view.roles, pendingRoles: view.pendingRoles } });
      return view;
    });
  }

  /** Grants `role` to `a` at once or, when it needs a second admin, records a pending grant. */
  private async grant(tx: Tx, a: Account, role: PlatformRole, actor: Actor): Promise<void> {
    const needsSecond = roleNeedsSecondApproval(role);
    const g = await this.repo.insertGrant(tx.em, {
      accountId: a.id, role, status: needsSecond ? 'pending' : 'granted', requestedBy: actor.accountId, decidedBy: needsSecond ? null : actor.accountId,
    });
    if (!needsSecond) await this.repo.addRole(tx.em, a.id, role);
    await this.announceGrant(tx, a, role, needsSecond ? 'requested' : 'granted', actor, g.id);
  }

  /** Audits a grant event and notifies every active auditor by inbox (issue 10 item 6). */
  private async announceGrant(tx: Tx, a: Pick<Account, 'id' | 'loginName'>, role: string, event: 'requested' | 'granted' | 'approved' | 'refused' | 'revoked', actor: Actor, grantId: string): Promise<void> {
    tx.audit({ action: `staff.role.${event}`, targetType: 'StaffRoleGrant', targetId: grantId, after: { accountId: a.id, loginName: a.loginName, role } });
    const zh = { requested: '申请授予', granted: '已授予', approved: '已批准授予', refused: '已拒绝授予', revoked: '已撤销' }[event];
    for (const auditorId of await this.repo.activeAuditorIds(tx.em)) {
      await notify(tx, {
        accountId: auditorId,
        kind: 'security',
        sms: false,
        titleZh: `平台角色变更：${zh} ${role}`,
        titleEn: `Platform role ${event}: ${role}`,
        bodyZh: `管理员 ${actor.loginName} ${zh}账号 ${a.loginName} 的角色 ${role}。`,
        bodyEn: `Admin ${actor.loginName}: role ${role} ${event} for account ${a.loginName}.`,
      });
    }
  }

  /**
   * Approves (`approve`) or refuses a pending grant; an approved grant takes effect at once. The
   * decision is one conditional UPDATE: of parallel decisions exactly one applies, the others get
   * CONFLICT (GRANT_DECIDED).
   * @throws NOT_FOUND; FORBIDDEN `MAKER_CHECKER` (approving one's own request) or `OWN_ROLES`
   *         (deciding a grant to oneself), audited as denied; CONFLICT `GRANT_DECIDED`.
   */
  async decideRoleGrant(ctx: RequestContext, id: string, approve: boolean): Promise<StaffRoleGrantView> {
    const actor = actorOf(ctx);
    const action = approve ? 'staff.role.approve' : 'staff.role.refuse';
    if (!isId(id)) throw notFound('Role grant');
    const g = await this.repo.findGrant(this.app.dataSource.manager, id);
    if (!g) throw notFound('Role grant');
    const deny = async (reason: string, message: string, errorCode: string): Promise<never> => {
      await auditNow(ctx, { action, outcome: 'denied', targetType: 'StaffRoleGrant', targetId: id, after: { reason } });
      throw forbidden(message, errorCode);
    };
    if (g.accountId === actor.accountId) await deny('own_roles', 'You cannot decide a grant of roles to yourself', 'OWN_ROLES');
    if (approve && g.requestedBy === actor.accountId) await deny('maker_checker', 'Another admin must approve a grant you requested', 'MAKER_CHECKER');
    await transaction(ctx, async (tx) => {
      // The account row first, as deactivation takes it: a grant is never approved onto a deactivated account.
      const holder = await tx.em.getRepository(Account).findOne({ where: { id: g.accountId }, lock: { mode: 'pessimistic_write' } });
      if (approve && holder?.status === 'disabled') throw conflict('This account is deactivated: its grants can no longer be approved', 'ACCOUNT_DISABLED');
      const decided = await this.repo.decideGrant(tx.em, id, actor.accountId, approve ? 'approved' : 'refused', approve);
      if (!decided) throw conflict('This grant has already been decided', 'GRANT_DECIDED');
      const a = await tx.em.getRepository(Account).findOneByOrFail({ id: decided.accountId });
      if (approve) await this.repo.addRole(tx.em, a.id, decided.role);
      await this.announceGrant(tx, a, decided.role, approve ? 'approved' : 'refused', actor, id);
    });
    // Read after commit: the list's count runs on its own connection.
    return (await this.listGrants(ctx, { page: 1, perPage: 1, grantId: id })).items[0];
  }

  /** Role grants, newest first, optionally by status or account. */
  async listGrants(_ctx: RequestContext, req: PageRequest & { status?: string; accountId?: string; grantId?: string }): Promise<Page<StaffRoleGrantView>> {
    const qb = this.app.dataSource
      .createQueryBuilder()
      .from('staff_role_grant', 'g')
      .innerJoin('account', 'a', 'a.id = g.account_id')
      .innerJoin('account', 'r', 'r.id = g.requested_by')
      .leftJoin('account', 'd', 'd.id = g.decided_by')
      .select(['g.id AS id', 'g.account_id AS account_id', 'a.login_name AS account_login', 'g.role AS role', 'g.status AS status', 'g.requested_by AS requested_by',
        'r.login_name AS requested_by_login', 'g.decided_by AS decided_by', 'd.login_name AS decided_by_login', 'g.requested_at AS requested_at', 'g.decided_at AS decided_at']);
    if (req.status) qb.andWhere('g.status = :status', { status: req.status });
    // An id that is not one matches nothing (ids are bigint).
    if (req.accountId) qb.andWhere('g.account_id = :accountId', { accountId: isId(req.accountId) ? req.accountId : '0' });
    if (req.grantId) qb.andWhere('g.id = :grantId', { grantId: req.grantId });
    const page = await paginateRaw<GrantRow>(qb, req, { requestedAt: 'g.requested_at' }, { field: 'requestedAt', order: 'DESC' }, 'g.id');
    return mapPage(page, (r) => ({
      id: String(r.id), accountId: String(r.account_id), accountLogin: r.account_login, role: r.role, status: r.status,
      requestedBy: String(r.requested_by), requestedByLogin: r.requested_by_login,
      decidedBy: r.decided_by ? String(r.decided_by) : undefined, decidedByLogin: r.decided_by_login ?? undefined,
      requestedAt: r.requested_at, decidedAt: r.decided_at ?? undefined,
    }));
  }

  /** Refuses (audited) an admin's lifecycle or role operation on its own account. */
  private async refuseSelf(ctx: RequestContext, id: string, action: string, message: string): Promise<void> {
    if (id !== actorOf(ctx).accountId) return;
    await auditNow(ctx, { action, outcome: 'denied', targetType: 'Account', targetId: id, after: { reason: 'own_account' } });
    throw forbidden(message, 'OWN_ACCOUNT');
  }

  /**
   * Maker-checker needs a checker: an admin role is taken away, or an admin locked or deactivated,
   * only while at least two other active admins remain (so one admin can never remove the other and
   * act alone). Serialised under one advisory lock, so two admins acting on each other at the same
   * moment cannot both pass the count.
   * @throws CONFLICT `LAST_CHECKER`.
   */
  private async keepTwoAdmins(tx: Tx, accountId: string): Promise<void> {
    await tx.lock('staff:admins');
    if ((await this.repo.countActiveAdminsExcept(tx.em, accountId)) < 2)
      throw conflict('At least two active admins must remain, so that every grant still has a second admin to approve it', 'LAST_CHECKER');
  }

  /**
   * Staff lifecycle: `deactivate` (any status → disabled, final), `lock` (active → locked),
   * `unlock` (locked or active → active, also lifting a sign-in lock-out), `revokeSessions`.
   * Deactivating and locking revoke every session. Never on one's own account.
   * @throws FORBIDDEN OWN_ACCOUNT; NOT_FOUND for a non-staff id; CONFLICT INVALID_TRANSITION.
   */
  async staffLifecycle(ctx: RequestContext, id: string, op: 'deactivate' | 'lock' | 'unlock' | 'revokeSessions'): Promise<StaffAccount> {
    if (!isId(id)) throw notFound('Staff account');
    await this.refuseSelf(ctx, id, `staff.${op}`, 'You cannot do this to your own account');
    return transaction(ctx, async (tx) => {
      const a = await tx.em.getRepository(Account).findOne({ where: { id, kind: 'staff' }, lock: { mode: 'pessimistic_write' } });
      if (!a) throw notFound('Staff account');
      const moves: Record<typeof op, [AccountStatus[], AccountStatus] | null> = {
        deactivate: [['active', 'locked'], 'disabled'],
        lock: [['active'], 'locked'],
        unlock: [['active', 'locked'], 'active'],
        revokeSessions: null,
      };
      const move = moves[op];
      if ((op === 'lock' || op === 'deactivate') && a.platformRoles.includes('admin')) await this.keepTwoAdmins(tx, id);
      if (move && !(await this.repo.setStaffStatus(tx.em, id, ...move))) throw conflict(`Cannot ${op} an account that is ${a.status}`, 'INVALID_TRANSITION');
      if (op === 'deactivate') {
        // Final: the roles still waiting for approval are withdrawn, so none can be approved later.
        for (const g of await this.repo.pendingGrants(tx.em, id)) {
          await this.repo.decideGrant(tx.em, g.id, actorOf(ctx).accountId, 'revoked', false);
          await this.announceGrant(tx, a, g.role, 'revoked', actorOf(ctx), g.id);
        }
      }
      if (op === 'unlock') await this.repo.clearFailures(tx.em, this.loginKey(a.loginName));
      const sessionsRevoked = op === 'unlock' ? 0 : await this.repo.revokeAllSessions(tx.em, id);
      tx.audit({ action: `staff.${op}`, targetType: 'Account', targetId: id, before: { status: a.status }, after: { status: move?.[1] ?? a.status, sessionsRevoked } });
      return this.toStaff(tx.em, await tx.em.getRepository(Account).findOneByOrFail({ id }));
    });
  }
}

interface GrantRow {
  id: string; account_id: string; account_login: string; role: string; status: string; requested_by: string; requested_by_login: string;
  decided_by: string | null; decided_by_login: string | null; requested_at: Date; decided_at: Date | null;
}
