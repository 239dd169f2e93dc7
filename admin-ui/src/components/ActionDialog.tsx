import { Alert, Button, CircularProgress, Dialog, DialogActions, DialogContent, DialogTitle, TextField, Typography } from '@mui/material';
import { useState, type ReactNode } from 'react';
import { useTranslate } from 'react-admin';

/** The optional free-text field of an action dialog (a reason told to someone, or a note kept in the history). */
export interface ActionDialogField {
  name: 'reason' | 'note';
  /** Translation key of the label. */
  label: string;
  /** Translation key of the help text (gets `min` and `max`). */
  help?: string;
  /** Characters needed (trimmed) before the action can be confirmed; 0: optional. */
  min?: number;
  max?: number;
}

/** The translation key of a failure: by default the error's message (GraphQLRequestError: `mc.error.<CODE>`). */
const defaultErrorKey = (e: unknown) => (e instanceof Error ? e.message : 'mc.error.INTERNAL');

/**
 * Confirms a destructive or state-changing action. Pessimistic: the dialog stays open and busy
 * until `onConfirm` settles, closes on success and shows a failure inside it (translated by
 * `errorKey`). `title`, `message` (when a string) and `confirmLabel` are translation keys,
 * interpolated with `translateOptions`.
 */
export function ActionDialog({
  open,
  title,
  message,
  translateOptions,
  confirmLabel = 'ra.action.confirm',
  color = 'primary',
  field,
  canConfirm = true,
  onClose,
  onConfirm,
  errorKey = defaultErrorKey,
  errorAction,
  children,
}: {
  open: boolean;
  title: string;
  message?: ReactNode;
  translateOptions?: Record<string, unknown>;
  confirmLabel?: string;
  color?: 'primary' | 'error' | 'warning';
  field?: ActionDialogField;
  /** False while the caller's own inputs (children) are incomplete. */
  canConfirm?: boolean;
  onClose(): void;
  /** Runs the action with the trimmed text of `field` ('' without one); a rejection is shown in the dialog. */
  onConfirm(text: string): Promise<unknown>;
  errorKey?: (e: unknown) => string;
  /** Shown in the error, e.g. a reload button after a conflict. */
  errorAction?: ReactNode;
  children?: ReactNode;
}) {
  const translate = useTranslate();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const tooShort = !!field?.min && text.trim().length < field.min;
  const close = () => {
    if (busy) return;
    setText('');
    setError(null);
    onClose();
  };
  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await onConfirm(text.trim());
      setText('');
      onClose();
    } catch (e) {
      setError(errorKey(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog open={open} onClose={close} onClick={(e) => e.stopPropagation()} fullWidth maxWidth="sm" data-testid="action-dialog">
      <DialogTitle>{translate(title, translateOptions)}</DialogTitle>
      <DialogContent>
        {message && <Typography sx={{ mb: 1 }}>{typeof message === 'string' ? translate(message, translateOptions) : message}</Typography>}
        {children}
        {field && (
          <TextField
            autoFocus
            fullWidth
            multiline
            minRows={2}
            margin="dense"
            name={field.name}
            label={translate(field.label)}
            value={text}
            onChange={(e) => setText(e.target.value)}
            helperText={field.help ? translate(field.help, { min: field.min ?? 0, max: field.max }) : undefined}
          />
        )}
        {error && (
          <Alert severity="error" sx={{ mt: 1 }} data-testid="action-error" action={errorAction}>
            {translate(error, { _: translate('mc.error.INTERNAL') })}
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={close} disabled={busy}>
          {translate('ra.action.cancel')}
        </Button>
        <Button variant="contained" color={color} onClick={confirm} disabled={busy || tooShort || !canConfirm} startIcon={busy ? <CircularProgress size={16} /> : undefined}>
          {translate(confirmLabel, translateOptions)}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
