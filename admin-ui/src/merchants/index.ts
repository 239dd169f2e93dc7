import StorefrontIcon from '@mui/icons-material/Storefront';
import { MerchantList } from './MerchantList';
import { MerchantShow } from './MerchantShow';

export const merchants = { name: 'merchants', list: MerchantList, show: MerchantShow, icon: StorefrontIcon, recordRepresentation: 'nickname' };
