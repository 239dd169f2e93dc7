import { hasRole, type PermissionContributor } from '../../core/abilities';

/**
 * The register: `legal`, `auditor` and `admin` search every store; a store's owner sees the
 * entries about its store (policy 6.1: the merchant may know who received its data).
 */
export const dataSharingPermissions: PermissionContributor = ({ can }, actor) => {
  if (hasRole(actor, 'legal', 'auditor', 'admin')) can('read', 'DataSharingEntry');
  if (actor.kind === 'merchant' && actor.storeId) can('read', 'DataSharingEntry', { storeId: actor.storeId });
};
