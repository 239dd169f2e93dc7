import { defineModule } from '../module';
import { DisclosuresService } from './disclosures.service';
import { DisputeDisclosure } from './dispute-disclosure.entity';
import { DisputeHistory } from './dispute-history.entity';
import { DisputeMessage } from './dispute-message.entity';
import { Dispute } from './dispute.entity';
import { DisputeErrors } from './disputes.errors';
import { DISPUTE_DEADLINE_QUEUE } from './disputes.jobs';
import { DISCLOSURE_MACHINE, DISPUTE_MACHINE } from './disputes.machine';
import { disputesPermissions } from './disputes.permissions';
import { DisputesResolver } from './disputes.resolver';
import { disputesRevealable } from './disputes.revealable';
import { DisputesService } from './disputes.service';

/** Disputes with buyers and the approved disclosure of a merchant's identity to a buyer (policy 4.1 i). */
export const disputesModule = defineModule({
  name: 'disputes',
  entities: [Dispute, DisputeMessage, DisputeHistory, DisputeDisclosure],
  resolvers: [DisputesResolver],
  services: (app) => ({ disputes: new DisputesService(app), disputeDisclosures: new DisclosuresService(app) }),
  permissions: [disputesPermissions],
  revealable: disputesRevealable,
  queues: [DISPUTE_DEADLINE_QUEUE],
  errors: [DisputeErrors],
  machines: [DISPUTE_MACHINE, DISCLOSURE_MACHINE],
});
