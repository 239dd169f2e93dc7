import { Alert, Button, Card, CardContent, CircularProgress, Stack, TextField, Typography } from '@mui/material';
import { useState } from 'react';
import { useGetIdentity, useNotify, useTranslate } from 'react-admin';
import { ActionDialog } from '../../components';
import { GraphQLRequestError } from '../../graphql';
import { usePolicyAbility } from '../ability';
import { policyApi, type PolicyVersion } from '../api';
import { ScheduleDialog } from './ScheduleDialog';

type Action = 'submit' | 'return' | 'approve' | 'withdraw';

/** The actions the actor may take on a version (submit, approve, schedule, return, withdraw), with an optional note. */
export function Lifecycle({ version, dirty, onChanged }: { version: PolicyVersion; dirty: boolean; onChanged(v: PolicyVersion): void }) {
  const translate = useTranslate();
  const notify = useNotify();
  const ability = usePolicyAbility();
  const { identity } = useGetIdentity();
  const [busy, setBusy] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [confirmWithdraw, setConfirmWithdraw] = useState(false);
  const [scheduling, setScheduling] = useState(false);
  const s = version.status;
  const mine = identity && (String(identity.id) === version.createdBy || String(identity.id) === version.lastEditedBy);
  const run = async (action: Action) => {
    if (dirty && action === 'submit') return notify('mc.policies.save_first', { type: 'warning' });
    setBusy(action);
    setRefusal(null);
    try {
      const v = await policyApi.transition(action, { id: version.id, expectedRowVersion: version.rowVersion, note: note.trim() || undefined });
      setNote('');
      notify(`mc.policies.done.${action}`, { type: 'success' });
      onChanged(v);
    } catch (e) {
      if (action === 'approve' && e instanceof GraphQLRequestError && e.code === 'FORBIDDEN') setRefusal('mc.policies.maker_checker');
      else if (e instanceof GraphQLRequestError && e.fields.length) setRefusal(e.fields.map((f) => `${f.field}: ${f.message}`).join('; '));
      notify(e instanceof Error ? e.message : 'mc.error.INTERNAL', { type: 'error' });
    } finally {
      setBusy(null);
    }
  };
  const canUpdate = ability.can('update', 'PolicyVersion');
  const buttons: { action: Action | 'schedule'; show: boolean; variant?: 'contained' | 'outlined'; color?: 'error' | 'primary' }[] = [
    { action: 'submit', show: s === 'draft' && canUpdate, variant: 'contained' },
    { action: 'approve', show: s === 'in_review' && ability.can('approve', 'PolicyVersion'), variant: 'contained' },
    { action: 'schedule', show: (s === 'approved' || s === 'scheduled') && ability.can('publish', 'PolicyVersion'), variant: 'contained' },
    { action: 'return', show: (s === 'in_review' || s === 'approved') && canUpdate },
    { action: 'withdraw', show: ['draft', 'in_review', 'approved', 'scheduled'].includes(s) && canUpdate, color: 'error' },
  ];
  const shown = buttons.filter((b) => b.show);
  return (
    <Card data-testid="lifecycle">
      <CardContent>
        <Typography variant="h6" gutterBottom>
          {translate('mc.policies.actions')}
        </Typography>
        {s === 'in_review' && version.isMaterial && mine && (
          <Alert severity="info" sx={{ mb: 1 }}>
            {translate('mc.policies.maker_checker_hint')}
          </Alert>
        )}
        {refusal && (
          <Alert severity="error" sx={{ mb: 1 }} data-testid="lifecycle-refusal" onClose={() => setRefusal(null)}>
            {translate(refusal, { _: refusal })}
          </Alert>
        )}
        {shown.length === 0 && <Typography color="text.secondary">{translate('mc.policies.no_actions')}</Typography>}
        {shown.length > 0 && (
          <>
            {shown.some((b) => b.action === 'return' || b.action === 'approve') && (
              <TextField size="small" fullWidth name="note" label={translate('mc.policies.note')} value={note} onChange={(e) => setNote(e.target.value)} sx={{ mb: 1 }} />
            )}
            <Stack direction="row" spacing={1} sx={{ flexWrap: 'wrap', gap: 1 }}>
              {shown.map((b) => (
                <Button
                  key={b.action}
                  variant={b.variant ?? 'outlined'}
                  color={b.color ?? 'primary'}
                  disabled={!!busy}
                  data-testid={`action-${b.action}`}
                  startIcon={busy === b.action ? <CircularProgress size={16} /> : undefined}
                  onClick={() => (b.action === 'schedule' ? setScheduling(true) : b.action === 'withdraw' ? setConfirmWithdraw(true) : run(b.action))}
                >
                  {translate(`mc.policies.${b.action}`)}
                </Button>
              ))}
            </Stack>
          </>
        )}
        <ActionDialog
          open={confirmWithdraw}
          title="mc.policies.withdraw_title"
          message="mc.policies.withdraw_confirm"
          translateOptions={{ n: version.versionNo }}
          confirmLabel="mc.policies.withdraw"
          color="warning"
          onConfirm={() => run('withdraw')}
          onClose={() => setConfirmWithdraw(false)}
        />
        {scheduling && (
          <ScheduleDialog
            version={version}
            open
            onClose={() => setScheduling(false)}
            onDone={(v) => {
              setScheduling(false);
              onChanged(v);
            }}
          />
        )}
      </CardContent>
    </Card>
  );
}
