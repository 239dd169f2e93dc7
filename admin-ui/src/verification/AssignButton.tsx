import AssignmentIndIcon from '@mui/icons-material/AssignmentInd';
import { Autocomplete, Button, TextField } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useListContext, useNotify, useRefresh, useTranslate, useUnselectAll } from 'react-admin';
import { ActionDialog } from '../components';
import { assignCases, reviewers as listReviewers, type StaffRef } from './api';

/** Reviewers and leads the lead can assign cases to. */
function useReviewers(open: boolean): StaffRef[] {
  const { data } = useQuery({
    enabled: open,
    queryKey: ['verificationReviewers'],
    queryFn: listReviewers,
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
  const reviewers = useReviewers(open);
  const assigneeId = typeof assignee === 'string' ? assignee.trim() : assignee?.id;

  const submit = async () => {
    const n = await assignCases(selectedIds.map(String), assigneeId ?? '');
    notify('mc.verification.assign.done', { type: 'success', messageArgs: { smart_count: n } });
    unselectAll();
    refresh();
  };

  return (
    <>
      <Button size="small" startIcon={<AssignmentIndIcon />} onClick={() => setOpen(true)} data-testid="assign-button">
        {translate('mc.verification.assign.button')}
      </Button>
      <ActionDialog
        open={open}
        title="mc.verification.assign.title"
        message="mc.verification.assign.help"
        translateOptions={{ smart_count: selectedIds.length }}
        confirmLabel="mc.verification.assign.confirm"
        canConfirm={!!assigneeId}
        onClose={() => setOpen(false)}
        onConfirm={submit}
      >
        <Autocomplete
          freeSolo
          options={reviewers}
          getOptionLabel={(o) => (typeof o === 'string' ? o : `${o.displayName} (#${o.id})`)}
          value={assignee}
          onChange={(_e, v) => setAssignee(v)}
          onInputChange={(_e, v, reason) => reason === 'input' && setAssignee(v)}
          renderInput={(params) => <TextField {...params} label={translate('mc.verification.assign.assignee')} name="assignee" />}
        />
      </ActionDialog>
    </>
  );
}
