import ManageAccountsIcon from '@mui/icons-material/ManageAccounts';
import { Button, Dialog, DialogActions, DialogContent, DialogTitle } from '@mui/material';
import { useState } from 'react';
import { CheckboxGroupInput, Form, SaveButton, required, useGetIdentity, useNotify, useRecordContext, useTranslate, useUpdate } from 'react-admin';
import type { FieldValues } from 'react-hook-form';
import { useAbility } from '../abilities';
import { ActionDialog } from '../components';
import { roleChoices } from './roles';

/**
 * Edits one staff member's roles in a dialog (the API has no single-staff query, so the record
 * comes from the list). Saving is pessimistic; taking roles away asks for confirmation first.
 * Hidden for one's own account, whose roles the server refuses to change.
 */
export function EditRolesButton() {
  const record = useRecordContext();
  const ability = useAbility();
  const { identity } = useGetIdentity();
  const translate = useTranslate();
  const notify = useNotify();
  const [open, setOpen] = useState(false);
  const [pending, setPending] = useState<string[] | null>(null);
  const [update, { isPending }] = useUpdate();
  if (!record || !ability.can('update', 'StaffAccount') || String(identity?.id) === String(record.id)) return null;

  const save = async (roles: string[]) => {
    await update('staffAccounts', { id: record.id, data: { roles }, previousData: record }, { mutationMode: 'pessimistic', returnPromise: true });
    notify('mc.staff.roles_saved', { type: 'success' });
    setPending(null);
    setOpen(false);
  };
  const submit = ({ roles }: FieldValues) => {
    const removed = (record.roles as string[]).filter((r) => !roles.includes(r));
    if (removed.length) return setPending(roles);
    return save(roles).catch((e) => notify(e instanceof Error ? e.message : 'mc.error.INTERNAL', { type: 'error' }));
  };

  return (
    <>
      <Button size="small" startIcon={<ManageAccountsIcon />} onClick={(e) => (e.stopPropagation(), setOpen(true))}>
        {translate('mc.staff.edit_roles')}
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} onClick={(e) => e.stopPropagation()} fullWidth maxWidth="sm">
        <Form record={{ roles: record.roles }} onSubmit={submit}>
          <DialogTitle>{translate('mc.staff.edit_roles_of', { name: record.displayName })}</DialogTitle>
          <DialogContent>
            <CheckboxGroupInput source="roles" resource="staffAccounts" choices={roleChoices} validate={required()} row={false} />
          </DialogContent>
          <DialogActions>
            <Button onClick={() => setOpen(false)}>{translate('ra.action.cancel')}</Button>
            <SaveButton disabled={isPending} alwaysEnable={false} />
          </DialogActions>
        </Form>
      </Dialog>
      <ActionDialog
        open={pending !== null}
        title="mc.staff.remove_roles_title"
        message="mc.staff.remove_roles_content"
        translateOptions={{ name: record.displayName }}
        onConfirm={() => save(pending ?? [])}
        onClose={() => setPending(null)}
      />
    </>
  );
}
