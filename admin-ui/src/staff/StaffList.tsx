import { CreateButton, Datagrid, FunctionField, List, SearchInput, SelectField, SelectInput, TextField, TopToolbar, useTranslate, type RaRecord } from 'react-admin';
import { Can } from '../abilities';
import { EditRolesButton } from './EditRolesButton';
import { StaffActions } from './StaffActions';
import { Chip, Stack, Tooltip } from '@mui/material';
import { RoleChips, roleChoices } from './roles';
import { LocaleDateField } from '../components/LocaleDateField';

const statusChoices = ['active', 'locked', 'disabled'].map((id) => ({ id, name: `mc.account_status.${id}` }));

function useFilters() {
  const translate = useTranslate();
  return [<SearchInput key="q" source="q" alwaysOn placeholder={translate('mc.staff.search')} />, <SelectInput key="role" source="role" choices={roleChoices} alwaysOn />];
}

const Actions = () => (
  <TopToolbar>
    <Can I="create" a="StaffAccount">
      <CreateButton />
    </Can>
  </TopToolbar>
);

/** Held roles, then roles waiting for a second admin (outlined), then a temporary-password mark. */
function Roles({ record }: { record: RaRecord }) {
  const translate = useTranslate();
  return (
    <Stack direction="row" spacing={0.5} useFlexGap sx={{ flexWrap: 'wrap' }}>
      <RoleChips roles={record.roles} />
      {(record.pendingRoles ?? []).map((r: string) => (
        <Tooltip key={r} title={translate('mc.staff.roles_pending')}>
          <Chip size="small" variant="outlined" color="warning" label={`${translate(`mc.role.${r}`, { _: r })} ⏳`} />
        </Tooltip>
      ))}
      {record.mustChangePassword && <Chip size="small" variant="outlined" label={translate('mc.staff.must_change_password')} />}
    </Stack>
  );
}

export function StaffList() {
  return (
    <List filters={useFilters()} actions={<Actions />} sort={{ field: 'loginName', order: 'ASC' }}>
      <Datagrid rowClick={false} bulkActionButtons={false}>
        <TextField source="loginName" />
        <TextField source="displayName" sortable={false} />
        <FunctionField source="roles" sortable={false} render={(r: RaRecord) => <Roles record={r} />} />
        <TextField source="mobileMasked" sortable={false} emptyText="—" />
        <SelectField source="status" sortable={false} choices={statusChoices} />
        <LocaleDateField source="createdAt" />
        <EditRolesButton />
        <StaffActions />
      </Datagrid>
    </List>
  );
}
