import UploadFileIcon from '@mui/icons-material/UploadFile';
import { Alert, Box, Button, Card, CardContent, LinearProgress, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { Title, useTranslate } from 'react-admin';
import { formatDateTime, StatusChip } from '../components';
import { errorKey, rewardApi, type RewardImport } from './api';
import { IMPORT_STATUS } from './status';

/** The rows refused (row number, field, reason), as the server reported them. */
function RejectedRows({ imp }: { imp: RewardImport }) {
  const translate = useTranslate();
  return (
    <Table size="small" data-testid="import-errors">
      <TableHead>
        <TableRow>
          <TableCell>{translate('mc.rewards.import.row')}</TableCell>
          <TableCell>{translate('mc.rewards.import.field')}</TableCell>
          <TableCell>{translate('mc.rewards.import.reason')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {imp.errors.map((e, i) => (
          <TableRow key={i} data-testid="import-error">
            <TableCell>{e.row}</TableCell>
            <TableCell>{e.field}</TableCell>
            <TableCell>{e.reason}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** The current import: progress while validating (polled every second), then the result. */
function ImportResult({ imp, onSkipInvalid, busy }: { imp: RewardImport; onSkipInvalid(): void; busy: boolean }) {
  const translate = useTranslate();
  return (
    <Card variant="outlined" sx={{ mt: 2 }} data-testid="import-result" data-status={imp.status}>
      <CardContent>
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mb: 1 }}>
          <StatusChip status={imp.status} style={IMPORT_STATUS} />
          <Typography variant="body2" color="text.secondary">
            {imp.sha256.slice(0, 12)} · {formatDateTime(imp.createdAt)}
          </Typography>
        </Stack>
        {imp.status === 'validating' && (
          <>
            <Typography variant="body2">{translate('mc.rewards.import.validating', { name: imp.fileName, progress: imp.progress })}</Typography>
            <LinearProgress variant="determinate" value={imp.progress} sx={{ mt: 1 }} data-testid="import-progress" />
          </>
        )}
        {imp.status === 'imported' && (
          <Alert severity="success" data-testid="import-done">
            {translate('mc.rewards.import.imported', { imported: imp.rowsImported, total: imp.rowsTotal, name: imp.fileName })}
          </Alert>
        )}
        {imp.status !== 'validating' && imp.errors.length > 0 && (
          <>
            {imp.status === 'rejected' && (
              <Alert
                severity="error"
                sx={{ mb: 1 }}
                data-testid="import-rejected"
                action={
                  imp.rowsValid > 0 ? (
                    <Button color="inherit" size="small" disabled={busy} onClick={onSkipInvalid} data-testid="skip-invalid">
                      {translate('mc.rewards.import.skip_invalid', { smart_count: imp.rowsValid })}
                    </Button>
                  ) : undefined
                }
              >
                {translate('mc.rewards.import.rejected', { smart_count: imp.errors.length, name: imp.fileName })}
              </Alert>
            )}
            <RejectedRows imp={imp} />
          </>
        )}
      </CardContent>
    </Card>
  );
}

/** ops_reviewer / finance: uploads a CSV of rewards; every row is validated before anything is imported. */
export function RewardImportPage() {
  const translate = useTranslate();
  const queryClient = useQueryClient();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [sent, setSent] = useState(0);
  const [currentId, setCurrentId] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const current = useQuery({
    queryKey: ['rewardImport', currentId],
    queryFn: () => rewardApi.importOf(currentId!),
    enabled: !!currentId,
    refetchInterval: (q) => (q.state.data?.status === 'validating' ? 1000 : false),
  });
  const history = useQuery({ queryKey: ['rewardImports'], queryFn: rewardApi.imports });
  const upload = async (f: File, skipInvalidRows: boolean) => {
    setBusy(true);
    setSent(0);
    setError(null);
    try {
      const imp = await rewardApi.importCsv(f, skipInvalidRows, setSent);
      queryClient.setQueryData(['rewardImport', imp.id], imp);
      setCurrentId(imp.id);
      await queryClient.invalidateQueries({ queryKey: ['rewardImports'] });
      await queryClient.invalidateQueries({ queryKey: ['rewardTotals'] });
    } catch (e) {
      setError(errorKey(e));
    } finally {
      setBusy(false);
    }
  };
  const imp = current.data;
  return (
    <Box sx={{ mt: 2 }}>
      <Title title="mc.rewards.import.title" />
      <Card>
        <CardContent>
          <Typography variant="h6" gutterBottom>
            {translate('mc.rewards.import.title')}
          </Typography>
          <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
            {translate('mc.rewards.import.help')}
          </Typography>
          <input
            ref={input}
            type="file"
            accept=".csv,text/csv"
            hidden
            data-testid="import-input"
            onChange={async (e) => {
              const f = e.target.files?.[0];
              e.target.value = '';
              if (!f) return;
              setFile(f);
              await upload(f, false);
            }}
          />
          <Button variant="contained" startIcon={<UploadFileIcon />} disabled={busy} onClick={() => input.current?.click()} data-testid="import-choose">
            {translate('mc.rewards.import.choose')}
          </Button>
          {busy && (
            <Box sx={{ mt: 2 }} data-testid="import-upload">
              <Typography variant="body2">{translate('mc.rewards.import.uploading', { progress: Math.round(sent * 100) })}</Typography>
              <LinearProgress variant="determinate" value={sent * 100} sx={{ mt: 1 }} />
            </Box>
          )}
          {error && (
            <Alert severity="error" sx={{ mt: 2 }} data-testid="import-failure">
              {translate(error, { _: translate('mc.error.INTERNAL') })}
            </Alert>
          )}
          {imp && <ImportResult imp={imp} busy={busy} onSkipInvalid={() => file && upload(file, true)} />}
        </CardContent>
      </Card>
      <Card sx={{ mt: 2 }}>
        <CardContent>
          <Typography variant="h6" gutterBottom>
            {translate('mc.rewards.import.history')}
          </Typography>
          {history.data?.items.length === 0 && <Typography color="text.secondary">{translate('mc.rewards.import.none')}</Typography>}
          <Stack spacing={0.5}>
            {history.data?.items.map((h) => (
              <Stack key={h.id} direction="row" spacing={1} sx={{ alignItems: 'center' }} data-testid="import-history-row">
                <StatusChip status={h.status} style={IMPORT_STATUS} />
                <Typography variant="body2">
                  {h.fileName} · {formatDateTime(h.createdAt)} · {translate('mc.rewards.import.rows', { valid: h.rowsValid, total: h.rowsTotal, imported: h.rowsImported })}
                </Typography>
              </Stack>
            ))}
          </Stack>
        </CardContent>
      </Card>
    </Box>
  );
}
