import AddIcon from '@mui/icons-material/Add';
import { Box, Button, Card, CardContent, LinearProgress, Stack, TextField, Typography } from '@mui/material';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Title, useNotify, useTranslate } from 'react-admin';
import { useAbility } from '../abilities';
import { ActionDialog, formatFen, parseYuan } from '../components';
import { EmptyState } from '../components/EmptyState';
import { errorKey, rewardApi, rewardCan, type Programme } from './api';
import { useProgrammes } from './common';

const CODE = /^[A-Z][A-Z0-9_]{1,47}$/;

/** Share of the budget approved, 0-100, from integer fen (display only). */
const usedPercent = (p: Programme) => (p.budget > 0 ? Math.min(100, (p.approvedTotal / p.budget) * 100) : 0);

function ProgrammeCard({ p }: { p: Programme }) {
  const translate = useTranslate();
  return (
    <Card variant="outlined" data-testid={`programme-${p.code}`}>
      <CardContent>
        <Stack direction="row" spacing={1} sx={{ alignItems: 'baseline', mb: 1 }}>
          <Typography variant="h6">{p.nameZh}</Typography>
          <Typography color="text.secondary">
            {p.nameEn} · {p.code}
            {!p.active && ` · ${translate('mc.rewards.programmes.inactive')}`}
          </Typography>
        </Stack>
        <LinearProgress variant="determinate" value={usedPercent(p)} color={p.remaining === 0 ? 'error' : 'primary'} sx={{ height: 8, borderRadius: 4, mb: 1 }} />
        <Typography variant="body2" data-testid="programme-usage">
          {translate('mc.rewards.programmes.used', { approved: formatFen(p.approvedTotal), budget: formatFen(p.budget), remaining: formatFen(p.remaining) })}
        </Typography>
      </CardContent>
    </Card>
  );
}

/** finance: a new programme (code, names, budget typed in yuan, sent as integer fen). */
function CreateProgramme({ open, onClose }: { open: boolean; onClose(): void }) {
  const translate = useTranslate();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const [v, setV] = useState({ code: '', nameZh: '', nameEn: '', budget: '' });
  const budget = parseYuan(v.budget);
  const ok = CODE.test(v.code) && v.nameZh.trim() && v.nameEn.trim() && budget != null && budget > 0;
  const set = (k: keyof typeof v) => (e: React.ChangeEvent<HTMLInputElement>) => setV({ ...v, [k]: e.target.value });
  return (
    <ActionDialog
      open={open}
      title="mc.rewards.programmes.create_title"
      confirmLabel="mc.rewards.programmes.create"
      canConfirm={!!ok}
      errorKey={errorKey}
      onClose={onClose}
      onConfirm={async () => {
        await rewardApi.createProgramme({ code: v.code, nameZh: v.nameZh.trim(), nameEn: v.nameEn.trim(), budget: budget! });
        notify('mc.rewards.programmes.created', { type: 'success' });
        setV({ code: '', nameZh: '', nameEn: '', budget: '' });
        await queryClient.invalidateQueries({ queryKey: ['rewardProgrammes'] });
      }}
    >
      <Stack spacing={1}>
        <TextField name="code" label={translate('resources.rewardProgrammes.fields.code')} value={v.code} onChange={set('code')} helperText={translate('mc.rewards.programmes.code_help')} />
        <TextField name="nameZh" label={translate('resources.rewardProgrammes.fields.nameZh')} value={v.nameZh} onChange={set('nameZh')} />
        <TextField name="nameEn" label={translate('resources.rewardProgrammes.fields.nameEn')} value={v.nameEn} onChange={set('nameEn')} />
        <TextField
          name="budget"
          label={translate('resources.rewardProgrammes.fields.budget')}
          value={v.budget}
          onChange={set('budget')}
          error={v.budget !== '' && budget == null}
          helperText={budget != null ? formatFen(budget) : translate('mc.rewards.programmes.budget_help')}
        />
      </Stack>
    </ActionDialog>
  );
}

/** finance (and the staff who read them): every programme with budget, approved total and what is left. */
export function ProgrammeList() {
  const translate = useTranslate();
  const ability = useAbility();
  const { data, isPending } = useProgrammes();
  const [open, setOpen] = useState(false);
  return (
    <Box sx={{ mt: 2 }}>
      <Title title="mc.rewards.programmes.title" />
      <Stack direction="row" sx={{ justifyContent: 'flex-end', mb: 1 }}>
        {rewardCan(ability, 'create', 'RewardProgramme') && (
          <Button variant="contained" startIcon={<AddIcon />} onClick={() => setOpen(true)} data-testid="create-programme">
            {translate('mc.rewards.programmes.create')}
          </Button>
        )}
      </Stack>
      {isPending && <LinearProgress />}
      {data && data.length === 0 && <EmptyState message="mc.rewards.programmes.empty" />}
      <Stack spacing={1}>
        {data?.map((p) => (
          <ProgrammeCard key={p.id} p={p} />
        ))}
      </Stack>
      <CreateProgramme open={open} onClose={() => setOpen(false)} />
    </Box>
  );
}
