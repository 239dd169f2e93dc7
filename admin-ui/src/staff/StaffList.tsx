import { CreateButton, Datagrid, DateField, FunctionField, List, SearchInput, SelectField, SelectInput, TextField, TopToolbar, type RaRecord } from 'react-admin';
import { Can } from '../abilities';
import { EditRolesButton } from './EditRolesButton';
import { RoleChips, roleChoices } from './roles';

const statusChoices = ['active', 'disabled'].map((id) => ({ id, name: `mc.account_status.${id}` }));

const filters = [
  <SearchInput key="q" source="q" alwaysOn placeholder="mc.staff.search" />,
  <SelectInput key="role" source="role" choices={roleChoices} alwaysOn />,
];

const Actions = () => (
  <TopToolbar>
    <Can I="create" a="StaffAccount">
      <CreateButton />
    </Can>
  </TopToolbar>
);

export function StaffList() {
  return (
    <List filters={filters} actions={<Actions />} sort={{ field: 'loginName', order: 'ASC' }}>
      <Datagrid rowClick={false} bulkActionButtons={false}>
        <TextField source="loginName" />
        <TextField source="displayName" sortable={false} />
        <FunctionField source="roles" sortable={false} render={(r: RaRecord) => <RoleChips roles={r.roles} />} />
        <TextField source="mobileMasked" sortable={false} emptyText="—" />
        <SelectField source="status" sortable={false} choices={statusChoices} />
        <DateField source="createdAt" showTime />
        <EditRolesButton />
      </Datagrid>
    </List>
  );
}
