import { BooleanField, BooleanInput, Create, Datagrid, Edit, List, required, SelectField, SelectInput, SimpleForm, TextField, TextInput, regex, maxLength } from 'react-admin';
import { EmptyState } from '../components/EmptyState';

export const reasonOutcomeChoices = [
  { id: 'retry', name: 'mc.verification.reason_outcome.retry' },
  { id: 'final', name: 'mc.verification.reason_outcome.final' },
];

/** ops_lead: the managed reason codes (list, create, edit; never deleted, only deactivated). */
export function ReasonCodeList() {
  return (
    <List exporter={false} pagination={false} empty={<EmptyState message="mc.verification.reason_codes_empty" />}>
      <Datagrid rowClick="edit" bulkActionButtons={false}>
        <TextField source="code" sortable={false} />
        <TextField source="labelZh" sortable={false} />
        <TextField source="labelEn" sortable={false} />
        <SelectField source="outcome" choices={reasonOutcomeChoices} sortable={false} />
        <BooleanField source="active" sortable={false} />
      </Datagrid>
    </List>
  );
}

const validateCode = [required(), regex(/^[A-Z][A-Z0-9_]{2,39}$/, 'mc.verification.validation.reason_code_format')];
const validateLabel = [required(), maxLength(200)];

function ReasonCodeForm({ edit }: { edit?: boolean }) {
  return (
    <SimpleForm defaultValues={edit ? undefined : { active: true, outcome: 'retry' }}>
      <TextInput source="code" validate={validateCode} disabled={edit} helperText="mc.verification.validation.reason_code_format" />
      <TextInput source="labelZh" validate={validateLabel} fullWidth />
      <TextInput source="labelEn" validate={validateLabel} fullWidth />
      <SelectInput source="outcome" choices={reasonOutcomeChoices} validate={required()} />
      <BooleanInput source="active" />
    </SimpleForm>
  );
}

export function ReasonCodeEdit() {
  return (
    <Edit mutationMode="pessimistic">
      <ReasonCodeForm edit />
    </Edit>
  );
}

export function ReasonCodeCreate() {
  return (
    <Create redirect="list">
      <ReasonCodeForm />
    </Create>
  );
}
