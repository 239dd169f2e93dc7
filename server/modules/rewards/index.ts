import { defineModule } from '../module';
import { PayoutLedgerEntry } from './payout-ledger.entity';
import { PayoutReconciliation } from './payout-reconciliation.entity';
import { Payout } from './payout.entity';
import { RewardHistory } from './reward-history.entity';
import { RewardProgramme } from './reward-programme.entity';
import { Reward } from './reward.entity';
import { RewardImport } from './reward-import.entity';
import { RewardErrors } from './rewards.errors';
import { RewardImportsService } from './rewards.import';
import { PAYOUT_RECONCILIATION_QUEUE, REWARD_IMPORT_QUEUE } from './rewards.import.jobs';
import { RewardImportsResolver } from './rewards.import.resolver';
import { rewardImportRouter } from './rewards.import.routes';
import { PAYOUT_QUEUE, PAYOUT_SWEEP_QUEUE } from './rewards.jobs';
import { PAYOUT_MACHINE, REWARD_MACHINE } from './rewards.machine';
import { rewardsPermissions } from './rewards.permissions';
import { RewardsResolver } from './rewards.resolver';
import { RewardsService } from './rewards.service';

/** Platform rewards to merchants and their payouts into Alipay (policy 2.3.5, 2.3.6). Money in integer fen. */
export const rewardsModule = defineModule({
  name: 'rewards',
  entities: [RewardProgramme, Reward, RewardHistory, Payout, PayoutLedgerEntry, RewardImport, PayoutReconciliation],
  resolvers: [RewardsResolver, RewardImportsResolver],
  services: (app) => ({ rewards: new RewardsService(app), rewardImports: new RewardImportsService(app) }),
  permissions: [rewardsPermissions],
  queues: [PAYOUT_QUEUE, PAYOUT_SWEEP_QUEUE, REWARD_IMPORT_QUEUE, PAYOUT_RECONCILIATION_QUEUE],
  errors: [RewardErrors],
  machines: [REWARD_MACHINE, PAYOUT_MACHINE],
  routes: rewardImportRouter,
});
