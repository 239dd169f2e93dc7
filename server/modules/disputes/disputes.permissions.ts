import { hasRole, hasScope, type PermissionContributor } from '../../core/abilities';

/** The buyer fields of a dispute that can be revealed (disputes.revealable.ts). */
export const BUYER_FIELDS = ['buyerName', 'buyerMobile', 'buyerAddress'];

/**
 * Disputes (policy 4.1 i):
 * - `support` opens disputes and works them (`decide`: send to the merchant, escalate, resolve,
 *   close, withdraw, messages and internal notes), reveals the buyer's details, and records
 *   disclosure requests (`create DisputeDisclosure`); messages and evidence are `create DisputeMessage`;
 * - `ops_lead` works disputes too and alone decides escalated ones; `ops_lead` and `legal` decide
 *   disclosure requests (never their own: checked per record); `legal` and `auditor` read;
 * - a service account with the `dispute.intake` scope opens disputes and relays buyer messages,
 *   and reads nothing;
 * - the store reads and answers its own disputes through store permissions (`disputes.view` ->
 *   read, `disputes.respond` -> update and create DisputeMessage; sub-accounts.permissions.ts; the owner holds both), and the
 *   owner reads the disclosures made about it once approved. Another store's dispute is NOT_FOUND.
 */
export const disputesPermissions: PermissionContributor = ({ can }, actor) => {
  if (hasRole(actor, 'support', 'ops_lead', 'legal', 'auditor')) can('read', ['Dispute', 'DisputeDisclosure']);
  if (hasRole(actor, 'support', 'ops_lead')) {
    can('decide', 'Dispute');
    can('create', 'DisputeMessage');
    can('reveal', 'Dispute', BUYER_FIELDS);
  }
  if (hasRole(actor, 'support')) can('create', ['Dispute', 'DisputeDisclosure']);
  if (hasRole(actor, 'ops_lead', 'legal')) can('decide', 'DisputeDisclosure');
  if (hasScope(actor, 'dispute.intake')) can('create', ['Dispute', 'DisputeBuyerMessage']);
  if (actor.kind === 'merchant' && actor.storeId) can('read', 'DisputeDisclosure', { storeId: actor.storeId, status: { $in: ['approved', 'closed'] } });
};
