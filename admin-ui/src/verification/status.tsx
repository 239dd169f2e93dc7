import { Chip, Stack } from '@mui/material';
import { useLocaleState, useTranslate } from 'react-admin';
import type { ReasonCode } from './api';
import { own } from '../../../rules/own';

export const VERIFICATION_STATUSES = ['submitted', 'in_review', 'pending_second_approval', 'approved', 'resubmission_requested', 'rejected'] as const;
export const VERIFICATION_FLAGS = ['duplicate_id', 'minor_under_14', 'minor_under_18', 'id_expired', 'name_mismatch'] as const;
export const SUBJECT_TYPES = ['individual', 'enterprise'] as const;
export const ID_DOC_TYPES = ['resident_id', 'hk_macao_permit', 'taiwan_permit', 'passport', 'foreign_permanent_resident'] as const;
/** Cases older than this (hours since submission) are past the review SLA. */
export const SLA_HOURS = 48;

export const statusChoices = VERIFICATION_STATUSES.map((id) => ({ id, name: `mc.verification.status.${id}` }));
export const flagChoices = VERIFICATION_FLAGS.map((id) => ({ id, name: `mc.verification.flag.${id}` }));
export const subjectTypeChoices = SUBJECT_TYPES.map((id) => ({ id, name: `mc.verification.subject_type.${id}` }));
export const idDocTypeChoices = ID_DOC_TYPES.map((id) => ({ id, name: `mc.verification.id_doc_type.${id}` }));

const STATUS_COLORS = {
  submitted: 'info',
  in_review: 'primary',
  pending_second_approval: 'warning',
  approved: 'success',
  resubmission_requested: 'warning',
  rejected: 'error',
} as const;

export function VerificationStatusChip({ status }: { status?: string }) {
  const translate = useTranslate();
  if (!status) return null;
  return (
    <Chip
      size="small"
      data-testid="verification-status"
      data-status={status}
      color={own<(typeof STATUS_COLORS)[keyof typeof STATUS_COLORS]>(STATUS_COLORS, status) ?? 'default'}
      label={translate(`mc.verification.status.${status}`, { _: status })}
    />
  );
}

export function FlagChips({ flags }: { flags?: string[] }) {
  const translate = useTranslate();
  if (!flags?.length) return null;
  return (
    <Stack direction="row" spacing={0.5} sx={{ flexWrap: 'wrap', gap: 0.5 }} data-testid="flags">
      {flags.map((f) => (
        <Chip key={f} size="small" variant="outlined" color="warning" label={translate(`mc.verification.flag.${f}`, { _: f })} />
      ))}
    </Stack>
  );
}

/** A reason code's label in the UI language. */
export function useReasonLabel(): (r: Pick<ReasonCode, 'labelZh' | 'labelEn'>) => string {
  const [locale] = useLocaleState();
  return (r) => (locale.startsWith('zh') ? r.labelZh : r.labelEn);
}

/** A count as shown on chips and in pagination: the server stops counting at 10,001. */
export function formatCount(n: number, exact = n <= 10_000): string {
  return exact ? n.toLocaleString('en-US') : '10,000+';
}
