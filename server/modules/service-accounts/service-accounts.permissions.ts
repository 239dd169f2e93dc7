import { hasRole, type PermissionContributor } from '../../core/abilities';

/**
 * Service accounts: `admin` creates them, reads them and revokes or rotates their keys
 * (`update`). A service account itself gets nothing here: its rights come from the scopes of its
 * key, granted by the module that owns each scope (`hasScope(actor, 'dispute.intake')`).
 */
export const serviceAccountsPermissions: PermissionContributor = ({ can }, actor) => {
  if (hasRole(actor, 'admin')) can(['read', 'create', 'update'], 'ServiceAccount');
};
