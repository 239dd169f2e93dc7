import { formatDateTime } from '../components/dates';
import { Chip, Stack, Tooltip } from '@mui/material';
import { useTranslate } from 'react-admin';
import type { PolicyStatus } from './api';

const COLOR: Record<PolicyStatus, 'default' | 'info' | 'warning' | 'success' | 'primary' | 'secondary' | 'error'> = {
  draft: 'default',
  in_review: 'warning',
  approved: 'info',
  scheduled: 'secondary',
  published: 'success',
  superseded: 'default',
  withdrawn: 'error',
};

export function StatusChip({ status }: { status: PolicyStatus }) {
  const translate = useTranslate();
  return <Chip size="small" color={COLOR[status]} variant={status === 'superseded' ? 'outlined' : 'filled'} label={translate(`mc.policies.status.${status}`)} data-testid="status-chip" data-status={status} />;
}

/** "Material" with its 8.2 categories (each with its meaning on hover), or nothing. */
export function MaterialChips({ isMaterial, categories }: { isMaterial: boolean; categories: string[] }) {
  const translate = useTranslate();
  if (!isMaterial) return null;
  return (
    <Stack direction="row" spacing={0.5} sx={{ flexWrap: 'wrap' }}>
      <Chip size="small" color="error" variant="outlined" label={translate('mc.policies.material')} />
      {categories.map((c) => (
        <Tooltip key={c} title={translate(`mc.policies.category.${c}`)}>
          <Chip size="small" variant="outlined" label={`8.2 ${c}`} />
        </Tooltip>
      ))}
    </Stack>
  );
}

/** An instant in the reader's locale (with time). */
export const formatInstant = (iso: string | null | undefined, _locale?: string) => formatDateTime(iso);
