import { hasRole, type PermissionContributor } from '../../core/abilities';

/**
 * Reveal (unmasked reading) is a permission apart from reading the record (policy 5.1.2):
 * `ops_lead` and `support` (who must call merchants back) may reveal a merchant's mobile;
 * a merchant may reveal its own. Each reveal states a purpose and is audited.
 */
export const personalDataPermissions: PermissionContributor = ({ can }, actor) => {
  if (hasRole(actor, 'ops_lead', 'support')) can('reveal', 'Merchant', ['mobile']);
  if (actor.kind === 'merchant' && actor.merchantId) can('reveal', 'Merchant', ['mobile'], { id: actor.merchantId });
};
