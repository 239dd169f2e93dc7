import { hasRole, type Actor, type PermissionContributor } from '../../core/abilities';

/** Store permissions a sub-account holds (set by the sub-accounts module on the actor; none until then). */
function storePermissionsOf(actor: Actor): string[] {
  return (actor as Actor & { storePermissions?: string[] }).storePermissions ?? [];
}

/**
 * Penalties (issue 5):
 * - the violation catalogue and sanction types: staff who work on penalties read them; `ops_lead` edits;
 * - penalties: `ops_reviewer` (and `ops_lead`) draft and edit their own drafts; `ops_lead` issues
 *   (`approve`; maker-checker for suspension and closure is checked per record) and revokes (`decide`);
 *   `legal`, `auditor`, `support` read;
 * - appeals: the store owner (and a sub-account with `compliance.penalties.appeal`) appeals its
 *   own issued penalties; `ops_lead` decides;
 * - merchants read only their own store's issued or revoked penalties (drafts never), their appeals;
 *   another store's records are NOT_FOUND.
 */
export const penaltiesPermissions: PermissionContributor = ({ can }, actor) => {
  if (hasRole(actor, 'ops_reviewer', 'ops_lead', 'legal', 'auditor', 'support')) {
    can('read', ['ViolationCategory', 'Penalty', 'PenaltyAppeal']);
  }
  if (hasRole(actor, 'ops_lead')) {
    can(['create', 'update'], 'ViolationCategory');
    can('approve', 'Penalty');
    can('decide', ['Penalty', 'PenaltyAppeal']);
  }
  if (hasRole(actor, 'ops_reviewer', 'ops_lead')) can(['create', 'update'], 'Penalty');

  const storeId = actor.storeId;
  if (!storeId) return;
  const visible = { storeId, status: { $in: ['issued', 'revoked'] } };
  if (actor.kind === 'merchant') {
    can('read', 'Penalty', visible);
    can(['read', 'create'], 'PenaltyAppeal', { storeId });
  } else if (actor.kind === 'sub_account') {
    const perms = storePermissionsOf(actor);
    const appeal = perms.includes('compliance.penalties.appeal');
    if (appeal || perms.includes('compliance.penalties.view')) {
      can('read', 'Penalty', visible);
      can('read', 'PenaltyAppeal', { storeId });
    }
    if (appeal) can('create', 'PenaltyAppeal', { storeId });
  }
};
