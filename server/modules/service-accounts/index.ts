import { defineModule } from '../module';
import { ApiKey } from './api-key.entity';
import { ServiceAccountErrors } from './service-accounts.errors';
import { serviceAccountsPermissions } from './service-accounts.permissions';
import { ServiceAccountsResolver } from './service-accounts.resolver';
import { ServiceAccountsService } from './service-accounts.service';

/** Service accounts: machine credentials (scoped API keys) of integrations, managed by admins. */
export const serviceAccountsModule = defineModule({
  name: 'serviceAccounts',
  entities: [ApiKey],
  resolvers: [ServiceAccountsResolver],
  services: (app) => ({ serviceAccounts: new ServiceAccountsService(app) }),
  permissions: [serviceAccountsPermissions],
  errors: [ServiceAccountErrors],
});
