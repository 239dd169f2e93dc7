import type { StatusStyle } from '../components';

/** Store statuses (StoreSummary.status). */
export const STORE_STATUSES = ['pending_verification', 'open', 'suspended', 'closed'] as const;

export const storeStatusChoices = STORE_STATUSES.map((id) => ({ id, name: `mc.store_status.${id}` }));

/** A store's status as a chip (components/StatusChip). */
export const STORE_STATUS: StatusStyle = {
  labels: 'mc.store_status',
  colors: { open: 'success', pending_verification: 'warning', suspended: 'error', closed: 'default' },
};
