import { gql } from '../graphql';

/** Fields of a staff account row (list, create, role changes, lifecycle answers). */
export const STAFF_FIELDS = 'id loginName displayName mobileMasked roles pendingRoles status mustChangePassword createdAt';
export const GRANT_FIELDS = 'id accountId accountLogin role status requestedBy requestedByLogin decidedBy decidedByLogin requestedAt decidedAt';

/** Lifecycle operations on a staff account (server: AccountsService.staffLifecycle). */
export const LIFECYCLE = {
  lock: 'lockStaffAccount',
  unlock: 'unlockStaffAccount',
  deactivate: 'deactivateStaffAccount',
  revoke_sessions: 'revokeStaffSessions',
} as const;
export type LifecycleOp = keyof typeof LIFECYCLE;

export function staffLifecycle(op: LifecycleOp, id: string) {
  return gql(`mutation Lifecycle($id: ID!) { ${LIFECYCLE[op]}(id: $id) { ${STAFF_FIELDS} } }`, { id });
}

/** Approves or refuses a pending role grant (maker-checker: another admin than the requester). */
export function decideGrant(id: string, approve: boolean) {
  const name = approve ? 'approveStaffRoleGrant' : 'refuseStaffRoleGrant';
  return gql(`mutation Decide($id: ID!) { ${name}(id: $id) { ${GRANT_FIELDS} } }`, { id });
}

export function changeMyPassword(currentPassword: string, newPassword: string) {
  return gql<{ changeMyPassword: boolean }>('mutation Change($input: ChangeMyPasswordInput!) { changeMyPassword(input: $input) }', { input: { currentPassword, newPassword } });
}
