import { Datagrid, FunctionField, List, SelectInput, TextField, TextInput, useTranslate, Link } from 'react-admin';
import { EmptyState } from '../components/EmptyState';
import { LocaleDateField } from '../components/LocaleDateField';
import type { Appeal } from '../penalties/api';
import { StatusChip } from '../components';
import { APPEAL_STATUS } from '../penalties/status';
import { AppealDecisionButton } from './AppealDecisionButton';

const STATUSES = ['pending', 'upheld', 'revoked'];

function useFilters() {
  const translate = useTranslate();
  return [
    <SelectInput key="status" source="status" alwaysOn choices={STATUSES.map((s) => ({ id: s, name: translate(`mc.penalties.appeal_status.${s}`) }))} />,
    <TextInput key="penaltyId" source="penaltyId" alwaysOn helperText={false} />,
    <TextInput key="storeId" source="storeId" helperText={false} />,
  ];
}

/** Staff: appeals to review, newest first; pending ones can be decided from the row. */
export function AppealList() {
  return (
    <List exporter={false} filters={useFilters()} filterDefaultValues={{ status: 'pending' }} sort={{ field: 'submittedAt', order: 'DESC' }} empty={<EmptyState message="mc.appeals.empty" />}>
      <Datagrid bulkActionButtons={false} rowClick={false}>
        <FunctionField source="penaltyId" sortable={false} render={(a: Appeal) => <Link to={`/penalties/${a.penaltyId}/show`}>#{a.penaltyId}</Link>} />
        <TextField source="storeId" sortable={false} />
        <TextField source="reason" sortable={false} sx={{ whiteSpace: 'pre-line', display: 'block', maxWidth: 400 }} />
        <FunctionField source="status" sortable={false} render={(a: Appeal) => <StatusChip status={a.status} style={APPEAL_STATUS} />} />
        <LocaleDateField source="submittedAt" />
        <TextField source="respondBy" sortable={false} />
        <TextField source="decisionReason" sortable={false} emptyText="—" />
        <FunctionField render={(a: Appeal) => <AppealDecisionButton appeal={a} />} />
      </Datagrid>
    </List>
  );
}
