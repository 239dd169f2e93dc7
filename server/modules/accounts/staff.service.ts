import type { App } from '../../core/app';
import type { Actor, PlatformRole } from '../../core/abilities';
import { actorOf, type RequestContext } from '../../core/context';
import { maskMobile } from '../../core/crypto/masking';
import { alreadyExists, badInput, CoreErrors, notFound, type ErrorFactory } from '../../core/errors';
import { isId } from '../../core/ids';
import { mapPage, type Page, type PageRequest } from '../../core/pagination';
import { auditNow, readRepo, transaction, type Tx } from '../../core/transaction';
import { notify } from '../notifications/notifications.service';
import type { Account, AccountStatus } from './account.entity';
import { AccountErrors } from './accounts.errors';
import { type GrantEvent, roleGrantNotice } from './accounts.notifications';
import { roleNeedsSecondApproval } from './accounts.permissions';
import { AccountsRepository } from './accounts.repository';
import { loginKey } from './accounts.service';
import type { CreateStaffAccountInput, StaffAccount, StaffRoleGrantView } from './accounts.types';
import { hashNewPassword } from './password';

/**
 * Staff accounts, their lifecycle and their platform-role grants (policy 2.1). Rules: roles that
 * need a second admin are pending grants until another admin than the requester approves them
 * (maker-checker); nobody changes its own account or decides grants to itself; at least two other
 * active admins always remain; every grant is audited and notified to the auditors.
 */
export class StaffService {
  constructor(private readonly app: App) {}

  private async view(repo: AccountsRepository, a: Account): Promise<StaffAccount> {
    const pending = await repo.pendingGrants(a.id);
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
    const repo = readRepo(this.app, AccountsRepository);
    const page = await repo.listStaff(req);
    return { ...page, items: await Promise.all(page.items.map((a) => this.view(repo, a))) };
  }

  /**
   * Creates a staff account with a temporary password (policy-checked; changed at first sign-in).
   * Roles that need no second admin take effect at once; the others become pending grants
   * (`pendingRoles`), approved by another admin. Every grant is audited and notified to the auditors.
   * @throws CONFLICT `ALREADY_EXISTS` when the login name is taken; BAD_USER_INPUT for no role or a weak password.
   */
  async createStaff(ctx: RequestContext, input: CreateStaffAccountInput): Promise<StaffAccount> {
    const actor = actorOf(ctx);
    const roles = [...new Set(input.roles)] as PlatformRole[];
    if (!roles.length) throw badInput('give at least one role', 'input.roles');
    const passwordHash = await hashNewPassword(this.app, input.password, input.loginName);
    return transaction(ctx, async (tx) => {
      const repo = tx.repo(AccountsRepository);
      if (await repo.loginTaken(input.loginName)) throw alreadyExists('That login name is taken');
      const a = await repo.saveAccount({
        kind: 'staff',
        loginName: input.loginName,
        displayName: input.displayName,
        passwordHash,
        platformRoles: roles.filter((r) => !roleNeedsSecondApproval(r)),
        mustChangePassword: true,
        mobileEnc: input.mobile ? this.app.cipher.encrypt(input.mobile) : null,
      });
      tx.audit({ action: 'staff.create', targetType: 'Account', targetId: a.id, after: { loginName: a.loginName, roles } });
      for (const role of roles) await this.grant(tx, a, role, actor);
      return this.view(repo, a);
    });
  }

  /**
   * Sets a staff member's platform roles to `roles`: a held role left out is revoked at once, a
   * pending one left out is cancelled (revoked); a new role that needs no second admin is granted
   * at once, the others become pending grants. Never one's own roles.
   * @throws FORBIDDEN `OWN_ACCOUNT` for one's own account; NOT_FOUND for a non-staff id;
   *         CONFLICT `ACCOUNT_DISABLED`, `LAST_CHECKER`.
   */
  async setStaffRoles(ctx: RequestContext, id: string, roles: string[]): Promise<StaffAccount> {
    const actor = actorOf(ctx);
    if (!isId(id)) throw notFound('Staff account');
    await this.refuseSelf(ctx, id, 'staff.setRoles', 'You cannot change your own roles');
    const wanted = [...new Set(roles)] as PlatformRole[];
    return transaction(ctx, async (tx) => {
      const repo = tx.repo(AccountsRepository);
      const a = await repo.lockAccount(id, true);
      if (!a) throw notFound('Staff account');
      if (a.status === 'disabled') throw AccountErrors.ACCOUNT_DISABLED();
      if (a.platformRoles.includes('admin') && !wanted.includes('admin')) await this.keepTwoAdmins(tx, id);
      const pending = await repo.pendingGrants(id);
      const before = { roles: a.platformRoles, pendingRoles: pending.map((g) => g.role) };
      for (const g of pending) {
        if (wanted.includes(g.role)) continue;
        await repo.decideGrant(g.id, actor.accountId, 'revoked', false);
        await this.announceGrant(tx, a, g.role, 'revoked', actor, g.id);
      }
      for (const role of a.platformRoles.filter((r) => !wanted.includes(r))) {
        const g = await repo.insertGrant({ accountId: id, role, status: 'revoked', requestedBy: actor.accountId, decidedBy: actor.accountId });
        await this.announceGrant(tx, a, role, 'revoked', actor, g.id);
      }
      a.platformRoles = a.platformRoles.filter((r) => wanted.includes(r));
      await repo.saveAccount(a);
      for (const role of wanted) {
        if (!a.platformRoles.includes(role) && !pending.some((g) => g.role === role)) await this.grant(tx, a, role, actor);
      }
      const view = await this.view(repo, (await repo.findById(id))!);
      tx.audit({ action: 'staff.setRoles', targetType: 'Account', targetId: id, before, after: { roles: view.roles, pendingRoles: view.pendingRoles } });
      return view;
    });
  }

  /** Grants `role` to `a` at once or, when it needs a second admin, records a pending grant. */
  private async grant(tx: Tx, a: Account, role: PlatformRole, actor: Actor): Promise<void> {
    const repo = tx.repo(AccountsRepository);
    const needsSecond = roleNeedsSecondApproval(role);
    const g = await repo.insertGrant({
      accountId: a.id,
      role,
      status: needsSecond ? 'pending' : 'granted',
      requestedBy: actor.accountId,
      decidedBy: needsSecond ? null : actor.accountId,
    });
    if (!needsSecond) await repo.addRole(a.id, role);
    await this.announceGrant(tx, a, role, needsSecond ? 'requested' : 'granted', actor, g.id);
  }

  /** Audits a grant event and notifies every active auditor by inbox (issue 10 item 6). */
  private async announceGrant(tx: Tx, a: Pick<Account, 'id' | 'loginName'>, role: string, event: GrantEvent, actor: Actor, grantId: string): Promise<void> {
    tx.audit({ action: `staff.role.${event}`, targetType: 'StaffRoleGrant', targetId: grantId, after: { accountId: a.id, loginName: a.loginName, role } });
    for (const auditorId of await tx.repo(AccountsRepository).activeAuditorIds()) {
      await notify(tx, { accountId: auditorId, kind: 'security', sms: false, ...roleGrantNotice(event, role, actor.loginName, a.loginName) });
    }
  }

  /**
   * Approves (`approve`) or refuses a pending grant; an approved grant takes effect at once. The
   * decision is one conditional UPDATE: of parallel decisions exactly one applies, the others get
   * CONFLICT `GRANT_DECIDED`.
   * @throws NOT_FOUND; FORBIDDEN `MAKER_CHECKER` (approving one's own request) or `OWN_ROLES`
   *         (deciding a grant to oneself), audited as denied; CONFLICT `GRANT_DECIDED`,
   *         `ACCOUNT_DISABLED` (approving onto a deactivated account).
   */
  async decideRoleGrant(ctx: RequestContext, id: string, approve: boolean): Promise<StaffRoleGrantView> {
    const actor = actorOf(ctx);
    const action = approve ? 'staff.role.approve' : 'staff.role.refuse';
    if (!isId(id)) throw notFound('Role grant');
    const g = await readRepo(this.app, AccountsRepository).findGrant(id);
    if (!g) throw notFound('Role grant');
    const deny = async (reason: string, error: ErrorFactory, message?: string): Promise<never> => {
      await auditNow(ctx, { action, outcome: 'denied', targetType: 'StaffRoleGrant', targetId: id, after: { reason } });
      throw error(message);
    };
    if (g.accountId === actor.accountId) await deny('own_roles', AccountErrors.OWN_ROLES);
    if (approve && g.requestedBy === actor.accountId) await deny('maker_checker', CoreErrors.MAKER_CHECKER, 'Another admin must approve a grant you requested');
    await transaction(ctx, async (tx) => {
      const repo = tx.repo(AccountsRepository);
      // The account row first, as deactivation takes it: a grant is never approved onto a deactivated account.
      const holder = await repo.lockAccount(g.accountId);
      if (approve && holder?.status === 'disabled') throw AccountErrors.ACCOUNT_DISABLED('This account is deactivated: its grants can no longer be approved');
      const decided = await repo.decideGrant(id, actor.accountId, approve ? 'approved' : 'refused', approve);
      if (!decided) throw AccountErrors.GRANT_DECIDED();
      const a = (await repo.findById(decided.accountId))!;
      if (approve) await repo.addRole(a.id, decided.role);
      await this.announceGrant(tx, a, decided.role, approve ? 'approved' : 'refused', actor, id);
    });
    // Read after commit: the list's count runs on its own connection.
    return (await this.listGrants(ctx, { page: 1, perPage: 1, grantId: id })).items[0];
  }

  /** Role grants, newest first, optionally by status or account. */
  async listGrants(_ctx: RequestContext, req: PageRequest & { status?: string; accountId?: string; grantId?: string }): Promise<Page<StaffRoleGrantView>> {
    return mapPage(await readRepo(this.app, AccountsRepository).listGrants(req), (r) => ({
      id: String(r.id),
      accountId: String(r.account_id),
      accountLogin: r.account_login,
      role: r.role,
      status: r.status,
      requestedBy: String(r.requested_by),
      requestedByLogin: r.requested_by_login,
      decidedBy: r.decided_by ? String(r.decided_by) : undefined,
      decidedByLogin: r.decided_by_login ?? undefined,
      requestedAt: r.requested_at,
      decidedAt: r.decided_at ?? undefined,
    }));
  }

  /** Refuses (audited) an admin's lifecycle or role operation on its own account: FORBIDDEN `OWN_ACCOUNT` with `message`. */
  private async refuseSelf(ctx: RequestContext, id: string, action: string, message: string): Promise<void> {
    if (id !== actorOf(ctx).accountId) return;
    await auditNow(ctx, { action, outcome: 'denied', targetType: 'Account', targetId: id, after: { reason: 'own_account' } });
    throw AccountErrors.OWN_ACCOUNT(message);
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
    if ((await tx.repo(AccountsRepository).countActiveAdminsExcept(accountId)) < 2) throw AccountErrors.LAST_CHECKER();
  }

  /**
   * Staff lifecycle: `deactivate` (any status → disabled, final), `lock` (active → locked),
   * `unlock` (locked or active → active, also lifting a sign-in lock-out), `revokeSessions`.
   * Deactivating and locking revoke every session. Never on one's own account.
   * @throws FORBIDDEN `OWN_ACCOUNT`; NOT_FOUND for a non-staff id; CONFLICT `INVALID_TRANSITION`, `LAST_CHECKER`.
   */
  async staffLifecycle(ctx: RequestContext, id: string, op: 'deactivate' | 'lock' | 'unlock' | 'revokeSessions'): Promise<StaffAccount> {
    if (!isId(id)) throw notFound('Staff account');
    await this.refuseSelf(ctx, id, `staff.${op}`, 'You cannot do this to your own account');
    return transaction(ctx, async (tx) => {
      const repo = tx.repo(AccountsRepository);
      const a = await repo.lockAccount(id, true);
      if (!a) throw notFound('Staff account');
      const moves: Record<typeof op, [AccountStatus[], AccountStatus] | null> = {
        deactivate: [['active', 'locked'], 'disabled'],
        lock: [['active'], 'locked'],
        unlock: [['active', 'locked'], 'active'],
        revokeSessions: null,
      };
      const move = moves[op];
      if ((op === 'lock' || op === 'deactivate') && a.platformRoles.includes('admin')) await this.keepTwoAdmins(tx, id);
      if (move && !(await repo.setStaffStatus(id, ...move))) throw CoreErrors.INVALID_TRANSITION(`Cannot ${op} an account that is ${a.status}`);
      if (op === 'deactivate') {
        // Final: the roles still waiting for approval are withdrawn, so none can be approved later.
        for (const g of await repo.pendingGrants(id)) {
          await repo.decideGrant(g.id, actorOf(ctx).accountId, 'revoked', false);
          await this.announceGrant(tx, a, g.role, 'revoked', actorOf(ctx), g.id);
        }
      }
      if (op === 'unlock') await repo.clearFailures(loginKey(this.app, a.loginName));
      const sessionsRevoked = op === 'unlock' ? 0 : await repo.revokeAllSessions(id);
      tx.audit({ action: `staff.${op}`, targetType: 'Account', targetId: id, before: { status: a.status }, after: { status: move?.[1] ?? a.status, sessionsRevoked } });
      return this.view(repo, (await repo.findById(id))!);
    });
  }
}
