import { Card, CardContent, List as MuiList, ListItem, ListItemText, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { formatDateTime } from '../../components';
import type { PolicyVersion } from '../api';

/** The version's transitions, newest first. */
export function History({ version }: { version: PolicyVersion }) {
  const translate = useTranslate();
  return (
    <Card>
      <CardContent>
        <Typography variant="h6">{translate('mc.policies.history')}</Typography>
        <MuiList dense>
          {[...version.transitions].reverse().map((t, i) => (
            <ListItem key={i} disableGutters>
              <ListItemText
                primary={translate('mc.policies.history_row', {
                  action: translate(`mc.policies.action.${t.action}`, { _: t.action }),
                  actor: t.actorAccountId ? translate('mc.policies.account', { id: t.actorAccountId }) : translate('mc.policies.system'),
                })}
                secondary={`${formatDateTime(t.at)}${t.note ? ` · ${t.note}` : ''}`}
              />
            </ListItem>
          ))}
        </MuiList>
      </CardContent>
    </Card>
  );
}
