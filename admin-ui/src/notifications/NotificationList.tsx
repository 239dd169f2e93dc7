import FiberManualRecordIcon from '@mui/icons-material/FiberManualRecord';
import { Box, Typography } from '@mui/material';
import { BooleanInput, Datagrid, FunctionField, Link, List, SelectField, SelectInput, TopToolbar, useLocaleState, useTranslate, type RaRecord } from 'react-admin';
import { EmptyState } from '../components/EmptyState';
import { MarkAllReadButton, MarkReadButton, MarkSelectedReadButton } from './markRead';
import { LocaleDateField } from '../components/LocaleDateField';

/** Notification kinds (policy 2.4). */
const kindChoices = ['rule_change', 'feature_update', 'reward_penalty_warning', 'policy_update', 'verification_result', 'security', 'dispute'].map((id) => ({
  id,
  name: `mc.notification_kind.${id}`,
}));

const filters = [<BooleanInput key="unreadOnly" source="unreadOnly" alwaysOn />, <SelectInput key="kind" source="kind" choices={kindChoices} alwaysOn />];

/** Title and body in the UI language (the server sends both). */
function Message({ record }: { record: RaRecord }) {
  const [locale] = useLocaleState();
  const translate = useTranslate();
  const zh = locale.startsWith('zh');
  return (
    <Box sx={{ fontWeight: record.readAt ? 'normal' : 'bold' }}>
      <Typography variant="body2" sx={{ fontWeight: 'inherit' }}>
        {!record.readAt && <FiberManualRecordIcon color="error" sx={{ fontSize: 10, mr: 0.5 }} />}
        {zh ? record.titleZh : record.titleEn}
      </Typography>
      <Typography variant="body2" color="text.secondary">
        {zh ? record.bodyZh : record.bodyEn}
        {record.link && (
          <>
            {' '}
            <Link to={record.link} data-testid="notification-link">
              {translate('mc.notifications.open')}
            </Link>
          </>
        )}
      </Typography>
    </Box>
  );
}

export function NotificationList() {
  return (
    <List
      filters={filters}
      actions={
        <TopToolbar>
          <MarkAllReadButton />
        </TopToolbar>
      }
      sort={{ field: 'createdAt', order: 'DESC' }}
      empty={<EmptyState message="mc.notifications.empty" />}
    >
      <Datagrid rowClick={false} bulkActionButtons={<MarkSelectedReadButton />}>
        <FunctionField source="titleZh" sortable={false} render={(r: RaRecord) => <Message record={r} />} />
        <SelectField source="kind" choices={kindChoices} sortable={false} />
        <LocaleDateField source="createdAt" />
        <MarkReadButton />
      </Datagrid>
    </List>
  );
}
