import { defineModule } from '../module';
import { AuditEvent } from './audit-event.entity';
import { auditPermissions } from './audit.permissions';
import { AuditResolver } from './audit.resolver';
import { AUDIT_CHECKPOINT_QUEUE } from './audit.jobs';
import { AuditService } from './audit.service';

/** The audit trail: who touched which personal data, chained and checkpointed. */
export const auditModule = defineModule({
  name: 'audit',
  entities: [AuditEvent],
  resolvers: [AuditResolver],
  services: (app) => ({ audit: new AuditService(app) }),
  permissions: [auditPermissions],
  queues: [AUDIT_CHECKPOINT_QUEUE],
});
