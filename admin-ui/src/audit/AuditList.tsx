import { IsoDateInput } from '../components/IsoDateInput';
import { useState } from 'react';
import { Datagrid, FilterButton, FunctionField, List, SelectField, SelectInput, TextField, TextInput, TopToolbar, type RaRecord } from 'react-admin';
import { Can } from '../abilities';
import { EmptyState } from '../components/EmptyState';
import { AuditDrawer } from './AuditDrawer';
import { AuditAction, AuditActor, AuditTarget } from './labels';
import { ExportAuditButton } from './ExportAuditButton';
import { outcomeChoices } from './outcome';
import { LocaleDateField } from '../components/LocaleDateField';

const filters = [
  <TextInput key="action" source="action" alwaysOn helperText="mc.audit.action_help" />,
  <TextInput key="actorAccountId" source="actorAccountId" />,
  <TextInput key="targetType" source="targetType" />,
  <TextInput key="targetId" source="targetId" />,
  <SelectInput key="outcome" source="outcome" choices={outcomeChoices} />,
  <IsoDateInput key="from" source="from" alwaysOn />,
  <IsoDateInput key="to" source="to" alwaysOn />,
];

const Actions = () => (
  <TopToolbar>
    <FilterButton />
    <Can I="export" a="AuditEvent">
      <ExportAuditButton />
    </Can>
  </TopToolbar>
);

export function AuditList() {
  const [selected, setSelected] = useState<RaRecord | null>(null);
  return (
    <>
      <List filters={filters} actions={<Actions />} sort={{ field: 'occurredAt', order: 'DESC' }} empty={<EmptyState message="mc.audit.empty" />}>
        <Datagrid
          bulkActionButtons={false}
          rowClick={(_id, _resource, record) => {
            setSelected(record);
            return false;
          }}
        >
          <TextField source="chainSeq" />
          <LocaleDateField source="occurredAt" seconds />
          <FunctionField source="action" sortable={false} render={(r: RaRecord) => <AuditAction code={r.action} />} />
          <FunctionField source="actorLabel" sortable={false} render={(r: RaRecord) => <AuditActor record={r} />} />
          <FunctionField label="resources.auditEvents.fields.target" sortable={false} render={(r: RaRecord) => <AuditTarget type={r.targetType} id={r.targetId} />} />
          <SelectField source="outcome" sortable={false} choices={outcomeChoices} />
          <TextField source="purpose" sortable={false} emptyText="—" />
        </Datagrid>
      </List>
      <AuditDrawer record={selected} onClose={() => setSelected(null)} />
    </>
  );
}
