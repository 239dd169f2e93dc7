import { Box, Stack, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useLocaleState, useTranslate } from 'react-admin';
import { StatusChip, formatFen } from '../components';
import { rewardApi, type Reward } from './api';
import { PAYOUT_STATUS, REWARD_STATUS } from './status';

/** The programmes (staff), cached for the pages that pick or name one. */
export const useProgrammes = (enabled = true) => useQuery({ queryKey: ['rewardProgrammes'], queryFn: rewardApi.programmes, enabled });

/** The programme's name of a reward in the UI language. */
export function useProgrammeName(): (r: Pick<Reward, 'programmeNameZh' | 'programmeNameEn'>) => string {
  const [locale] = useLocaleState();
  return (r) => (locale.startsWith('zh') ? r.programmeNameZh : r.programmeNameEn);
}

/** "2026-11-01 – 2026-11-30" (PRC dates). */
export function PeriodText({ r }: { r: Pick<Reward, 'periodStart' | 'periodEnd'> }) {
  const translate = useTranslate();
  return <>{translate('mc.rewards.period_range', { start: r.periodStart, end: r.periodEnd })}</>;
}

/** ¥1,234.56, right-aligned digits. */
export function Amount({ fen, testId }: { fen: number; testId?: string }) {
  return (
    <Box component="span" sx={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }} data-testid={testId}>
      {formatFen(fen)}
    </Box>
  );
}

export function RewardStatusChip({ r }: { r: Pick<Reward, 'status'> }) {
  return <StatusChip status={r.status} style={REWARD_STATUS} />;
}

/** The payout's status chip and, when held, why (translated); "—" before approval. */
export function PayoutCell({ r }: { r: Pick<Reward, 'payout'> }) {
  const translate = useTranslate();
  if (!r.payout) return <>—</>;
  return (
    <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
      <StatusChip status={r.payout.status} style={PAYOUT_STATUS} />
      {r.payout.holdReason && (
        <Typography variant="body2" color="text.secondary" data-testid="hold-reason">
          {translate(`mc.rewards.hold_reason.${r.payout.holdReason}`, { _: r.payout.holdReason })}
        </Typography>
      )}
    </Stack>
  );
}
