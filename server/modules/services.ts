import type { App } from '../core/app';
import { AccountsService } from './accounts/accounts.service';
import { MerchantsService } from './accounts/merchants.service';
import { AuditService } from './audit/audit.service';
import { FilesService } from './files/files.service';
import { NotificationsService } from './notifications/notifications.service';
import { PersonalDataService } from './personal-data/personal-data.service';
import { PoliciesService } from './policies/policies.service';
import { PolicyAcknowledgementsService } from './policies/policy-acknowledgements.service';
import { VerificationService } from './identity-verification/verification.service';
import { PenaltiesService } from './penalties/penalties.service';
import { CalendarService } from './calendar/calendar.service';
import { SubAccountsService } from './sub-accounts/sub-accounts.service';

function build(app: App) {
  return {
    accounts: new AccountsService(app),
    merchants: new MerchantsService(app),
    audit: new AuditService(app),
    files: new FilesService(app),
    notifications: new NotificationsService(app),
    personalData: new PersonalDataService(app),
    policies: new PoliciesService(app),
    policyAcknowledgements: new PolicyAcknowledgementsService(app),
    verification: new VerificationService(app),
    penalties: new PenaltiesService(app),
    calendar: new CalendarService(app),
    subAccounts: new SubAccountsService(app),
  };
}

export type Services = ReturnType<typeof build>;
const cache = new WeakMap<App, Services>();

/** The services of an app, built once (they are stateless; per-request state lives in RequestContext). */
export function servicesOf(app: App): Services {
  let s = cache.get(app);
  if (!s) cache.set(app, (s = build(app)));
  return s;
}
