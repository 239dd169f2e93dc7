import { defineModule } from '../module';
import { Account } from './account.entity';
import { accountsPermissions } from './accounts.permissions';
import { AccountsResolver } from './accounts.resolver';
import { AccountErrors } from './accounts.errors';
import { AccountsService } from './accounts.service';
import { Merchant } from './merchant.entity';
import { MerchantsResolver } from './merchants.resolver';
import { merchantsRevealable } from './merchants.revealable';
import { MerchantsService } from './merchants.service';
import { Session } from './session.entity';
import { SignInAttempt } from './sign-in-attempt.entity';
import { SignInLockout } from './sign-in-lockout.entity';
import { StaffRoleGrant } from './staff-role-grant.entity';
import { StaffService } from './staff.service';

/** Accounts: sign-in and sessions, staff accounts and their role grants, merchants. */
export const accountsModule = defineModule({
  name: 'accounts',
  entities: [Account, Merchant, Session, SignInAttempt, SignInLockout, StaffRoleGrant],
  resolvers: [AccountsResolver, MerchantsResolver],
  services: (app) => ({ accounts: new AccountsService(app), staff: new StaffService(app), merchants: new MerchantsService(app) }),
  permissions: [accountsPermissions],
  revealable: merchantsRevealable,
  errors: [AccountErrors],
});
