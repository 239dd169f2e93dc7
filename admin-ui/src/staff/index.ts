import BadgeIcon from '@mui/icons-material/Badge';
import { StaffCreate } from './StaffCreate';
import { StaffList } from './StaffList';
import { RoleGrantList } from './RoleGrantList';
import HowToRegIcon from '@mui/icons-material/HowToReg';

export { RoleChips } from './roles';
export const staffAccounts = { name: 'staffAccounts', list: StaffList, create: StaffCreate, icon: BadgeIcon, recordRepresentation: 'loginName' };
export const staffRoleGrants = { name: 'staffRoleGrants', list: RoleGrantList, icon: HowToRegIcon };
