import { Button, CircularProgress, Dialog, DialogActions, DialogContent, DialogTitle, TextField } from '@mui/material';
import { useState, type ReactNode } from 'react';
import { useNotify, useTranslate } from 'react-admin';

const PURPOSE_MIN = 5;
const PURPOSE_MAX = 500;

/** Translation key of the problem with a purpose, or undefined when it is fine (5-500 characters). */
function purposeError(purpose: string): string | undefined {
  const n = purpose.trim().length;
  if (n < PURPOSE_MIN) return 'mc.purpose.too_short';
  if (n > PURPOSE_MAX) return 'mc.purpose.too_long';
  return undefined;
}

interface Props {
  open: boolean;
  title: string;
  /** Translation key of the confirm button. */
  confirmLabel: string;
  onClose(): void;
  /** Runs the audited action; errors are shown as translated notifications. */
  onConfirm(purpose: string): Promise<void>;
  /** Shown under the form, e.g. the revealed value. */
  children?: ReactNode;
  /** Hides the form once the action is done. */
  done?: boolean;
}

/**
 * Asks why an audited action (reveal, export) is needed before doing it: the purpose is kept in
 * the audit log, so it is validated here as the server does (5-500 characters).
 */
export function PurposeDialog({ open, title, confirmLabel, onClose, onConfirm, children, done }: Props) {
  const translate = useTranslate();
  const notify = useNotify();
  const [purpose, setPurpose] = useState('');
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const problem = purposeError(purpose);

  const close = () => {
    setPurpose('');
    setTouched(false);
    onClose();
  };
  const submit = async () => {
    setTouched(true);
    if (problem) return;
    setBusy(true);
    try {
      await onConfirm(purpose.trim());
    } catch (e) {
      notify(e instanceof Error ? e.message : 'mc.error.INTERNAL', { type: 'error' });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open={open} onClose={close} fullWidth maxWidth="sm">
      <DialogTitle>{title}</DialogTitle>
      <DialogContent>
        {!done && (
          <TextField
            autoFocus
            fullWidth
            multiline
            minRows={2}
            margin="dense"
            name="purpose"
            label={translate('mc.purpose.label')}
            value={purpose}
            onChange={(e) => setPurpose(e.target.value)}
            onBlur={() => setTouched(true)}
            error={touched && !!problem}
            helperText={touched && problem ? translate(problem, { min: PURPOSE_MIN, max: PURPOSE_MAX }) : translate('mc.purpose.help')}
          />
        )}
        {children}
      </DialogContent>
      <DialogActions>
        <Button onClick={close}>{translate(done ? 'ra.action.close' : 'ra.action.cancel')}</Button>
        {!done && (
          <Button variant="contained" onClick={submit} disabled={busy} startIcon={busy ? <CircularProgress size={16} /> : undefined}>
            {translate(confirmLabel)}
          </Button>
        )}
      </DialogActions>
    </Dialog>
  );
}
