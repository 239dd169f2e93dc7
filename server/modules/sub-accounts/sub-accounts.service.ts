import { randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../../core/abilities';
import type { App } from '../../core/app';
import { appendAuditEvents, type AuditInput } from '../../core/audit/audit-writer';
import { actorOf, type RequestContext } from '../../core/context';
import { maskMobile } from '../../core/crypto/masking';
import { normaliseMobile } from '../../../rules/identity/documents';
import { alreadyExists, badInput, conflict, forbidden, isUniqueViolation, notFound, tooManyRequests } from '../../core/errors';
import { defineQueue } from '../../core/jobs/jobs';
import { mapPage, type Page, type PageRequest } from '../../core/pagination';
import { auditNow, transaction, type Tx } from '../../core/transaction';
import { checkPasswordPolicy, hashPassword } from '../accounts/password';
import { AuditService } from '../audit/audit.service';
import type { AuditEventView } from '../audit/audit.types';
import type { SubAccountInvitation } from './invitation.entity';
import type { StoreRole } from './store-role.entity';
import {
  effectiveStorePermissions,
  expandGrantable,
  isOwnerOnly,
  normaliseKeys,
  STORE_PERMISSION_TREE,
  STORE_PERMISSIONS,
  STORE_ROLE_TEMPLATES,
  type StorePermissionDef,
  permissionDef,
} from './store-permissions';
import { SubAccountsRepository, type StoreRoleRow, type SubAccountRow } from './sub-accounts.repository';
import type {
  AcceptInvitationInput,
  AcceptInvitationResult,
  CreateStoreRoleInput,
  InvitationView,
  InviteSubAccountInput,
  StorePermissionNode,
  StoreRoleTemplate,
  StoreRoleView,
  SubAccountSession,
  SubAccountView,
  UpdateStoreRoleInput,
} from './sub-accounts.types';
import { isId } from '../../core/ids';

/** Invitation rules (policy 2.3.4). */
export const INVITATION_RULES = { ttlMinutes: 15, maxAttempts: 5, maxSends: 5, maxPerStorePerHour: 30 } as const;

/**
 * Sends one invitation SMS through the outbound channel. The job carries the recipient and the
 * text encrypted (the code is in clear nowhere else); the message id makes a retried delivery a no-op.
 */
export const INVITATION_SMS_QUEUE = defineQueue<{ messageId: string; to: string; body: string }>('sub-account-invitation-sms', async (app, data) => {
  await app.channels.send({ id: data.messageId, channel: 'sms', to: app.cipher.decrypt(data.to), body: app.cipher.decrypt(data.body) });
});

/** Runs a write; a unique-index violation (a concurrent request won the race) becomes CONFLICT `ALREADY_EXISTS` with `message`. */
async function orConflict<T>(write: () => Promise<T>, message: string): Promise<T> {
  try {
    return await write();
  } catch (e) {
    if (isUniqueViolation(e)) throw alreadyExists(message);
    throw e;
  }
}

const sortedKeys = (leaves: Set<string>) => STORE_PERMISSIONS.map((p) => p.key).filter((k) => leaves.has(k));

function node(def: StorePermissionDef, parentKey?: string): StorePermissionNode {
  return {
    key: def.key,
    parentKey,
    labelZh: def.labelZh,
    labelEn: def.labelEn,
    sensitive: !!def.sensitive,
    ownerOnly: !!def.ownerOnly,
    grants: permissionDef(def.key)!.leaves,
    children: (def.children ?? []).map((c) => node(c, def.key)),
  };
}

/**
 * Store sub-accounts and store roles (policy 2.3.4). Rules enforced here, on top of the CASL
 * ability (which conditions every store rule on the actor's store):
 * - nobody grants what they do not hold: a role's permissions, and the roles given to a
 *   sub-account, must be within the actor's own store permissions; owner-only permissions are
 *   never grantable;
 * - a sub-account manages only sub-accounts and roles within its own rights, never its own roles
 *   (nor a role it holds), never itself;
 * - the store owner is not a sub-account: demoting, deactivating or removing it is refused, and its
 *   mobile cannot be invited (no sub-account impersonates the owner);
 * - another store's records answer NOT_FOUND (no existence leak);
 * - every change, grant and refusal is audited (refusals `denied`, wrong codes `failed`).
 */
export class SubAccountsService {
  readonly repo: SubAccountsRepository;
  constructor(private readonly app: App) {
    this.repo = new SubAccountsRepository(app.dataSource);
  }

  // ---------------------------------------------------------------- catalogue

  catalogue(): StorePermissionNode[] {
    return STORE_PERMISSION_TREE.map((n) => node(n));
  }

  templates(): StoreRoleTemplate[] {
    return STORE_ROLE_TEMPLATES.map((t) => ({ ...t, permissions: [...t.permissions] }));
  }

  /** The actor's store permissions as leaf keys, in catalogue order (empty for staff). */
  myPermissions(ctx: RequestContext): string[] {
    return sortedKeys(effectiveStorePermissions(ctx.actor));
  }

  // ---------------------------------------------------------------- helpers

  private storeOf(ctx: RequestContext): string {
    const storeId = actorOf(ctx).storeId;
    if (!storeId) throw forbidden();
    return storeId;
  }

  private async refuse(ctx: RequestContext, event: Omit<AuditInput, 'outcome'> & { reason: string }, message: string, errorCode?: string): Promise<never> {
    const { reason, ...rest } = event;
    await auditNow(ctx, { ...rest, storeId: rest.storeId ?? ctx.actor?.storeId ?? null, outcome: 'denied', after: { ...(rest.after ?? {}), reason } });
    throw forbidden(message, errorCode);
  }

  /**
   * Refuses owner-only keys (FORBIDDEN, errorCode OWNER_ONLY_PERMISSION) and keys beyond the
   * actor's own permissions, audited. `keys` are the keys AS SENT: an owner-only key listed next
   * to its parent is refused too, not dropped by normaliseKeys as "covered by the parent".
   */
  private async checkGrantable(ctx: RequestContext, keys: string[], event: Omit<AuditInput, 'outcome'>): Promise<void> {
    const ownerOnly = keys.filter(isOwnerOnly);
    if (ownerOnly.length)
      await this.refuse(ctx, { ...event, reason: 'owner_only', after: { ...(event.after ?? {}), permissions: ownerOnly } }, 'Owner-only permissions cannot be granted', 'OWNER_ONLY_PERMISSION');
    const mine = effectiveStorePermissions(ctx.actor);
    const beyond = [...expandGrantable(keys)].filter((k) => !mine.has(k));
    if (beyond.length) await this.refuse(ctx, { ...event, reason: 'exceeds_own', after: { permissions: beyond } }, 'You cannot grant permissions you do not hold');
  }

  private roleLeaves(roles: StoreRole[]): Set<string> {
    return expandGrantable(roles.flatMap((r) => r.permissions));
  }

  /** True when everything in `leaves` is within the actor's own permissions. */
  private within(ctx: RequestContext, leaves: Set<string>): boolean {
    const mine = effectiveStorePermissions(ctx.actor);
    return [...leaves].every((k) => mine.has(k));
  }

  private roleView(r: StoreRole, memberCount: number): StoreRoleView {
    return {
      id: r.id,
      storeId: r.storeId,
      name: r.name,
      description: r.description ?? undefined,
      permissions: r.permissions,
      effectivePermissions: sortedKeys(expandGrantable(r.permissions)),
      templateCode: r.templateCode ?? undefined,
      memberCount,
      createdAt: r.createdAt,
      updatedAt: r.updatedAt,
    };
  }

  private subAccountView(s: SubAccountRow, roles: StoreRole[]): SubAccountView {
    return {
      id: s.accountId,
      storeId: s.storeId,
      loginName: s.loginName,
      displayName: s.displayName,
      mobileMasked: s.mobileEnc ? maskMobile(this.app.cipher.decrypt(s.mobileEnc)) : undefined,
      status: s.removedAt ? 'removed' : s.status,
      roles: roles.map((r) => ({ id: r.id, name: r.name })),
      effectivePermissions: sortedKeys(this.roleLeaves(roles)),
      lastSeenAt: s.lastSeenAt ?? undefined,
      createdAt: s.createdAt,
      removedAt: s.removedAt ?? undefined,
    };
  }

  private invitationView(i: SubAccountInvitation, roles: Map<string, StoreRole>): InvitationView {
    return {
      id: i.id,
      storeId: i.storeId,
      mobileMasked: maskMobile(this.app.cipher.decrypt(i.mobileEnc)),
      displayName: i.displayName,
      roles: i.roleIds.map(String).flatMap((id) => (roles.has(id) ? [{ id, name: roles.get(id)!.name }] : [])),
      status: i.status === 'pending' && i.expiresAt.getTime() <= Date.now() ? 'expired' : i.status,
      expiresAt: i.expiresAt,
      attempts: i.attempts,
      sendCount: i.sendCount,
      consentConfirmedAt: i.consentConfirmedAt,
      invitedBy: String(i.invitedBy),
      acceptedAccountId: i.acceptedAccountId ? String(i.acceptedAccountId) : undefined,
      acceptedAt: i.acceptedAt ?? undefined,
      createdAt: i.createdAt,
    };
  }

  private async rolesByIds(em: EntityManager, storeId: string, ids: string[]): Promise<Map<string, StoreRole>> {
    return new Map((await this.repo.rolesOfStore(em, storeId, ids.map(String))).map((r) => [r.id, r]));
  }

  // ---------------------------------------------------------------- store roles

  async listRoles(ctx: RequestContext, filter: { q?: string } = {}, page: PageRequest): Promise<Page<StoreRoleView>> {
    return mapPage(await this.repo.listRoles(ctx.ability, filter, page), (r: StoreRoleRow) => this.roleView(r, r.memberCount));
  }

  /** @throws NOT_FOUND when the role is not one of the actor's store. */
  async getRole(ctx: RequestContext, id: string): Promise<StoreRoleView> {
    const r = await this.repo.findRole(this.app.dataSource.manager, this.storeOf(ctx), id);
    if (!r) throw notFound('Store role');
    return this.roleView(r, (await this.repo.memberCounts([r.id])).get(r.id) ?? 0);
  }

  /**
   * Creates a store role. @throws FORBIDDEN (audited) for owner-only keys or keys beyond the actor's
   * own permissions; CONFLICT when the name is taken in the store.
   */
  async createRole(ctx: RequestContext, input: CreateStoreRoleInput & { templateCode?: string }): Promise<StoreRoleView> {
    const storeId = this.storeOf(ctx);
    const name = input.name.trim();
    if (!name) throw badInput('name must not be blank', 'name');
    await this.checkGrantable(ctx, input.permissions, { action: 'storeRole.create', targetType: 'StoreRole', after: { name } });
    const keys = normaliseKeys(input.permissions);
    return transaction(ctx, async (tx) => {
      if (await this.repo.roleNameTaken(tx.em, storeId, name)) throw alreadyExists('A role with that name exists in this store');
      const role = await orConflict(() => this.repo.saveRole(tx.em, {
        storeId,
        name,
        description: input.description?.trim() || null,
        permissions: keys,
        templateCode: input.templateCode ?? null,
        createdBy: actorOf(ctx).accountId,
      }), 'A role with that name exists in this store');
      tx.audit({ action: 'storeRole.create', targetType: 'StoreRole', targetId: role.id, storeId, after: { name, permissions: keys, templateCode: role.templateCode } });
      return this.roleView(role, 0);
    });
  }

  /** Copies a preset template into a new store role (same rules as `createRole`). */
  copyTemplate(ctx: RequestContext, input: { templateCode: string; name?: string }): Promise<StoreRoleView> {
    const t = STORE_ROLE_TEMPLATES.find((x) => x.code === input.templateCode);
    if (!t) throw badInput('unknown template', 'templateCode');
    return this.createRole(ctx, { name: input.name ?? t.nameZh, permissions: t.permissions, templateCode: t.code });
  }

  /**
   * Renames a role or replaces its permissions. @throws NOT_FOUND; FORBIDDEN (audited) when a
   * sub-account edits a role it holds, when the role or the new permissions exceed the actor's own,
   * or for owner-only keys; CONFLICT for a taken name.
   */
  async updateRole(ctx: RequestContext, input: UpdateStoreRoleInput): Promise<StoreRoleView> {
    const storeId = this.storeOf(ctx);
    const actor = actorOf(ctx);
    const role = await this.repo.findRole(this.app.dataSource.manager, storeId, input.id);
    if (!role) throw notFound('Store role');
    const event = { action: 'storeRole.update', targetType: 'StoreRole', targetId: role.id };
    await this.guardRoleChange(ctx, actor, role, event);
    if (input.permissions) await this.checkGrantable(ctx, input.permissions, event);
    const keys = input.permissions ? normaliseKeys(input.permissions) : undefined;
    const name = input.name?.trim();
    if (input.name !== undefined && !name) throw badInput('name must not be blank', 'name');
    return transaction(ctx, async (tx) => {
      const r = await this.repo.findRole(tx.em, storeId, input.id, true);
      if (!r) throw notFound('Store role');
      if (name && (await this.repo.roleNameTaken(tx.em, storeId, name, r.id))) throw alreadyExists('A role with that name exists in this store');
      const before = { name: r.name, description: r.description, permissions: r.permissions };
      if (name) r.name = name;
      if (input.description !== undefined) r.description = input.description?.trim() || null;
      if (keys) r.permissions = keys;
      const saved = await orConflict(() => this.repo.saveRole(tx.em, r), 'A role with that name exists in this store');
      const holders = await this.repo.holdersOfRole(tx.em, r.id);
      tx.audit({ ...event, storeId, before, after: { name: saved.name, description: saved.description, permissions: saved.permissions, holders: holders.length } });
      return this.roleView(saved, holders.length);
    });
  }

  /** Deletes a role; its holders lose it (audited with the holders). Same refusals as `updateRole`. */
  async deleteRole(ctx: RequestContext, id: string): Promise<boolean> {
    const storeId = this.storeOf(ctx);
    const actor = actorOf(ctx);
    const role = await this.repo.findRole(this.app.dataSource.manager, storeId, id);
    if (!role) throw notFound('Store role');
    const event = { action: 'storeRole.delete', targetType: 'StoreRole', targetId: role.id };
    await this.guardRoleChange(ctx, actor, role, event);
    return transaction(ctx, async (tx) => {
      const r = await this.repo.findRole(tx.em, storeId, id, true);
      if (!r) throw notFound('Store role');
      const holders = await this.repo.holdersOfRole(tx.em, r.id);
      await this.repo.deleteRole(tx.em, r.id);
      tx.audit({ ...event, storeId, before: { name: r.name, permissions: r.permissions, holders } });
      return true;
    });
  }

  private async guardRoleChange(ctx: RequestContext, actor: Actor, role: StoreRole, event: Omit<AuditInput, 'outcome'>): Promise<void> {
    if (actor.kind === 'sub_account' && (await this.repo.holdersOfRole(this.app.dataSource.manager, role.id)).includes(actor.accountId)) {
      await this.refuse(ctx, { ...event, reason: 'own_role' }, 'You cannot change a role you hold');
    }
    if (!this.within(ctx, expandGrantable(role.permissions))) await this.refuse(ctx, { ...event, reason: 'role_exceeds_own' }, 'This role has permissions you do not hold');
  }

  // ---------------------------------------------------------------- sub-accounts

  async listSubAccounts(ctx: RequestContext, filter: { q?: string; status?: string; roleId?: string } = {}, page: PageRequest): Promise<Page<SubAccountView>> {
    const res = await this.repo.listSubAccounts(ctx.ability, filter, page);
    const roles = await this.repo.rolesOfSubAccounts(this.app.dataSource, res.items.map((s) => s.accountId));
    return mapPage(res, (s) => this.subAccountView(s, roles.get(s.accountId) ?? []));
  }

  /** @throws NOT_FOUND when it is not a sub-account of the actor's store. */
  async getSubAccount(ctx: RequestContext, id: string): Promise<SubAccountView> {
    const s = await this.repo.findSubAccount(this.app.dataSource.manager, this.storeOf(ctx), id);
    if (!s) throw notFound('Sub-account');
    const roles = await this.repo.rolesOfSubAccounts(this.app.dataSource, [s.accountId]);
    return this.subAccountView(s, roles.get(s.accountId) ?? []);
  }

  /**
   * Resolves the target of a change to a sub-account. Refuses (FORBIDDEN, audited) the store owner,
   * oneself, and a sub-account with rights beyond the actor's; NOT_FOUND for anything else that is
   * not a sub-account of the store.
   */
  private async target(ctx: RequestContext, id: string, action: string): Promise<{ sub: SubAccountRow; roles: StoreRole[] }> {
    const storeId = this.storeOf(ctx);
    const actor = actorOf(ctx);
    const em = this.app.dataSource.manager;
    const event = { action, targetType: 'SubAccount', targetId: isId(id) ? id : null };
    const sub = await this.repo.findSubAccount(em, storeId, id);
    if (!sub) {
      const owner = await this.repo.storeOwner(em, storeId);
      if (owner && owner.accountId === id) await this.refuse(ctx, { ...event, targetType: 'Account', reason: 'store_owner' }, 'The store owner cannot be changed by this operation');
      throw notFound('Sub-account');
    }
    if (sub.accountId === actor.accountId) await this.refuse(ctx, { ...event, reason: 'self' }, 'You cannot change your own sub-account or roles');
    const roles = (await this.repo.rolesOfSubAccounts(em, [sub.accountId])).get(sub.accountId) ?? [];
    if (!this.within(ctx, this.roleLeaves(roles))) await this.refuse(ctx, { ...event, reason: 'target_exceeds_own' }, 'This sub-account has permissions you do not hold');
    return { sub, roles };
  }

  /**
   * Replaces the store roles of a sub-account (rights = union of the roles; effective on its next
   * request). @throws FORBIDDEN (audited) for the owner, oneself, or roles beyond one's own;
   * NOT_FOUND for a sub-account or role of another store; CONFLICT for a removed sub-account.
   */
  async setRoles(ctx: RequestContext, input: { subAccountId: string; roleIds: string[] }): Promise<SubAccountView> {
    const storeId = this.storeOf(ctx);
    const { sub, roles: before } = await this.target(ctx, input.subAccountId, 'subAccount.setRoles');
    if (sub.removedAt) throw conflict('This sub-account was removed');
    const ids = [...new Set(input.roleIds)];
    const roles = await this.repo.rolesOfStore(this.app.dataSource.manager, storeId, ids);
    if (roles.length !== ids.length) throw notFound('Store role');
    await this.checkGrantable(ctx, roles.flatMap((r) => r.permissions), { action: 'subAccount.setRoles', targetType: 'SubAccount', targetId: sub.accountId, after: { roleIds: ids } });
    return transaction(ctx, async (tx) => {
      const locked = await this.repo.findSubAccount(tx.em, storeId, sub.accountId, true);
      if (!locked || locked.removedAt) throw conflict('This sub-account was removed');
      await this.repo.setRoles(tx.em, sub.accountId, ids, actorOf(ctx).accountId);
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
          permissions: sortedKeys(this.roleLeaves(roles)),
        },
      });
      return this.subAccountView(locked, roles);
    });
  }

  /** Deactivates a sub-account: it cannot sign in, its sessions are revoked at once. Refusals as `setRoles`. */
  async deactivate(ctx: RequestContext, id: string): Promise<SubAccountView> {
    return this.changeStatus(ctx, id, 'subAccount.deactivate', async (tx, sub) => {
      if (sub.removedAt) throw conflict('This sub-account was removed');
      await this.repo.setStatus(tx.em, sub.accountId, 'disabled');
      return { status: 'disabled', sessionsRevoked: await this.repo.revokeSessions(tx.em, sub.accountId) };
    });
  }

  /** Reactivates a deactivated sub-account. @throws CONFLICT for a removed one. */
  async reactivate(ctx: RequestContext, id: string): Promise<SubAccountView> {
    return this.changeStatus(ctx, id, 'subAccount.reactivate', async (tx, sub) => {
      if (sub.removedAt) throw conflict('A removed sub-account cannot be reactivated; invite the employee again');
      await this.repo.setStatus(tx.em, sub.accountId, 'active');
      return { status: 'active' };
    });
  }

  /**
   * Removes a sub-account: disabled for good, roles withdrawn, sessions revoked; the account row and
   * its audit history stay. @throws CONFLICT when already removed.
   */
  async remove(ctx: RequestContext, id: string): Promise<SubAccountView> {
    return this.changeStatus(ctx, id, 'subAccount.remove', async (tx, sub, roles) => {
      if (sub.removedAt) throw conflict('This sub-account was already removed');
      await this.repo.setStatus(tx.em, sub.accountId, 'disabled');
      await this.repo.setRoles(tx.em, sub.accountId, [], actorOf(ctx).accountId);
      await this.repo.markRemoved(tx.em, sub.accountId);
      return { status: 'removed', withdrawnRoles: roles.map((r) => r.id), sessionsRevoked: await this.repo.revokeSessions(tx.em, sub.accountId) };
    });
  }

  private async changeStatus(
    ctx: RequestContext,
    id: string,
    action: string,
    apply: (tx: Tx, sub: SubAccountRow, roles: StoreRole[]) => Promise<Record<string, unknown>>,
  ): Promise<SubAccountView> {
    const storeId = this.storeOf(ctx);
    await this.target(ctx, id, action);
    return transaction(ctx, async (tx) => {
      const sub = await this.repo.findSubAccount(tx.em, storeId, id, true);
      if (!sub) throw notFound('Sub-account');
      const roles = (await this.repo.rolesOfSubAccounts(tx.em, [sub.accountId])).get(sub.accountId) ?? [];
      const after = await apply(tx, sub, roles);
      tx.audit({ action, targetType: 'SubAccount', targetId: sub.accountId, storeId, before: { status: sub.removedAt ? 'removed' : sub.status }, after });
      const fresh = (await this.repo.findSubAccount(tx.em, storeId, id))!;
      return this.subAccountView(fresh, action === 'subAccount.remove' ? [] : roles);
    });
  }

  /** The sub-account's sign-ins and actions, newest first (from the audit log). @throws NOT_FOUND. */
  async activity(ctx: RequestContext, args: PageRequest & { subAccountId: string; filter?: { action?: string; from?: Date; to?: Date } }): Promise<Page<AuditEventView>> {
    const sub = await this.repo.findSubAccount(this.app.dataSource.manager, this.storeOf(ctx), args.subAccountId);
    if (!sub) throw notFound('Sub-account');
    return mapPage(await this.repo.activity(sub.accountId, args.filter ?? {}, args), AuditService.view);
  }

  /** The sub-account's open sessions. @throws NOT_FOUND. */
  async sessions(ctx: RequestContext, id: string): Promise<SubAccountSession[]> {
    const sub = await this.repo.findSubAccount(this.app.dataSource.manager, this.storeOf(ctx), id);
    if (!sub) throw notFound('Sub-account');
    const rows = await this.repo.activeSessions(sub.accountId);
    return rows.map((s: SubAccountSession & { ip: string | null; userAgent: string | null }) => ({ ...s, ip: s.ip ?? undefined, userAgent: s.userAgent ?? undefined }));
  }

  // ---------------------------------------------------------------- invitations

  async listInvitations(ctx: RequestContext, filter: { status?: string } = {}, page: PageRequest): Promise<Page<InvitationView>> {
    const res = await this.repo.listInvitations(ctx.ability, filter, page);
    const roles = await this.rolesByIds(this.app.dataSource.manager, this.storeOf(ctx), res.items.flatMap((i) => i.roleIds));
    return mapPage(res, (i) => this.invitationView(i, roles));
  }

  private async queueCode(tx: Tx, inv: { id: string; mobileEnc: string; sendCount: number }, code: string, storeName: string): Promise<void> {
    const body =
      `【商家后台】${storeName} 邀请您成为店铺子账户，验证码 ${code}，${INVITATION_RULES.ttlMinutes} 分钟内有效，请勿告诉他人。` +
      `接受邀请：${this.app.config.publicUrl}/#/invitations/${inv.id}`;
    await tx.enqueue(INVITATION_SMS_QUEUE, { messageId: `invitation-${inv.id}-${inv.sendCount}`, to: inv.mobileEnc, body: this.app.cipher.encrypt(body) });
  }

  private codeHash(invitationId: string, code: string): string {
    return this.app.cipher.blindIndex('invitation-code', `${invitationId}:${code}`);
  }

  private newCode(): string {
    return String(randomInt(0, 1_000_000)).padStart(6, '0');
  }

  /**
   * Invites an employee by mainland mobile number: a one-time 6-digit code goes out by SMS
   * (valid 15 minutes, 5 attempts). The inviter must confirm the employee's consent (recorded).
   * @throws FORBIDDEN (audited) for roles beyond the actor's own or the owner's own mobile;
   *         NOT_FOUND for a role of another store; CONFLICT when the mobile is already a
   *         sub-account of the store or has a pending invitation; TOO_MANY_REQUESTS beyond 30
   *         invitations per store and hour.
   */
  async invite(ctx: RequestContext, input: InviteSubAccountInput): Promise<InvitationView> {
    const storeId = this.storeOf(ctx);
    const actor = actorOf(ctx);
    const em = this.app.dataSource.manager;
    // The input was validated against MOBILE_PATTERN, so this is never null.
    const mobile = normaliseMobile(input.mobile)!;
    const mobileHash = this.app.cipher.blindIndex('mobile', mobile);
    const displayName = input.displayName.trim();
    if (!displayName) throw badInput('displayName must not be blank', 'displayName');
    const owner = await this.repo.storeOwner(em, storeId);
    if (!owner) throw notFound('Store');
    const event = { action: 'subAccount.invite', targetType: 'SubAccountInvitation', after: { mobile: maskMobile(mobile) } };
    if (owner.mobileHash === mobileHash) await this.refuse(ctx, { ...event, reason: 'owner_mobile' }, "The store owner's mobile cannot become a sub-account");
    const ids = [...new Set(input.roleIds)];
    const roles = await this.repo.rolesOfStore(em, storeId, ids);
    if (roles.length !== ids.length) throw notFound('Store role');
    await this.checkGrantable(ctx, roles.flatMap((r) => r.permissions), { ...event, after: { ...event.after, roleIds: ids } });
    if (await this.repo.mobileIsSubAccount(em, storeId, mobileHash)) throw alreadyExists('This mobile number already has a sub-account in this store');
    const code = this.newCode();
    return transaction(ctx, async (tx) => {
      // SMS to third parties cost money and can annoy: a store sends a bounded number per hour.
      // Counted under the store's lock, so parallel invitations cannot overshoot the budget.
      await tx.lock(`invitation-budget:${storeId}`);
      if ((await this.repo.invitationsSince(tx.em, storeId, 60)) >= INVITATION_RULES.maxPerStorePerHour) {
        throw tooManyRequests('Too many invitations from this store in the last hour; try again later', 3600);
      }
      // A pending invitation of the same mobile that has expired is closed; a live one blocks.
      await tx.em.query(`UPDATE sub_account_invitation SET status = 'expired' WHERE store_id = $1 AND mobile_hash = $2 AND status = 'pending' AND expires_at <= now()`, [storeId, mobileHash]);
      const [live] = await tx.em.query(`SELECT 1 FROM sub_account_invitation WHERE store_id = $1 AND mobile_hash = $2 AND status = 'pending'`, [storeId, mobileHash]);
      if (live) throw alreadyExists('This mobile number has a pending invitation; resend or cancel it');
      const id = randomUUID();
      const inv = await orConflict(() => this.repo.saveInvitation(tx.em, {
        id,
        storeId,
        mobileEnc: this.app.cipher.encrypt(mobile),
        mobileHash,
        displayName,
        roleIds: ids,
        codeHash: this.codeHash(id, code),
        expiresAt: new Date(Date.now() + INVITATION_RULES.ttlMinutes * 60_000),
        attempts: 0,
        sendCount: 1,
        status: 'pending',
        consentConfirmedAt: new Date(),
        invitedBy: actor.accountId,
      }), 'This mobile number has a pending invitation; resend or cancel it');
      await this.queueCode(tx, inv, code, owner.storeName);
      tx.audit({
        ...event,
        targetId: inv.id,
        storeId,
        after: { mobile: maskMobile(mobile), displayName, roleIds: ids, consentConfirmed: true, expiresAt: inv.expiresAt.toISOString() },
      });
      return this.invitationView(inv, new Map(roles.map((r) => [r.id, r])));
    });
  }

  /** Sends a new code (the old one stops working; attempts restart). @throws NOT_FOUND; CONFLICT unless pending; TOO_MANY_REQUESTS after 5 sends. */
  async resend(ctx: RequestContext, id: string): Promise<InvitationView> {
    const storeId = this.storeOf(ctx);
    const owner = await this.repo.storeOwner(this.app.dataSource.manager, storeId);
    return transaction(ctx, async (tx) => {
      const inv = await this.repo.findInvitation(tx.em, id, { storeId, lock: true });
      if (!inv) throw notFound('Invitation');
      if (inv.status !== 'pending') throw conflict(`This invitation is ${inv.status}`);
      if (inv.sendCount >= INVITATION_RULES.maxSends) throw tooManyRequests('This invitation was sent too many times; cancel it and invite again');
      const code = this.newCode();
      inv.codeHash = this.codeHash(inv.id, code);
      inv.expiresAt = new Date(Date.now() + INVITATION_RULES.ttlMinutes * 60_000);
      inv.attempts = 0;
      inv.sendCount += 1;
      const saved = await this.repo.saveInvitation(tx.em, inv);
      await this.queueCode(tx, saved, code, owner?.storeName ?? '');
      tx.audit({ action: 'subAccount.invitation.resend', targetType: 'SubAccountInvitation', targetId: inv.id, storeId, after: { sendCount: saved.sendCount, expiresAt: saved.expiresAt.toISOString() } });
      return this.invitationView(saved, await this.rolesByIds(tx.em, storeId, saved.roleIds));
    });
  }

  /** Cancels a pending invitation. @throws NOT_FOUND; CONFLICT unless pending. */
  async cancel(ctx: RequestContext, id: string): Promise<InvitationView> {
    const storeId = this.storeOf(ctx);
    return transaction(ctx, async (tx) => {
      const inv = await this.repo.findInvitation(tx.em, id, { storeId, lock: true });
      if (!inv) throw notFound('Invitation');
      if (inv.status !== 'pending') throw conflict(`This invitation is ${inv.status}`);
      inv.status = 'cancelled';
      const saved = await this.repo.saveInvitation(tx.em, inv);
      tx.audit({ action: 'subAccount.invitation.cancel', targetType: 'SubAccountInvitation', targetId: inv.id, storeId, before: { status: 'pending' }, after: { status: 'cancelled' } });
      return this.invitationView(saved, await this.rolesByIds(tx.em, storeId, saved.roleIds));
    });
  }

  /**
   * The employee accepts with the code from the SMS and chooses a login name and password; the
   * sub-account is created with the invitation's roles (those still existing). Every attempt
   * counts before the code is checked; after 5 wrong codes the invitation is locked.
   * @throws NOT_FOUND (unknown invitation); CONFLICT (used, cancelled, expired, login name taken);
   *         TOO_MANY_REQUESTS (locked); BAD_USER_INPUT `code` for a wrong code.
   */
  async accept(ctx: RequestContext, input: AcceptInvitationInput): Promise<AcceptInvitationResult> {
    const em = this.app.dataSource.manager;
    const inv = await this.repo.findInvitation(em, input.invitationId);
    if (!inv) throw notFound('Invitation');
    const event = { action: 'subAccount.invitation.accept', targetType: 'SubAccountInvitation', targetId: inv.id, storeId: inv.storeId };
    const fail = async (reason: string, extra: Record<string, unknown> = {}) =>
      auditNow({ ...ctx, actor: undefined }, { ...event, outcome: 'failed', after: { reason, ...extra } });
    const closed = async (i: SubAccountInvitation): Promise<never> => {
      if (i.status === 'locked') {
        await fail('locked');
        throw tooManyRequests('Too many wrong codes; ask the store for a new invitation');
      }
      if (i.status === 'accepted') {
        await fail('used');
        throw conflict('This invitation has already been used');
      }
      if (i.status === 'cancelled') {
        await fail('cancelled');
        throw conflict('This invitation was cancelled');
      }
      await fail('expired');
      throw conflict('The code has expired; ask the store to send a new one');
    };
    if (inv.status !== 'pending' || inv.expiresAt.getTime() <= Date.now()) await closed(inv);
    const loginName = input.loginName;
    // Before the code attempt is counted, so a weak password does not use up the invitation.
    checkPasswordPolicy(input.password, { loginName, production: this.app.config.env === 'production' });
    if (await this.repo.loginTaken(em, loginName)) throw alreadyExists('That login name is taken');
    const attempt = await this.repo.reserveCodeAttempt(inv.id, INVITATION_RULES.maxAttempts);
    if (attempt === null) {
      const now = (await this.repo.findInvitation(em, inv.id))!;
      if (now.status === 'pending' && now.expiresAt.getTime() > Date.now()) {
        await this.repo.lockInvitation(inv.id);
        now.status = 'locked';
      }
      await closed(now);
    }
    const expected = Buffer.from(inv.codeHash, 'hex');
    const given = Buffer.from(this.codeHash(inv.id, input.code), 'hex');
    if (!timingSafeEqual(expected, given)) {
      const left = INVITATION_RULES.maxAttempts - attempt!;
      if (left <= 0) await this.repo.lockInvitation(inv.id);
      await fail('wrong_code', { attempt, locked: left <= 0 });
      if (left <= 0) throw tooManyRequests('Too many wrong codes; ask the store for a new invitation');
      throw badInput(`wrong code; ${left} attempt(s) left`, 'code');
    }
    const passwordHash = await hashPassword(input.password);
    return transaction({ ...ctx, actor: undefined }, async (tx) => {
      const locked = await this.repo.findInvitation(tx.em, inv.id, { lock: true });
      if (!locked || locked.status !== 'pending' || locked.expiresAt.getTime() <= Date.now()) throw conflict('This invitation is no longer valid');
      if (await this.repo.loginTaken(tx.em, loginName)) throw alreadyExists('That login name is taken');
      if (await this.repo.mobileIsSubAccount(tx.em, locked.storeId, locked.mobileHash)) throw alreadyExists('This mobile number already has a sub-account in this store');
      const accountId = await orConflict(() => this.repo.createSubAccount(tx.em, {
        storeId: locked.storeId,
        loginName,
        displayName: locked.displayName,
        passwordHash,
        mobileEnc: locked.mobileEnc,
        mobileHash: locked.mobileHash,
        invitationId: locked.id,
      }), 'That login name is taken');
      const roles = await this.repo.rolesOfStore(tx.em, locked.storeId, locked.roleIds.map(String));
      await this.repo.setRoles(tx.em, accountId, roles.map((r) => r.id), String(locked.invitedBy));
      locked.status = 'accepted';
      locked.acceptedAccountId = accountId;
      locked.acceptedAt = new Date();
      await this.repo.saveInvitation(tx.em, locked);
      // Audited with the new sub-account as the actor, so its activity starts with its acceptance.
      const newActor: Actor = { accountId, kind: 'sub_account', loginName, roles: [], storeId: locked.storeId, sessionId: '' };
      const mobile = maskMobile(this.app.cipher.decrypt(locked.mobileEnc));
      await appendAuditEvents(tx.em, ctx.app, { ...ctx, actor: newActor }, [
        { ...event, after: { attempt, accountId } },
        {
          action: 'subAccount.create',
          targetType: 'SubAccount',
          targetId: accountId,
          storeId: locked.storeId,
          after: { loginName, mobile, roles: roles.map((r) => ({ id: r.id, name: r.name })), invitedBy: String(locked.invitedBy), consentConfirmedAt: locked.consentConfirmedAt.toISOString() },
        },
      ]);
      const owner = await this.repo.storeOwner(tx.em, locked.storeId);
      return { accountId, loginName, storeName: owner?.storeName ?? '' };
    });
  }
}
