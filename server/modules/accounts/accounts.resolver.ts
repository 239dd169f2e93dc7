import { Arg, Args, Ctx, Field, ArgsType, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { App } from '../../core/app';
import type { RequestContext } from '../../core/context';
import { Can, Public, SignedIn } from '../../graphql/authorize';
import { PageArgs } from '../../graphql/common.types';
import { servicesOf } from '../services';
import { CreateStaffAccountInput, Me, SessionInfo, SetStaffRolesInput, SignInInput, SignInResult, StaffAccount, StaffAccountList } from './accounts.types';

@ArgsType()
class StaffListArgs extends PageArgs {
  @Field({ nullable: true, description: 'Search in login name and display name' }) q?: string;
  @Field({ nullable: true, description: 'Only staff holding this platform role' }) role?: string;
}

@Resolver()
export class AccountsResolver {
  constructor(private readonly app: App) {}
  private get service() {
    return servicesOf(this.app).accounts;
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
    return this.service.listStaff(ctx, args);
  }

  @Can('create', 'StaffAccount')
  @Mutation(() => StaffAccount)
  createStaffAccount(@Ctx() ctx: RequestContext, @Arg('input') input: CreateStaffAccountInput): Promise<StaffAccount> {
    return this.service.createStaff(ctx, input);
  }

  @Can('update', 'StaffAccount')
  @Mutation(() => StaffAccount, { description: "Replaces a staff member's platform roles; never one's own." })
  setStaffRoles(@Ctx() ctx: RequestContext, @Arg('input') input: SetStaffRolesInput): Promise<StaffAccount> {
    return this.service.setStaffRoles(ctx, input.id, input.roles);
  }
}
