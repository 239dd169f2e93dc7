import { Box } from '@mui/material';
import { Datagrid, FunctionField, List, SearchInput, SelectInput, TextField, TopToolbar, useTranslate } from 'react-admin';
import { useAbility } from '../abilities';
import { EmptyState } from '../components/EmptyState';
import { LocaleDateField } from '../components/LocaleDateField';
import { storeCan, type SubAccount } from './api';
import { StatusChip } from '../components';
import { SUB_ACCOUNT_STATUS, StoreRoleChips, SubAccountMobile, subAccountStatusChoices } from './common';
import { useAllRoles } from './hooks';
import { InvitationsPanel, InviteButton } from './Invitations';

function useFilters() {
  const translate = useTranslate();
  const roles = useAllRoles();
  return [
    <SearchInput key="q" source="q" alwaysOn placeholder={translate('mc.team.search')} />,
    <SelectInput key="status" source="status" choices={subAccountStatusChoices} alwaysOn />,
    <SelectInput key="roleId" source="roleId" choices={(roles.data ?? []).map((r) => ({ id: r.id, name: r.name }))} translateChoice={false} alwaysOn />,
  ];
}

const Actions = () => {
  const ability = useAbility();
  return <TopToolbar>{storeCan(ability, 'create', 'SubAccountInvitation') && <InviteButton />}</TopToolbar>;
};

function Empty() {
  const ability = useAbility();
  return (
    <Box sx={{ textAlign: 'center' }}>
      <EmptyState message="mc.team.empty" />
      {storeCan(ability, 'create', 'SubAccountInvitation') && <InviteButton />}
    </Box>
  );
}

/** Team (团队): the store's sub-accounts, then its invitations. */
export function SubAccountList() {
  const ability = useAbility();
  return (
    <>
      <List filters={useFilters()} actions={<Actions />} sort={{ field: 'createdAt', order: 'DESC' }} empty={<Empty />}>
        <Datagrid rowClick="show" bulkActionButtons={false}>
          <TextField source="displayName" sortable={false} />
          <TextField source="loginName" />
          <FunctionField
            source="mobileMasked"
            sortable={false}
            render={(r: SubAccount & { storeId: string }) => <SubAccountMobile id={r.id} storeId={r.storeId} masked={r.mobileMasked} name={r.displayName} />}
          />
          <FunctionField source="roles" sortable={false} render={(r: SubAccount) => <StoreRoleChips roles={r.roles} />} />
          <FunctionField source="status" sortable={false} render={(r: SubAccount) => <StatusChip status={r.status} style={SUB_ACCOUNT_STATUS} />} />
          <LocaleDateField source="lastSeenAt" sortable={false} emptyText="—" />
          <LocaleDateField source="createdAt" />
        </Datagrid>
      </List>
      {storeCan(ability, 'read', 'SubAccountInvitation') && <InvitationsPanel />}
    </>
  );
}
