import GroupsIcon from '@mui/icons-material/Groups';
import SecurityIcon from '@mui/icons-material/Security';
import { Resource } from 'react-admin';
import type { AppAbility } from '../abilities';
import { storeCan } from './api';
import { RoleCreate, RoleEdit } from './RoleEditor';
import { RoleList } from './RoleList';
import { SubAccountList } from './SubAccountList';
import { SubAccountShow } from './SubAccountShow';

export { AcceptInvitation, INVITE_PATH } from './AcceptInvitation';
export { TEAM_RESOURCES, storeCan } from './api';
export { teamMessages } from './messages';

/** Team (团队) menus: shown to the store owner and to sub-accounts holding team permissions. */
export const teamResources = (a: AppAbility) => [
  storeCan(a, 'read', 'SubAccount') && <Resource key="subAccounts" name="subAccounts" list={SubAccountList} show={SubAccountShow} icon={GroupsIcon} recordRepresentation="displayName" />,
  storeCan(a, 'read', 'StoreRole') && (
    <Resource key="storeRoles" name="storeRoles" list={RoleList} create={storeCan(a, 'create', 'StoreRole') ? RoleCreate : undefined} edit={RoleEdit} icon={SecurityIcon} recordRepresentation="name" />
  ),
];
