import { Box } from '@mui/material';
import { BooleanInput, CreateButton, Datagrid, FilterButton, FunctionField, List, SearchInput, SelectInput, TextField, TopToolbar, useTranslate } from 'react-admin';
import { useAbility } from '../abilities';
import { formatFen, StatusChip } from '../components';
import { CappedPagination } from '../components/CappedPagination';
import { EmptyState } from '../components/EmptyState';
import { ListParamsGuard } from '../components/ListParamsGuard';
import { LocaleDateField } from '../components/LocaleDateField';
import { StorePickerInput } from '../penalties/StorePickerInput';
import { CLAIM_TYPES, DISPUTE_STATUSES, disputeCan, isDisputeStaff, type Dispute } from './api';
import { Deadline, DISPUTE_STATUS } from './status';

const DEFAULT_SORT = { field: 'latestMessageAt', order: 'DESC' as const };
/** Filters only staff may use (the server refuses them to a store). */
const STAFF_FILTERS = ['storeId', 'mine'];

function useFilters(staff: boolean) {
  const translate = useTranslate();
  return [
    <SearchInput key="number" source="number" alwaysOn placeholder={translate('mc.disputes.search')} />,
    <SelectInput key="status" source="status" alwaysOn choices={DISPUTE_STATUSES.map((s) => ({ id: s, name: `mc.disputes.status.${s}` }))} />,
    <SelectInput key="claimType" source="claimType" alwaysOn choices={CLAIM_TYPES.map((s) => ({ id: s, name: `mc.disputes.claim.${s}` }))} />,
    <BooleanInput key="overdue" source="overdue" alwaysOn />,
    ...(staff ? [<BooleanInput key="mine" source="mine" alwaysOn />, <StoreFilter key="storeId" source="storeId" />] : []),
  ];
}

/** The store filter: the penalty form's store picker, not required here. */
function StoreFilter({ source }: { source: string }) {
  const translate = useTranslate();
  return <StorePickerInput source={source} label={translate('resources.disputes.fields.storeId')} optional />;
}

function Actions() {
  const ability = useAbility();
  return (
    <TopToolbar>
      <FilterButton />
      {disputeCan(ability, 'create', 'Dispute') && <CreateButton label="mc.disputes.open_dispute" data-testid="open-dispute" />}
    </TopToolbar>
  );
}

function Empty() {
  const ability = useAbility();
  return (
    <Box sx={{ textAlign: 'center' }}>
      <EmptyState message="mc.disputes.empty" />
      {disputeCan(ability, 'create', 'Dispute') && <CreateButton variant="contained" label="mc.disputes.open_dispute" />}
    </Box>
  );
}

/** Disputes the actor may read (staff: all; a store: its own), latest message first, with deadlines. */
export function DisputeList() {
  const ability = useAbility();
  const staff = isDisputeStaff(ability);
  return (
    <List
      actions={<Actions />}
      exporter={false}
      filters={useFilters(staff)}
      sort={DEFAULT_SORT}
      perPage={25}
      empty={<Empty />}
      pagination={<CappedPagination />}
      queryOptions={{ onError: () => undefined }}
    >
      <ListParamsGuard defaultSort={DEFAULT_SORT} unusable={staff ? [] : STAFF_FILTERS} />
      <Datagrid
        rowClick="show"
        bulkActionButtons={false}
        data-testid="dispute-list"
        sx={{ overflowX: 'auto', '& .RaDatagrid-headerCell, & .column-afterSalesNumber, & .column-orderNumber': { whiteSpace: 'nowrap' } }}
      >
        <TextField source="afterSalesNumber" sortable={false} />
        <TextField source="orderNumber" sortable={false} />
        {staff && <TextField source="storeName" sortable={false} />}
        <FunctionField source="claimType" sortable={false} render={(r: Dispute) => <ClaimType value={r.claimType} />} />
        <FunctionField source="amountClaimed" sortable={false} textAlign="right" render={(r: Dispute) => <span style={{ whiteSpace: 'nowrap' }}>{formatFen(r.amountClaimed)}</span>} />
        <FunctionField source="status" sortable={false} render={(r: Dispute) => <StatusChip status={r.status} style={DISPUTE_STATUS} />} />
        <FunctionField source="deadline" sortable={false} render={(r: Dispute) => <Deadline d={r} />} />
        <LocaleDateField source="latestMessageAt" />
        {staff && <TextField source="assigneeName" sortable={false} emptyText="—" />}
        <LocaleDateField source="createdAt" />
      </Datagrid>
    </List>
  );
}

export function ClaimType({ value }: { value: string }) {
  const translate = useTranslate();
  return <>{translate(`mc.disputes.claim.${value}`, { _: value })}</>;
}
