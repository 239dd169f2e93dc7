import { CreateButton, Datagrid, FunctionField, List, SearchInput, SelectField, SelectInput, TextField, TopToolbar, useTranslate, type RaRecord } from 'react-admin';
import { Can } from '../abilities';
import { EditRolesButton } from './EditRolesButton';
import { RoleChips, roleChoices } from './roles';
import { LocaleDateField } from '../components/LocaleDateField';

const statusChoices = ['active', 'disabled'].map((id) => ({ id, name: `mc.account_status.${id}` }));

function useFilters() {
  const translate = useTranslate();
  return [
    <SearchInput key="q" source="q" alwaysOn placeholder={translate('mc.staff.search')} />,
    <SelectInput key="role" source="role" choices={roleChoices} alwaysOn />,
  ];
}

const Actions = () => (
  <TopToolbar>
    <Can I="create" a="StaffAccount">
      <CreateButton />
    </Can>
  </TopToolbar>
);

export function StaffList() {
  return (
    <List filters={useFilters()} actions={<Actions />} sort={{ field: 'loginName', order: 'ASC' }}>
      <Datagrid rowClick={false} bulkActionButtons={false}>
        <TextField source="loginName" />
        <TextField source="displayName" sortable={false} />
        <FunctionField source="roles" sortable={false} render={(r: RaRecord) => <RoleChips roles={r.roles} />} />
        <TextField source="mobileMasked" sortable={false} emptyText="—" />
        <SelectField source="status" sortable={false} choices={statusChoices} />
        <LocaleDateField source="createdAt" />
        <EditRolesButton />
      </Datagrid>
    </List>
  );
}
