import type { Actor } from '../../core/abilities';
import type { App } from '../../core/app';
import type { AuditInput } from '../../core/audit/audit-writer';
import { actorOf, type RequestContext } from '../../core/context';
import { alreadyExists, badInput, notFound } from '../../core/errors';
import { mapPage, type Page, type PageRequest } from '../../core/pagination';
import { readRepo, transaction } from '../../core/transaction';
import type { StoreRole } from './store-role.entity';
import { checkGrantable, orConflict, refuse, storeOf, within } from './store-grants';
import { effectiveStorePermissions, expandGrantable, normaliseKeys, permissionDef, sortedKeys, STORE_PERMISSION_TREE, STORE_ROLE_TEMPLATES, type StorePermissionDef } from './store-permissions';
import { SubAccountErrors } from './sub-accounts.errors';
import { SubAccountsRepository, type StoreRoleRow } from './sub-accounts.repository';
import type { CreateStoreRoleInput, StorePermissionNode, StoreRoleTemplate, StoreRoleView, UpdateStoreRoleInput } from './sub-accounts.types';

const NAME_TAKEN = 'A role with that name exists in this store';

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

/** A store role as the API shows it, with its holder count. */
export function roleView(r: StoreRole, memberCount: number): StoreRoleView {
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

/**
 * The store permission catalogue and a store's roles (policy 2.3.4). On top of the CASL ability:
 * a role's permissions must be within the actor's own (owner-only ones never), a sub-account never
 * changes a role it holds, another store's roles answer NOT_FOUND; every change and refusal is audited.
 */
export class StoreRolesService {
  constructor(private readonly app: App) {}

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

  async listRoles(ctx: RequestContext, filter: { q?: string } = {}, page: PageRequest): Promise<Page<StoreRoleView>> {
    return mapPage(await readRepo(this.app, SubAccountsRepository).listRoles(ctx.ability, filter, page), (r: StoreRoleRow) => roleView(r, r.memberCount));
  }

  /** @throws NOT_FOUND when the role is not one of the actor's store. */
  async getRole(ctx: RequestContext, id: string): Promise<StoreRoleView> {
    const repo = readRepo(this.app, SubAccountsRepository);
    const r = await repo.findRole(storeOf(ctx), id);
    if (!r) throw notFound('Store role');
    return roleView(r, (await repo.memberCounts([r.id])).get(r.id) ?? 0);
  }

  /**
   * Creates a store role. @throws FORBIDDEN (audited) `OWNER_ONLY_PERMISSION` or
   * `EXCEEDS_OWN_PERMISSIONS`; CONFLICT `ALREADY_EXISTS` when the name is taken in the store.
   */
  async createRole(ctx: RequestContext, input: CreateStoreRoleInput & { templateCode?: string }): Promise<StoreRoleView> {
    const storeId = storeOf(ctx);
    const name = input.name.trim();
    if (!name) throw badInput('name must not be blank', 'name');
    await checkGrantable(ctx, input.permissions, { action: 'storeRole.create', targetType: 'StoreRole', after: { name } });
    const keys = normaliseKeys(input.permissions);
    return transaction(ctx, async (tx) => {
      const repo = tx.repo(SubAccountsRepository);
      if (await repo.roleNameTaken(storeId, name)) throw alreadyExists(NAME_TAKEN);
      const role = await orConflict(
        () => repo.saveRole({ storeId, name, description: input.description?.trim() || null, permissions: keys, templateCode: input.templateCode ?? null, createdBy: actorOf(ctx).accountId }),
        NAME_TAKEN,
      );
      tx.audit({ action: 'storeRole.create', targetType: 'StoreRole', targetId: role.id, storeId, after: { name, permissions: keys, templateCode: role.templateCode } });
      return roleView(role, 0);
    });
  }

  /** Copies a preset template into a new store role (same rules as `createRole`). */
  copyTemplate(ctx: RequestContext, input: { templateCode: string; name?: string }): Promise<StoreRoleView> {
    const t = STORE_ROLE_TEMPLATES.find((x) => x.code === input.templateCode);
    if (!t) throw badInput('unknown template', 'templateCode');
    return this.createRole(ctx, { name: input.name ?? t.nameZh, permissions: t.permissions, templateCode: t.code });
  }

  /**
   * Renames a role or replaces its permissions. @throws NOT_FOUND; FORBIDDEN (audited) `OWN_ROLE`
   * (a sub-account edits a role it holds), `ROLE_EXCEEDS_OWN`, `OWNER_ONLY_PERMISSION`,
   * `EXCEEDS_OWN_PERMISSIONS`; CONFLICT `ALREADY_EXISTS` for a taken name.
   */
  async updateRole(ctx: RequestContext, input: UpdateStoreRoleInput): Promise<StoreRoleView> {
    const storeId = storeOf(ctx);
    const role = await readRepo(this.app, SubAccountsRepository).findRole(storeId, input.id);
    if (!role) throw notFound('Store role');
    const event = { action: 'storeRole.update', targetType: 'StoreRole', targetId: role.id };
    await this.guardRoleChange(ctx, actorOf(ctx), role, event);
    if (input.permissions) await checkGrantable(ctx, input.permissions, event);
    const keys = input.permissions ? normaliseKeys(input.permissions) : undefined;
    const name = input.name?.trim();
    if (input.name !== undefined && !name) throw badInput('name must not be blank', 'name');
    return transaction(ctx, async (tx) => {
      const repo = tx.repo(SubAccountsRepository);
      const r = await repo.findRole(storeId, input.id, true);
      if (!r) throw notFound('Store role');
      if (name && (await repo.roleNameTaken(storeId, name, r.id))) throw alreadyExists(NAME_TAKEN);
      const before = { name: r.name, description: r.description, permissions: r.permissions };
      if (name) r.name = name;
      if (input.description !== undefined) r.description = input.description?.trim() || null;
      if (keys) r.permissions = keys;
      const saved = await orConflict(() => repo.saveRole(r), NAME_TAKEN);
      const holders = await repo.holdersOfRole(r.id);
      tx.audit({ ...event, storeId, before, after: { name: saved.name, description: saved.description, permissions: saved.permissions, holders: holders.length } });
      return roleView(saved, holders.length);
    });
  }

  /** Deletes a role; its holders lose it (audited with the holders). Same refusals as `updateRole`. */
  async deleteRole(ctx: RequestContext, id: string): Promise<boolean> {
    const storeId = storeOf(ctx);
    const role = await readRepo(this.app, SubAccountsRepository).findRole(storeId, id);
    if (!role) throw notFound('Store role');
    const event = { action: 'storeRole.delete', targetType: 'StoreRole', targetId: role.id };
    await this.guardRoleChange(ctx, actorOf(ctx), role, event);
    return transaction(ctx, async (tx) => {
      const repo = tx.repo(SubAccountsRepository);
      const r = await repo.findRole(storeId, id, true);
      if (!r) throw notFound('Store role');
      const holders = await repo.holdersOfRole(r.id);
      await repo.deleteRole(r.id);
      tx.audit({ ...event, storeId, before: { name: r.name, permissions: r.permissions, holders } });
      return true;
    });
  }

  private async guardRoleChange(ctx: RequestContext, actor: Actor, role: StoreRole, event: Omit<AuditInput, 'outcome'>): Promise<void> {
    if (actor.kind === 'sub_account' && (await readRepo(this.app, SubAccountsRepository).holdersOfRole(role.id)).includes(actor.accountId)) {
      await refuse(ctx, { ...event, reason: 'own_role' }, SubAccountErrors.OWN_ROLE);
    }
    if (!within(ctx, expandGrantable(role.permissions))) await refuse(ctx, { ...event, reason: 'role_exceeds_own' }, SubAccountErrors.ROLE_EXCEEDS_OWN);
  }
}
