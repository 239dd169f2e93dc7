import NotificationsIcon from '@mui/icons-material/Notifications';
import { NotificationList } from './NotificationList';

export { NotificationBell } from './NotificationBell';
export { useUnreadCount } from './useUnreadCount';
export const notifications = { name: 'notifications', list: NotificationList, icon: NotificationsIcon };
