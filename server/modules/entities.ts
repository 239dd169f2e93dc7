import { Account } from './accounts/account.entity';
import { Merchant } from './accounts/merchant.entity';
import { Session } from './accounts/session.entity';
import { SignInAttempt } from './accounts/sign-in-attempt.entity';
import { AuditEvent } from './audit/audit-event.entity';
import { Notification } from './notifications/notification.entity';
import { OutboundDelivery } from './notifications/outbound-delivery.entity';
import { PolicyDocument } from './policies/policy-document.entity';
import { PolicyVersion } from './policies/policy-version.entity';
import { Store } from './stores/store.entity';
import { UploadedFile } from './files/uploaded-file.entity';
import { VerificationReasonCode } from './identity-verification/reason-code.entity';
import { VerificationCase } from './identity-verification/verification-case.entity';
import { VerificationSubmission } from './identity-verification/verification-submission.entity';
import { VerificationTransition } from './identity-verification/verification-transition.entity';
import { SubAccountInvitation } from './sub-accounts/invitation.entity';
import { StoreRole } from './sub-accounts/store-role.entity';
import { SubAccountRole } from './sub-accounts/sub-account-role.entity';
import { SubAccount } from './sub-accounts/sub-account.entity';

/** Every TypeORM entity, listed explicitly (no globs: they break under vitest). */
export const ENTITIES = [Account, Merchant, Session, SignInAttempt, Store, AuditEvent, Notification, OutboundDelivery, PolicyDocument, PolicyVersion,
  UploadedFile, VerificationCase, VerificationSubmission, VerificationTransition, VerificationReasonCode,
  StoreRole, SubAccount, SubAccountRole, SubAccountInvitation];
