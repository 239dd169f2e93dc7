import type { App } from '../../core/app';
import { actorOf, type RequestContext } from '../../core/context';
import { maskMobile } from '../../core/crypto/masking';
import { notFound } from '../../core/errors';
import { isId } from '../../core/ids';
import { mapPage, type Page, type PageRequest } from '../../core/pagination';
import { readRepo, transaction } from '../../core/transaction';
import { AuditService } from '../audit/audit.service';
import type { AuditEventView } from '../audit/audit.types';
import type { StoreRole } from './store-role.entity';
import { checkGrantable, refuse, roleLeaves, storeOf, within } from './store-grants';
import { sortedKeys } from './store-permissions';
import { SubAccountErrors } from './sub-accounts.errors';
import { SubAccountsRepository, type SubAccountRow } from './sub-accounts.repository';
import type { SubAccountSession, SubAccountView } from './sub-accounts.types';

/**
 * A store's sub-accounts (policy 2.3.4). Rules on top of the CASL ability (which conditions every
 * store rule on the actor's store):
 * - the roles given to a sub-account must be within the actor's own store permissions;
 * - a sub-account manages only sub-accounts within its own rights, never itself nor its own roles;
 * - the store owner is not a sub-account: demoting, deactivating or removing it is refused;
 * - another store's records answer NOT_FOUND (no existence leak);
 * - every change and refusal is audited (refusals `denied`).
 */
export class SubAccountsService {
  constructor(private readonly app: App) {}

  private view(s: SubAccountRow, roles: StoreRole[]): SubAccountView {
    return {
      id: s.accountId,
      storeId: s.storeId,
      loginName: s.loginName,
      displayName: s.displayName,
      mobileMasked: s.mobileEnc ? maskMobile(this.app.cipher.decrypt(s.mobileEnc)) : undefined,
      status: s.removedAt ? 'removed' : s.status,
      roles: roles.map((r) => ({ id: r.id, name: r.name })),
      effectivePermissions: sortedKeys(roleLeaves(roles)),
      lastSeenAt: s.lastSeenAt ?? undefined,
      createdAt: s.createdAt,
      removedAt: s.removedAt ?? undefined,
    };
  }

  async listSubAccounts(ctx: RequestContext, filter: { q?: string; status?: string; roleId?: string } = {}, page: PageRequest): Promise<Page<SubAccountView>> {
    const repo = readRepo(this.app, SubAccountsRepository);
    const res = await repo.listSubAccounts(ctx.ability, filter, page);
    const roles = await repo.rolesOfSubAccounts(res.items.map((s) => s.accountId));
    return mapPage(res, (s) => this.view(s, roles.get(s.accountId) ?? []));
  }

  /** @throws NOT_FOUND when it is not a sub-account of the actor's store. */
  async getSubAccount(ctx: RequestContext, id: string): Promise<SubAccountView> {
    const repo = readRepo(this.app, SubAccountsRepository);
    const s = await repo.findSubAccount(storeOf(ctx), id);
    if (!s) throw notFound('Sub-account');
    const roles = await repo.rolesOfSubAccounts([s.accountId]);
    return this.view(s, roles.get(s.accountId) ?? []);
  }

  /**
   * Resolves the target of a change to a sub-account. Refuses (FORBIDDEN, audited) the store owner
   * (`STORE_OWNER`), oneself (`OWN_SUB_ACCOUNT`), and a sub-account with rights beyond the actor's
   * (`TARGET_EXCEEDS_OWN`); NOT_FOUND for anything else that is not a sub-account of the store.
   */
  private async target(ctx: RequestContext, id: string, action: string): Promise<{ sub: SubAccountRow; roles: StoreRole[] }> {
    const storeId = storeOf(ctx);
    const repo = readRepo(this.app, SubAccountsRepository);
    const event = { action, targetType: 'SubAccount', targetId: isId(id) ? id : null };
    const sub = await repo.findSubAccount(storeId, id);
    if (!sub) {
      const owner = await repo.storeOwner(storeId);
      if (owner && owner.accountId === id) await refuse(ctx, { ...event, targetType: 'Account', reason: 'store_owner' }, SubAccountErrors.STORE_OWNER);
      throw notFound('Sub-account');
    }
    if (sub.accountId === actorOf(ctx).accountId) await refuse(ctx, { ...event, reason: 'self' }, SubAccountErrors.OWN_SUB_ACCOUNT);
    const roles = (await repo.rolesOfSubAccounts([sub.accountId])).get(sub.accountId) ?? [];
    if (!within(ctx, roleLeaves(roles))) await refuse(ctx, { ...event, reason: 'target_exceeds_own' }, SubAccountErrors.TARGET_EXCEEDS_OWN);
    return { sub, roles };
  }

  /**
   * Replaces the store roles of a sub-account (rights = union of the roles; effective on its next
   * request). @throws FORBIDDEN (audited) as `target`, or `OWNER_ONLY_PERMISSION` /
   * `EXCEEDS_OWN_PERMISSIONS` for roles beyond one's own; NOT_FOUND for a sub-account or role of
   * another store; CONFLICT `SUB_ACCOUNT_REMOVED`.
   */
  async setRoles(ctx: RequestContext, input: { subAccountId: string; roleIds: string[] }): Promise<SubAccountView> {
    const storeId = storeOf(ctx);
    const { sub, roles: before } = await this.target(ctx, input.subAccountId, 'subAccount.setRoles');
    if (sub.removedAt) throw SubAccountErrors.SUB_ACCOUNT_REMOVED();
    const ids = [...new Set(input.roleIds)];
    const roles = await readRepo(this.app, SubAccountsRepository).rolesOfStore(storeId, ids);
    if (roles.length !== ids.length) throw notFound('Store role');
    await checkGrantable(
      ctx,
      roles.flatMap((r) => r.permissions),
      { action: 'subAccount.setRoles', targetType: 'SubAccount', targetId: sub.accountId, after: { roleIds: ids } },
    );
    return transaction(ctx, async (tx) => {
      const repo = tx.repo(SubAccountsRepository);
      const locked = await repo.findSubAccount(storeId, sub.accountId, true);
      if (!locked || locked.removedAt) throw SubAccountErrors.SUB_ACCOUNT_REMOVED();
      await repo.setRoles(sub.accountId, ids, actorOf(ctx).accountId);
      const names = (rs: StoreRole[]) => rs.map((r) => ({ id: r.id, name: r.name }));
      tx.audit({
        action: 'subAccount.setRoles',
        targetType: 'SubAccount',
        targetId: sub.accountId,
        storeId,
        before: { roles: names(before) },
        after: {
          roles: names(roles),
          granted: roles.filter((r) => !before.some((b) => b.id === r.id)).map((r) => r.id),
          withdrawn: before.filter((b) => !roles.some((r) => r.id === b.id)).map((r) => r.id),
          permissions: sortedKeys(roleLeaves(roles)),
        },
      });
      return this.view(locked, roles);
    });
  }

  /** Deactivates a sub-account: it cannot sign in, its sessions are revoked at once. Refusals as `setRoles`. */
  async deactivate(ctx: RequestContext, id: string): Promise<SubAccountView> {
    return this.changeStatus(ctx, id, 'subAccount.deactivate', async (repo, sub) => {
      if (sub.removedAt) throw SubAccountErrors.SUB_ACCOUNT_REMOVED();
      await repo.setStatus(sub.accountId, 'disabled');
      return { status: 'disabled', sessionsRevoked: await repo.revokeSessions(sub.accountId) };
    });
  }

  /** Reactivates a deactivated sub-account. @throws CONFLICT `SUB_ACCOUNT_REMOVED` for a removed one. */
  async reactivate(ctx: RequestContext, id: string): Promise<SubAccountView> {
    return this.changeStatus(ctx, id, 'subAccount.reactivate', async (repo, sub) => {
      if (sub.removedAt) throw SubAccountErrors.SUB_ACCOUNT_REMOVED('A removed sub-account cannot be reactivated; invite the employee again');
      await repo.setStatus(sub.accountId, 'active');
      return { status: 'active' };
    });
  }

  /**
   * Removes a sub-account: disabled for good, roles withdrawn, sessions revoked; the account row and
   * its audit history stay. @throws CONFLICT `SUB_ACCOUNT_REMOVED` when already removed.
   */
  async remove(ctx: RequestContext, id: string): Promise<SubAccountView> {
    return this.changeStatus(ctx, id, 'subAccount.remove', async (repo, sub, roles) => {
      if (sub.removedAt) throw SubAccountErrors.SUB_ACCOUNT_REMOVED('This sub-account was already removed');
      await repo.setStatus(sub.accountId, 'disabled');
      await repo.setRoles(sub.accountId, [], actorOf(ctx).accountId);
      await repo.markRemoved(sub.accountId);
      return { status: 'removed', withdrawnRoles: roles.map((r) => r.id), sessionsRevoked: await repo.revokeSessions(sub.accountId) };
    });
  }

  /** Resolves the target (`target`), locks it and applies `apply` in one transaction, audited as `action`. */
  private async changeStatus(
    ctx: RequestContext,
    id: string,
    action: string,
    apply: (repo: SubAccountsRepository, sub: SubAccountRow, roles: StoreRole[]) => Promise<Record<string, unknown>>,
  ): Promise<SubAccountView> {
    const storeId = storeOf(ctx);
    await this.target(ctx, id, action);
    return transaction(ctx, async (tx) => {
      const repo = tx.repo(SubAccountsRepository);
      const sub = await repo.findSubAccount(storeId, id, true);
      if (!sub) throw notFound('Sub-account');
      const roles = (await repo.rolesOfSubAccounts([sub.accountId])).get(sub.accountId) ?? [];
      const after = await apply(repo, sub, roles);
      tx.audit({ action, targetType: 'SubAccount', targetId: sub.accountId, storeId, before: { status: sub.removedAt ? 'removed' : sub.status }, after });
      const fresh = (await repo.findSubAccount(storeId, id))!;
      return this.view(fresh, action === 'subAccount.remove' ? [] : roles);
    });
  }

  /** The sub-account's sign-ins and actions, newest first (from the audit log). @throws NOT_FOUND. */
  async activity(ctx: RequestContext, args: PageRequest & { subAccountId: string; filter?: { action?: string; from?: Date; to?: Date } }): Promise<Page<AuditEventView>> {
    const repo = readRepo(this.app, SubAccountsRepository);
    const sub = await repo.findSubAccount(storeOf(ctx), args.subAccountId);
    if (!sub) throw notFound('Sub-account');
    return mapPage(await repo.activity(sub.accountId, args.filter ?? {}, args), AuditService.view);
  }

  /** The sub-account's open sessions. @throws NOT_FOUND. */
  async sessions(ctx: RequestContext, id: string): Promise<SubAccountSession[]> {
    const repo = readRepo(this.app, SubAccountsRepository);
    const sub = await repo.findSubAccount(storeOf(ctx), id);
    if (!sub) throw notFound('Sub-account');
    const rows = await repo.activeSessions(sub.accountId);
    return rows.map((s: SubAccountSession & { ip: string | null; userAgent: string | null }) => ({ ...s, ip: s.ip ?? undefined, userAgent: s.userAgent ?? undefined }));
  }
}
