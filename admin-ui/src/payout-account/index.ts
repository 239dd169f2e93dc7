import AccountBalanceWalletIcon from '@mui/icons-material/AccountBalanceWallet';
import { PayoutAccountPage } from './PayoutAccountPage';

/** The owner's payout account page (a resource with one page, so it gets a menu entry). */
export const payoutAccount = { name: 'payoutAccount', list: PayoutAccountPage, icon: AccountBalanceWalletIcon };
export { payoutAccountMessages } from './messages';
