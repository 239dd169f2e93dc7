import DownloadIcon from '@mui/icons-material/Download';
import { Alert, Box, Button, Card, CardContent, LinearProgress, Stack, Typography } from '@mui/material';
import { BarPlot, ChartsContainer, ChartsGrid, ChartsTooltip, ChartsXAxis, ChartsYAxis, LinePlot, MarkPlot } from '@mui/x-charts';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useNotify, useTranslate } from 'react-admin';
import { PurposeDialog, download } from '../components';
import { policyApi, type AckStats } from './api';
import { usePolicyAbility } from './ability';

/** Per-day chart (@mui/x-charts): bars = new acknowledgements that day, line = cumulative rate (0-100 %). */
export function AckChart({ daily }: { daily: AckStats['daily'] }) {
  const translate = useTranslate();
  if (daily.length === 0) return <Typography color="text.secondary">{translate('mc.policies.acks_chart_empty')}</Typography>;
  const day = (_: unknown, { dataIndex }: { dataIndex: number }) =>
    translate('mc.policies.acks_day', { date: daily[dataIndex].date, count: daily[dataIndex].count, percent: (daily[dataIndex].rate * 100).toFixed(1) });
  // Bars at most 36 px wide and 70 % of a day's slot (the plot is about 580 px at full width).
  const slot = 580 / daily.length;
  const categoryGapRatio = 1 - Math.min(36, slot * 0.7) / slot;
  return (
    <Box sx={{ width: '100%', maxWidth: 640 }} role="img" aria-label={translate('mc.policies.acks_chart')} data-testid="ack-chart">
      <ChartsContainer
        height={200}
        margin={{ left: 8, right: 12, top: 12, bottom: 4 }}
        xAxis={[{ id: 'day', scaleType: 'band', data: daily.map((d) => d.date), valueFormatter: (d: string) => d.slice(5), categoryGapRatio }]}
        yAxis={[
          { id: 'rate', min: 0, max: 1, tickNumber: 5, valueFormatter: (r: number) => `${Math.round(r * 100)}%`, width: 48 },
          { id: 'count', min: 0, max: Math.max(1, ...daily.map((d) => d.count)), position: 'none' },
        ]}
        series={[
          { type: 'bar', id: 'count', yAxisId: 'count', data: daily.map((d) => d.count), color: 'rgba(25, 118, 210, 0.25)', valueFormatter: day },
          { type: 'line', id: 'rate', yAxisId: 'rate', data: daily.map((d) => Math.min(1, Math.max(0, d.rate))), color: '#1976d2', showMark: true, valueFormatter: day },
        ]}
      >
        <ChartsGrid horizontal />
        <BarPlot />
        <LinePlot />
        <MarkPlot />
        <ChartsXAxis axisId="day" />
        <ChartsYAxis axisId="rate" />
        <ChartsTooltip trigger="item" />
      </ChartsContainer>
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
