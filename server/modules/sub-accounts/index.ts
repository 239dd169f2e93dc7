import { defineModule } from '../module';
import { SubAccountInvitation } from './invitation.entity';
import { StoreRole } from './store-role.entity';
import { SubAccountRole } from './sub-account-role.entity';
import { SubAccount } from './sub-account.entity';
import { subAccountsPermissions } from './sub-accounts.permissions';
import { SubAccountsResolver } from './sub-accounts.resolver';
import { subAccountsRevealable } from './sub-accounts.revealable';
import { INVITATION_SMS_QUEUE, SubAccountsService } from './sub-accounts.service';

/** A store owner's sub-accounts, store roles and invitations. */
export const subAccountsModule = defineModule({
  name: 'sub-accounts',
  entities: [StoreRole, SubAccount, SubAccountRole, SubAccountInvitation],
  resolvers: [SubAccountsResolver],
  services: (app) => ({ subAccounts: new SubAccountsService(app) }),
  permissions: [subAccountsPermissions],
  revealable: subAccountsRevealable,
  queues: [INVITATION_SMS_QUEUE],
});
