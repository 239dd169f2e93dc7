import type { RaRecord } from 'react-admin';
import { gql } from '../graphql';
import type { AppAbility } from '../abilities';
import { compact, type Filter } from '../components/filters';

/** Store sub-accounts and roles (policy 2.3.4): the GraphQL calls of the Team pages. */

export const SUB_ACCOUNT_FIELDS = 'id storeId loginName displayName mobileMasked status roles { id name } effectivePermissions lastSeenAt createdAt removedAt';
export const ROLE_FIELDS = 'id name description permissions effectivePermissions templateCode memberCount createdAt updatedAt';
export const INVITATION_FIELDS = 'id mobileMasked displayName roles { id name } status expiresAt attempts sendCount consentConfirmedAt createdAt acceptedAt';

export interface RoleRef {
  id: string;
  name: string;
}
export interface SubAccount {
  id: string;
  loginName: string;
  displayName: string;
  mobileMasked?: string | null;
  status: 'active' | 'disabled' | 'removed';
  roles: RoleRef[];
  effectivePermissions: string[];
  lastSeenAt?: string | null;
  createdAt: string;
  removedAt?: string | null;
}
export interface StoreRole {
  id: string;
  name: string;
  description?: string | null;
  permissions: string[];
  effectivePermissions: string[];
  templateCode?: string | null;
  memberCount: number;
}
export interface Invitation {
  id: string;
  mobileMasked: string;
  displayName: string;
  roles: RoleRef[];
  status: 'pending' | 'expired' | 'accepted' | 'cancelled' | 'locked';
  expiresAt: string;
  attempts: number;
  sendCount: number;
  createdAt: string;
}
export interface PermissionNode {
  key: string;
  parentKey?: string | null;
  labelZh: string;
  labelEn: string;
  sensitive: boolean;
  ownerOnly: boolean;
  /** Grantable leaves that granting this node gives. */
  grants: string[];
  children: PermissionNode[];
}
export interface RoleTemplate {
  code: string;
  nameZh: string;
  nameEn: string;
  permissions: string[];
}

/** Resource definitions for the shared data provider (spread into its RESOURCES map). */
export const TEAM_RESOURCES = {
  subAccounts: {
    list: 'subAccounts',
    one: 'subAccount',
    fields: SUB_ACCOUNT_FIELDS,
    paged: true,
    args: { filter: 'SubAccountFilter' },
    toArgs: (f: Filter) => ({ filter: compact({ q: f.q, status: f.status, roleId: f.roleId }) }),
  },
  storeRoles: {
    list: 'storeRoles',
    one: 'storeRole',
    fields: ROLE_FIELDS,
    paged: true,
    args: { filter: 'StoreRoleFilter' },
    toArgs: (f: Filter) => ({ filter: compact({ q: f.q }) }),
  },
};

/** CASL subjects of the store (not in the shared Subject union; checked by name). */
export type TeamSubject = 'SubAccount' | 'SubAccountInvitation' | 'SubAccountActivity' | 'StoreRole' | 'Verification';
export const storeCan = (a: AppAbility, action: 'read' | 'create' | 'update' | 'delete' | 'reveal', subjectType: TeamSubject): boolean =>
  (a as unknown as { can(action: string, subject: string): boolean }).can(action, subjectType);

const PERM_FIELDS = 'key parentKey labelZh labelEn sensitive ownerOnly grants';
export const permissionCatalogue = async (): Promise<PermissionNode[]> =>
  (await gql<{ c: PermissionNode[] }>(`query { c: storePermissionCatalogue { ${PERM_FIELDS} children { ${PERM_FIELDS} children { ${PERM_FIELDS} children { ${PERM_FIELDS} } } } } }`)).c;
export const roleTemplates = async (): Promise<RoleTemplate[]> => (await gql<{ t: RoleTemplate[] }>('query { t: storeRoleTemplates { code nameZh nameEn permissions } }')).t;
export const myStorePermissions = async (): Promise<string[]> => (await gql<{ p: string[] }>('query { p: myStorePermissions }')).p;
export const allRoles = async (): Promise<StoreRole[]> =>
  (await gql<{ r: { items: StoreRole[] } }>(`query { r: storeRoles(perPage: 100, sort: { field: "name", order: ASC }) { items { ${ROLE_FIELDS} } } }`)).r.items;

export const createRole = async (input: { name: string; description?: string; permissions: string[] }) =>
  (await gql<{ r: StoreRole }>(`mutation($input: CreateStoreRoleInput!) { r: createStoreRole(input: $input) { ${ROLE_FIELDS} } }`, { input })).r;
export const updateRole = async (input: { id: string; name?: string; description?: string; permissions?: string[] }) =>
  (await gql<{ r: StoreRole }>(`mutation($input: UpdateStoreRoleInput!) { r: updateStoreRole(input: $input) { ${ROLE_FIELDS} } }`, { input })).r;
export const copyTemplate = async (templateCode: string, name?: string) =>
  (await gql<{ r: StoreRole }>(`mutation($input: CopyStoreRoleTemplateInput!) { r: copyStoreRoleTemplate(input: $input) { ${ROLE_FIELDS} } }`, { input: { templateCode, name } })).r;
export const getRole = async (id: string) => (await gql<{ r: StoreRole }>(`query($id: ID!) { r: storeRole(id: $id) { ${ROLE_FIELDS} } }`, { id })).r;
export const getSubAccount = async (id: string) => (await gql<{ s: SubAccount & { storeId: string } }>(`query($id: ID!) { s: subAccount(id: $id) { ${SUB_ACCOUNT_FIELDS} } }`, { id })).s;
export const deleteRole = async (id: string) => (await gql<{ ok: boolean }>('mutation($id: ID!) { ok: deleteStoreRole(id: $id) }', { id })).ok;

export const listInvitations = async (status?: string) =>
  (
    await gql<{ l: { items: Invitation[]; totalCount: number } }>(
      `query($filter: InvitationFilter) { l: subAccountInvitations(filter: $filter, perPage: 50) { items { ${INVITATION_FIELDS} } totalCount } }`,
      { filter: status ? { status } : undefined },
    )
  ).l;
export const inviteSubAccount = async (input: { mobile: string; displayName: string; roleIds: string[]; consentConfirmed: boolean }) =>
  (await gql<{ i: Invitation }>(`mutation($input: InviteSubAccountInput!) { i: inviteSubAccount(input: $input) { ${INVITATION_FIELDS} } }`, { input })).i;
export const resendInvitation = async (id: string) => (await gql<{ i: Invitation }>(`mutation($id: ID!) { i: resendSubAccountInvitation(id: $id) { ${INVITATION_FIELDS} } }`, { id })).i;
export const cancelInvitation = async (id: string) => (await gql<{ i: Invitation }>(`mutation($id: ID!) { i: cancelSubAccountInvitation(id: $id) { ${INVITATION_FIELDS} } }`, { id })).i;
export const acceptInvitation = async (input: { invitationId: string; code: string; loginName: string; password: string }) =>
  (
    await gql<{ r: { accountId: string; loginName: string; storeName: string } }>(
      'mutation($input: AcceptInvitationInput!) { r: acceptSubAccountInvitation(input: $input) { accountId loginName storeName } }',
      { input },
    )
  ).r;

export const setSubAccountRoles = async (subAccountId: string, roleIds: string[]) =>
  (await gql<{ s: SubAccount }>(`mutation($input: SetSubAccountRolesInput!) { s: setSubAccountRoles(input: $input) { ${SUB_ACCOUNT_FIELDS} } }`, { input: { subAccountId, roleIds } })).s;
export type LifecycleAction = 'deactivate' | 'reactivate' | 'remove';
const LIFECYCLE = { deactivate: 'deactivateSubAccount', reactivate: 'reactivateSubAccount', remove: 'removeSubAccount' } as const;
export const changeSubAccount = async (action: LifecycleAction, id: string) =>
  (await gql<{ s: SubAccount }>(`mutation($id: ID!) { s: ${LIFECYCLE[action]}(id: $id) { ${SUB_ACCOUNT_FIELDS} } }`, { id })).s;

export interface SessionRow {
  id: string;
  ip?: string | null;
  userAgent?: string | null;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
}
export const subAccountSessions = async (id: string) =>
  (await gql<{ s: SessionRow[] }>('query($id: ID!) { s: subAccountSessions(id: $id) { id ip userAgent createdAt lastSeenAt expiresAt } }', { id })).s;

export interface ActivityRow extends RaRecord {
  occurredAt: string;
  action: string;
  outcome: string;
  targetType?: string | null;
  targetId?: string | null;
  ip?: string | null;
}
export const subAccountActivity = async (subAccountId: string, page: number, perPage = 20) =>
  (
    await gql<{ a: { items: ActivityRow[]; totalCount: number; totalCountExact: boolean } }>(
      'query($id: ID!, $page: Int!, $perPage: Int!) { a: subAccountActivity(subAccountId: $id, page: $page, perPage: $perPage) { items { id occurredAt action outcome targetType targetId ip } totalCount totalCountExact } }',
      { id: subAccountId, page, perPage },
    )
  ).a;
