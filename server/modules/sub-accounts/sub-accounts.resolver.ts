import { Arg, Args, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { App } from '../../core/app';
import type { RequestContext } from '../../core/context';
import { Can, Public, SignedIn } from '../../graphql/authorize';
import { AuditEventList } from '../audit/audit.types';
import { servicesOf } from '../services';
import {
  AcceptInvitationInput,
  AcceptInvitationResult,
  ActivityArgs,
  CopyStoreRoleTemplateInput,
  CreateStoreRoleInput,
  InvitationList,
  InvitationListArgs,
  InvitationView,
  InviteSubAccountInput,
  SetSubAccountRolesInput,
  StorePermissionNode,
  StoreRoleList,
  StoreRoleListArgs,
  StoreRoleTemplate,
  StoreRoleView,
  SubAccountList,
  SubAccountListArgs,
  SubAccountSession,
  SubAccountView,
  UpdateStoreRoleInput,
} from './sub-accounts.types';

/**
 * Store sub-accounts and store roles (policy 2.3.4). Every store-scoped operation works on the
 * actor's own store only: ids of another store's records answer NOT_FOUND.
 */
@Resolver()
export class SubAccountsResolver {
  constructor(private readonly app: App) {}
  private get roleService() {
    return servicesOf(this.app).storeRoles;
  }
  private get subAccountService() {
    return servicesOf(this.app).subAccounts;
  }
  private get invitationService() {
    return servicesOf(this.app).invitations;
  }

  @SignedIn()
  @Query(() => [StorePermissionNode], { description: 'The store permission catalogue as a tree (zh/en labels, sensitive and owner-only marks), policy 2.3.4.' })
  storePermissionCatalogue(): StorePermissionNode[] {
    return this.roleService.catalogue();
  }

  @SignedIn()
  @Query(() => [StoreRoleTemplate], { description: 'Preset role templates (客服, 运营, 财务, 商品) to copy into store roles.' })
  storeRoleTemplates(): StoreRoleTemplate[] {
    return this.roleService.templates();
  }

  @SignedIn()
  @Query(() => [String], { description: "The actor's store permissions (leaf keys): all of them for the store owner, the union of its roles for a sub-account, none for staff. For the UI's menus." })
  myStorePermissions(@Ctx() ctx: RequestContext): string[] {
    return this.roleService.myPermissions(ctx);
  }

  @Can('read', 'StoreRole')
  @Query(() => StoreRoleList, { description: "The store's roles; filter q (name substring); sort fields: createdAt (default, ASC), name, id." })
  storeRoles(@Ctx() ctx: RequestContext, @Args() args: StoreRoleListArgs) {
    return this.roleService.listRoles(ctx, args.filter, args);
  }

  @Can('read', 'StoreRole')
  @Query(() => StoreRoleView, { description: "One store role. NOT_FOUND for another store's role." })
  storeRole(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string): Promise<StoreRoleView> {
    return this.roleService.getRole(ctx, id);
  }

  @Can('create', 'StoreRole')
  @Mutation(() => StoreRoleView, { description: 'Creates a custom store role. FORBIDDEN (audited) for owner-only permissions or permissions the actor does not hold; CONFLICT for a taken name.' })
  createStoreRole(@Ctx() ctx: RequestContext, @Arg('input') input: CreateStoreRoleInput): Promise<StoreRoleView> {
    return this.roleService.createRole(ctx, input);
  }

  @Can('create', 'StoreRole')
  @Mutation(() => StoreRoleView, { description: 'Copies a preset template into a new store role (same rules as createStoreRole).' })
  copyStoreRoleTemplate(@Ctx() ctx: RequestContext, @Arg('input') input: CopyStoreRoleTemplateInput): Promise<StoreRoleView> {
    return this.roleService.copyTemplate(ctx, input);
  }

  @Can('update', 'StoreRole')
  @Mutation(() => StoreRoleView, {
    description: 'Renames a store role or replaces its permissions; holders get the change on their next request. FORBIDDEN (audited) for a role the actor holds or one beyond its rights.',
  })
  updateStoreRole(@Ctx() ctx: RequestContext, @Arg('input') input: UpdateStoreRoleInput): Promise<StoreRoleView> {
    return this.roleService.updateRole(ctx, input);
  }

  @Can('delete', 'StoreRole')
  @Mutation(() => Boolean, { description: 'Deletes a store role; its holders lose it (audited). Same refusals as updateStoreRole.' })
  deleteStoreRole(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string): Promise<boolean> {
    return this.roleService.deleteRole(ctx, id);
  }

  @Can('read', 'SubAccount')
  @Query(() => SubAccountList, { description: "The store's sub-accounts (removed ones only with filter status=removed); sort fields: createdAt (default, DESC), loginName." })
  subAccounts(@Ctx() ctx: RequestContext, @Args() args: SubAccountListArgs) {
    return this.subAccountService.listSubAccounts(ctx, args.filter, args);
  }

  @Can('read', 'SubAccount')
  @Query(() => SubAccountView, { description: "One sub-account with its roles and effective permissions. NOT_FOUND for another store's." })
  subAccount(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string): Promise<SubAccountView> {
    return this.subAccountService.getSubAccount(ctx, id);
  }

  @Can('update', 'SubAccount')
  @Mutation(() => SubAccountView, {
    description: "Replaces a sub-account's store roles (rights = union; effective on its next request). FORBIDDEN (audited): the owner, one's own roles, roles beyond one's own rights.",
  })
  setSubAccountRoles(@Ctx() ctx: RequestContext, @Arg('input') input: SetSubAccountRolesInput): Promise<SubAccountView> {
    return this.subAccountService.setRoles(ctx, input);
  }

  @Can('update', 'SubAccount')
  @Mutation(() => SubAccountView, { description: 'Deactivates a sub-account: sign-in refused, sessions revoked at once. FORBIDDEN (audited) for the owner or oneself.' })
  deactivateSubAccount(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string): Promise<SubAccountView> {
    return this.subAccountService.deactivate(ctx, id);
  }

  @Can('update', 'SubAccount')
  @Mutation(() => SubAccountView, { description: 'Reactivates a deactivated sub-account (not a removed one: CONFLICT).' })
  reactivateSubAccount(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string): Promise<SubAccountView> {
    return this.subAccountService.reactivate(ctx, id);
  }

  @Can('delete', 'SubAccount')
  @Mutation(() => SubAccountView, {
    description: 'Removes a sub-account: disabled for good, roles withdrawn, sessions revoked; its audit history stays. FORBIDDEN (audited) for the owner or oneself.',
  })
  removeSubAccount(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string): Promise<SubAccountView> {
    return this.subAccountService.remove(ctx, id);
  }

  @Can('read', 'SubAccountActivity')
  @Query(() => AuditEventList, { description: "A sub-account's sign-ins (failed ones included) and actions from the audit log; sort field: occurredAt (default, DESC)." })
  subAccountActivity(@Ctx() ctx: RequestContext, @Args() args: ActivityArgs) {
    return this.subAccountService.activity(ctx, args);
  }

  @Can('read', 'SubAccountActivity')
  @Query(() => [SubAccountSession], { description: "A sub-account's open sessions (device, IP), policy 2.6.1." })
  subAccountSessions(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string): Promise<SubAccountSession[]> {
    return this.subAccountService.sessions(ctx, id);
  }

  @Can('read', 'SubAccountInvitation')
  @Query(() => InvitationList, { description: "The store's invitations; filter status; sort field: createdAt (default, DESC)." })
  subAccountInvitations(@Ctx() ctx: RequestContext, @Args() args: InvitationListArgs) {
    return this.invitationService.listInvitations(ctx, args.filter, args);
  }

  @Can('create', 'SubAccountInvitation')
  @Mutation(() => InvitationView, {
    description:
      "Invites an employee by mainland mobile (policy 2.3.4): a one-time 6-digit code by SMS, valid 15 minutes, 5 attempts; consentConfirmed must be true. FORBIDDEN (audited) for roles beyond the actor's rights or the owner's mobile; CONFLICT for an existing sub-account or pending invitation.",
  })
  inviteSubAccount(@Ctx() ctx: RequestContext, @Arg('input') input: InviteSubAccountInput): Promise<InvitationView> {
    return this.invitationService.invite(ctx, input);
  }

  @Can('create', 'SubAccountInvitation')
  @Mutation(() => InvitationView, { description: 'Sends a new code for a pending invitation (the old code stops working; at most 5 sends).' })
  resendSubAccountInvitation(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string): Promise<InvitationView> {
    return this.invitationService.resend(ctx, id);
  }

  @Can('delete', 'SubAccountInvitation')
  @Mutation(() => InvitationView, { description: 'Cancels a pending invitation.' })
  cancelSubAccountInvitation(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string): Promise<InvitationView> {
    return this.invitationService.cancel(ctx, id);
  }

  @Public()
  @Mutation(() => AcceptInvitationResult, {
    description:
      'The employee accepts an invitation with the SMS code and chooses a login name and password; creates the sub-account. Errors: NOT_FOUND, CONFLICT (used, cancelled, expired, login taken), TOO_MANY_REQUESTS (5 wrong codes), BAD_USER_INPUT naming `code` (wrong code).',
  })
  acceptSubAccountInvitation(@Ctx() ctx: RequestContext, @Arg('input') input: AcceptInvitationInput): Promise<AcceptInvitationResult> {
    return this.invitationService.accept(ctx, input);
  }
}
