import BlockIcon from '@mui/icons-material/Block';
import LockIcon from '@mui/icons-material/Lock';
import LockOpenIcon from '@mui/icons-material/LockOpen';
import LogoutIcon from '@mui/icons-material/Logout';
import { Button, Stack } from '@mui/material';
import { useState, type ReactElement } from 'react';
import { useGetIdentity, useNotify, useRecordContext, useRefresh, useTranslate } from 'react-admin';
import { useAbility } from '../abilities';
import { ActionDialog } from '../components';
import { staffLifecycle, type LifecycleOp } from './api';

const ICONS: Record<LifecycleOp, ReactElement> = {
  lock: <LockIcon />,
  unlock: <LockOpenIcon />,
  deactivate: <BlockIcon />,
  revoke_sessions: <LogoutIcon />,
};

/** Which operations a staff account in `status` offers (server: staffLifecycle's transitions). */
function opsFor(status: string): LifecycleOp[] {
  if (status === 'active') return ['lock', 'revoke_sessions', 'deactivate'];
  if (status === 'locked') return ['unlock', 'deactivate'];
  return [];
}

/** Lock, unlock, deactivate and sign-out-everywhere of one staff row, each after a confirmation. Hidden on one's own row. */
export function StaffActions() {
  const record = useRecordContext();
  const ability = useAbility();
  const { identity } = useGetIdentity();
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const [op, setOp] = useState<LifecycleOp | null>(null);
  if (!record || !ability.can('update', 'StaffAccount') || String(identity?.id) === String(record.id)) return null;
  const run = async () => {
    if (!op) return;
    await staffLifecycle(op, String(record.id));
    notify('mc.staff.done', { type: 'success' });
    refresh();
  };
  return (
    <Stack direction="row" spacing={0.5} onClick={(e) => e.stopPropagation()}>
      {opsFor(record.status).map((o) => (
        <Button key={o} size="small" color={o === 'deactivate' ? 'error' : 'primary'} startIcon={ICONS[o]} onClick={() => setOp(o)}>
          {translate(`mc.staff.${o}`)}
        </Button>
      ))}
      <ActionDialog
        open={op !== null}
        title={`mc.staff.${op ?? 'lock'}_title`}
        message={`mc.staff.${op ?? 'lock'}_content`}
        translateOptions={{ name: record.displayName }}
        onConfirm={run}
        onClose={() => setOp(null)}
      />
    </Stack>
  );
}
