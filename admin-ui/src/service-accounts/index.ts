import SmartToyIcon from '@mui/icons-material/SmartToy';
import { ServiceAccountCreate } from './ServiceAccountCreate';
import { ServiceAccountList } from './ServiceAccountList';

/** Admins' list of service accounts (API keys of integrations such as the after-sales system). */
export const serviceAccounts = { name: 'serviceAccounts', list: ServiceAccountList, create: ServiceAccountCreate, icon: SmartToyIcon, recordRepresentation: 'name' };
