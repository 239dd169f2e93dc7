import { PLATFORM_ROLES } from '../../core/abilities';
import { Arg, Args, Ctx, Field, ArgsType, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { App } from '../../core/app';
import type { RequestContext } from '../../core/context';
import { Can, Public, SignedIn } from '../../graphql/authorize';
import { PageArgs } from '../../graphql/common.types';
import { servicesOf } from '../services';
import {
  ChangeMyPasswordInput,
  CreateStaffAccountInput,
  Me,
  SessionInfo,
  SetStaffRolesInput,
  SignInInput,
  SignInResult,
  StaffAccount,
  StaffAccountList,
  StaffRoleGrantList,
  StaffRoleGrantView,
} from './accounts.types';
import { GRANT_STATUSES } from './staff-role-grant.entity';
import { IsIn, IsOptional } from 'class-validator';

@ArgsType()
class StaffListArgs extends PageArgs {
  @Field({ nullable: true, description: 'Search in login name and display name' }) q?: string;
  @Field({ nullable: true, description: 'Only staff holding this platform role' })
  @IsOptional()
  @IsIn(PLATFORM_ROLES, { message: `role must be one of ${PLATFORM_ROLES.join(', ')}` })
  role?: string;
}

@ArgsType()
class RoleGrantListArgs extends PageArgs {
  @Field({ nullable: true, description: '`pending`, `granted`, `approved`, `refused` or `revoked`' })
  @IsOptional()
  @IsIn(GRANT_STATUSES, { message: `status must be one of ${GRANT_STATUSES.join(', ')}` })
  status?: string;

  @Field(() => ID, { nullable: true }) accountId?: string;
}

@Resolver()
export class AccountsResolver {
  constructor(private readonly app: App) {}
  private get service() {
    return servicesOf(this.app).accounts;
  }
  private get staff() {
    return servicesOf(this.app).staff;
  }

  @Public()
  // Nullable so that every aliased attempt in one request is executed and counted on its own.
  @Mutation(() => SignInResult, { nullable: true, description: 'Password sign-in. Every attempt counts towards the lock-out, aliases and batches included.' })
  signIn(@Ctx() ctx: RequestContext, @Arg('input') input: SignInInput): Promise<SignInResult> {
    return this.service.signIn(ctx, input);
  }

  @SignedIn()
  @Mutation(() => Boolean, { description: 'Revokes the current session.' })
  signOut(@Ctx() ctx: RequestContext): Promise<boolean> {
    return this.service.signOut(ctx);
  }

  @SignedIn()
  @Mutation(() => Boolean, { description: "Revokes one of the actor's own sessions (e.g. a lost device)." })
  revokeSession(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string): Promise<boolean> {
    return this.service.revokeSession(ctx, id);
  }

  @SignedIn()
  @Query(() => Me)
  me(@Ctx() ctx: RequestContext): Promise<Me> {
    return this.service.me(ctx);
  }

  @SignedIn()
  @Query(() => [SessionInfo], { description: "The actor's active sessions with device and IP (policy 2.6.1)." })
  mySessions(@Ctx() ctx: RequestContext): Promise<SessionInfo[]> {
    return this.service.mySessions(ctx);
  }

  @Can('read', 'StaffAccount')
  @Query(() => StaffAccountList)
  staffAccounts(@Ctx() ctx: RequestContext, @Args() args: StaffListArgs) {
    return this.staff.listStaff(ctx, args);
  }

  @Can('create', 'StaffAccount')
  @Mutation(() => StaffAccount)
  createStaffAccount(@Ctx() ctx: RequestContext, @Arg('input') input: CreateStaffAccountInput): Promise<StaffAccount> {
    return this.staff.createStaff(ctx, input);
  }

  @Can('update', 'StaffAccount')
  @Mutation(() => StaffAccount, { description: "Replaces a staff member's platform roles; never one's own." })
  setStaffRoles(@Ctx() ctx: RequestContext, @Arg('input') input: SetStaffRolesInput): Promise<StaffAccount> {
    return this.staff.setStaffRoles(ctx, input.id, input.roles);
  }

  @SignedIn()
  @Mutation(() => Boolean, {
    description:
      "Changes the actor's own password (the current one is needed; the new one passes the password policy); revokes the actor's other sessions. Errors: BAD_USER_INPUT (`input.currentPassword` wrong, `input.newPassword` refused by the policy), TOO_MANY_REQUESTS.",
  })
  changeMyPassword(@Ctx() ctx: RequestContext, @Arg('input') input: ChangeMyPasswordInput): Promise<boolean> {
    return this.service.changeMyPassword(ctx, input);
  }

  @Can('read', 'StaffRoleGrant')
  @Query(() => StaffRoleGrantList, { description: 'Platform-role grants, newest first (admins and auditors).' })
  staffRoleGrants(@Ctx() ctx: RequestContext, @Args() args: RoleGrantListArgs) {
    return this.staff.listGrants(ctx, args);
  }

  @Can('approve', 'StaffRoleGrant')
  @Mutation(() => StaffRoleGrantView, {
    description:
      'Approves a pending role grant (another admin than its requester, never the grantee); it takes effect at once. Errors: FORBIDDEN (MAKER_CHECKER, OWN_ROLES), CONFLICT (GRANT_DECIDED), NOT_FOUND.',
  })
  approveStaffRoleGrant(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string): Promise<StaffRoleGrantView> {
    return this.staff.decideRoleGrant(ctx, id, true);
  }

  @Can('approve', 'StaffRoleGrant')
  @Mutation(() => StaffRoleGrantView, { description: 'Refuses a pending role grant (never the grantee). Errors: FORBIDDEN (OWN_ROLES), CONFLICT (GRANT_DECIDED), NOT_FOUND.' })
  refuseStaffRoleGrant(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string): Promise<StaffRoleGrantView> {
    return this.staff.decideRoleGrant(ctx, id, false);
  }

  @Can('update', 'StaffAccount')
  @Mutation(() => StaffAccount, {
    description: "Deactivates a staff account (final) and revokes its sessions; never one's own. Errors: FORBIDDEN (OWN_ACCOUNT), NOT_FOUND, CONFLICT (INVALID_TRANSITION).",
  })
  deactivateStaffAccount(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string): Promise<StaffAccount> {
    return this.staff.staffLifecycle(ctx, id, 'deactivate');
  }

  @Can('update', 'StaffAccount')
  @Mutation(() => StaffAccount, {
    description: "Locks (suspends) an active staff account and revokes its sessions; never one's own. Errors: FORBIDDEN (OWN_ACCOUNT), NOT_FOUND, CONFLICT (INVALID_TRANSITION).",
  })
  lockStaffAccount(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string): Promise<StaffAccount> {
    return this.staff.staffLifecycle(ctx, id, 'lock');
  }

  @Can('update', 'StaffAccount')
  @Mutation(() => StaffAccount, { description: 'Unlocks a locked staff account and lifts a sign-in lock-out of its login. Errors: FORBIDDEN (OWN_ACCOUNT), NOT_FOUND, CONFLICT (INVALID_TRANSITION).' })
  unlockStaffAccount(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string): Promise<StaffAccount> {
    return this.staff.staffLifecycle(ctx, id, 'unlock');
  }

  @Can('update', 'StaffAccount')
  @Mutation(() => StaffAccount, { description: "Revokes every session of a staff account; never one's own (use revokeSession). Errors: FORBIDDEN (OWN_ACCOUNT), NOT_FOUND." })
  revokeStaffSessions(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string): Promise<StaffAccount> {
    return this.staff.staffLifecycle(ctx, id, 'revokeSessions');
  }
}
