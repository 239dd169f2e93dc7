import DevicesIcon from '@mui/icons-material/Devices';
import { SessionList } from './SessionList';

export const sessions = { name: 'sessions', list: SessionList, icon: DevicesIcon };
