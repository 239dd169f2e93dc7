import AssignmentIndIcon from '@mui/icons-material/AssignmentInd';
import { Autocomplete, Button, CircularProgress, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, TextField } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useListContext, useNotify, useRefresh, useTranslate, useUnselectAll } from 'react-admin';
import { gql } from '../graphql';
import { assignCases, type StaffRef } from './api';

/** Reviewers and leads the lead can assign cases to. */
function useReviewers(open: boolean): StaffRef[] {
  const { data } = useQuery({
    enabled: open,
    queryKey: ['verificationReviewers'],
    queryFn: async () => (await gql<{ reviewers: StaffRef[] }>(`query { reviewers: verificationReviewers { id displayName } }`)).reviewers,
  });
  return data ?? [];
}

/** Bulk action (ops_lead): assigns the selected cases to one reviewer. */
export function AssignButton() {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const { selectedIds, resource } = useListContext();
  const unselectAll = useUnselectAll(resource);
  const [open, setOpen] = useState(false);
  const [assignee, setAssignee] = useState<StaffRef | string | null>(null);
  const [busy, setBusy] = useState(false);
  const reviewers = useReviewers(open);
  const assigneeId = typeof assignee === 'string' ? assignee.trim() : assignee?.id;

  const submit = async () => {
    if (!assigneeId) return;
    setBusy(true);
    try {
      const n = await assignCases(selectedIds.map(String), assigneeId);
      notify('mc.verification.assign.done', { type: 'success', messageArgs: { smart_count: n } });
      setOpen(false);
      unselectAll();
      refresh();
    } catch (e) {
      notify(e instanceof Error ? e.message : 'mc.error.INTERNAL', { type: 'error' });
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button size="small" startIcon={<AssignmentIndIcon />} onClick={() => setOpen(true)} data-testid="assign-button">
        {translate('mc.verification.assign.button')}
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} fullWidth maxWidth="xs">
        <DialogTitle>{translate('mc.verification.assign.title', { smart_count: selectedIds.length })}</DialogTitle>
        <DialogContent>
          <DialogContentText sx={{ mb: 2 }}>{translate('mc.verification.assign.help')}</DialogContentText>
          <Autocomplete
            freeSolo
            options={reviewers}
            getOptionLabel={(o) => (typeof o === 'string' ? o : `${o.displayName} (#${o.id})`)}
            value={assignee}
            onChange={(_e, v) => setAssignee(v)}
            onInputChange={(_e, v, reason) => reason === 'input' && setAssignee(v)}
            renderInput={(params) => <TextField {...params} label={translate('mc.verification.assign.assignee')} name="assignee" />}
          />
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setOpen(false)}>{translate('ra.action.cancel')}</Button>
          <Button variant="contained" disabled={!assigneeId || busy} onClick={submit} startIcon={busy ? <CircularProgress size={16} /> : undefined}>
            {translate('mc.verification.assign.confirm')}
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
}
