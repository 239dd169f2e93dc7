import { defineModule } from '../module';
import { SubAccountInvitation } from './invitation.entity';
import { InvitationsService } from './invitations.service';
import { StoreRole } from './store-role.entity';
import { StoreRolesService } from './store-roles.service';
import { SubAccountRole } from './sub-account-role.entity';
import { SubAccount } from './sub-account.entity';
import { SubAccountErrors } from './sub-accounts.errors';
import { INVITATION_SMS_QUEUE } from './sub-accounts.jobs';
import { subAccountsPermissions } from './sub-accounts.permissions';
import { SubAccountsResolver } from './sub-accounts.resolver';
import { subAccountsRevealable } from './sub-accounts.revealable';
import { SubAccountsService } from './sub-accounts.service';

/** A store owner's sub-accounts, store roles and invitations. */
export const subAccountsModule = defineModule({
  name: 'sub-accounts',
  entities: [StoreRole, SubAccount, SubAccountRole, SubAccountInvitation],
  resolvers: [SubAccountsResolver],
  services: (app) => ({ storeRoles: new StoreRolesService(app), subAccounts: new SubAccountsService(app), invitations: new InvitationsService(app) }),
  permissions: [subAccountsPermissions],
  revealable: subAccountsRevealable,
  queues: [INVITATION_SMS_QUEUE],
  errors: [SubAccountErrors],
});
