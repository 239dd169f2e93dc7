import { Alert, FormControlLabel, InputAdornment, Radio, RadioGroup, TextField } from '@mui/material';
import { useState } from 'react';
import { useNotify, useTranslate } from 'react-admin';
import { ActionDialog, fenToYuanText, formatFen, parseYuan } from '../components';
import { disputeApi, errorKey, RESOLUTIONS, type Dispute } from './api';
import { useReloadAll } from '../components/DetailLayout';
import { REASON_FIELD } from './status';

/**
 * The platform's decision: refund in full, in part (an amount in yuan, parsed exactly to fen,
 * above 0 and at most the claim, which the dialog shows), or reject; the reason is told to both sides.
 */
export function ResolveDialog({ d, open, onClose }: { d: Dispute; open: boolean; onClose(): void }) {
  const translate = useTranslate();
  const notify = useNotify();
  const reload = useReloadAll();
  const [resolution, setResolution] = useState<string>(d.proposedResolution ?? '');
  const [amount, setAmount] = useState('');
  const fen = parseYuan(amount);
  const amountBad = resolution === 'refund_partial' && (fen === null || fen <= 0 || fen > d.amountClaimed);
  const close = () => {
    setAmount('');
    onClose();
  };
  return (
    <ActionDialog
      open={open}
      title="mc.disputes.action.resolve"
      confirmLabel="mc.disputes.action.resolve"
      field={REASON_FIELD}
      canConfirm={!!resolution && !amountBad}
      errorKey={errorKey}
      onClose={close}
      onConfirm={async (reason) => {
        await disputeApi.resolve({ id: d.id, version: d.version, resolution, refundAmount: resolution === 'refund_partial' ? fen! : undefined, reason });
        notify('mc.disputes.done.resolve', { type: 'success' });
        setAmount('');
        await reload();
      }}
    >
      <Alert severity="info" sx={{ mb: 1 }} data-testid="resolve-claim">
        {translate('mc.disputes.resolve.claim', { amount: formatFen(d.amountClaimed) })}
        {d.proposedResolution ? ` ${translate('mc.disputes.resolve.proposed', { resolution: translate(`mc.disputes.resolution.${d.proposedResolution}`) })}` : ''}
      </Alert>
      <RadioGroup name="resolution" value={resolution} onChange={(e) => setResolution(e.target.value)}>
        {RESOLUTIONS.map((r) => (
          <FormControlLabel
            key={r}
            value={r}
            control={<Radio />}
            label={r === 'refund_full' ? `${translate(`mc.disputes.resolution.${r}`)} (${formatFen(d.amountClaimed)})` : translate(`mc.disputes.resolution.${r}`)}
          />
        ))}
      </RadioGroup>
      {resolution === 'refund_partial' && (
        <TextField
          name="refundAmount"
          label={translate('mc.disputes.resolve.amount')}
          value={amount}
          onChange={(e) => setAmount(e.target.value)}
          error={amount !== '' && amountBad}
          helperText={
            amount !== '' && fen !== null && !amountBad
              ? translate('mc.disputes.resolve.amount_is', { amount: formatFen(fen) })
              : translate('mc.disputes.resolve.amount_help', { max: fenToYuanText(d.amountClaimed) })
          }
          slotProps={{ input: { startAdornment: <InputAdornment position="start">¥</InputAdornment> }, htmlInput: { inputMode: 'decimal' } }}
          sx={{ mt: 1, mb: 1 }}
          fullWidth
        />
      )}
    </ActionDialog>
  );
}
