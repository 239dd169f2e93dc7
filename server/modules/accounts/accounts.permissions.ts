import { hasRole, registerPermissions } from '../../core/abilities';

/**
 * Accounts: anyone signed in manages their own sessions (covered by @SignedIn); `admin` manages
 * staff accounts; staff who work on merchants read them; a merchant reads its own record.
 * Merchant personal fields are revealed by `reveal` (see personal-data.permissions.ts).
 */
registerPermissions(({ can }, actor) => {
  if (hasRole(actor, 'admin')) can(['read', 'create', 'update'], 'StaffAccount');
  if (hasRole(actor, 'ops_reviewer', 'ops_lead', 'support', 'finance', 'auditor', 'admin')) can('read', 'Merchant');
  if (actor.kind === 'merchant' && actor.merchantId) can('read', 'Merchant', { id: actor.merchantId });
});
