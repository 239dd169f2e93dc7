import AutorenewIcon from '@mui/icons-material/Autorenew';
import KeyOffIcon from '@mui/icons-material/KeyOff';
import { Button, Stack } from '@mui/material';
import { useState } from 'react';
import { useNotify, useRecordContext, useRefresh, useTranslate } from 'react-admin';
import { useAbility } from '../abilities';
import { ActionDialog } from '../components';
import { revokeServiceAccountKey, rotateServiceAccountKey, type IssuedKey } from './api';
import { KeyDialog } from './KeyDialog';

/** Revoke (an active key) and rotate (issue a new key, revoking the current one) of one row, each after a confirmation; a rotated key is shown once. */
export function KeyActions() {
  const record = useRecordContext();
  const ability = useAbility();
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const [op, setOp] = useState<'revoke' | 'rotate' | null>(null);
  const [issued, setIssued] = useState<IssuedKey | null>(null);
  if (!record || !ability.can('update', 'ServiceAccount') || record.status === 'disabled') return null;
  const run = async () => {
    if (op === 'revoke') {
      await revokeServiceAccountKey(String(record.id));
      notify('mc.service_accounts.revoked', { type: 'success' });
      refresh();
    } else if (op === 'rotate') {
      setIssued(await rotateServiceAccountKey(String(record.id)));
    }
  };
  return (
    <Stack direction="row" spacing={0.5} onClick={(e) => e.stopPropagation()}>
      {record.status === 'active' && (
        <Button size="small" color="error" startIcon={<KeyOffIcon />} sx={{ whiteSpace: 'nowrap' }} onClick={() => setOp('revoke')}>
          {translate('mc.service_accounts.revoke')}
        </Button>
      )}
      <Button size="small" startIcon={<AutorenewIcon />} sx={{ whiteSpace: 'nowrap' }} onClick={() => setOp('rotate')}>
        {translate(record.status === 'active' ? 'mc.service_accounts.rotate' : 'mc.service_accounts.new_key')}
      </Button>
      <ActionDialog
        open={op !== null}
        title={`mc.service_accounts.${op ?? 'revoke'}_title`}
        message={`mc.service_accounts.${op ?? 'revoke'}_content`}
        translateOptions={{ name: record.name, prefix: record.keyPrefix ?? '' }}
        color={op === 'revoke' ? 'error' : 'warning'}
        onConfirm={run}
        onClose={() => setOp(null)}
      />
      <KeyDialog
        apiKey={issued?.apiKey ?? null}
        name={issued?.serviceAccount.name}
        onClose={() => {
          setIssued(null);
          refresh();
        }}
      />
    </Stack>
  );
}
