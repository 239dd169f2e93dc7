import { Alert, Autocomplete, Box, Button, Chip, CircularProgress, Dialog, DialogActions, DialogContent, DialogTitle, FormControlLabel, Radio, RadioGroup, TextField, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslate } from 'react-admin';
import { GraphQLRequestError } from '../graphql';
import { decideCase, reasonCodes, type Decision, type ReasonCode, type VerificationCase } from './api';
import { useReasonLabel } from './status';

interface Props {
  open: boolean;
  record: VerificationCase;
  /** Whether this is the second approval of a flagged case (approve or send back). */
  second: boolean;
  onClose(): void;
  onDecided(c: VerificationCase): void;
  /** Reloads the case (after a CONFLICT). */
  onReload(): void;
}

/**
 * The decision, pessimistic: nothing changes on screen until the server answered. A stale version
 * (someone else decided first) shows as such, with a reload button.
 */
export function DecisionDialog({ open, record, second, onClose, onDecided, onReload }: Props) {
  const translate = useTranslate();
  const label = useReasonLabel();
  const { data: codes = [] } = useQuery({ queryKey: ['verificationReasonCodes'], queryFn: reasonCodes, enabled: open });
  const [decision, setDecision] = useState<Decision>('APPROVE');
  const [reasons, setReasons] = useState<ReasonCode[]>([]);
  const [applicantComment, setApplicantComment] = useState('');
  const [internalNote, setInternalNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<GraphQLRequestError | null>(null);
  const [touched, setTouched] = useState(false);

  // Resubmission takes only `retry` reasons; a final rejection any active reason.
  const options = codes.filter((c) => c.active && (decision !== 'REQUEST_RESUBMISSION' || c.outcome === 'retry'));
  const needsReasons = decision !== 'APPROVE';
  const reasonsMissing = needsReasons && reasons.length === 0;

  const choose = (d: Decision) => {
    setDecision(d);
    setReasons((rs) => (d === 'REQUEST_RESUBMISSION' ? rs.filter((r) => r.outcome === 'retry') : d === 'APPROVE' ? [] : rs));
    setError(null);
  };
  const close = () => {
    if (busy) return;
    setError(null);
    setTouched(false);
    onClose();
  };
  const submit = async () => {
    setTouched(true);
    if (reasonsMissing) return;
    setBusy(true);
    setError(null);
    try {
      const c = await decideCase({
        id: record.id,
        version: record.rowVersion,
        decision,
        reasonCodes: reasons.map((r) => r.code),
        applicantComment: applicantComment.trim() || undefined,
        internalNote: internalNote.trim() || undefined,
      });
      setReasons([]);
      setApplicantComment('');
      setInternalNote('');
      setTouched(false);
      onDecided(c);
    } catch (e) {
      setError(e instanceof GraphQLRequestError ? e : new GraphQLRequestError('INTERNAL', String(e)));
    } finally {
      setBusy(false);
    }
  };
  const fieldError = (f: string) => error?.fields.find((x) => x.field.replace(/^input\./, '') === f)?.message;

  return (
    <Dialog open={open} onClose={close} fullWidth maxWidth="sm" data-testid="decision-dialog">
      <DialogTitle>{translate(second ? 'mc.verification.decide.title_second' : 'mc.verification.decide.title', { store: record.storeName })}</DialogTitle>
      <DialogContent>
        {second && record.firstApprover && (
          <Alert severity="info" sx={{ mb: 2 }}>
            {translate('mc.verification.decide.second_help', { name: record.firstApprover.displayName })}
          </Alert>
        )}
        <RadioGroup row value={decision} onChange={(e) => choose(e.target.value as Decision)} name="decision">
          <FormControlLabel value="APPROVE" control={<Radio />} label={translate(second ? 'mc.verification.decide.second_approve' : 'mc.verification.decide.approve')} />
          <FormControlLabel value="REQUEST_RESUBMISSION" control={<Radio />} label={translate('mc.verification.decide.request_resubmission')} />
          <FormControlLabel value="REJECT" control={<Radio />} label={translate('mc.verification.decide.reject')} />
        </RadioGroup>
        {decision === 'REJECT' && (
          <Alert severity="warning" sx={{ my: 1 }}>
            {translate('mc.verification.decide.reject_final')}
          </Alert>
        )}
        {needsReasons && (
          <Autocomplete
            multiple
            options={options}
            value={reasons}
            onChange={(_e, v) => setReasons(v)}
            getOptionLabel={(o) => label(o)}
            isOptionEqualToValue={(a, b) => a.code === b.code}
            renderOption={(props, o) => {
              const { key, ...rest } = props as typeof props & { key: string };
              return (
                <li key={key} {...rest}>
                  <Box>
                    <Typography variant="body2">{label(o)}</Typography>
                    <Typography variant="caption" color="text.secondary">
                      {o.code} · {translate(`mc.verification.reason_outcome.${o.outcome}`)}
                    </Typography>
                  </Box>
                </li>
              );
            }}
            renderValue={(value, getItemProps) =>
              value.map((o, index) => {
                const { key, ...rest } = getItemProps({ index });
                return <Chip key={key} size="small" label={label(o)} {...rest} />;
              })
            }
            renderInput={(params) => (
              <TextField
                {...params}
                margin="dense"
                name="reasonCodes"
                label={translate('mc.verification.decide.reasons')}
                error={(touched && reasonsMissing) || !!fieldError('reasonCodes')}
                helperText={
                  fieldError('reasonCodes') ??
                  (touched && reasonsMissing
                    ? translate('mc.verification.decide.reasons_required')
                    : translate(decision === 'REQUEST_RESUBMISSION' ? 'mc.verification.decide.retry_only' : 'mc.verification.decide.reasons_help'))
                }
              />
            )}
          />
        )}
        <NoteSection
          tone="info"
          title="mc.verification.decide.applicant_section"
          name="applicantComment"
          label="mc.verification.applicant_comment"
          help="mc.verification.decide.applicant_help"
          value={applicantComment}
          onChange={setApplicantComment}
          error={fieldError('applicantComment')}
        />
        <NoteSection
          tone="warning"
          title="mc.verification.decide.internal_section"
          name="internalNote"
          label="mc.verification.internal_note"
          help="mc.verification.decide.internal_help"
          value={internalNote}
          onChange={setInternalNote}
          error={fieldError('internalNote')}
        />
        {error && error.code === 'CONFLICT' && (
          <Alert
            severity="error"
            sx={{ mt: 2 }}
            data-testid="decision-conflict"
            action={
              <Button
                color="inherit"
                size="small"
                onClick={() => {
                  setError(null);
                  onReload();
                }}
              >
                {translate('mc.verification.decide.reload')}
              </Button>
            }
          >
            {translate('mc.verification.decide.conflict')}
          </Alert>
        )}
        {error && error.code !== 'CONFLICT' && (
          <Alert severity="error" sx={{ mt: 2 }} data-testid="decision-error">
            {translate(error.message)}
            {error.serverMessage && error.code !== 'INTERNAL' ? ` (${error.serverMessage})` : ''}
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={close} disabled={busy}>
          {translate('ra.action.cancel')}
        </Button>
        <Button
          variant="contained"
          color={decision === 'REJECT' ? 'error' : 'primary'}
          onClick={submit}
          disabled={busy}
          startIcon={busy ? <CircularProgress size={16} /> : undefined}
          data-testid="decision-submit"
        >
          {translate('mc.verification.decide.submit')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

/** One of the decision's two texts, each in its own coloured box: what the merchant reads (info) and the internal note (warning). */
function NoteSection(props: { tone: 'info' | 'warning'; title: string; name: string; label: string; help: string; value: string; onChange: (v: string) => void; error?: string }) {
  const translate = useTranslate();
  const warning = props.tone === 'warning';
  return (
    <Box sx={{ mt: 2, p: 1.5, borderRadius: 1, border: 1, borderColor: `${props.tone}.light`, ...(warning ? { bgcolor: '#fff8e1' } : {}) }}>
      <Typography variant="subtitle2" color={warning ? 'warning.dark' : 'info.main'}>
        {translate(props.title)}
      </Typography>
      <TextField
        fullWidth
        multiline
        minRows={2}
        margin="dense"
        name={props.name}
        label={translate(props.label)}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        error={!!props.error}
        helperText={props.error ?? translate(props.help)}
      />
    </Box>
  );
}
