import { defineModule } from '../module';
import { VerificationReasonCode } from './reason-code.entity';
import { VerificationCase } from './verification-case.entity';
import { VerificationSubmission } from './verification-submission.entity';
import { VerificationTransition } from './verification-transition.entity';
import { verificationPermissions } from './verification.permissions';
import { VerificationResolver } from './verification.resolver';
import { verificationRevealable } from './verification.revealable';
import { VerificationService } from './verification.service';

/** Identity verification of a merchant before its store opens (policy 2.2). */
export const verificationModule = defineModule({
  name: 'identity-verification',
  entities: [VerificationCase, VerificationSubmission, VerificationTransition, VerificationReasonCode],
  resolvers: [VerificationResolver],
  services: (app) => ({ verification: new VerificationService(app) }),
  permissions: [verificationPermissions],
  revealable: verificationRevealable,
});
