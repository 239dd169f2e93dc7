import { formatDateTime } from '../components';
import { Box, Card, CardContent, Chip, LinearProgress, Stack, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useTranslate } from 'react-admin';
import { policyApi } from './api';

/** Progress of the notification of every merchant; polls every second while it runs. */
export function FanOutProgress({ versionId }: { versionId: string }) {
  const translate = useTranslate();
  const { data } = useQuery({
    queryKey: ['policyFanOut', versionId],
    queryFn: () => policyApi.fanOut(versionId),
    refetchInterval: (q) => (q.state.data?.status === 'completed' ? false : 1000),
  });
  return (
    <Card data-testid="fan-out">
      <CardContent>
        <Typography variant="h6" gutterBottom>
          {translate('mc.policies.fan_out')}
        </Typography>
        {!data ? (
          <Typography color="text.secondary">{translate('mc.policies.fan_out_none')}</Typography>
        ) : (
          <Stack spacing={1}>
            <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
              <Chip
                size="small"
                color={data.status === 'completed' ? 'success' : 'info'}
                label={translate(`mc.policies.fan_out_status.${data.status}`)}
                data-testid="fan-out-status"
                data-status={data.status}
              />
              <Chip size="small" variant="outlined" label={translate(data.withSms ? 'mc.policies.fan_out_sms' : 'mc.policies.fan_out_inbox')} />
            </Stack>
            <Box>
              <LinearProgress variant="determinate" value={Math.round(data.progress * 100)} sx={{ height: 8, borderRadius: 4 }} />
            </Box>
            <Typography variant="body2">{translate('mc.policies.fan_out_progress', { done: data.done, total: data.total, percent: Math.round(data.progress * 100) })}</Typography>
            <Typography variant="caption" color="text.secondary">
              {formatDateTime(data.startedAt)} → {formatDateTime(data.finishedAt)}
            </Typography>
          </Stack>
        )}
      </CardContent>
    </Card>
  );
}
