import { hasRole, type PermissionContributor } from '../../core/abilities';

/**
 * Reveal (unmasked reading) is a permission apart from reading the record (policy 5.1.2):
 * `ops_lead` may reveal a merchant's mobile; a merchant may reveal its own. Each reveal states a
 * purpose and is audited. `support` may not: the merchant's contact is one of the fields a buyer
 * may ask for in a dispute (policy 4.1 i), which leave the platform only through an approved
 * disclosure (disputes module); support reaches a merchant through the dispute thread and inbox.
 */
export const personalDataPermissions: PermissionContributor = ({ can }, actor) => {
  if (hasRole(actor, 'ops_lead')) can('reveal', 'Merchant', ['mobile']);
  if (actor.kind === 'merchant' && actor.merchantId) can('reveal', 'Merchant', ['mobile'], { id: actor.merchantId });
};
