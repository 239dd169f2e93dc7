import CheckIcon from '@mui/icons-material/Check';
import CloseIcon from '@mui/icons-material/Close';
import { Button, Stack } from '@mui/material';
import { useState } from 'react';
import { Datagrid, FunctionField, List, SelectField, SelectInput, TextField, useGetIdentity, useNotify, useRecordContext, useRefresh, useTranslate, type RaRecord } from 'react-admin';
import { useAbility } from '../abilities';
import { ActionDialog } from '../components';
import { LocaleDateField } from '../components/LocaleDateField';
import { errorKey } from '../providers/errors';
import { decideGrant } from './api';

const STATUSES = ['pending', 'granted', 'approved', 'refused', 'revoked'];
const statusChoices = STATUSES.map((id) => ({ id, name: `mc.grants.status.${id}` }));
const filters = [<SelectInput key="status" source="status" choices={statusChoices} alwaysOn />];
/** Approve / refuse of a pending grant, after confirmation. Not offered for a grant to oneself; approving is not offered to its requester. */
function DecideButtons() {
  const record = useRecordContext();
  const ability = useAbility();
  const { identity } = useGetIdentity();
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const [approve, setApprove] = useState<boolean | null>(null);
  const me = String(identity?.id ?? '');
  if (!record || record.status !== 'pending' || !ability.can('approve', 'StaffRoleGrant') || String(record.accountId) === me) return null;
  const run = async () => {
    if (approve === null) return;
    await decideGrant(String(record.id), approve);
    notify(approve ? 'mc.grants.approved' : 'mc.grants.refused', { type: 'success' });
    refresh();
  };
  const args = { role: translate(`mc.role.${record.role}`, { _: record.role }), login: record.accountLogin, requester: record.requestedByLogin };
  return (
    <Stack direction="row" spacing={0.5}>
      {String(record.requestedBy) !== me && (
        <Button size="small" startIcon={<CheckIcon />} onClick={() => setApprove(true)}>
          {translate('mc.grants.approve')}
        </Button>
      )}
      <Button size="small" color="error" startIcon={<CloseIcon />} onClick={() => setApprove(false)}>
        {translate('mc.grants.refuse')}
      </Button>
      <ActionDialog
        open={approve !== null}
        title={approve ? 'mc.grants.approve_title' : 'mc.grants.refuse_title'}
        message={approve ? 'mc.grants.approve_content' : 'mc.grants.refuse_content'}
        translateOptions={args}
        errorKey={(e) => errorKey(e, 'grants')}
        onConfirm={run}
        onClose={() => setApprove(null)}
      />
    </Stack>
  );
}

/** Platform-role grants (maker-checker): pending ones first by default; admins decide, auditors read. */
export function RoleGrantList() {
  const translate = useTranslate();
  return (
    <List filters={filters} filterDefaultValues={{ status: 'pending' }} sort={{ field: 'requestedAt', order: 'DESC' }}>
      <Datagrid rowClick={false} bulkActionButtons={false}>
        <TextField source="accountLogin" sortable={false} />
        <FunctionField source="role" sortable={false} render={(r: RaRecord) => translate(`mc.role.${r.role}`, { _: r.role })} />
        <SelectField source="status" sortable={false} choices={statusChoices} />
        <TextField source="requestedByLogin" sortable={false} />
        <LocaleDateField source="requestedAt" />
        <TextField source="decidedByLogin" sortable={false} emptyText="—" />
        <LocaleDateField source="decidedAt" sortable={false} emptyText="—" />
        <DecideButtons />
      </Datagrid>
    </List>
  );
}
