import { Account } from './accounts/account.entity';
import { Merchant } from './accounts/merchant.entity';
import { Session } from './accounts/session.entity';
import { SignInAttempt } from './accounts/sign-in-attempt.entity';
import { SignInLockout } from './accounts/sign-in-lockout.entity';
import { StaffRoleGrant } from './accounts/staff-role-grant.entity';
import { AuditEvent } from './audit/audit-event.entity';
import { Notification } from './notifications/notification.entity';
import { OutboundDelivery } from './notifications/outbound-delivery.entity';
import { PolicyDocument } from './policies/policy-document.entity';
import { PolicyVersion } from './policies/policy-version.entity';
import { PolicyAcknowledgement } from './policies/policy-acknowledgement.entity';
import { PolicyFanOut } from './policies/policy-fan-out.entity';
import { PolicyVersionTransition } from './policies/policy-version-transition.entity';
import { Store } from './stores/store.entity';
import { UploadedFile } from './files/uploaded-file.entity';
import { VerificationReasonCode } from './identity-verification/reason-code.entity';
import { VerificationCase } from './identity-verification/verification-case.entity';
import { VerificationSubmission } from './identity-verification/verification-submission.entity';
import { VerificationTransition } from './identity-verification/verification-transition.entity';
import { WorkingDayOverride } from './calendar/working-day-override.entity';
import { Penalty } from './penalties/penalty.entity';
import { PenaltyAppeal } from './penalties/penalty-appeal.entity';
import { PenaltyFile } from './penalties/penalty-file.entity';
import { PenaltyHistory } from './penalties/penalty-history.entity';
import { PenaltyNotice } from './penalties/penalty-notice.entity';
import { SanctionType } from './penalties/sanction-type.entity';
import { ViolationCategory } from './penalties/violation-category.entity';
import { SubAccountInvitation } from './sub-accounts/invitation.entity';
import { StoreRole } from './sub-accounts/store-role.entity';
import { SubAccountRole } from './sub-accounts/sub-account-role.entity';
import { SubAccount } from './sub-accounts/sub-account.entity';

/** Every TypeORM entity, listed explicitly (no globs: they break under vitest), grouped by module. */
export const ENTITIES: Function[] = [
  Account, Merchant, Session, SignInAttempt, SignInLockout, StaffRoleGrant, Store, AuditEvent, Notification, OutboundDelivery, PolicyDocument, PolicyVersion,
  UploadedFile, VerificationCase, VerificationSubmission, VerificationTransition, VerificationReasonCode,
  PolicyVersionTransition, PolicyAcknowledgement, PolicyFanOut,
  WorkingDayOverride, SanctionType, ViolationCategory, PenaltyNotice, Penalty, PenaltyAppeal, PenaltyFile, PenaltyHistory,
  StoreRole, SubAccount, SubAccountRole, SubAccountInvitation,
];
