import { defineModule } from '../module';
import { policiesPermissions } from './policies.permissions';
import { PoliciesResolver, PublicPolicyVersionResolver } from './policies.resolver';
import { PoliciesService } from './policies.service';
import { PolicyAcknowledgement } from './policy-acknowledgement.entity';
import { PolicyAcknowledgementsService } from './policy-acknowledgements.service';
import { PolicyDocument } from './policy-document.entity';
import { PolicyFanOut } from './policy-fan-out.entity';
import { PolicyErrors } from './policies.errors';
import { FAN_OUT_QUEUE, PUBLISH_QUEUE, SMS_CHUNK_QUEUE, SWEEP_QUEUE } from './policies.jobs';
import { POLICY_VERSION_MACHINE } from './policies.machine';
import { PolicyVersionTransition } from './policy-version-transition.entity';
import { PolicyVersion } from './policy-version.entity';
import { PolicyVersionsService } from './policy-versions.service';

/** Privacy-policy documents and versions, publication and acknowledgements (policy chapter 8). */
export const policiesModule = defineModule({
  name: 'policies',
  entities: [PolicyDocument, PolicyVersion, PolicyVersionTransition, PolicyAcknowledgement, PolicyFanOut],
  resolvers: [PoliciesResolver, PublicPolicyVersionResolver],
  services: (app) => ({ policies: new PoliciesService(app), policyVersions: new PolicyVersionsService(app), policyAcknowledgements: new PolicyAcknowledgementsService(app) }),
  permissions: [policiesPermissions],
  queues: [PUBLISH_QUEUE, FAN_OUT_QUEUE, SMS_CHUNK_QUEUE, SWEEP_QUEUE],
  errors: [PolicyErrors],
  machines: [POLICY_VERSION_MACHINE],
});
