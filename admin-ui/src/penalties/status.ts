import type { ChipColor, StatusStyle, ActionDialogField } from '../components';

const COLORS: Record<string, ChipColor> = {
  draft: 'default',
  issued: 'error',
  revoked: 'success',
  cancelled: 'default',
  pending: 'warning',
  upheld: 'error',
  published: 'error',
  withdrawn: 'success',
};
const style = (group: 'status' | 'appeal_status'): StatusStyle => ({ labels: `mc.penalties.${group}`, colors: COLORS, testId: (s) => `status-${s}` });

/** A penalty's and an appeal's status as a chip (components/StatusChip). */
export const PENALTY_STATUS = style('status');
export const APPEAL_STATUS = style('appeal_status');

/** The reason asked by a revocation or an appeal decision (components/ActionDialog). */
export const REASON_FIELD: ActionDialogField = { name: 'reason', label: 'mc.penalties.reason', help: 'mc.penalties.reason_help', min: 2, max: 2000 };
