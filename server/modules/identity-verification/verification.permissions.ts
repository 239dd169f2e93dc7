import { hasRole, type PermissionContributor } from '../../core/abilities';

/** Every revealable field of a verification case (all sensitive personal information, policy 2.2.1). */
export const VERIFICATION_REVEAL_FIELDS = [
  'realName',
  'idNumber',
  'idFront',
  'idBack',
  'handheld',
  'licence',
  'legalRepName',
  'contactName',
  'contactMobile',
  'contactAddress',
  'csPhone',
  'returnName',
  'returnMobile',
  'returnAddress',
  'trademarkName',
  'trademarkIdNumber',
  'guardianName',
  'guardianIdNumber',
  'guardianConsent',
];

/**
 * Identity verification (policy 2.2.1, 5.1.2): reviewers read, claim and decide cases and may
 * reveal the data they review (each reveal with a purpose, audited); `ops_lead` also assigns,
 * gives second approvals and manages reason codes; `auditor` reads cases and their reveal log but
 * reveals nothing; a store owner submits and reads its own store's case.
 */
export const verificationPermissions: PermissionContributor = ({ can }, actor) => {
  if (hasRole(actor, 'ops_reviewer', 'ops_lead')) {
    can(['read', 'update', 'decide'], 'Verification');
    can('reveal', 'Verification', VERIFICATION_REVEAL_FIELDS);
    can('read', 'VerificationByIdNumber');
  }
  if (hasRole(actor, 'ops_lead')) {
    can(['approve', 'assign'], 'Verification');
    can(['create', 'update'], 'VerificationReasonCode');
  }
  if (hasRole(actor, 'auditor')) can('read', 'Verification');
  if (actor.kind === 'merchant' && actor.storeId) can(['create', 'read'], 'Verification', { storeId: actor.storeId });
};
