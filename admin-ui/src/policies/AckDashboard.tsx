import DownloadIcon from '@mui/icons-material/Download';
import { Alert, Box, Button, Card, CardContent, LinearProgress, Stack, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useNotify, useTranslate } from 'react-admin';
import { PurposeDialog, download } from '../components';
import { policyApi, type AckStats } from './api';
import { usePolicyAbility } from './ability';

const W = 640;
const H = 200;
const PAD = { l: 40, r: 12, t: 12, b: 28 };

/** Per-day chart in plain SVG: bars = new acknowledgements that day, line = cumulative rate (0-100 %). */
export function AckChart({ daily }: { daily: AckStats['daily'] }) {
  const translate = useTranslate();
  if (daily.length === 0) return <Typography color="text.secondary">{translate('mc.policies.acks_chart_empty')}</Typography>;
  const iw = W - PAD.l - PAD.r;
  const ih = H - PAD.t - PAD.b;
  const step = iw / daily.length;
  const maxCount = Math.max(1, ...daily.map((d) => d.count));
  const x = (i: number) => PAD.l + step * i + step / 2;
  const yRate = (r: number) => PAD.t + ih * (1 - Math.min(1, Math.max(0, r)));
  const line = daily.map((d, i) => `${i ? 'L' : 'M'}${x(i).toFixed(1)},${yRate(d.rate).toFixed(1)}`).join(' ');
  const labelEvery = Math.max(1, Math.ceil(daily.length / 8));
  return (
    <Box component="svg" viewBox={`0 0 ${W} ${H}`} sx={{ width: '100%', maxWidth: W, height: 'auto' }} role="img" aria-label={translate('mc.policies.acks_chart')} data-testid="ack-chart">
      {[0, 0.25, 0.5, 0.75, 1].map((g) => (
        <g key={g}>
          <line x1={PAD.l} x2={W - PAD.r} y1={yRate(g)} y2={yRate(g)} stroke="#e0e0e0" />
          <text x={PAD.l - 6} y={yRate(g) + 4} fontSize="10" textAnchor="end" fill="#757575">
            {Math.round(g * 100)}%
          </text>
        </g>
      ))}
      {daily.map((d, i) => {
        const h = (ih * d.count) / maxCount;
        return (
          <g key={d.date}>
            <rect x={x(i) - Math.min(18, step * 0.35)} width={Math.min(36, step * 0.7)} y={PAD.t + ih - h} height={h} fill="rgba(25, 118, 210, 0.25)">
              <title>{translate('mc.policies.acks_day', { date: d.date, count: d.count, percent: (d.rate * 100).toFixed(1) })}</title>
            </rect>
            {i % labelEvery === 0 && (
              <text x={x(i)} y={H - 8} fontSize="10" textAnchor="middle" fill="#757575">
                {d.date.slice(5)}
              </text>
            )}
          </g>
        );
      })}
      <path d={line} fill="none" stroke="#1976d2" strokeWidth="2" />
      {daily.map((d, i) => (
        <circle key={d.date} cx={x(i)} cy={yRate(d.rate)} r="3" fill="#1976d2">
          <title>{translate('mc.policies.acks_day', { date: d.date, count: d.count, percent: (d.rate * 100).toFixed(1) })}</title>
        </circle>
      ))}
    </Box>
  );
}

/** Acknowledgement rate of a published version, the per-day chart and the export of who has not acknowledged. */
export function AckDashboard({ versionId, versionNo }: { versionId: string; versionNo: number }) {
  const translate = useTranslate();
  const notify = useNotify();
  const ability = usePolicyAbility();
  const [open, setOpen] = useState(false);
  const { data } = useQuery({ queryKey: ['policyAckStats', versionId], queryFn: () => policyApi.ackStats(versionId), refetchInterval: 5000 });
  return (
    <Card data-testid="ack-dashboard">
      <CardContent>
        <Stack direction="row" sx={{ justifyContent: 'space-between', alignItems: 'center' }}>
          <Typography variant="h6">{translate('mc.policies.acks')}</Typography>
          {ability.can('export', 'PolicyAcknowledgement') && (
            <Button size="small" startIcon={<DownloadIcon />} onClick={() => setOpen(true)}>
              {translate('mc.policies.export_non_ack')}
            </Button>
          )}
        </Stack>
        {data && (
          <Stack spacing={1} sx={{ mt: 1 }}>
            {!data.isMaterial && <Alert severity="info">{translate('mc.policies.acks_not_material')}</Alert>}
            <Typography data-testid="ack-rate" data-rate={data.rate}>
              {translate('mc.policies.acks_rate', { acknowledged: data.acknowledged, merchants: data.merchants, percent: (data.rate * 100).toFixed(1) })}
            </Typography>
            <LinearProgress variant="determinate" value={Math.min(100, data.rate * 100)} color="success" sx={{ height: 8, borderRadius: 4 }} />
            <Typography variant="subtitle2" sx={{ pt: 1 }}>
              {translate('mc.policies.acks_chart')}
            </Typography>
            <AckChart daily={data.daily} />
          </Stack>
        )}
        <PurposeDialog
          open={open}
          title={translate('mc.policies.export_title', { n: versionNo })}
          confirmLabel="ra.action.export"
          onClose={() => setOpen(false)}
          onConfirm={async (purpose) => {
            // Pages of up to 10,000 rows, joined into one file (header kept once).
            let csv = '';
            let rows = 0;
            let after: string | null | undefined;
            do {
              const page = await policyApi.exportNonAcknowledgers(versionId, purpose, after ?? undefined);
              csv = csv ? `${csv.endsWith('\n') ? csv : `${csv}\n`}${page.csv.split('\n').slice(1).join('\n')}` : page.csv;
              rows += page.rowCount;
              after = page.nextAfter;
            } while (after);
            download(`policy-v${versionNo}-non-acknowledgers.csv`, csv);
            notify('mc.policies.exported', { type: 'success', messageArgs: { smart_count: rows } });
            setOpen(false);
          }}
        />
      </CardContent>
    </Card>
  );
}
