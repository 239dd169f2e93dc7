import { defineModule } from '../module';
import { VerificationReasonCode } from './reason-code.entity';
import { VerificationCase } from './verification-case.entity';
import { VerificationSubmission } from './verification-submission.entity';
import { VerificationTransition } from './verification-transition.entity';
import { verificationPermissions } from './verification.permissions';
import { VerificationResolver } from './verification.resolver';
import { verificationRevealable } from './verification.revealable';
import { VerificationDecisionsService } from './verification-decisions.service';
import { VerificationErrors } from './verification.errors';
import { VERIFICATION_MACHINE } from './verification.machine';
import { VerificationQueueService } from './verification-queue.service';
import { VerificationSubmissionService } from './verification-submission.service';

/** Identity verification of a merchant before its store opens (policy 2.2). */
export const verificationModule = defineModule({
  name: 'identity-verification',
  entities: [VerificationCase, VerificationSubmission, VerificationTransition, VerificationReasonCode],
  resolvers: [VerificationResolver],
  services: (app) => ({
    verificationSubmission: new VerificationSubmissionService(app),
    verificationQueue: new VerificationQueueService(app),
    verificationDecisions: new VerificationDecisionsService(app),
  }),
  permissions: [verificationPermissions],
  revealable: verificationRevealable,
  errors: [VerificationErrors],
  machines: [VERIFICATION_MACHINE],
});
