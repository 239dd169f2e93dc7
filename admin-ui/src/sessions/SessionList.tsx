import KeyIcon from '@mui/icons-material/Key';
import LogoutIcon from '@mui/icons-material/Logout';
import { Link } from 'react-router-dom';
import { Button, Chip, Tooltip } from '@mui/material';
import { useState } from 'react';
import { Datagrid, DeleteButton, FunctionField, List, TextField, TopToolbar, useDataProvider, useListContext, useNotify, useRefresh, useTranslate, type RaRecord } from 'react-admin';
import { describeDevice } from './device';
import { ActionDialog } from '../components';
import { LocaleDateField } from '../components/LocaleDateField';

/** Signs out every session but the current one, after confirmation. */
function RevokeOthersButton() {
  const { data } = useListContext();
  const translate = useTranslate();
  const notify = useNotify();
  const dataProvider = useDataProvider();
  const refresh = useRefresh();
  const [open, setOpen] = useState(false);
  const others = (data ?? []).filter((s) => !s.current).map((s) => s.id);
  const confirm = async () => {
    await dataProvider.deleteMany('sessions', { ids: others });
    notify('mc.sessions.revoked', { type: 'success', messageArgs: { smart_count: others.length } });
    refresh();
  };
  return (
    <>
      <Button size="small" color="error" startIcon={<LogoutIcon />} disabled={!others.length} onClick={() => setOpen(true)}>
        {translate('mc.sessions.revoke_others')}
      </Button>
      <ActionDialog
        open={open}
        title="mc.sessions.revoke_others"
        message="mc.sessions.revoke_others_confirm"
        translateOptions={{ smart_count: others.length }}
        onConfirm={confirm}
        onClose={() => setOpen(false)}
      />
    </>
  );
}

function RevokeOrCurrent({ record }: { record: RaRecord }) {
  const translate = useTranslate();
  if (record.current) return <Chip size="small" color="primary" label={translate('mc.sessions.current')} />;
  return (
    <DeleteButton
      record={record}
      label="mc.sessions.revoke"
      icon={<LogoutIcon />}
      mutationMode="pessimistic"
      confirmTitle="mc.sessions.revoke_title"
      confirmContent="mc.sessions.revoke_confirm"
      redirect={false}
      successMessage="mc.sessions.revoked"
    />
  );
}

/** Own password change (password/ChangePasswordPage.tsx); it also signs out the other sessions. */
function ChangePasswordLink() {
  const translate = useTranslate();
  return (
    <Button size="small" startIcon={<KeyIcon />} component={Link} to="/change-password">
      {translate('mc.password.change_link')}
    </Button>
  );
}

export function SessionList() {
  return (
    <List
      pagination={false}
      actions={
        <TopToolbar>
          <ChangePasswordLink />
          <RevokeOthersButton />
        </TopToolbar>
      }
    >
      <Datagrid rowClick={false} bulkActionButtons={false}>
        <FunctionField
          source="userAgent"
          sortable={false}
          render={(r: RaRecord) => (
            <Tooltip title={r.userAgent ?? ''}>
              <span>{describeDevice(r.userAgent) ?? '—'}</span>
            </Tooltip>
          )}
        />
        <TextField source="ip" sortable={false} emptyText="—" />
        <LocaleDateField source="createdAt" sortable={false} />
        <LocaleDateField source="lastSeenAt" sortable={false} />
        <LocaleDateField source="expiresAt" sortable={false} />
        <FunctionField label="" render={(r: RaRecord) => <RevokeOrCurrent record={r} />} />
      </Datagrid>
    </List>
  );
}
