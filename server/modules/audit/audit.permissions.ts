import { hasRole, type PermissionContributor } from '../../core/abilities';

/** The audit log: `auditor` searches and exports it; `ops_lead` and `admin` search it. */
export const auditPermissions: PermissionContributor = ({ can }, actor) => {
  if (hasRole(actor, 'auditor')) can(['read', 'export'], 'AuditEvent');
  if (hasRole(actor, 'ops_lead', 'admin')) can('read', 'AuditEvent');
};
