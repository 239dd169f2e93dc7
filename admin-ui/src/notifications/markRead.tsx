import DoneAllIcon from '@mui/icons-material/DoneAll';
import DoneIcon from '@mui/icons-material/Done';
import { Button } from '@mui/material';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useDataProvider, useListContext, useNotify, useRecordContext, useTranslate, useUnselectAll, type Identifier } from 'react-admin';
import type { ConsoleDataProvider } from '../providers/dataProvider';

/** Marks notifications read (all without ids), then refreshes the inbox and the bell. */
function useMarkRead() {
  const dataProvider = useDataProvider<ConsoleDataProvider>();
  const queryClient = useQueryClient();
  const notify = useNotify();
  return useMutation({
    mutationFn: (ids?: Identifier[]) => dataProvider.markNotificationsRead(ids),
    onSuccess: (changed) => {
      notify('mc.notifications.marked', { type: 'info', messageArgs: { smart_count: changed } });
      return queryClient.invalidateQueries({ queryKey: ['notifications'] });
    },
    onError: (e) => notify(e instanceof Error ? e.message : 'mc.error.INTERNAL', { type: 'error' }),
  });
}

/** Row button, for an unread notification. */
export function MarkReadButton() {
  const record = useRecordContext();
  const translate = useTranslate();
  const { mutate, isPending } = useMarkRead();
  if (!record || record.readAt) return null;
  return (
    <Button size="small" startIcon={<DoneIcon />} disabled={isPending} onClick={(e) => (e.stopPropagation(), mutate([record.id]))}>
      {translate('mc.notifications.mark_read')}
    </Button>
  );
}

/** Bulk action on the selected rows. */
export function MarkSelectedReadButton() {
  const { selectedIds } = useListContext();
  const unselectAll = useUnselectAll('notifications');
  const translate = useTranslate();
  const { mutate, isPending } = useMarkRead();
  return (
    <Button size="small" startIcon={<DoneIcon />} disabled={isPending} onClick={() => mutate(selectedIds, { onSuccess: () => unselectAll() })}>
      {translate('mc.notifications.mark_read')}
    </Button>
  );
}

/** List action: everything read. */
export function MarkAllReadButton() {
  const translate = useTranslate();
  const { mutate, isPending } = useMarkRead();
  return (
    <Button size="small" startIcon={<DoneAllIcon />} disabled={isPending} onClick={() => mutate(undefined)}>
      {translate('mc.notifications.mark_all_read')}
    </Button>
  );
}
