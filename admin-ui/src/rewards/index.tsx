import EmojiEventsIcon from '@mui/icons-material/EmojiEvents';
import FactCheckIcon from '@mui/icons-material/FactCheck';
import RuleIcon from '@mui/icons-material/Rule';
import SavingsIcon from '@mui/icons-material/Savings';
import UploadFileIcon from '@mui/icons-material/UploadFile';
import { Resource } from 'react-admin';
import type { AppAbility } from '../abilities';
import { isRewardStaff, rewardCan } from './api';
import { MyRewardList } from './MyRewards';
import { ProgrammeList } from './Programmes';
import { ReconciliationPage } from './Reconciliation';
import { RewardCreate } from './RewardCreate';
import { RewardImportPage } from './RewardImport';
import { RewardList, RewardQueue } from './RewardList';
import { RewardShow } from './RewardShow';

export { REWARD_RESOURCES } from './api';
export { rewardsMessages } from './messages';

/**
 * Platform rewards (平台奖励, policy 2.3.6). One resource `rewards` (inbox links point at
 * /rewards/<id>/show): staff who read rewards (ops_reviewer, ops_lead, finance, auditor) get the
 * full list, show and (ops_reviewer, finance) the proposal form; the store (the owner, sub-accounts
 * with finance.rewards.view) gets "My rewards". Staff also get the approval queue, the programmes
 * (proposers) the CSV import and (finance) the payout reconciliation.
 */
export function rewardResources(a: AppAbility) {
  const staff = isRewardStaff(a);
  const read = rewardCan(a, 'read', 'Reward');
  const propose = rewardCan(a, 'create', 'Reward');
  return [
    read && staff && (
      <Resource key="rewards" name="rewards" list={RewardList} show={RewardShow} create={propose ? RewardCreate : undefined} icon={EmojiEventsIcon} options={{ label: 'mc.rewards.title' }} />
    ),
    read && staff && <Resource key="rewardQueue" name="rewardQueue" list={RewardQueue} icon={FactCheckIcon} />,
    staff && <Resource key="rewardProgrammes" name="rewardProgrammes" list={ProgrammeList} icon={SavingsIcon} />,
    staff && propose && <Resource key="rewardImports" name="rewardImports" list={RewardImportPage} icon={UploadFileIcon} />,
    staff && rewardCan(a, 'decide', 'Payout') && <Resource key="payoutReconciliations" name="payoutReconciliations" list={ReconciliationPage} icon={RuleIcon} />,
    read && !staff && <Resource key="rewards" name="rewards" list={MyRewardList} show={RewardShow} icon={EmojiEventsIcon} options={{ label: 'mc.rewards.my_title' }} />,
  ];
}
