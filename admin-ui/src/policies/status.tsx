import { Chip, Stack, Tooltip } from '@mui/material';
import { useTranslate } from 'react-admin';
import type { ChipColor, StatusStyle } from '../components';
import type { PolicyStatus } from './api';

const COLORS: Record<PolicyStatus, ChipColor> = {
  draft: 'default',
  in_review: 'warning',
  approved: 'info',
  scheduled: 'secondary',
  published: 'success',
  superseded: 'default',
  withdrawn: 'error',
};

/** A policy version's status as a chip (components/StatusChip). */
export const POLICY_STATUS: StatusStyle = { labels: 'mc.policies.status', colors: COLORS, outlined: ['superseded'], testId: 'status-chip' };

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
