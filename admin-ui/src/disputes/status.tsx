import { Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import type { ActionDialogField, StatusStyle } from '../components';
import type { Dispute } from './api';

/** A dispute's status as a chip (components/StatusChip). */
export const DISPUTE_STATUS: StatusStyle = {
  labels: 'mc.disputes.status',
  colors: { open: 'info', awaiting_merchant: 'warning', awaiting_platform: 'primary', escalated: 'error', resolved: 'success', closed: 'default', withdrawn: 'default' },
  outlined: ['closed', 'withdrawn'],
  testId: (s) => `status-${s}`,
};
/** A disclosure request's status as a chip. */
export const DISCLOSURE_STATUS: StatusStyle = {
  labels: 'mc.disputes.disclosure.status',
  colors: { requested: 'warning', approved: 'success', refused: 'default', closed: 'default' },
  outlined: ['closed'],
  testId: (s) => `disclosure-status-${s}`,
};

/** The reason of a step, resolution or decision (2-2000 characters, as the server asks). */
export const REASON_FIELD: ActionDialogField = { name: 'reason', label: 'mc.disputes.reason', help: 'mc.disputes.reason_help', min: 2, max: 2000 };

/** "3 working days left" / "due today" / "2 working days overdue" (red), from the server's count; nothing when not awaiting the merchant. */
export function Deadline({ d }: { d: Pick<Dispute, 'workingDaysLeft' | 'overdue' | 'responseDueOn' | 'status'> }) {
  const translate = useTranslate();
  if (d.workingDaysLeft == null || d.status !== 'awaiting_merchant') return <>—</>;
  const n = d.workingDaysLeft;
  const late = d.overdue || n < 0;
  const text = late
    ? translate('mc.disputes.deadline.overdue', { smart_count: Math.max(1, -n) })
    : n === 0
      ? translate('mc.disputes.deadline.today')
      : translate('mc.disputes.deadline.left', { smart_count: n });
  return (
    <Typography
      component="span"
      variant="body2"
      color={late ? 'error' : n <= 1 ? 'warning.main' : undefined}
      sx={{ fontWeight: late ? 'bold' : undefined, whiteSpace: 'nowrap' }}
      data-testid="deadline"
      data-overdue={late}
      title={d.responseDueOn ? translate('mc.disputes.deadline.due_on', { date: d.responseDueOn }) : undefined}
    >
      {text}
    </Typography>
  );
}
