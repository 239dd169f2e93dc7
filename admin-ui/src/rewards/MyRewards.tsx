import { Alert, Box } from '@mui/material';
import { Datagrid, FunctionField, Link, List, SelectInput, useTranslate } from 'react-admin';
import { useAbility } from '../abilities';
import { CappedPagination } from '../components/CappedPagination';
import { EmptyState } from '../components/EmptyState';
import { LocaleDateField } from '../components/LocaleDateField';
import { PAYOUT_STATUSES, REWARD_STATUSES, rewardCan, type Reward } from './api';
import { Amount, PayoutCell, PeriodText, RewardStatusChip, useProgrammeName } from './common';

function useFilters() {
  const translate = useTranslate();
  return [
    <SelectInput key="status" source="status" alwaysOn choices={REWARD_STATUSES.map((s) => ({ id: s, name: translate(`mc.rewards.status.${s}`) }))} />,
    <SelectInput key="payoutStatus" source="payoutStatus" alwaysOn choices={PAYOUT_STATUSES.map((s) => ({ id: s, name: translate(`mc.rewards.payout_status.${s}`) }))} />,
  ];
}

/** The owner only (it alone may change the account): a link to the payout account page. Sub-accounts never see the account. */
function PayoutAccountHint() {
  const ability = useAbility();
  const translate = useTranslate();
  if (!rewardCan(ability, 'update', 'PayoutAccount')) return null;
  return (
    <Alert severity="info" sx={{ mt: 1 }} data-testid="payout-account-hint">
      <Link to="/payoutAccount" data-testid="payout-account-link">
        {translate('mc.rewards.payout_account_link')}
      </Link>
    </Alert>
  );
}

/** "我的奖励": the store's own rewards with amounts, statuses and payout status (owner; sub-accounts with finance.rewards.view). */
export function MyRewardList() {
  const name = useProgrammeName();
  return (
    <List
      exporter={false}
      title="mc.rewards.my_title"
      filters={useFilters()}
      sort={{ field: 'createdAt', order: 'DESC' }}
      pagination={<CappedPagination />}
      empty={
        <Box>
          <EmptyState message="mc.rewards.my_empty" />
          <PayoutAccountHint />
        </Box>
      }
    >
      <Box sx={{ px: 2 }}>
        <PayoutAccountHint />
      </Box>
      <Datagrid rowClick="show" bulkActionButtons={false}>
        <FunctionField source="programmeCode" sortable={false} render={(r: Reward) => name(r)} />
        <FunctionField source="amount" render={(r: Reward) => <Amount fen={r.amount} />} />
        <FunctionField source="period" sortable={false} render={(r: Reward) => <PeriodText r={r} />} />
        <FunctionField source="status" sortable={false} render={(r: Reward) => <RewardStatusChip r={r} />} />
        <FunctionField source="payoutStatus" sortable={false} render={(r: Reward) => <PayoutCell r={r} />} />
        <LocaleDateField source="createdAt" />
      </Datagrid>
    </List>
  );
}
