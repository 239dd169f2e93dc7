import { Box, Card, CardContent, Stack, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { CreateButton, Datagrid, FilterButton, FunctionField, List, SelectInput, TopToolbar, required, useListContext, useTranslate } from 'react-admin';
import { useAbility } from '../abilities';
import { CappedPagination } from '../components/CappedPagination';
import { EmptyState } from '../components/EmptyState';
import { LocaleDateField } from '../components/LocaleDateField';
import { formatFen } from '../components';
import { StorePickerInput } from '../penalties/StorePickerInput';
import { PAYOUT_STATUSES, QUEUE_STATUSES, REWARD_STATUSES, rewardApi, rewardCan, type Reward } from './api';
import { Amount, PayoutCell, PeriodText, RewardStatusChip, useProgrammeName, useProgrammes } from './common';
import { REWARD_STATUS } from './status';
import { StatusChip } from '../components';

function useFilters(statuses: readonly string[], queue = false) {
  const translate = useTranslate();
  const { data: programmes = [] } = useProgrammes();
  return [
    <SelectInput key="status" source="status" alwaysOn validate={queue ? required() : undefined} choices={statuses.map((s) => ({ id: s, name: translate(`mc.rewards.status.${s}`) }))} />,
    ...(queue ? [] : [<SelectInput key="payoutStatus" source="payoutStatus" alwaysOn choices={PAYOUT_STATUSES.map((s) => ({ id: s, name: translate(`mc.rewards.payout_status.${s}`) }))} />]),
    <SelectInput key="programmeCode" source="programmeCode" alwaysOn choices={programmes.map((p) => ({ id: p.code, name: `${p.code} · ${p.nameZh}` }))} />,
    <StorePickerInput key="storeId" source="storeId" label={translate('resources.rewards.fields.storeId')} optional />,
  ];
}

/** Count and exact sum per status for the list's filter (rewardTotals: summed in SQL). */
function Totals() {
  const translate = useTranslate();
  const { filterValues } = useListContext();
  const { data } = useQuery({ queryKey: ['rewardTotals', filterValues], queryFn: () => rewardApi.totals(filterValues) });
  if (!data) return null;
  return (
    <Card variant="outlined" sx={{ mb: 1, mt: 1 }} data-testid="reward-totals">
      <CardContent sx={{ py: 1, '&:last-child': { pb: 1 } }}>
        <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap' }} useFlexGap>
          <Typography variant="subtitle2">{translate('mc.rewards.totals')}</Typography>
          {data.length === 0 && <Typography color="text.secondary">{translate('mc.rewards.totals_none')}</Typography>}
          {data.map((t) => (
            <Stack key={t.status} direction="row" spacing={0.5} sx={{ alignItems: 'center' }} data-testid={`total-${t.status}`}>
              <StatusChip status={t.status} style={REWARD_STATUS} />
              <Typography variant="body2">{translate('mc.rewards.total_item', { count: t.count, amount: formatFen(t.amount) })}</Typography>
            </Stack>
          ))}
        </Stack>
      </CardContent>
    </Card>
  );
}

function Actions() {
  const ability = useAbility();
  return (
    <TopToolbar>
      <FilterButton />
      {rewardCan(ability, 'create', 'Reward') && <CreateButton resource="rewards" />}
    </TopToolbar>
  );
}

function Empty({ message }: { message: string }) {
  const ability = useAbility();
  return (
    <Box sx={{ textAlign: 'center' }}>
      <EmptyState message={message} />
      {rewardCan(ability, 'create', 'Reward') && <CreateButton resource="rewards" variant="contained" />}
    </Box>
  );
}

/** The columns staff see (store, programme, amount, period, status, payout, proposer, created). */
function staffColumns(name: (r: Reward) => string) {
  return [
    <FunctionField key="storeName" source="storeName" sortable={false} render={(r: Reward) => r.storeName} />,
    <FunctionField key="programme" source="programmeCode" sortable={false} render={(r: Reward) => name(r)} />,
    <FunctionField key="amount" source="amount" render={(r: Reward) => <Amount fen={r.amount} />} />,
    <FunctionField key="period" source="period" sortable={false} render={(r: Reward) => <PeriodText r={r} />} />,
    <FunctionField key="status" source="status" sortable={false} render={(r: Reward) => <RewardStatusChip r={r} />} />,
    <FunctionField key="payout" source="payoutStatus" sortable={false} render={(r: Reward) => <PayoutCell r={r} />} />,
    <FunctionField key="proposer" source="proposedByName" sortable={false} render={(r: Reward) => r.proposedByName ?? '—'} />,
    <LocaleDateField key="createdAt" source="createdAt" />,
  ];
}

/** Staff: every reward, newest first, with filters, totals by status and sorting by amount or date. */
export function RewardList() {
  const name = useProgrammeName();
  return (
    <List
      actions={<Actions />}
      exporter={false}
      filters={useFilters(REWARD_STATUSES)}
      sort={{ field: 'createdAt', order: 'DESC' }}
      perPage={25}
      pagination={<CappedPagination />}
      empty={<Empty message="mc.rewards.empty" />}
    >
      <Totals />
      <Datagrid rowClick="show" bulkActionButtons={false}>
        {staffColumns(name)}
      </Datagrid>
    </List>
  );
}

/** Staff: the approval queue, i.e. the rewards list on "proposed" or "awaiting the 2nd approval", oldest first. */
export function RewardQueue() {
  const name = useProgrammeName();
  return (
    <List
      resource="rewardQueue"
      actions={<Actions />}
      exporter={false}
      filters={useFilters(QUEUE_STATUSES, true)}
      filterDefaultValues={{ status: 'proposed' }}
      sort={{ field: 'createdAt', order: 'ASC' }}
      perPage={25}
      pagination={<CappedPagination />}
      empty={<EmptyState message="mc.rewards.queue_empty" />}
    >
      <Totals />
      <Datagrid rowClick={(id) => `/rewards/${id}/show`} bulkActionButtons={false}>
        {staffColumns(name)}
      </Datagrid>
    </List>
  );
}
