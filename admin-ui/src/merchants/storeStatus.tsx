import { Chip } from '@mui/material';
import { useTranslate } from 'react-admin';
import { own } from '../../../rules/own';

/** Store statuses (StoreSummary.status). */
export const STORE_STATUSES = ['pending_verification', 'open', 'suspended', 'closed'] as const;

export const storeStatusChoices = STORE_STATUSES.map((id) => ({ id, name: `mc.store_status.${id}` }));

const COLORS = { open: 'success', pending_verification: 'warning', suspended: 'error', closed: 'default' } as const;

export function StoreStatusChip({ status }: { status?: string }) {
  const translate = useTranslate();
  if (!status) return null;
  return <Chip size="small" color={own<(typeof COLORS)[keyof typeof COLORS]>(COLORS, status) ?? 'default'} label={translate(`mc.store_status.${status}`, { _: status })} />;
}
