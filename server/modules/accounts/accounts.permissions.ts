import { defineAbilityFor, hasRole, type PlatformRole, type PermissionContributor } from '../../core/abilities';

/**
 * Accounts: anyone signed in manages their own sessions and password (covered by @SignedIn);
 * `admin` manages staff accounts and requests and decides platform-role grants (a grant that needs
 * a second admin is decided by another admin than the requester, never by the grantee: checked
 * per record); `auditor` reads the grants; staff who work on merchants read them; a merchant
 * reads its own record. Merchant personal fields are revealed by `reveal` (see
 * personal-data.permissions.ts).
 */
export const accountsPermissions: PermissionContributor = ({ can }, actor) => {
  if (hasRole(actor, 'admin')) {
    can(['read', 'create', 'update'], 'StaffAccount');
    can(['read', 'create', 'approve'], 'StaffRoleGrant');
  }
  if (hasRole(actor, 'auditor')) can('read', 'StaffRoleGrant');
  if (hasRole(actor, 'ops_reviewer', 'ops_lead', 'support', 'finance', 'auditor', 'admin')) can('read', 'Merchant');
  if (actor.kind === 'merchant' && actor.merchantId) can('read', 'Merchant', { id: actor.merchantId });
};

/**
 * Whether granting `role` needs a second admin's approval (issue 10 item 6): the role can reveal
 * or export (personal data) or approve role grants itself (else one admin could mint an
 * accomplice approver). Derived from the registered rules, so a role that gains such a right
 * later is covered without a list to maintain.
 */
export function roleNeedsSecondApproval(role: PlatformRole): boolean {
  const ability = defineAbilityFor({ accountId: '0', kind: 'staff', loginName: '', roles: [role], sessionId: '' });
  return ability.rules.some((r) => {
    const actions = [r.action].flat();
    if (actions.some((a) => a === 'reveal' || a === 'export' || a === 'manage')) return true;
    return actions.includes('approve') && [r.subject].flat().includes('StaffRoleGrant');
  });
}
