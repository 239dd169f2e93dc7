import { Chip, Stack, Typography } from '@mui/material';
import { CreateButton, Datagrid, FunctionField, List, TextField, TopToolbar, useTranslate, type RaRecord } from 'react-admin';
import { Can } from '../abilities';
import { StatusChip } from '../components';
import { LocaleDateField } from '../components/LocaleDateField';
import { SERVICE_ACCOUNT_STATUS } from './api';
import { KeyActions } from './KeyActions';

const Actions = () => (
  <TopToolbar>
    <Can I="create" a="ServiceAccount">
      <CreateButton />
    </Can>
  </TopToolbar>
);

function Scopes({ scopes }: { scopes?: string[] }) {
  const translate = useTranslate();
  return (
    <Stack direction="row" spacing={0.5} useFlexGap sx={{ flexWrap: 'wrap' }}>
      {(scopes ?? []).map((s) => (
        <Chip key={s} size="small" variant="outlined" label={translate(`mc.service_accounts.scope.${s}`, { _: s })} title={s} />
      ))}
    </Stack>
  );
}

/** Service accounts (API keys of integrations), for admins: name, scopes, key prefix, last use, status; create, revoke, rotate. */
export function ServiceAccountList() {
  return (
    <List actions={<Actions />} sort={{ field: 'createdAt', order: 'DESC' }}>
      <Datagrid rowClick={false} bulkActionButtons={false}>
        <TextField source="name" />
        <FunctionField source="scopes" sortable={false} render={(r: RaRecord) => <Scopes scopes={r.scopes} />} />
        <FunctionField
          source="keyPrefix"
          sortable={false}
          render={(r: RaRecord) => (
            <Typography component="span" variant="body2" sx={{ fontFamily: 'monospace', whiteSpace: 'nowrap' }}>
              {r.keyPrefix ? `${r.keyPrefix}…` : '—'}
            </Typography>
          )}
        />
        <LocaleDateField source="lastUsedAt" sortable={false} emptyText="mc.service_accounts.never_used" />
        <LocaleDateField source="createdAt" />
        <FunctionField source="status" sortable={false} render={(r: RaRecord) => <StatusChip status={r.status} style={SERVICE_ACCOUNT_STATUS} />} />
        <KeyActions />
      </Datagrid>
    </List>
  );
}
