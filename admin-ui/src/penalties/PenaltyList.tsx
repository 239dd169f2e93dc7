import { IsoDateInput } from '../components/IsoDateInput';
import { Box } from '@mui/material';
import { CreateButton, Datagrid, FilterButton, FunctionField, List, SelectInput, TextField, TextInput, TopToolbar, useTranslate, type RaRecord } from 'react-admin';
import { useAbility } from '../abilities';
import { EmptyState } from '../components/EmptyState';
import { LocaleDateField } from '../components/LocaleDateField';
import { StatusChip } from '../components';
import { useCatalogue, useCategoryChoices } from './catalogue';
import { PENALTY_STATUS } from './status';
import { useLocalName, type Penalty } from './api';

const STATUSES = ['draft', 'issued', 'revoked', 'cancelled'];

function useFilters() {
  const translate = useTranslate();
  const { categories, sanctions } = useCatalogue();
  const name = useLocalName();
  const categoryChoices = useCategoryChoices(categories, true);
  return [
    <SelectInput key="status" source="status" alwaysOn choices={STATUSES.map((s) => ({ id: s, name: translate(`mc.penalties.status.${s}`) }))} />,
    <TextInput key="storeId" source="storeId" alwaysOn helperText={false} />,
    <SelectInput key="categoryCode" source="categoryCode" alwaysOn choices={categoryChoices} />,
    <SelectInput key="sanctionCode" source="sanctionCode" choices={sanctions.map((s) => ({ id: s.code, name: name(s) }))} />,
    <IsoDateInput key="issuedFrom" source="issuedFrom" />,
    <IsoDateInput key="issuedTo" source="issuedTo" />,
  ];
}

function Actions() {
  const ability = useAbility();
  return (
    <TopToolbar>
      <FilterButton />
      {ability.can('create', 'Penalty') && <CreateButton />}
    </TopToolbar>
  );
}

/** No penalty at all yet: say so, and offer to draft one. */
function Empty() {
  const ability = useAbility();
  return (
    <Box sx={{ textAlign: 'center' }}>
      <EmptyState message="mc.penalties.empty" />
      {ability.can('create', 'Penalty') && <CreateButton variant="contained" />}
    </Box>
  );
}

/** Staff: every penalty, newest first, with filters. */
export function PenaltyList() {
  const name = useLocalName();
  return (
    <List actions={<Actions />} exporter={false} filters={useFilters()} sort={{ field: 'createdAt', order: 'DESC' }} perPage={25} empty={<Empty />}>
      <Datagrid rowClick="show" bulkActionButtons={false}>
        <TextField source="id" sortable={false} />
        <FunctionField source="store" sortable={false} render={(r: Penalty) => `${r.store.nickname} (${r.store.platformAccountId})`} />
        <FunctionField source="category" sortable={false} render={(r: Penalty) => name(r.category)} />
        <FunctionField source="sanction" sortable={false} render={(r: Penalty & RaRecord) => <SanctionText p={r} />} />
        <FunctionField source="status" sortable={false} render={(r: Penalty) => <StatusChip status={r.status} style={PENALTY_STATUS} />} />
        <TextField source="issuedOn" sortBy="issuedAt" emptyText="—" />
        <LocaleDateField source="createdAt" />
      </Datagrid>
    </List>
  );
}

/** "Suspension, 3 days" / "Points deduction, 6 points". */
export function SanctionText({ p }: { p: Pick<Penalty, 'sanction' | 'sanctionDays' | 'points'> }) {
  const translate = useTranslate();
  const name = useLocalName();
  const parts = [name(p.sanction)];
  if (p.sanctionDays) parts.push(translate('mc.penalties.days', { smart_count: p.sanctionDays }));
  if (p.points) parts.push(translate('mc.penalties.points_n', { smart_count: p.points }));
  return <>{parts.join(translate('mc.penalties.sep'))}</>;
}
