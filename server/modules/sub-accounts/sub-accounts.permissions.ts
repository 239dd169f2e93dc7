import type { PermissionContributor } from '../../core/abilities';
import { effectiveStorePermissions, rulesOf } from './store-permissions';

/**
 * Store permissions (policy 2.3.4) as CASL rules: the owner holds every store permission on its own
 * store, a sub-account the union of its store roles (loaded with the session on every request, so
 * role changes apply on the next request). Every rule is conditioned on `{ storeId }`: nobody
 * reads or writes another store's records (lists apply it in SQL with `whereAccessible`).
 */
export const subAccountsPermissions: PermissionContributor = ({ can }, actor) => {
  const storeId = actor.storeId;
  if (!storeId) return;
  for (const leaf of effectiveStorePermissions(actor)) {
    for (const [action, subject, conditions] of rulesOf(leaf)) can(action, subject, { ...conditions, storeId });
  }
};
