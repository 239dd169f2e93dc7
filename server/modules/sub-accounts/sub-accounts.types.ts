import { ArrayMaxSize, Equals, IsIn, IsOptional, Length, Matches, MaxLength } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { ListOf, PageArgs } from '../../graphql/common.types';
import { IsInstant } from '../../graphql/validators';
import { STORE_PERMISSIONS, STORE_ROLE_TEMPLATES } from './store-permissions';
import { ID_PATTERN } from '../../core/ids';
import { MOBILE_PATTERN } from '../../../rules/identity/documents';

const PERMISSION_KEYS = STORE_PERMISSIONS.map((p) => p.key);
const TEMPLATE_CODES = STORE_ROLE_TEMPLATES.map((t) => t.code);

/** One node of the store permission catalogue (a tree; granting a node grants its grantable children). */
@ObjectType()
export class StorePermissionNode {
  @Field({ description: 'Dotted key, e.g. `orders.refund`' }) key: string;
  @Field({ nullable: true, description: 'Key of the parent node; null for top-level groups' }) parentKey?: string;
  @Field() labelZh: string;
  @Field() labelEn: string;
  @Field({ description: 'Marked in the role editor (refunds, money, exports, team management, verification)' }) sensitive: boolean;
  @Field({ description: 'Held by the store owner only; never grantable to a sub-account' }) ownerOnly: boolean;
  @Field(() => [String], { description: 'The grantable leaf permissions that granting this node gives' }) grants: string[];
  @Field(() => [StorePermissionNode]) children: StorePermissionNode[];
}

/** A preset role template (客服 / 运营 / 财务 / 商品) that an owner copies into a store role. */
@ObjectType()
export class StoreRoleTemplate {
  @Field({ description: '`customer_service`, `operations`, `finance` or `products`' }) code: string;
  @Field() nameZh: string;
  @Field() nameEn: string;
  @Field(() => [String], { description: 'Store permission keys (nodes or leaves)' }) permissions: string[];
}

@ObjectType()
export class StoreRoleRef {
  @Field(() => ID) id: string;
  @Field() name: string;
}

/** A store role: a named set of store permissions, defined by the store. */
@ObjectType()
export class StoreRoleView {
  @Field(() => ID) id: string;
  @Field(() => ID) storeId: string;
  @Field() name: string;
  @Field({ nullable: true }) description?: string;
  @Field(() => [String], { description: 'Granted keys as stored (nodes or leaves, normalised)' }) permissions: string[];
  @Field(() => [String], { description: 'The leaf permissions these keys give' }) effectivePermissions: string[];
  @Field({ nullable: true, description: 'Template it was copied from' }) templateCode?: string;
  @Field(() => Int, { description: 'Sub-accounts (not removed) holding the role' }) memberCount: number;
  @Field({ description: 'UTC instant' }) createdAt: Date;
  @Field({ description: 'UTC instant' }) updatedAt: Date;
}

export const StoreRoleList = ListOf(StoreRoleView, 'StoreRoleList');

@InputType()
export class StoreRoleFilter {
  @Field({ nullable: true, description: 'Substring of the name' }) @IsOptional() @Length(1, 32) q?: string;
}

@ArgsType()
export class StoreRoleListArgs extends PageArgs {
  @Field(() => StoreRoleFilter, { nullable: true }) filter?: StoreRoleFilter;
}

@InputType()
export class CreateStoreRoleInput {
  @Field({ description: '1-32 characters, unique in the store' }) @Length(1, 32) name: string;
  @Field({ nullable: true, description: 'Up to 200 characters' }) @IsOptional() @Length(0, 200) description?: string;

  @Field(() => [String], { description: 'Store permission keys (catalogue nodes or leaves); never owner-only ones' })
  @ArrayMaxSize(100)
  @IsIn(PERMISSION_KEYS, { each: true, message: 'permissions: each must be a key of the store permission catalogue' })
  permissions: string[];
}

@InputType()
export class UpdateStoreRoleInput {
  @Field(() => ID) id: string;
  @Field({ nullable: true }) @IsOptional() @Length(1, 32) name?: string;
  @Field({ nullable: true }) @IsOptional() @Length(0, 200) description?: string;

  @Field(() => [String], { nullable: true, description: 'Replaces the granted keys' })
  @IsOptional()
  @ArrayMaxSize(100)
  @IsIn(PERMISSION_KEYS, { each: true, message: 'permissions: each must be a key of the store permission catalogue' })
  permissions?: string[];
}

@InputType()
export class CopyStoreRoleTemplateInput {
  @Field({ description: 'Template code' }) @IsIn(TEMPLATE_CODES, { message: `templateCode must be one of ${TEMPLATE_CODES.join(', ')}` }) templateCode: string;
  @Field({ nullable: true, description: "Role name; defaults to the template's Chinese name" }) @IsOptional() @Length(1, 32) name?: string;
}

/** An employee's sub-account of the store (policy 2.3.4). */
@ObjectType()
export class SubAccountView {
  @Field(() => ID, { description: 'Account id' }) id: string;
  @Field(() => ID) storeId: string;
  @Field() loginName: string;
  @Field() displayName: string;
  @Field({ nullable: true, description: 'Masked verified mobile, e.g. 138****5678' }) mobileMasked?: string;
  @Field({ description: '`active`, `disabled` (deactivated) or `removed`' }) status: string;
  @Field(() => [StoreRoleRef]) roles: StoreRoleRef[];
  @Field(() => [String], { description: 'Union of the roles: leaf store permissions' }) effectivePermissions: string[];
  @Field({ nullable: true, description: 'UTC instant of the most recent request of any session' }) lastSeenAt?: Date;
  @Field({ description: 'UTC instant' }) createdAt: Date;
  @Field({ nullable: true, description: 'UTC instant' }) removedAt?: Date;
}

export const SubAccountList = ListOf(SubAccountView, 'SubAccountList');

@InputType()
export class SubAccountFilter {
  @Field({ nullable: true, description: 'Substring of login or display name' }) @IsOptional() @Length(1, 64) q?: string;
  @Field({ nullable: true, description: '`active`, `disabled` or `removed` (default: all but removed)' })
  @IsOptional()
  @IsIn(['active', 'disabled', 'removed'])
  status?: string;
  @Field(() => ID, { nullable: true, description: 'Only holders of this store role' }) @IsOptional() @Matches(ID_PATTERN, { message: 'roleId must be a role id' }) roleId?: string;
}

@ArgsType()
export class SubAccountListArgs extends PageArgs {
  @Field(() => SubAccountFilter, { nullable: true }) filter?: SubAccountFilter;
}

@InputType()
export class InviteSubAccountInput {
  @Field({ description: 'Mainland China mobile: 1[3-9]xxxxxxxxx, optionally +86; receives the one-time code' })
  @Matches(MOBILE_PATTERN, { message: 'mobile must be a mainland China mobile number' })
  mobile: string;

  @Field({ description: 'Display name of the sub-account, 1-64 characters' }) @Length(1, 64) displayName: string;

  // An invitation without roles is allowed: the sub-account starts with no rights (least privilege)
  // and the owner assigns roles later.
  @Field(() => [ID], { description: 'Store roles given on acceptance (at most 20; none = no rights yet)' })
  @ArrayMaxSize(20)
  @Matches(ID_PATTERN, { each: true, message: 'roleIds: each must be a role id' })
  roleIds: string[];

  @Field({ description: 'The inviter confirms the employee consented to the use of their mobile number (policy 2.3.4); must be true' })
  @Equals(true, { message: "consentConfirmed: the employee's consent must be confirmed" })
  consentConfirmed: boolean;
}

/** An invitation; the code itself is never returned (it goes to the mobile only). */
@ObjectType()
export class InvitationView {
  @Field(() => ID) id: string;
  @Field(() => ID) storeId: string;
  @Field() mobileMasked: string;
  @Field() displayName: string;
  @Field(() => [StoreRoleRef]) roles: StoreRoleRef[];
  @Field({ description: '`pending`, `expired`, `accepted`, `cancelled` or `locked` (too many wrong codes)' }) status: string;
  @Field({ description: 'UTC instant the current code expires' }) expiresAt: Date;
  @Field(() => Int) attempts: number;
  @Field(() => Int, { description: 'Codes sent so far' }) sendCount: number;
  @Field({ description: "UTC instant the inviter confirmed the employee's consent" }) consentConfirmedAt: Date;
  @Field(() => ID) invitedBy: string;
  @Field(() => ID, { nullable: true }) acceptedAccountId?: string;
  @Field({ nullable: true }) acceptedAt?: Date;
  @Field() createdAt: Date;
}

export const InvitationList = ListOf(InvitationView, 'SubAccountInvitationList');

@InputType()
export class InvitationFilter {
  @Field({ nullable: true }) @IsOptional() @IsIn(['pending', 'expired', 'accepted', 'cancelled', 'locked']) status?: string;
}

@ArgsType()
export class InvitationListArgs extends PageArgs {
  @Field(() => InvitationFilter, { nullable: true }) filter?: InvitationFilter;
}

@InputType()
export class AcceptInvitationInput {
  @Field(() => ID, { description: 'Invitation id (the token in the SMS link)' }) @Length(1, 64) invitationId: string;
  @Field({ description: 'The 6-digit code from the SMS' }) @Matches(/^\d{6}$/, { message: 'code must be 6 digits' }) code: string;

  @Field({ description: 'Chosen login name: 3-64 lower-case letters, digits, _ . -, starting with a letter' })
  @Matches(/^[a-z][a-z0-9_.-]{2,63}$/, { message: 'loginName: 3-64 lower-case letters, digits, _ . -, starting with a letter' })
  loginName: string;

  @Field({ description: 'Checked by the password policy (10-256 characters, not guessable, not the login name)' }) @MaxLength(256) password: string;
}

@ObjectType()
export class AcceptInvitationResult {
  @Field(() => ID) accountId: string;
  @Field() loginName: string;
  @Field() storeName: string;
}

@InputType()
export class SetSubAccountRolesInput {
  @Field(() => ID) subAccountId: string;

  @Field(() => [ID], { description: 'The complete new set of store roles (at most 20)' })
  @ArrayMaxSize(20)
  @Matches(ID_PATTERN, { each: true, message: 'roleIds: each must be a role id' })
  roleIds: string[];
}

@InputType()
export class ActivityFilter {
  @Field({ nullable: true, description: 'Exact action, or a prefix ending in "."' }) @IsOptional() @Length(1, 64) action?: string;
  @Field({ nullable: true, description: 'UTC instant, inclusive' }) @IsOptional() @IsInstant('filter') from?: Date;
  @Field({ nullable: true, description: 'UTC instant, exclusive' }) @IsOptional() @IsInstant('filter') to?: Date;
}

@ArgsType()
export class ActivityArgs extends PageArgs {
  @Field(() => ID) subAccountId: string;
  @Field(() => ActivityFilter, { nullable: true }) filter?: ActivityFilter;
}

/** A session of a sub-account, as its store sees it (policy 2.6.1). */
@ObjectType()
export class SubAccountSession {
  @Field(() => ID) id: string;
  @Field({ nullable: true }) ip?: string;
  @Field({ nullable: true }) userAgent?: string;
  @Field() createdAt: Date;
  @Field() lastSeenAt: Date;
  @Field() expiresAt: Date;
}
