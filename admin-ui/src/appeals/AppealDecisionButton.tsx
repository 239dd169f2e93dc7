import { Alert, Button, FormControlLabel, Radio, RadioGroup } from '@mui/material';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNotify, useRefresh, useTranslate } from 'react-admin';
import { useAbility } from '../abilities';
import { GraphQLRequestError } from '../graphql';
import { errorKey, penaltyApi, type Appeal } from '../penalties/api';
import { ActionDialog } from '../components';
import { REASON_FIELD } from '../penalties/status';

/**
 * ops_lead decides a pending appeal: uphold (the penalty stands) or revoke (lifts the sanction,
 * withdraws the notice), with a reason told to the merchant. Pessimistic: the dialog waits for
 * the server. When someone else decided first (CONFLICT), says so and offers a reload.
 */
export function AppealDecisionButton({ appeal }: { appeal: Appeal }) {
  const ability = useAbility();
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [decision, setDecision] = useState<'uphold' | 'revoke'>('uphold');
  const [stale, setStale] = useState(false);
  if (appeal.status !== 'pending' || !ability.can('decide', 'PenaltyAppeal')) return null;
  const reload = async () => {
    setStale(false);
    setOpen(false);
    await queryClient.invalidateQueries();
    refresh();
  };
  return (
    <>
      <Button variant="contained" size="small" onClick={() => setOpen(true)} data-testid="decide-appeal">
        {translate('mc.appeals.decide')}
      </Button>
      <ActionDialog
        open={open}
        title="mc.appeals.decide_title"
        confirmLabel={`mc.appeals.confirm_${decision}`}
        color={decision === 'revoke' ? 'error' : 'primary'}
        errorKey={errorKey}
        errorAction={
          stale ? (
            <Button color="inherit" size="small" onClick={reload} data-testid="reload-after-conflict">
              {translate('mc.appeals.reload')}
            </Button>
          ) : undefined
        }
        field={{ ...REASON_FIELD, label: 'mc.appeals.decision_reason' }}
        onClose={() => {
          setOpen(false);
          setStale(false);
        }}
        onConfirm={async (reason) => {
          try {
            await penaltyApi.decideAppeal({ id: appeal.id, version: appeal.version, decision, reason });
          } catch (e) {
            if (e instanceof GraphQLRequestError && e.code === 'CONFLICT') {
              setStale(true);
              throw new GraphQLRequestError('CONFLICT', e.serverMessage, [], 'DECIDED_ELSEWHERE');
            }
            throw e;
          }
          notify(`mc.appeals.decided_${decision}_done`, { type: 'success' });
          await queryClient.invalidateQueries();
          refresh();
        }}
      >
        <RadioGroup row value={decision} onChange={(e) => setDecision(e.target.value as 'uphold' | 'revoke')} name="decision">
          <FormControlLabel value="uphold" control={<Radio />} label={translate('mc.appeals.uphold')} />
          <FormControlLabel value="revoke" control={<Radio />} label={translate('mc.appeals.revoke')} />
        </RadioGroup>
        <Alert severity={decision === 'revoke' ? 'warning' : 'info'} sx={{ mb: 1 }}>
          {translate(`mc.appeals.${decision}_help`)}
        </Alert>
      </ActionDialog>
    </>
  );
}
