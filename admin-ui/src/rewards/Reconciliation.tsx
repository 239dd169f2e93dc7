import { Alert, Box, Button, Card, CardContent, LinearProgress, Stack, Table, TableBody, TableCell, TableHead, TableRow, TextField, Typography } from '@mui/material';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Title, useTranslate } from 'react-admin';
import { addCalendarDays } from '../../../rules/dates';
import { formatDateTime, formatFen, prcToday } from '../components';
import { errorKey, rewardApi } from './api';

/**
 * finance: the daily reconciliation of the payout ledger against the provider's records (the job
 * runs it for yesterday every morning; "reconcile now" runs it again for the chosen PRC date).
 * Differences are listed by business number with both amounts (integer fen, shown in yuan).
 */
export function ReconciliationPage() {
  const translate = useTranslate();
  const queryClient = useQueryClient();
  const today = prcToday();
  const [date, setDate] = useState(addCalendarDays(today, -1));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(date) && date <= today;
  const latest = useQuery({ queryKey: ['payoutReconciliation', date], queryFn: () => rewardApi.reconciliation(date), enabled: valid });
  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      queryClient.setQueryData(['payoutReconciliation', date], await rewardApi.reconcile(date));
    } catch (e) {
      setError(errorKey(e));
    } finally {
      setBusy(false);
    }
  };
  const r = latest.data;
  return (
    <Box sx={{ mt: 2 }}>
      <Title title="mc.rewards.reconciliation.title" />
      <Card>
        <CardContent>
          <Typography variant="h6" gutterBottom>
            {translate('mc.rewards.reconciliation.title')}
          </Typography>
          <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
            {translate('mc.rewards.reconciliation.help')}
          </Typography>
          <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ alignItems: { sm: 'center' } }}>
            <TextField
              type="date"
              size="small"
              label={translate('mc.rewards.reconciliation.date')}
              value={date}
              onChange={(e) => setDate(e.target.value)}
              slotProps={{ inputLabel: { shrink: true }, htmlInput: { max: today, 'data-testid': 'reconciliation-date' } }}
              error={!valid}
              sx={{ width: { sm: 240 } }}
              helperText={valid ? undefined : translate('errors.RECONCILIATION_DATE_AHEAD')}
            />
            <Button variant="contained" disabled={busy || !valid} onClick={run} sx={{ whiteSpace: 'nowrap', flexShrink: 0 }} data-testid="reconcile-now">
              {translate('mc.rewards.reconciliation.run')}
            </Button>
          </Stack>
          {(busy || latest.isFetching) && <LinearProgress sx={{ mt: 2 }} />}
          {error && (
            <Alert severity="error" sx={{ mt: 2 }} data-testid="reconciliation-failure">
              {translate(error, { _: translate('mc.error.INTERNAL') })}
            </Alert>
          )}
        </CardContent>
      </Card>
      {valid && latest.isSuccess && (
        <Card sx={{ mt: 2 }} data-testid="reconciliation-result">
          <CardContent>
            {!r ? (
              <Typography color="text.secondary" data-testid="reconciliation-none">
                {translate('mc.rewards.reconciliation.none', { date })}
              </Typography>
            ) : (
              <>
                <Typography variant="body2" sx={{ mb: 1 }} data-testid="reconciliation-counts">
                  {translate('mc.rewards.reconciliation.counts', { date: r.date, runAt: formatDateTime(r.runAt), ledger: r.ledgerCount, provider: r.providerCount })}
                </Typography>
                {r.differences.length === 0 ? (
                  <Alert severity="success" data-testid="reconciliation-clean">
                    {translate('mc.rewards.reconciliation.clean')}
                  </Alert>
                ) : (
                  <>
                    <Alert severity="warning" sx={{ mb: 1 }}>
                      {translate('mc.rewards.reconciliation.found', { smart_count: r.differences.length })}
                    </Alert>
                    <Box sx={{ overflowX: 'auto' }}>
                      <Table size="small" data-testid="reconciliation-differences">
                        <TableHead>
                          <TableRow>
                            <TableCell>{translate('mc.rewards.reconciliation.kind')}</TableCell>
                            <TableCell>{translate('mc.rewards.reconciliation.business_number')}</TableCell>
                            <TableCell align="right">{translate('mc.rewards.reconciliation.ledger_amount')}</TableCell>
                            <TableCell align="right">{translate('mc.rewards.reconciliation.provider_amount')}</TableCell>
                          </TableRow>
                        </TableHead>
                        <TableBody>
                          {r.differences.map((d) => (
                            <TableRow key={`${d.kind}-${d.businessNumber}`} data-testid="reconciliation-difference">
                              <TableCell>{translate(`mc.rewards.reconciliation.kinds.${d.kind}`, { _: d.kind })}</TableCell>
                              <TableCell>{d.businessNumber}</TableCell>
                              <TableCell align="right">{d.ledgerAmount === null ? '—' : formatFen(d.ledgerAmount)}</TableCell>
                              <TableCell align="right">{d.providerAmount === null ? '—' : formatFen(d.providerAmount)}</TableCell>
                            </TableRow>
                          ))}
                        </TableBody>
                      </Table>
                    </Box>
                  </>
                )}
              </>
            )}
          </CardContent>
        </Card>
      )}
    </Box>
  );
}
