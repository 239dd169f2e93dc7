import { StatusChip } from '../components';
import { IsoDateInput } from '../components/IsoDateInput';
import { Box, Chip, Stack, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { FilterButton, FunctionField, List, SearchInput, SelectArrayInput, SelectInput, TextField, TextInput, TopToolbar, useListContext, useTranslate, Datagrid, type RaRecord } from 'react-admin';
import { useAbility } from '../abilities';
import { CappedPagination } from '../components/CappedPagination';
import { EmptyState } from '../components/EmptyState';
import { ListParamsGuard } from '../components/ListParamsGuard';
import { LocaleDateField } from '../components/LocaleDateField';
import { currentActorId } from '../providers/authProvider';
import { OPEN_STATUSES, statusCounts } from './api';
import { AssignButton } from './AssignButton';
import { FlagChips, SLA_HOURS, VERIFICATION_STATUS, VERIFICATION_STATUSES, flagChoices, formatCount, subjectTypeChoices } from './status';

const holderChoices = [
  { id: 'me', name: 'mc.verification.queue.holder_me' },
  { id: 'unassigned', name: 'mc.verification.queue.holder_unassigned' },
];
const flaggedChoices = [
  { id: 'yes', name: 'mc.verification.queue.flagged_yes' },
  { id: 'no', name: 'mc.verification.queue.flagged_no' },
];

function useFilters() {
  const translate = useTranslate();
  const ability = useAbility();
  return [
    <SearchInput key="q" source="q" alwaysOn placeholder={translate('mc.verification.queue.search')} />,
    <SelectInput key="holder" source="holder" choices={holderChoices} alwaysOn />,
    <SelectInput key="subjectType" source="subjectType" choices={subjectTypeChoices} alwaysOn />,
    <SelectInput key="flagged" source="flagged" choices={flaggedChoices} />,
    <SelectArrayInput key="flags" source="flags" choices={flagChoices} />,
    <IsoDateInput key="submittedFrom" source="submittedFrom" />,
    <IsoDateInput key="submittedTo" source="submittedTo" />,
    // A given reviewer's cases (by account id; the "Held by" column shows who holds what).
    ...(ability.can('assign', 'Verification') ? [<TextInput key="assigneeId" source="assigneeId" />] : []),
    // Searching by ID number goes through the keyed hash and is audited: only for roles allowed.
    ...(ability.can('read', 'VerificationByIdNumber') ? [<TextInput key="idNumber" source="idNumber" helperText="mc.verification.queue.id_number_help" />] : []),
  ];
}

/** Filter chips: all statuses, then one per status with its count under the other filters. */
function StatusChips() {
  const translate = useTranslate();
  const { filterValues, setFilters, displayedFilters } = useListContext();
  const { status: _status, ...others } = filterValues;
  const { data } = useQuery({
    queryKey: ['verificationStatusCounts', others],
    queryFn: () => statusCounts(others, currentActorId()),
  });
  const counts = new Map((data ?? []).map((c) => [c.status, c.count]));
  const total = data?.reduce((a, c) => a + c.count, 0);
  const open = data?.filter((c) => OPEN_STATUSES.includes(c.status)).reduce((a, c) => a + c.count, 0);
  const select = (status?: string) => setFilters({ ...others, ...(status ? { status } : {}) }, displayedFilters);
  return (
    <Stack direction="row" sx={{ flexWrap: 'wrap', gap: 1, px: 2, pt: 2 }} data-testid="status-chips">
      <Chip
        data-testid="status-chip-open"
        label={`${translate('mc.verification.queue.open')}${open !== undefined ? ` ${formatCount(open)}` : ''}`}
        color={filterValues.status === 'open' ? 'primary' : 'default'}
        variant={filterValues.status === 'open' ? 'filled' : 'outlined'}
        onClick={() => select('open')}
      />
      <Chip
        label={`${translate('mc.verification.queue.all')}${total !== undefined ? ` ${formatCount(total)}` : ''}`}
        color={!filterValues.status ? 'primary' : 'default'}
        variant={!filterValues.status ? 'filled' : 'outlined'}
        onClick={() => select()}
      />
      {VERIFICATION_STATUSES.map((s) => (
        <Chip
          key={s}
          data-testid={`status-chip-${s}`}
          label={`${translate(`mc.verification.status.${s}`)}${counts.has(s) ? ` ${formatCount(counts.get(s)!)}` : ''}`}
          color={filterValues.status === s ? 'primary' : 'default'}
          variant={filterValues.status === s ? 'filled' : 'outlined'}
          onClick={() => select(s)}
        />
      ))}
    </Stack>
  );
}

/** Hours since submission, red and bold past the SLA. */
export function SlaAge({ hours }: { hours: number }) {
  const translate = useTranslate();
  const late = hours > SLA_HOURS;
  return (
    <Typography variant="body2" component="span" data-testid="sla-age" data-late={late} sx={late ? { color: 'error.main', fontWeight: 'bold' } : undefined}>
      {translate('mc.verification.hours', { hours: hours.toFixed(1) })}
    </Typography>
  );
}

const Actions = () => (
  <TopToolbar>
    <FilterButton />
  </TopToolbar>
);

const QUEUE_SORT = { field: 'submittedAt', order: 'ASC' } as const;
const QUEUE_DEFAULT_FILTERS = { status: 'open' };

export function QueueList() {
  const ability = useAbility();
  // Filters whose inputs this actor is not shown (see useFilters): never sent from a saved or shared URL.
  const unusableFilters = [...(ability.can('assign', 'Verification') ? [] : ['assigneeId']), ...(ability.can('read', 'VerificationByIdNumber') ? [] : ['idNumber'])];
  return (
    <List
      exporter={false}
      filters={useFilters()}
      actions={<Actions />}
      sort={QUEUE_SORT}
      filterDefaultValues={QUEUE_DEFAULT_FILTERS}
      queryOptions={{ onError: () => undefined }}
      perPage={25}
      pagination={<CappedPagination />}
      empty={<EmptyState message="mc.verification.queue.empty" />}
      aside={undefined}
    >
      <ListParamsGuard unusable={unusableFilters} defaultSort={QUEUE_SORT} defaultFilters={QUEUE_DEFAULT_FILTERS} />
      <StatusChips />
      <Datagrid
        rowClick="show"
        bulkActionButtons={ability.can('assign', 'Verification') ? <AssignButton /> : false}
        empty={
          <Box sx={{ p: 2 }}>
            <EmptyState message="mc.verification.queue.empty_filtered" />
          </Box>
        }
      >
        <TextField source="id" sortable={false} />
        <TextField source="storeName" sortable={false} />
        <TextField source="nickname" sortable={false} />
        <FunctionField source="subjectType" sortable={false} render={(r: RaRecord) => <SubjectType value={r.subjectType} />} />
        <FunctionField source="status" sortable={false} render={(r: RaRecord) => <StatusChip status={r.status} style={VERIFICATION_STATUS} />} />
        <FunctionField source="flags" sortable={false} render={(r: RaRecord) => <FlagChips flags={r.flags} />} />
        <LocaleDateField source="submittedAt" />
        <FunctionField source="ageHours" sortBy="submittedAt" sortByOrder="ASC" render={(r: RaRecord) => <SlaAge hours={r.ageHours} />} />
        <FunctionField source="assignee" sortable={false} render={(r: RaRecord) => <Holder name={r.assignee?.displayName} />} />
      </Datagrid>
    </List>
  );
}

function SubjectType({ value }: { value?: string }) {
  const translate = useTranslate();
  return <>{value ? translate(`mc.verification.subject_type.${value}`, { _: value }) : ''}</>;
}

function Holder({ name }: { name?: string }) {
  const translate = useTranslate();
  return name ? (
    <span data-testid="holder">{name}</span>
  ) : (
    <Typography variant="body2" color="text.secondary">
      {translate('mc.verification.unassigned')}
    </Typography>
  );
}
