import { hasRole, type PermissionContributor } from '../../core/abilities';

/**
 * Policies (policy chapter 8):
 * - `legal` drafts, edits, submits, approves, schedules and withdraws versions (`create`,
 *   `update`, `approve`, `publish` on PolicyVersion), creates documents, reads acknowledgement
 *   rates and exports who has not acknowledged (`export` PolicyAcknowledgement, audited);
 * - `auditor` reads versions, fan-outs and acknowledgement rates;
 * - a store owner acknowledges for its own store (`create` PolicyAcknowledgement on its merchant
 *   id). Sub-accounts get the same right from the sub-accounts module when their store role has
 *   the `policy-acknowledge` permission: `can('create', 'PolicyAcknowledgement', { storeId })`.
 * The public pages need nothing (`@Public`).
 */
export const policiesPermissions: PermissionContributor = ({ can }, actor) => {
  if (hasRole(actor, 'legal')) {
    can(['read', 'create', 'update', 'approve', 'publish'], 'PolicyVersion');
    can('create', 'PolicyDocument');
    can(['read', 'export'], 'PolicyAcknowledgement');
  }
  if (hasRole(actor, 'auditor')) {
    can('read', 'PolicyVersion');
    can('read', 'PolicyAcknowledgement');
  }
  if (actor.kind === 'merchant' && actor.merchantId) can('create', 'PolicyAcknowledgement', { merchantId: actor.merchantId });
};
