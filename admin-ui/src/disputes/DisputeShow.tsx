import AssignmentIndIcon from '@mui/icons-material/AssignmentInd';
import { DetailRow, DetailSection, useReloadAll } from '../components/DetailLayout';
import DoneAllIcon from '@mui/icons-material/DoneAll';
import GavelIcon from '@mui/icons-material/Gavel';
import PriorityHighIcon from '@mui/icons-material/PriorityHigh';
import SendIcon from '@mui/icons-material/Send';
import UndoIcon from '@mui/icons-material/Undo';
import VisibilityIcon from '@mui/icons-material/Visibility';
import { Alert, Box, Button, CardContent, FormControlLabel, IconButton, Paper, Stack, Switch, TextField, Tooltip, Typography } from '@mui/material';
import { useState, type ReactNode } from 'react';
import { Show, TopToolbar, useDataProvider, useGetIdentity, useNotify, useRecordContext, useTranslate } from 'react-admin';
import { useAbility } from '../abilities';
import { ActionDialog, formatDateTime, formatFen, PurposeDialog, StatusChip } from '../components';
import type { ConsoleDataProvider } from '../providers/dataProvider';
import { disputeApi, disputeCan, errorKey, isDisputeStaff, type Dispute, type DisputeFile, type DisputeMessage } from './api';
import { DisclosurePanel, RequestDisclosureButton } from './Disclosures';
import { ClaimType } from './DisputeList';
import { DisputeFileLink, EvidencePicker } from './files';
import { ResolveDialog } from './ResolveDialog';
import { Deadline, DISPUTE_STATUS, REASON_FIELD } from './status';

const FINISHED = ['closed', 'withdrawn'];

/** A masked buyer field with a reveal button where `reveal Dispute <field>` is allowed (asks for a purpose; audited). */
function BuyerField({ d, field, masked }: { d: Dispute; field: 'buyerName' | 'buyerMobile' | 'buyerAddress'; masked: string | null }) {
  const translate = useTranslate();
  const ability = useAbility();
  const dataProvider = useDataProvider<ConsoleDataProvider>();
  const [open, setOpen] = useState(false);
  const [value, setValue] = useState<string | null | undefined>(undefined);
  if (!masked) return <Typography color="text.secondary">—</Typography>;
  const label = translate(`resources.disputes.fields.${field}`);
  const allowed = disputeCan(ability, 'reveal', 'Dispute', field);
  return (
    <Stack direction="row" spacing={0.5} sx={{ alignItems: 'center' }} data-testid={`field-${field}`}>
      <Typography variant="body2" data-revealed={value !== undefined} sx={value !== undefined ? { fontWeight: 'bold' } : undefined}>
        {value !== undefined ? (value ?? translate('mc.reveal.none')) : masked}
      </Typography>
      {allowed && value === undefined && (
        <Tooltip title={translate('mc.disputes.reveal', { field: label })}>
          <IconButton size="small" aria-label={translate('mc.disputes.reveal', { field: label })} onClick={() => setOpen(true)} data-testid={`reveal-${field}`}>
            <VisibilityIcon fontSize="small" />
          </IconButton>
        </Tooltip>
      )}
      <PurposeDialog
        open={open}
        title={translate('mc.disputes.reveal', { field: label })}
        confirmLabel="mc.reveal.confirm"
        onClose={() => setOpen(false)}
        onConfirm={async (purpose) => {
          setValue(await dataProvider.revealPersonalData({ subject: 'Dispute', id: d.id, field, purpose }));
          setOpen(false);
        }}
      />
    </Stack>
  );
}

/** The dispute's facts: numbers, store, claim, amount, status, deadline, buyer (masked), outcome. */
function Facts({ d, staff }: { d: Dispute; staff: boolean }) {
  const translate = useTranslate();
  const f = (k: string) => translate(`resources.disputes.fields.${k}`);
  return (
    <Box data-testid="dispute-facts">
      <DetailRow label={f('status')}>
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
          <StatusChip status={d.status} style={DISPUTE_STATUS} />
          {d.status === 'awaiting_merchant' && <Deadline d={d} />}
          {d.deadlineMissed && (
            <Typography variant="body2" color="error">
              {translate('mc.disputes.deadline_missed')}
            </Typography>
          )}
        </Stack>
      </DetailRow>
      <DetailRow label={f('afterSalesNumber')}>{d.afterSalesNumber}</DetailRow>
      <DetailRow label={f('orderNumber')}>{d.orderNumber}</DetailRow>
      {staff && <DetailRow label={f('storeName')}>{d.storeName}</DetailRow>}
      <DetailRow label={f('claimType')}>
        <ClaimType value={d.claimType} />
      </DetailRow>
      <DetailRow label={f('amountClaimed')}>
        <span data-testid="amount-claimed">{formatFen(d.amountClaimed)}</span>
      </DetailRow>
      {d.responseDueOn && d.status === 'awaiting_merchant' && <DetailRow label={f('responseDueOn')}>{translate('mc.disputes.deadline.due_on', { date: d.responseDueOn })}</DetailRow>}
      {d.proposedResolution && !d.resolution && <DetailRow label={f('proposedResolution')}>{translate(`mc.disputes.resolution.${d.proposedResolution}`, { _: d.proposedResolution })}</DetailRow>}
      {d.resolution && (
        <DetailRow label={f('resolution')}>
          <span data-testid="resolution">
            {translate(`mc.disputes.resolution.${d.resolution}`, { _: d.resolution })}
            {d.refundAmount != null && d.resolution !== 'rejected' ? ` · ${formatFen(d.refundAmount)}` : ''}
            {d.resolvedAt ? ` · ${formatDateTime(d.resolvedAt)}` : ''}
          </span>
          {d.resolutionReason && (
            <Typography variant="body2" color="text.secondary">
              {d.resolutionReason}
            </Typography>
          )}
        </DetailRow>
      )}
      <DetailRow label={f('buyerName')}>
        <BuyerField d={d} field="buyerName" masked={d.buyerName} />
      </DetailRow>
      <DetailRow label={f('buyerMobile')}>
        <BuyerField d={d} field="buyerMobile" masked={d.buyerMobile} />
      </DetailRow>
      <DetailRow label={f('buyerAddress')}>
        <BuyerField d={d} field="buyerAddress" masked={d.buyerAddress} />
      </DetailRow>
      {staff && <DetailRow label={f('assigneeName')}>{d.assigneeName ?? translate('mc.disputes.unassigned')}</DetailRow>}
      {staff && d.source && <DetailRow label={f('source')}>{translate(`mc.disputes.source.${d.source}`, { _: d.source })}</DetailRow>}
      <DetailRow label={f('createdAt')}>{formatDateTime(d.createdAt)}</DetailRow>
      <DetailRow label={f('description')}>
        <Typography sx={{ whiteSpace: 'pre-line', overflowWrap: 'anywhere' }} data-testid="dispute-description">
          {d.description}
        </Typography>
      </DetailRow>
    </Box>
  );
}

const BUBBLE: Record<DisputeMessage['authorKind'], { align: 'flex-start' | 'flex-end' | 'center'; bg: string }> = {
  buyer: { align: 'flex-start', bg: 'grey.100' },
  merchant: { align: 'flex-start', bg: 'info.50' },
  staff: { align: 'flex-end', bg: 'primary.50' },
  system: { align: 'center', bg: 'transparent' },
};

/** One message: buyer and merchant on the left, staff on the right, system notes centred; an internal note in amber, labelled. */
function Bubble({ m }: { m: DisputeMessage }) {
  const translate = useTranslate();
  const style = BUBBLE[m.authorKind] ?? BUBBLE.system;
  const who = m.authorName ? `${translate(`mc.disputes.author.${m.authorKind}`)} · ${m.authorName}` : translate(`mc.disputes.author.${m.authorKind}`);
  return (
    <Box sx={{ display: 'flex', justifyContent: style.align }} data-testid="message" data-author={m.authorKind} data-internal={m.internal}>
      <Paper
        variant="outlined"
        sx={{
          p: 1.5,
          maxWidth: { xs: '100%', sm: '75%' },
          bgcolor: m.internal ? '#fff8e1' : m.authorKind === 'merchant' ? '#e3f2fd' : m.authorKind === 'staff' ? '#ede7f6' : style.bg,
          borderColor: m.internal ? 'warning.main' : undefined,
          borderStyle: m.internal ? 'dashed' : undefined,
          borderWidth: m.internal ? 2 : undefined,
        }}
      >
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mb: 0.5, flexWrap: 'wrap' }}>
          {m.internal && (
            <Typography variant="caption" sx={{ fontWeight: 'bold', color: 'warning.dark', textTransform: 'uppercase' }} data-testid="internal-label">
              {translate('mc.disputes.thread.internal')}
            </Typography>
          )}
          <Typography variant="caption" sx={{ fontWeight: 'bold' }}>
            {who}
          </Typography>
          <Typography variant="caption" color="text.secondary">
            {formatDateTime(m.at)}
          </Typography>
        </Stack>
        <Typography variant="body2" sx={{ whiteSpace: 'pre-line', overflowWrap: 'anywhere', fontStyle: m.authorKind === 'system' ? 'italic' : undefined }}>
          {m.body}
        </Typography>
        {m.files.length > 0 && (
          <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap', mt: 1 }}>
            {m.files.map((f) => (
              <DisputeFileLink key={f.id} file={f} />
            ))}
          </Stack>
        )}
      </Paper>
    </Box>
  );
}

function Thread({ d }: { d: Dispute }) {
  const translate = useTranslate();
  const messages = d.messages ?? [];
  if (!messages.length)
    return (
      <Typography color="text.secondary" data-testid="thread">
        {translate('mc.disputes.thread.empty')}
      </Typography>
    );
  return (
    <Stack spacing={1} data-testid="thread">
      {messages.map((m) => (
        <Bubble key={m.id} m={m} />
      ))}
    </Stack>
  );
}

/** The reply box: text, evidence, and (staff) "internal note", which the store never sees. */
function Compose({ d, staff }: { d: Dispute; staff: boolean }) {
  const translate = useTranslate();
  const notify = useNotify();
  const reload = useReloadAll();
  const [body, setBody] = useState('');
  const [files, setFiles] = useState<DisputeFile[]>([]);
  const [internal, setInternal] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const n = body.trim().length;
  const send = async () => {
    setBusy(true);
    setError(null);
    try {
      await disputeApi.message({ disputeId: d.id, body: body.trim(), fileIds: files.map((f) => f.id), internal: staff && internal });
      notify(internal ? 'mc.disputes.compose.note_saved' : 'mc.disputes.compose.sent', { type: 'success' });
      setBody('');
      setFiles([]);
      setInternal(false);
      await reload();
    } catch (e) {
      setError(errorKey(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Paper variant="outlined" sx={{ p: 2, mt: 2, borderColor: internal ? 'warning.main' : undefined, bgcolor: internal ? '#fff8e1' : undefined }} data-testid="compose">
      {!staff && d.status === 'awaiting_merchant' && (
        <Alert severity="info" sx={{ mb: 1 }}>
          {translate('mc.disputes.compose.merchant_help', { date: d.responseDueOn ?? '' })}
        </Alert>
      )}
      <TextField
        fullWidth
        multiline
        minRows={3}
        name="messageBody"
        label={translate(internal ? 'mc.disputes.compose.note_label' : 'mc.disputes.compose.label')}
        value={body}
        onChange={(e) => setBody(e.target.value)}
        error={n > 2000}
        helperText={translate(internal ? 'mc.disputes.compose.note_help' : 'mc.disputes.compose.help', { max: 2000 })}
        sx={{ mb: 1 }}
      />
      <EvidencePicker files={files} onChange={setFiles} disabled={busy} />
      {error && (
        <Alert severity="error" sx={{ mt: 1 }} data-testid="compose-error">
          {translate(error, { _: translate('mc.error.INTERNAL') })}
        </Alert>
      )}
      <Stack direction="row" spacing={2} sx={{ mt: 1, alignItems: 'center', justifyContent: 'flex-end', flexWrap: 'wrap' }}>
        {staff && (
          <FormControlLabel
            control={<Switch checked={internal} onChange={(e) => setInternal(e.target.checked)} color="warning" name="internal" data-testid="internal-toggle" />}
            label={translate('mc.disputes.compose.internal')}
          />
        )}
        <Button variant="contained" color={internal ? 'warning' : 'primary'} startIcon={<SendIcon />} disabled={busy || n < 1 || n > 2000} onClick={send} data-testid="send-message">
          {translate(internal ? 'mc.disputes.compose.save_note' : 'mc.disputes.compose.send')}
        </Button>
      </Stack>
    </Paper>
  );
}

/** Staff only: every step of the dispute and its disclosures (oldest first). */
function History({ d }: { d: Dispute }) {
  const translate = useTranslate();
  const rows = d.history ?? [];
  if (!rows.length) return <Typography color="text.secondary">{translate('mc.disputes.history.empty')}</Typography>;
  return (
    <Box component="ol" sx={{ pl: 3, m: 0 }} data-testid="dispute-history">
      {rows.map((h) => (
        <Typography component="li" key={h.id} variant="body2" sx={{ mb: 0.5 }}>
          <strong>{formatDateTime(h.at)} </strong>
          {translate(`mc.disputes.history.${h.subject}.${h.action}`, { _: h.action })}
          {' → '}
          {translate(h.subject === 'disclosure' ? `mc.disputes.disclosure.status.${h.toStatus}` : `mc.disputes.status.${h.toStatus}`, { _: h.toStatus })}
          {' · '}
          {h.actorName ?? translate(`mc.disputes.actor.${h.actorKind}`, { _: h.actorKind })}
          {h.reason ? ` · ${h.reason}` : ''}
        </Typography>
      ))}
    </Box>
  );
}

type StepDialog = null | 'sendToMerchant' | 'escalate' | 'close' | 'withdraw' | 'resolve' | 'assign';

/** The steps the actor may take now, each behind a confirmation. */
function DisputeActions() {
  const d = useRecordContext<Dispute>();
  const ability = useAbility();
  const translate = useTranslate();
  const notify = useNotify();
  const reload = useReloadAll();
  const { identity } = useGetIdentity();
  const [dialog, setDialog] = useState<StepDialog>(null);
  if (!d) return <TopToolbar />;
  const decide = disputeCan(ability, 'decide', 'Dispute');
  const lead = Array.isArray(identity?.roles) && identity.roles.includes('ops_lead');
  const is = (...s: string[]) => s.includes(d.status);
  const step = (s: 'sendToMerchant' | 'escalate' | 'close' | 'withdraw', done: string) => async (reason: string) => {
    await disputeApi.step({ id: d.id, version: d.version, step: s, reason: reason || undefined });
    notify(done, { type: 'success' });
    await reload();
  };
  const button = (key: Exclude<StepDialog, null>, icon: ReactNode, color: 'primary' | 'inherit' | 'error' | 'warning' = 'primary', variant: 'contained' | 'text' = 'text') => (
    <Button key={key} color={color} variant={variant} startIcon={icon} onClick={() => setDialog(key)} data-testid={`action-${key}`}>
      {translate(`mc.disputes.action.${key}`)}
    </Button>
  );
  return (
    <TopToolbar sx={{ flexWrap: 'wrap', gap: 1 }}>
      {decide && !FINISHED.includes(d.status) && d.assigneeId !== String(identity?.id ?? '') && button('assign', <AssignmentIndIcon />, 'inherit')}
      {disputeCan(ability, 'create', 'DisputeDisclosure') && !FINISHED.includes(d.status) && <RequestDisclosureButton d={d} />}
      {decide && is('open', 'awaiting_platform') && button('sendToMerchant', <SendIcon />, 'primary', 'contained')}
      {decide && is('awaiting_platform') && button('escalate', <PriorityHighIcon />, 'warning')}
      {decide && (is('awaiting_platform') || (is('escalated') && lead)) && button('resolve', <GavelIcon />, 'primary', 'contained')}
      {decide && is('resolved') && button('close', <DoneAllIcon />, 'inherit')}
      {decide && is('open', 'awaiting_merchant', 'awaiting_platform', 'escalated') && button('withdraw', <UndoIcon />, 'error')}
      <ActionDialog
        open={dialog === 'assign'}
        title="mc.disputes.action.assign"
        message="mc.disputes.confirm.assign"
        confirmLabel="mc.disputes.action.assign"
        errorKey={errorKey}
        onClose={() => setDialog(null)}
        onConfirm={async () => {
          await disputeApi.assign({ id: d.id, version: d.version, assigneeId: String(identity?.id) });
          notify('mc.disputes.done.assign', { type: 'success' });
          await reload();
        }}
      />
      <ActionDialog
        open={dialog === 'sendToMerchant'}
        title="mc.disputes.action.sendToMerchant"
        message="mc.disputes.confirm.sendToMerchant"
        translateOptions={{ store: d.storeName }}
        confirmLabel="mc.disputes.action.sendToMerchant"
        errorKey={errorKey}
        onClose={() => setDialog(null)}
        onConfirm={step('sendToMerchant', 'mc.disputes.done.sendToMerchant')}
      />
      <ActionDialog
        open={dialog === 'escalate'}
        title="mc.disputes.action.escalate"
        message="mc.disputes.confirm.escalate"
        confirmLabel="mc.disputes.action.escalate"
        color="warning"
        field={REASON_FIELD}
        errorKey={errorKey}
        onClose={() => setDialog(null)}
        onConfirm={step('escalate', 'mc.disputes.done.escalate')}
      />
      <ActionDialog
        open={dialog === 'close'}
        title="mc.disputes.action.close"
        message="mc.disputes.confirm.close"
        confirmLabel="mc.disputes.action.close"
        errorKey={errorKey}
        onClose={() => setDialog(null)}
        onConfirm={step('close', 'mc.disputes.done.close')}
      />
      <ActionDialog
        open={dialog === 'withdraw'}
        title="mc.disputes.action.withdraw"
        message="mc.disputes.confirm.withdraw"
        confirmLabel="mc.disputes.action.withdraw"
        color="error"
        field={REASON_FIELD}
        errorKey={errorKey}
        onClose={() => setDialog(null)}
        onConfirm={step('withdraw', 'mc.disputes.done.withdraw')}
      />
      <ResolveDialog d={d} open={dialog === 'resolve'} onClose={() => setDialog(null)} />
    </TopToolbar>
  );
}

function DisputeBody() {
  const d = useRecordContext<Dispute>();
  const translate = useTranslate();
  const ability = useAbility();
  if (!d) return null;
  const staff = isDisputeStaff(ability);
  const canWrite = disputeCan(ability, 'create', 'DisputeMessage') && !FINISHED.includes(d.status);
  return (
    <CardContent>
      <Facts d={d} staff={staff} />
      <DetailSection title={translate('mc.disputes.thread.title', { smart_count: d.messages?.length ?? 0 })} testId="thread-section">
        <Thread d={d} />
        {canWrite && <Compose d={d} staff={staff} />}
        {!canWrite && !FINISHED.includes(d.status) && !staff && (
          <Alert severity="info" sx={{ mt: 1 }}>
            {translate('errors.DISPUTE_READ_ONLY')}
          </Alert>
        )}
      </DetailSection>
      {(staff || (d.disclosures?.length ?? 0) > 0) && (
        <DetailSection title={translate('mc.disputes.disclosure.title')} testId="disclosures-section">
          <DisclosurePanel d={d} staff={staff} />
        </DetailSection>
      )}
      {staff && (
        <DetailSection title={translate('mc.disputes.history.title')}>
          <History d={d} />
        </DetailSection>
      )}
    </CardContent>
  );
}

/** One dispute: facts, buyer (masked), thread with the reply box, disclosures and (staff) history, with the steps the actor may take. */
export function DisputeShow() {
  return (
    <Show actions={<DisputeActions />}>
      <DisputeBody />
    </Show>
  );
}
