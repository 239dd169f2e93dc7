import { IsIn, IsOptional, Length, Matches, MaxLength } from 'class-validator';
import { GraphQLJSON } from 'graphql-scalars';
import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { PLATFORM_ROLES } from '../../core/abilities';
import { ListOf } from '../../graphql/common.types';

/** The signed-in actor, with the packed CASL rules for the UI (`abilityRules`). */
@ObjectType()
export class Me {
  @Field(() => ID) id: string;
  @Field({ description: '`staff`, `merchant`, `sub_account` or `service` (an API key of a service account)' }) kind: string;
  @Field() loginName: string;
  @Field() displayName: string;
  @Field(() => [String], { description: 'Platform roles (staff only)' }) roles: string[];
  @Field(() => ID, { nullable: true }) merchantId?: string;
  @Field(() => ID, { nullable: true }) storeId?: string;
  @Field() locale: string;
  @Field({
    description: 'True after signing in with a temporary password: change it (`changeMyPassword`) before anything else (other operations answer FORBIDDEN, errorCode PASSWORD_CHANGE_REQUIRED)',
  })
  mustChangePassword: boolean;
  @Field(() => GraphQLJSON, { description: 'CASL rules packed with packRules()' }) abilityRules: unknown;
}

@ObjectType()
export class SignInResult {
  @Field({ description: 'Bearer token for the Authorization header; shown once' }) token: string;
  @Field({ description: 'UTC instant when the session expires unless used' }) expiresAt: Date;
  @Field(() => Me) me: Me;
}

@InputType()
export class SignInInput {
  @Field()
  @Length(1, 64)
  loginName: string;

  @Field()
  @Length(1, 256)
  password: string;
}

/** One of the actor's active sessions (policy 2.6.1: devices and IPs of sign-ins). */
@ObjectType()
export class SessionInfo {
  @Field(() => ID) id: string;
  @Field({ nullable: true }) ip?: string;
  @Field({ nullable: true }) userAgent?: string;
  @Field() createdAt: Date;
  @Field() lastSeenAt: Date;
  @Field() expiresAt: Date;
  @Field({ description: 'True for the session making this request' }) current: boolean;
}

@ObjectType()
export class StaffAccount {
  @Field(() => ID) id: string;
  @Field() loginName: string;
  @Field() displayName: string;
  @Field(() => [String]) roles: string[];
  @Field(() => [String], { description: 'Roles requested and waiting for a second admin (see staffRoleGrants)' }) pendingRoles: string[];
  @Field({ description: '`active`, `locked` (suspended, can be unlocked) or `disabled` (deactivated)' }) status: string;
  @Field({ description: 'Still on the temporary password an admin set' }) mustChangePassword: boolean;
  @Field({ nullable: true, description: 'Masked mobile number' }) mobileMasked?: string;
  @Field() createdAt: Date;
}

export const StaffAccountList = ListOf(StaffAccount, 'StaffAccountList');

@InputType()
export class CreateStaffAccountInput {
  @Field()
  @Matches(/^[a-z][a-z0-9_.-]{2,63}$/, { message: 'loginName: 3-64 lower-case letters, digits, _ . -, starting with a letter' })
  loginName: string;

  @Field()
  @Length(1, 64)
  displayName: string;

  @Field({ description: 'Temporary password, to be changed at first sign-in; checked by the password policy (10-256 characters, not guessable, not the login name)' })
  @MaxLength(256)
  password: string;

  @Field(() => [String], { description: 'Roles that can reveal or export personal data, or approve grants, wait for a second admin (pendingRoles)' })
  @IsIn(PLATFORM_ROLES, { each: true, message: `roles: each must be one of ${PLATFORM_ROLES.join(', ')}` })
  roles: string[];

  @Field({ nullable: true })
  @IsOptional()
  @Matches(/^(\+?86)?1[3-9]\d{9}$/, { message: 'mobile must be a mainland China mobile number' })
  mobile?: string;
}

@InputType()
export class SetStaffRolesInput {
  @Field(() => ID) id: string;

  @Field(() => [String])
  @IsIn(PLATFORM_ROLES, { each: true, message: `roles: each must be one of ${PLATFORM_ROLES.join(', ')}` })
  roles: string[];
}

@InputType()
export class ChangeMyPasswordInput {
  @Field() @Length(1, 256) currentPassword: string;
  @Field({ description: 'Checked by the password policy (10-256 characters, not guessable, not the login name)' }) @MaxLength(256) newPassword: string;
}

/** One platform-role grant: immediate (`granted`), or `pending` a second admin, then `approved` or `refused`; `revoked` when withdrawn. */
@ObjectType()
export class StaffRoleGrantView {
  @Field(() => ID) id: string;
  @Field(() => ID) accountId: string;
  @Field() accountLogin: string;
  @Field() role: string;
  @Field({ description: '`pending`, `granted`, `approved`, `refused` or `revoked`' }) status: string;
  @Field(() => ID) requestedBy: string;
  @Field() requestedByLogin: string;
  @Field(() => ID, { nullable: true }) decidedBy?: string;
  @Field({ nullable: true }) decidedByLogin?: string;
  @Field() requestedAt: Date;
  @Field({ nullable: true }) decidedAt?: Date;
}

export const StaffRoleGrantList = ListOf(StaffRoleGrantView, 'StaffRoleGrantList');
