import { defineModule } from '../module';
import { PayoutAccount } from './payout-account.entity';
import { PayoutAccountErrors } from './payout-accounts.errors';
import { payoutAccountsPermissions } from './payout-accounts.permissions';
import { PayoutAccountsResolver } from './payout-accounts.resolver';
import { payoutAccountsRevealable } from './payout-accounts.revealable';
import { PayoutAccountsService } from './payout-accounts.service';

/** The store's Alipay payout account (issue 13): owner-only, confirmed by SMS code, 24-hour hold, payee name checked; `payoutTarget` for payouts. */
export const payoutAccountsModule = defineModule({
  name: 'payout-accounts',
  entities: [PayoutAccount],
  resolvers: [PayoutAccountsResolver],
  services: (app) => ({ payoutAccounts: new PayoutAccountsService(app) }),
  permissions: [payoutAccountsPermissions],
  revealable: payoutAccountsRevealable,
  errors: [PayoutAccountErrors],
});
