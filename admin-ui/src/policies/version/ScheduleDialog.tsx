import { Button, Dialog, DialogActions, DialogContent, DialogTitle, Stack, TextField, Typography } from '@mui/material';
import { useState } from 'react';
import { useNotify, useTranslate } from 'react-admin';
import { prcToday } from '../../components';
import { GraphQLRequestError } from '../../graphql';
import { policyApi, type PolicyVersion } from '../api';

/** A Date -> the value of an <input type="datetime-local"> in local time. */
const localInput = (d: Date) => new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);

/** Schedules an approved version: publication instant (or now) and effective PRC date. */
export function ScheduleDialog({ version, open, onClose, onDone }: { version: PolicyVersion; open: boolean; onClose(): void; onDone(v: PolicyVersion): void }) {
  const translate = useTranslate();
  const notify = useNotify();
  const [publishAt, setPublishAt] = useState(() => localInput(version.publishAt ? new Date(version.publishAt) : new Date(Date.now() + 60 * 60_000)));
  const [effectiveDate, setEffectiveDate] = useState(version.effectiveDate ?? prcToday());
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    setErrors({});
    try {
      const at = new Date(publishAt);
      const v = await policyApi.schedule({ id: version.id, expectedRowVersion: version.rowVersion, publishAt: at.toISOString(), effectiveDate });
      notify('mc.policies.done.schedule', { type: 'success' });
      onDone(v);
    } catch (e) {
      if (e instanceof GraphQLRequestError && e.body) setErrors(e.body.errors);
      notify(e instanceof Error ? e.message : 'mc.error.INTERNAL', { type: 'error' });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog open={open} onClose={onClose} fullWidth maxWidth="sm">
      <DialogTitle>{translate('mc.policies.schedule_title', { n: version.versionNo })}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }}>
          <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
            <TextField
              name="publishAt"
              type="datetime-local"
              label={translate('mc.policies.publish_at')}
              value={publishAt}
              onChange={(e) => setPublishAt(e.target.value)}
              error={!!errors.publishAt}
              helperText={errors.publishAt}
              slotProps={{ inputLabel: { shrink: true } }}
              sx={{ flex: 1 }}
            />
            <Button
              onClick={() => {
                setPublishAt(localInput(new Date()));
                if (effectiveDate < prcToday()) setEffectiveDate(prcToday());
              }}
              data-testid="publish-now"
            >
              {translate('mc.policies.publish_now')}
            </Button>
          </Stack>
          <TextField
            name="scheduleEffectiveDate"
            type="date"
            label={translate('mc.policies.effective_date')}
            value={effectiveDate}
            onChange={(e) => setEffectiveDate(e.target.value)}
            error={!!errors.effectiveDate}
            helperText={errors.effectiveDate}
            slotProps={{ inputLabel: { shrink: true } }}
          />
          <Typography variant="body2" color="text.secondary">
            {translate('mc.policies.schedule_help')}
          </Typography>
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{translate('ra.action.cancel')}</Button>
        <Button variant="contained" onClick={submit} disabled={busy || !publishAt || !effectiveDate} data-testid="confirm-schedule">
          {translate('mc.policies.schedule')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
