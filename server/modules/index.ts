// Registers every module: permission rules, revealable fields and job queues are declared at import.
import './accounts/accounts.permissions';
import './accounts/merchants.revealable';
import './audit/audit.permissions';
import './audit/audit.service';
import './personal-data/personal-data.permissions';
import './notifications/notifications.service';
import './policies/policies.permissions';
import './policies/policy-publication';
import './identity-verification/verification.permissions';
import './identity-verification/verification.revealable';
import './penalties/penalties.permissions';
import './penalties/penalties.service';
import './calendar/calendar.permissions';
import './sub-accounts/sub-accounts.permissions';
import './sub-accounts/sub-accounts.revealable';
import './sub-accounts/sub-accounts.service';
import { AccountsResolver } from './accounts/accounts.resolver';
import { MerchantsResolver } from './accounts/merchants.resolver';
import { AuditResolver } from './audit/audit.resolver';
import { NotificationsResolver } from './notifications/notifications.resolver';
import { PersonalDataResolver } from './personal-data/personal-data.resolver';
import { PoliciesResolver, PublicPolicyVersionResolver } from './policies/policies.resolver';
import { VerificationResolver } from './identity-verification/verification.resolver';
import { PenaltiesResolver } from './penalties/penalties.resolver';
import { CalendarResolver } from './calendar/calendar.resolver';
import { SubAccountsResolver } from './sub-accounts/sub-accounts.resolver';

/** Every GraphQL resolver class, in schema order. */
export const RESOLVERS = [
  AccountsResolver, MerchantsResolver, AuditResolver, NotificationsResolver, PersonalDataResolver, PoliciesResolver, PublicPolicyVersionResolver,
  VerificationResolver, PenaltiesResolver, CalendarResolver,
  SubAccountsResolver,
] as const;
