import BadgeIcon from '@mui/icons-material/Badge';
import { StaffCreate } from './StaffCreate';
import { StaffList } from './StaffList';

export { RoleChips } from './roles';
export const staffAccounts = { name: 'staffAccounts', list: StaffList, create: StaffCreate, icon: BadgeIcon, recordRepresentation: 'loginName' };
