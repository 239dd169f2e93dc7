import NotificationsIcon from '@mui/icons-material/Notifications';
import { Badge, IconButton, Tooltip } from '@mui/material';
import { Link, useTranslate } from 'react-admin';
import { useUnreadCount } from './useUnreadCount';

/** App-bar bell: unread count badge, opens the inbox. */
export function NotificationBell() {
  const count = useUnreadCount() ?? 0;
  const translate = useTranslate();
  const label = translate('mc.notifications.bell', { smart_count: count });
  return (
    <Tooltip title={label}>
      <IconButton component={Link} to="/notifications" color="inherit" aria-label={label} data-testid="notification-bell">
        <Badge badgeContent={count} color="error" data-testid="unread-badge">
          <NotificationsIcon />
        </Badge>
      </IconButton>
    </Tooltip>
  );
}
