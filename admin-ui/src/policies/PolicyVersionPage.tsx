import SaveIcon from '@mui/icons-material/Save';
import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  Checkbox,
  CircularProgress,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  FormControlLabel,
  FormGroup,
  FormHelperText,
  Grid,
  List as MuiList,
  ListItem,
  ListItemText,
  MenuItem,
  Stack,
  Switch,
  TextField,
  Typography,
} from '@mui/material';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Confirm, Link, Title, useGetIdentity, useLocaleState, useNotify, useTranslate } from 'react-admin';
import { useParams } from 'react-router-dom';
import { GraphQLRequestError } from '../graphql';
import { AckDashboard } from './AckDashboard';
import { ClauseList, LivePreview } from './ClausePreview';
import { DiffView } from './DiffView';
import { FanOutProgress } from './FanOutProgress';
import { MATERIAL_CATEGORIES, policyApi, type PolicyVersion } from './api';
import { usePolicyAbility } from './ability';
import { useDocumentTitle } from './PolicyDocumentPage';
import { MaterialChips, StatusChip, formatInstant } from './StatusChip';

/** Today's (or an instant's) calendar date in China, YYYY-MM-DD. */
export const prcDate = (d = new Date()) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
/** A Date -> the value of an <input type="datetime-local"> in local time. */
const localInput = (d: Date) => new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);

interface Draft {
  bodyZh: string;
  bodyEn: string;
  changeSummary: string;
  effectiveDate: string;
  isMaterial: boolean;
  materialCategories: string[];
}
const draftOf = (v: PolicyVersion): Draft => ({
  bodyZh: v.bodyZh,
  bodyEn: v.bodyEn ?? '',
  changeSummary: v.changeSummary ?? '',
  effectiveDate: v.effectiveDate ?? '',
  isMaterial: v.isMaterial,
  materialCategories: v.materialCategories,
});
const sameDraft = (a: Draft, b: Draft) => JSON.stringify(a) === JSON.stringify(b);

/** The six categories of clause 8.2 with their meaning; at least one when material. */
export function MaterialForm({ value, onChange, disabled, error }: { value: Pick<Draft, 'isMaterial' | 'materialCategories'>; onChange(v: Pick<Draft, 'isMaterial' | 'materialCategories'>): void; disabled?: boolean; error?: string }) {
  const translate = useTranslate();
  const missing = value.isMaterial && value.materialCategories.length === 0;
  return (
    <Box data-testid="material-form">
      <Typography variant="subtitle1" sx={{ fontWeight: 'bold' }}>
        {translate('mc.policies.material_title')}
      </Typography>
      <FormControlLabel
        control={<Switch checked={value.isMaterial} disabled={disabled} onChange={(e) => onChange({ isMaterial: e.target.checked, materialCategories: e.target.checked ? value.materialCategories : [] })} name="isMaterial" />}
        label={translate('mc.policies.material')}
      />
      <FormHelperText>{translate('mc.policies.material_help')}</FormHelperText>
      {value.isMaterial && (
        <FormGroup sx={{ pl: 1 }}>
          {MATERIAL_CATEGORIES.map((c) => (
            <FormControlLabel
              key={c}
              control={
                <Checkbox
                  size="small"
                  name={`category-${c}`}
                  disabled={disabled}
                  checked={value.materialCategories.includes(c)}
                  onChange={(e) =>
                    onChange({ isMaterial: true, materialCategories: e.target.checked ? [...value.materialCategories, c].sort() : value.materialCategories.filter((x) => x !== c) })
                  }
                />
              }
              label={translate(`mc.policies.category.${c}`)}
            />
          ))}
        </FormGroup>
      )}
      {(missing || error) && <FormHelperText error>{error ?? translate('mc.policies.material_needs_category')}</FormHelperText>}
    </Box>
  );
}

function Editor({ version, onSaved, onDirty }: { version: PolicyVersion; onSaved(v: PolicyVersion): void; onDirty(d: boolean): void }) {
  const translate = useTranslate();
  const notify = useNotify();
  const [draft, setDraft] = useState<Draft>(() => draftOf(version));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const dirty = !sameDraft(draft, draftOf(version));
  useEffect(() => onDirty(dirty), [dirty, onDirty]);
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  const save = async () => {
    setBusy(true);
    setErrors({});
    try {
      // Pessimistic: the page shows the server's answer (with the recovered structure), never a guess.
      const saved = await policyApi.updateDraft({
        id: version.id,
        expectedRowVersion: version.rowVersion,
        bodyZh: draft.bodyZh,
        bodyEn: draft.bodyEn,
        changeSummary: draft.changeSummary,
        ...(draft.effectiveDate ? { effectiveDate: draft.effectiveDate } : {}),
        isMaterial: draft.isMaterial,
        materialCategories: draft.materialCategories,
      });
      setDraft(draftOf(saved));
      onSaved(saved);
      notify('mc.policies.saved', { type: 'success' });
    } catch (e) {
      if (e instanceof GraphQLRequestError && e.body) setErrors(e.body.errors);
      notify(e instanceof Error ? e.message : 'mc.error.INTERNAL', { type: 'error' });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Grid container spacing={2}>
      <Grid size={{ xs: 12, lg: 7 }}>
        <Stack spacing={2}>
          <TextField
            name="bodyZh"
            label={translate('mc.policies.field.bodyZh')}
            value={draft.bodyZh}
            onChange={(e) => set({ bodyZh: e.target.value })}
            multiline
            minRows={14}
            maxRows={28}
            required
            error={!!errors.bodyZh || !draft.bodyZh.trim()}
            helperText={errors.bodyZh}
            slotProps={{ htmlInput: { 'data-testid': 'body-zh', style: { fontFamily: 'monospace', fontSize: 13 } } }}
          />
          <TextField
            name="bodyEn"
            label={translate('mc.policies.field.bodyEn')}
            value={draft.bodyEn}
            onChange={(e) => set({ bodyEn: e.target.value })}
            multiline
            minRows={4}
            maxRows={16}
            error={!!errors.bodyEn}
            helperText={errors.bodyEn}
            slotProps={{ htmlInput: { style: { fontFamily: 'monospace', fontSize: 13 } } }}
          />
          <TextField
            name="changeSummary"
            label={translate('mc.policies.field.changeSummary')}
            value={draft.changeSummary}
            onChange={(e) => set({ changeSummary: e.target.value })}
            multiline
            minRows={2}
            error={!!errors.changeSummary}
            helperText={errors.changeSummary}
          />
          <TextField
            name="effectiveDate"
            type="date"
            label={translate('mc.policies.field.effectiveDate')}
            value={draft.effectiveDate}
            onChange={(e) => set({ effectiveDate: e.target.value })}
            error={!!errors.effectiveDate}
            helperText={errors.effectiveDate}
            slotProps={{ inputLabel: { shrink: true } }}
            sx={{ maxWidth: 240 }}
          />
          <MaterialForm value={draft} onChange={set} error={errors.materialCategories ?? errors.isMaterial} />
          <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
            <Button variant="contained" startIcon={busy ? <CircularProgress size={16} /> : <SaveIcon />} disabled={busy || !dirty} onClick={save} data-testid="save-draft">
              {translate('mc.policies.save')}
            </Button>
            {dirty && <Typography color="warning.main">{translate('mc.policies.unsaved')}</Typography>}
          </Stack>
        </Stack>
      </Grid>
      <Grid size={{ xs: 12, lg: 5 }}>
        <LivePreview body={draft.bodyZh} />
      </Grid>
    </Grid>
  );
}

function ScheduleDialog({ version, open, onClose, onDone }: { version: PolicyVersion; open: boolean; onClose(): void; onDone(v: PolicyVersion): void }) {
  const translate = useTranslate();
  const notify = useNotify();
  const [publishAt, setPublishAt] = useState(() => localInput(version.publishAt ? new Date(version.publishAt) : new Date(Date.now() + 60 * 60_000)));
  const [effectiveDate, setEffectiveDate] = useState(version.effectiveDate ?? prcDate());
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    setErrors({});
    try {
      const at = new Date(publishAt);
      const v = await policyApi.schedule({ id: version.id, expectedRowVersion: version.rowVersion, publishAt: at.toISOString(), effectiveDate });
      notify('mc.policies.done.schedule', { type: 'success' });
      onDone(v);
    } catch (e) {
      if (e instanceof GraphQLRequestError && e.body) setErrors(e.body.errors);
      notify(e instanceof Error ? e.message : 'mc.error.INTERNAL', { type: 'error' });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog open={open} onClose={onClose} fullWidth maxWidth="sm">
      <DialogTitle>{translate('mc.policies.schedule_title', { n: version.versionNo })}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }}>
          <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
            <TextField
              name="publishAt"
              type="datetime-local"
              label={translate('mc.policies.publish_at')}
              value={publishAt}
              onChange={(e) => setPublishAt(e.target.value)}
              error={!!errors.publishAt}
              helperText={errors.publishAt}
              slotProps={{ inputLabel: { shrink: true } }}
              sx={{ flex: 1 }}
            />
            <Button
              onClick={() => {
                setPublishAt(localInput(new Date()));
                if (effectiveDate < prcDate()) setEffectiveDate(prcDate());
              }}
              data-testid="publish-now"
            >
              {translate('mc.policies.publish_now')}
            </Button>
          </Stack>
          <TextField
            name="scheduleEffectiveDate"
            type="date"
            label={translate('mc.policies.effective_date')}
            value={effectiveDate}
            onChange={(e) => setEffectiveDate(e.target.value)}
            error={!!errors.effectiveDate}
            helperText={errors.effectiveDate}
            slotProps={{ inputLabel: { shrink: true } }}
          />
          <Typography variant="body2" color="text.secondary">
            {translate('mc.policies.schedule_help')}
          </Typography>
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{translate('ra.action.cancel')}</Button>
        <Button variant="contained" onClick={submit} disabled={busy || !publishAt || !effectiveDate} data-testid="confirm-schedule">
          {translate('mc.policies.schedule')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

type Action = 'submit' | 'return' | 'approve' | 'withdraw';

function Lifecycle({ version, dirty, onChanged }: { version: PolicyVersion; dirty: boolean; onChanged(v: PolicyVersion): void }) {
  const translate = useTranslate();
  const notify = useNotify();
  const ability = usePolicyAbility();
  const { identity } = useGetIdentity();
  const [busy, setBusy] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [confirmWithdraw, setConfirmWithdraw] = useState(false);
  const [scheduling, setScheduling] = useState(false);
  const s = version.status;
  const mine = identity && (String(identity.id) === version.createdBy || String(identity.id) === version.lastEditedBy);
  const run = async (action: Action) => {
    if (dirty && action === 'submit') return notify('mc.policies.save_first', { type: 'warning' });
    setBusy(action);
    setRefusal(null);
    try {
      const v = await policyApi.transition(action, { id: version.id, expectedRowVersion: version.rowVersion, note: note.trim() || undefined });
      setNote('');
      notify(`mc.policies.done.${action}`, { type: 'success' });
      onChanged(v);
    } catch (e) {
      if (action === 'approve' && e instanceof GraphQLRequestError && e.code === 'FORBIDDEN') setRefusal('mc.policies.maker_checker');
      else if (e instanceof GraphQLRequestError && e.fields.length) setRefusal(e.fields.map((f) => `${f.field}: ${f.message}`).join('; '));
      notify(e instanceof Error ? e.message : 'mc.error.INTERNAL', { type: 'error' });
    } finally {
      setBusy(null);
    }
  };
  const canUpdate = ability.can('update', 'PolicyVersion');
  const buttons: { action: Action | 'schedule'; show: boolean; variant?: 'contained' | 'outlined'; color?: 'error' | 'primary' }[] = [
    { action: 'submit', show: s === 'draft' && canUpdate, variant: 'contained' },
    { action: 'approve', show: s === 'in_review' && ability.can('approve', 'PolicyVersion'), variant: 'contained' },
    { action: 'schedule', show: (s === 'approved' || s === 'scheduled') && ability.can('publish', 'PolicyVersion'), variant: 'contained' },
    { action: 'return', show: (s === 'in_review' || s === 'approved') && canUpdate },
    { action: 'withdraw', show: ['draft', 'in_review', 'approved', 'scheduled'].includes(s) && canUpdate, color: 'error' },
  ];
  const shown = buttons.filter((b) => b.show);
  return (
    <Card data-testid="lifecycle">
      <CardContent>
        <Typography variant="h6" gutterBottom>
          {translate('mc.policies.actions')}
        </Typography>
        {s === 'in_review' && version.isMaterial && mine && <Alert severity="info" sx={{ mb: 1 }}>{translate('mc.policies.maker_checker_hint')}</Alert>}
        {refusal && (
          <Alert severity="error" sx={{ mb: 1 }} data-testid="lifecycle-refusal" onClose={() => setRefusal(null)}>
            {translate(refusal, { _: refusal })}
          </Alert>
        )}
        {shown.length === 0 && <Typography color="text.secondary">{translate('mc.policies.no_actions')}</Typography>}
        {shown.length > 0 && (
          <>
            {shown.some((b) => b.action === 'return' || b.action === 'approve') && (
              <TextField size="small" fullWidth name="note" label={translate('mc.policies.note')} value={note} onChange={(e) => setNote(e.target.value)} sx={{ mb: 1 }} />
            )}
            <Stack direction="row" spacing={1} sx={{ flexWrap: 'wrap', gap: 1 }}>
              {shown.map((b) => (
                <Button
                  key={b.action}
                  variant={b.variant ?? 'outlined'}
                  color={b.color ?? 'primary'}
                  disabled={!!busy}
                  data-testid={`action-${b.action}`}
                  startIcon={busy === b.action ? <CircularProgress size={16} /> : undefined}
                  onClick={() => (b.action === 'schedule' ? setScheduling(true) : b.action === 'withdraw' ? setConfirmWithdraw(true) : run(b.action))}
                >
                  {translate(`mc.policies.${b.action}`)}
                </Button>
              ))}
            </Stack>
          </>
        )}
        <Confirm
          isOpen={confirmWithdraw}
          title={translate('mc.policies.withdraw_title', { n: version.versionNo })}
          content={translate('mc.policies.withdraw_confirm')}
          confirm="mc.policies.withdraw"
          confirmColor="warning"
          onConfirm={async () => {
            setConfirmWithdraw(false);
            await run('withdraw');
          }}
          onClose={() => setConfirmWithdraw(false)}
        />
        {scheduling && (
          <ScheduleDialog
            version={version}
            open
            onClose={() => setScheduling(false)}
            onDone={(v) => {
              setScheduling(false);
              onChanged(v);
            }}
          />
        )}
      </CardContent>
    </Card>
  );
}

function Publication({ version }: { version: PolicyVersion }) {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const date = version.effectiveDate ?? '—';
  return (
    <Card>
      <CardContent>
        <Typography variant="h6" gutterBottom>
          {translate('mc.policies.publication')}
        </Typography>
        <Typography data-testid="publication">
          {version.publishedAt
            ? translate('mc.policies.published_at', { at: formatInstant(version.publishedAt, locale), date })
            : version.status === 'scheduled' && version.publishAt
              ? translate('mc.policies.scheduled_for', { at: formatInstant(version.publishAt, locale), date })
              : translate('mc.policies.not_scheduled')}
        </Typography>
        {version.approvedBy && (
          <Typography variant="body2" color="text.secondary">
            {translate('mc.policies.approved_by', { id: version.approvedBy, at: formatInstant(version.approvedAt, locale) })}
          </Typography>
        )}
      </CardContent>
    </Card>
  );
}

function History({ version }: { version: PolicyVersion }) {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  return (
    <Card>
      <CardContent>
        <Typography variant="h6">{translate('mc.policies.history')}</Typography>
        <MuiList dense>
          {[...version.transitions].reverse().map((t, i) => (
            <ListItem key={i} disableGutters>
              <ListItemText
                primary={translate('mc.policies.history_row', {
                  action: translate(`mc.policies.action.${t.action}`, { _: t.action }),
                  actor: t.actorAccountId ? translate('mc.policies.account', { id: t.actorAccountId }) : translate('mc.policies.system'),
                })}
                secondary={`${formatInstant(t.at, locale)}${t.note ? ` · ${t.note}` : ''}`}
              />
            </ListItem>
          ))}
        </MuiList>
      </CardContent>
    </Card>
  );
}

function DiffCard({ version }: { version: PolicyVersion }) {
  const translate = useTranslate();
  const numbers = useQuery({ queryKey: ['policyVersionNumbers', version.documentId], queryFn: () => policyApi.versionNumbers(version.documentId) });
  const others = (numbers.data ?? []).filter((v) => v.id !== version.id);
  // Default: the version in force if older, else the previous number.
  const fallback = others.find((v) => v.status === 'published' && v.versionNo < version.versionNo) ?? others.find((v) => v.versionNo < version.versionNo) ?? others[0];
  const [against, setAgainst] = useState<string>('');
  const otherId = against || fallback?.id || '';
  const other = others.find((v) => v.id === otherId);
  const [from, to] = other && other.versionNo > version.versionNo ? [version.id, other.id] : [otherId, version.id];
  const diff = useQuery({ queryKey: ['policyDiff', from, to, version.rowVersion], queryFn: () => policyApi.diff(from, to), enabled: !!otherId });
  if (!others.length) return null;
  return (
    <Card>
      <CardContent>
        <Stack direction="row" spacing={2} sx={{ alignItems: 'center', mb: 1 }}>
          <Typography variant="h6" sx={{ whiteSpace: 'nowrap' }}>{translate('mc.policies.diff')}</Typography>
          <TextField select size="small" label={translate('mc.policies.diff_against')} value={otherId} onChange={(e) => setAgainst(e.target.value)} sx={{ minWidth: 200 }}>
            {others.map((v) => (
              <MenuItem key={v.id} value={v.id}>
                {translate('mc.policies.version_no', { n: v.versionNo })} · {translate(`mc.policies.status.${v.status}`)}
              </MenuItem>
            ))}
          </TextField>
        </Stack>
        {diff.isPending && otherId && <CircularProgress size={24} />}
        {diff.data && <DiffView diff={diff.data} />}
      </CardContent>
    </Card>
  );
}

/** One version: editor with live preview (drafts), material form, lifecycle, publication, diff, fan-out, acknowledgements, history. */
export function PolicyVersionPage() {
  const { id = '' } = useParams();
  const translate = useTranslate();
  const ability = usePolicyAbility();
  const queryClient = useQueryClient();
  const [dirty, setDirty] = useState(false);
  const { data: version, error } = useQuery({ queryKey: ['policyVersion', id], queryFn: () => policyApi.version(id) });
  const title = useDocumentTitle(version?.documentId);
  const onChanged = (v: PolicyVersion) => {
    queryClient.setQueryData(['policyVersion', id], v);
    void queryClient.invalidateQueries({ queryKey: ['policyVersionNumbers', v.documentId] });
    void queryClient.invalidateQueries({ queryKey: ['policyDocuments'] });
  };
  // While scheduled, look for the publication job's result now and then.
  useEffect(() => {
    if (version?.status !== 'scheduled') return;
    const t = setInterval(() => void queryClient.invalidateQueries({ queryKey: ['policyVersion', id] }), 1000);
    return () => clearInterval(t);
  }, [version?.status, id, queryClient]);
  if (error) return <Alert severity="error" sx={{ mt: 2 }}>{translate(error.message, { _: translate('mc.error.INTERNAL') })}</Alert>;
  if (!version) return <CircularProgress sx={{ mt: 2 }} />;
  const editable = version.status === 'draft' && ability.can('update', 'PolicyVersion');
  const published = version.status === 'published' || version.status === 'superseded';
  return (
    <Stack spacing={2} sx={{ mt: 2, mb: 4 }} data-testid="policy-version" data-status={version.status}>
      <Title title={`${title} · ${translate('mc.policies.version_label', { n: version.versionNo })}`} />
      <Link to={`/policies/${version.documentId}`}>{translate('mc.policies.back_to_document')}</Link>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap', gap: 1 }}>
        <Typography variant="h5">
          {title} · {translate('mc.policies.version_label', { n: version.versionNo })}
        </Typography>
        <StatusChip status={version.status} />
        <MaterialChips isMaterial={version.isMaterial} categories={version.materialCategories} />
      </Stack>
      <Grid container spacing={2}>
        <Grid size={{ xs: 12, md: 6 }}>
          <Lifecycle version={version} dirty={dirty} onChanged={onChanged} />
        </Grid>
        <Grid size={{ xs: 12, md: 6 }}>
          <Publication version={version} />
        </Grid>
      </Grid>
      {published && (
        <Grid container spacing={2}>
          <Grid size={{ xs: 12, md: 5 }}>
            <FanOutProgress versionId={version.id} />
          </Grid>
          <Grid size={{ xs: 12, md: 7 }}>{ability.can('read', 'PolicyAcknowledgement') && <AckDashboard versionId={version.id} versionNo={version.versionNo} />}</Grid>
        </Grid>
      )}
      <Card>
        <CardContent>
          <Typography variant="h6" gutterBottom>
            {translate(editable ? 'mc.policies.editor' : 'mc.policies.content')}
          </Typography>
          {editable ? (
            <Editor key={version.rowVersion} version={version} onSaved={onChanged} onDirty={setDirty} />
          ) : (
            <Stack spacing={1}>
              {version.status === 'draft' || <Alert severity="info">{translate('mc.policies.read_only', { status: translate(`mc.policies.status.${version.status}`) })}</Alert>}
              {version.changeSummary && <Typography>{translate('mc.policies.change_summary', { text: version.changeSummary })}</Typography>}
              <Typography variant="h6">{version.title}</Typography>
              <ClauseList clauses={version.clauses} />
            </Stack>
          )}
        </CardContent>
      </Card>
      <DiffCard version={version} />
      <History version={version} />
    </Stack>
  );
}
