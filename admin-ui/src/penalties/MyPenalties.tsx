import { prcToday, StatusChip } from '../components';
import { Alert, Box, Button, Card, CardContent, Divider, Stack, TextField as MuiTextField, Typography } from '@mui/material';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Datagrid, FunctionField, List, Show, TextField, useNotify, useRecordContext, useRefresh, useTranslate } from 'react-admin';
import { useAbility } from '../abilities';
import { EmptyState } from '../components/EmptyState';
import { errorKey, penaltyApi, useLocalName, type Penalty } from './api';
import { FileUploader, type UploadedFile } from './files';
import { PENALTY_STATUS } from './status';
import { AppealsOf, PenaltyDetails, usePenaltyAppeals } from './PenaltyShow';
import { SanctionText } from './PenaltyList';

/** Points deducted from the merchant's own store. */
function PointsSummary() {
  const translate = useTranslate();
  const { data } = useQuery({
    queryKey: ['storePenaltyPoints'],
    queryFn: penaltyApi.myPoints,
  });
  if (!data) return null;
  return (
    <Alert severity={data.totalPoints > 0 ? 'warning' : 'info'} sx={{ mb: 1 }} data-testid="points-total">
      {translate('mc.my_penalties.points', { total: data.totalPoints, year: data.year, thisYear: data.pointsThisYear })}
    </Alert>
  );
}

/** "我的处罚": the store's issued and revoked penalties. */
export function MyPenaltyList() {
  const name = useLocalName();
  return (
    <List exporter={false} sort={{ field: 'createdAt', order: 'DESC' }} title="mc.my_penalties.title" empty={<EmptyState message="mc.my_penalties.empty" />} aside={undefined}>
      <Box sx={{ p: 2, pb: 0 }}>
        <PointsSummary />
      </Box>
      <Datagrid rowClick="show" bulkActionButtons={false}>
        <TextField source="issuedOn" sortBy="issuedAt" emptyText="—" />
        <FunctionField source="category" sortable={false} render={(r: Penalty) => name(r.category)} />
        <FunctionField source="sanction" sortable={false} render={(r: Penalty) => <SanctionText p={r} />} />
        <FunctionField source="status" sortable={false} render={(r: Penalty) => <StatusChip status={r.status} style={PENALTY_STATUS} />} />
        <TextField source="appealDeadline" sortable={false} emptyText="—" />
      </Datagrid>
    </List>
  );
}

/** The appeal form: reason and proof files; shown only while an appeal is allowed. */
function AppealForm({ p }: { p: Penalty }) {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const [files, setFiles] = useState<UploadedFile[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const n = reason.trim().length;
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      await penaltyApi.submitAppeal({ penaltyId: p.id, reason: reason.trim(), proofFileIds: files.map((f) => f.id) });
      notify('mc.my_penalties.appeal_sent', { type: 'success' });
      setReason('');
      setFiles([]);
      await queryClient.invalidateQueries();
      refresh();
    } catch (e) {
      setError(errorKey(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card variant="outlined" sx={{ mt: 2 }} data-testid="appeal-form">
      <CardContent>
        <Typography variant="h6" gutterBottom>
          {translate('mc.my_penalties.appeal_title')}
        </Typography>
        <Typography variant="body2" color="text.secondary" gutterBottom>
          {translate('mc.my_penalties.appeal_help', { date: p.appealDeadline ?? '', left: p.appealsAllowed - p.appealCount })}
        </Typography>
        <MuiTextField
          fullWidth
          multiline
          minRows={3}
          name="appealReason"
          label={translate('mc.my_penalties.appeal_reason')}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          error={n > 0 && (n < 10 || n > 2000)}
          helperText={translate('mc.penalties.reason_help', { min: 10, max: 2000 })}
          sx={{ mb: 2 }}
        />
        <Typography variant="subtitle2">{translate('mc.my_penalties.proofs')}</Typography>
        <FileUploader mutation="uploadAppealProof" files={files} onChange={setFiles} max={10} testId="proof-input" />
        {error && (
          <Alert severity="error" sx={{ mb: 1 }} data-testid="appeal-error">
            {translate(error, { _: translate('mc.error.INTERNAL') })}
          </Alert>
        )}
        <Button variant="contained" disabled={busy || n < 10 || n > 2000} onClick={submit} data-testid="submit-appeal">
          {translate('mc.my_penalties.submit_appeal')}
        </Button>
      </CardContent>
    </Card>
  );
}

/** Why no appeal form is shown, or the form. */
function AppealArea({ p }: { p: Penalty }) {
  const translate = useTranslate();
  const ability = useAbility();
  const { data: appeals = [] } = usePenaltyAppeals(p.id);
  if (p.status !== 'issued') return null;
  const canAppeal = ability.can('create', 'PenaltyAppeal');
  let why: string | null = null;
  if (appeals.some((a) => a.status === 'pending')) why = 'errors.APPEAL_PENDING';
  else if (!p.appealDeadline || prcToday() > p.appealDeadline) why = 'errors.APPEAL_WINDOW_CLOSED';
  else if (p.appealCount >= p.appealsAllowed) why = 'errors.APPEAL_LIMIT_REACHED';
  if (!canAppeal) return null;
  if (why)
    return (
      <Alert severity="info" sx={{ mt: 2 }}>
        {translate(why)}
      </Alert>
    );
  return <AppealForm p={p} />;
}

function MyPenaltyBody() {
  const p = useRecordContext<Penalty>();
  const translate = useTranslate();
  if (!p) return null;
  return (
    <CardContent>
      <PenaltyDetails p={p} />
      <AppealArea p={p} />
      <Box sx={{ mt: 3 }}>
        <Typography variant="h6" gutterBottom>
          {translate('mc.appeals.title')}
        </Typography>
        <Divider sx={{ mb: 1 }} />
        <Stack>
          <AppealsOf penaltyId={p.id} />
        </Stack>
      </Box>
    </CardContent>
  );
}

/** A merchant's view of one of its penalties, with the appeal form while allowed. */
export function MyPenaltyShow() {
  return (
    <Show actions={false}>
      <MyPenaltyBody />
    </Show>
  );
}
