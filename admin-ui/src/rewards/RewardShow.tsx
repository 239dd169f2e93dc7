import CheckIcon from '@mui/icons-material/Check';
import { DetailRow, DetailSection } from '../components/DetailLayout';
import CloseIcon from '@mui/icons-material/Close';
import ReplayIcon from '@mui/icons-material/Replay';
import UndoIcon from '@mui/icons-material/Undo';
import { Alert, Button, Card, CardContent, Stack, Typography } from '@mui/material';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, Show, TopToolbar, useGetIdentity, useNotify, useRecordContext, useRefresh, useTranslate } from 'react-admin';
import { useAbility } from '../abilities';
import { ActionDialog, formatDateTime, formatFen, StatusChip, type ActionDialogField } from '../components';
import { QUEUE_STATUSES, errorKey, isRewardStaff, rewardApi, rewardCan, type PayoutDecision, type Reward, type RewardDecision } from './api';
import { Amount, PeriodText, RewardStatusChip, useProgrammeName } from './common';
import { PAYOUT_STATUS } from './status';

const REASON_FIELD: ActionDialogField = { name: 'reason', label: 'mc.rewards.reason', help: 'mc.rewards.reason_range', min: 2, max: 500 };

/** Runs a decision, refreshes the page and says so (the dialog shows a refusal). */
function useRun() {
  const refresh = useRefresh();
  const notify = useNotify();
  const queryClient = useQueryClient();
  return async (call: () => Promise<unknown>, done: string) => {
    await call();
    notify(done, { type: 'success' });
    await queryClient.invalidateQueries();
    refresh();
  };
}

type DialogKind = 'approve' | 'reject' | 'cancel' | 'retry' | 'cancelPayout';

/** Approve / reject / withdraw (per ability and status) and finance's payout retry / cancel, each confirmed in a dialog. */
function RewardActions() {
  const r = useRecordContext<Reward>();
  const ability = useAbility();
  const translate = useTranslate();
  const { identity } = useGetIdentity();
  const run = useRun();
  const [dialog, setDialog] = useState<DialogKind | null>(null);
  if (!r || !isRewardStaff(ability)) return <TopToolbar />;
  const waiting = (QUEUE_STATUSES as readonly string[]).includes(r.status);
  const approver = waiting && rewardCan(ability, 'approve', 'Reward');
  // The server checks that only the proposer withdraws; the button is offered to the one whose name it shows.
  const proposer = waiting && rewardCan(ability, 'create', 'Reward') && !!identity?.fullName && identity.fullName === r.proposedByName;
  const payout = r.payout;
  const finance = !!payout && rewardCan(ability, 'decide', 'Payout');
  const decide = (m: RewardDecision, done: string) => (reason: string) => run(() => rewardApi.decide(m, { id: r.id, version: r.version, reason: reason || undefined }), done);
  const payoutDecide = (m: PayoutDecision, done: string) => (reason: string) => run(() => rewardApi.payout(m, { id: payout!.id, version: payout!.version, reason: reason || undefined }), done);
  const close = () => setDialog(null);
  return (
    <TopToolbar>
      {proposer && (
        <Button color="inherit" startIcon={<UndoIcon />} onClick={() => setDialog('cancel')} data-testid="cancel-reward">
          {translate('mc.rewards.cancel')}
        </Button>
      )}
      {approver && (
        <Button color="error" startIcon={<CloseIcon />} onClick={() => setDialog('reject')} data-testid="reject-reward">
          {translate('mc.rewards.reject')}
        </Button>
      )}
      {approver && (
        <Button variant="contained" startIcon={<CheckIcon />} onClick={() => setDialog('approve')} data-testid="approve-reward">
          {translate('mc.rewards.approve')}
        </Button>
      )}
      {finance && payout.status === 'failed' && (
        <Button startIcon={<ReplayIcon />} onClick={() => setDialog('retry')} data-testid="retry-payout">
          {translate('mc.rewards.retry')}
        </Button>
      )}
      {finance && (payout.status === 'failed' || payout.status === 'held') && (
        <Button color="error" startIcon={<CloseIcon />} onClick={() => setDialog('cancelPayout')} data-testid="cancel-payout">
          {translate('mc.rewards.cancel_payout')}
        </Button>
      )}
      <ActionDialog
        open={dialog === 'approve'}
        title="mc.rewards.approve_title"
        translateOptions={{ amount: formatFen(r.amount) }}
        message="mc.rewards.approve_confirm"
        confirmLabel="mc.rewards.approve"
        errorKey={errorKey}
        onClose={close}
        onConfirm={decide('approveReward', 'mc.rewards.approved')}
      >
        <Alert severity="info" sx={{ mb: 1 }} data-testid="approval-rule">
          {translate('mc.rewards.approval_rule')}
        </Alert>
        {r.firstApproverName && (
          <Typography variant="body2" sx={{ mb: 1 }}>
            {translate('mc.rewards.first_approver')}: {r.firstApproverName}
          </Typography>
        )}
      </ActionDialog>
      <ActionDialog
        open={dialog === 'reject'}
        title="mc.rewards.reject_title"
        message="mc.rewards.reject_confirm"
        confirmLabel="mc.rewards.reject"
        color="error"
        field={REASON_FIELD}
        errorKey={errorKey}
        onClose={close}
        onConfirm={decide('rejectReward', 'mc.rewards.rejected')}
      />
      <ActionDialog
        open={dialog === 'cancel'}
        title="mc.rewards.cancel_title"
        message="mc.rewards.cancel_confirm"
        confirmLabel="mc.rewards.cancel"
        color="error"
        errorKey={errorKey}
        onClose={close}
        onConfirm={decide('cancelReward', 'mc.rewards.cancelled')}
      />
      <ActionDialog
        open={dialog === 'retry'}
        title="mc.rewards.retry_title"
        message="mc.rewards.retry_confirm"
        confirmLabel="mc.rewards.retry"
        errorKey={errorKey}
        onClose={close}
        onConfirm={payoutDecide('retryPayout', 'mc.rewards.retried')}
      />
      <ActionDialog
        open={dialog === 'cancelPayout'}
        title="mc.rewards.cancel_payout_title"
        message="mc.rewards.cancel_payout_confirm"
        confirmLabel="mc.rewards.cancel_payout"
        color="error"
        field={REASON_FIELD}
        errorKey={errorKey}
        onClose={close}
        onConfirm={payoutDecide('cancelPayout', 'mc.rewards.payout_cancelled')}
      />
    </TopToolbar>
  );
}

/** The payout box: business number, status, hold reason, attempts, last error (staff), paid at. */
function PayoutBox({ r, staff }: { r: Reward; staff: boolean }) {
  const translate = useTranslate();
  const p = r.payout;
  if (!p) return <Typography color="text.secondary">{translate('mc.rewards.no_payout')}</Typography>;
  return (
    <Card variant="outlined" data-testid="payout-box">
      <CardContent>
        <DetailRow label={translate('resources.rewards.fields.status')}>
          <StatusChip status={p.status} style={PAYOUT_STATUS} />
        </DetailRow>
        <DetailRow label={translate('mc.rewards.business_number')} testId="business-number">
          {p.businessNumber}
        </DetailRow>
        {p.holdReason && (
          <DetailRow label={translate('mc.rewards.hold')} testId="hold-reason">
            {translate(`mc.rewards.hold_reason.${p.holdReason}`, { _: p.holdReason })}
          </DetailRow>
        )}
        {p.heldUntil && <DetailRow label={translate('mc.rewards.held_until')}>{formatDateTime(p.heldUntil)}</DetailRow>}
        {staff && <DetailRow label={translate('mc.rewards.attempts')}>{p.attempts}</DetailRow>}
        {staff && p.lastError && (
          <DetailRow label={translate('mc.rewards.last_error')} testId="last-error">
            {p.lastError}
          </DetailRow>
        )}
        <DetailRow label={translate('mc.rewards.paid_at')} testId="paid-at">
          {p.paidAt ? formatDateTime(p.paidAt) : '—'}
        </DetailRow>
      </CardContent>
    </Card>
  );
}

/** The reward's facts, approvals and payout (staff and store: the store sees no names of staff, no provider errors). */
function RewardBody() {
  const r = useRecordContext<Reward>();
  const translate = useTranslate();
  const ability = useAbility();
  const name = useProgrammeName();
  if (!r) return null;
  const staff = isRewardStaff(ability);
  const f = (k: string) => translate(`resources.rewards.fields.${k}`);
  return (
    <CardContent>
      <DetailSection title={translate('mc.rewards.facts')} testId="reward-facts">
        <DetailRow label={f('status')}>
          <RewardStatusChip r={r} />
        </DetailRow>
        <DetailRow label={f('storeName')}>{r.storeName}</DetailRow>
        <DetailRow label={f('programmeCode')}>
          {name(r)} ({r.programmeCode})
        </DetailRow>
        <DetailRow label={f('amount')} testId="reward-amount">
          <Amount fen={r.amount} />
        </DetailRow>
        <DetailRow label={f('period')}>
          <PeriodText r={r} />
        </DetailRow>
        <DetailRow label={f('reason')}>
          <Typography sx={{ whiteSpace: 'pre-line' }}>{r.reason}</Typography>
        </DetailRow>
        <DetailRow label={f('createdAt')}>{formatDateTime(r.createdAt)}</DetailRow>
      </DetailSection>
      {staff && (
        <DetailSection title={translate('mc.rewards.approvals')} testId="reward-approvals">
          <DetailRow label={translate('mc.rewards.proposer')}>{r.proposedByName ?? '—'}</DetailRow>
          <DetailRow label={translate('mc.rewards.first_approver')}>{r.firstApproverName ?? '—'}</DetailRow>
          <DetailRow label={translate('mc.rewards.approver')} testId="approver">
            {r.approvedByName ?? '—'}
          </DetailRow>
          {r.approvedAt && <DetailRow label={translate('mc.rewards.approved_at')}>{formatDateTime(r.approvedAt)}</DetailRow>}
          {r.decisionReason && <DetailRow label={translate('mc.rewards.decision_reason')}>{r.decisionReason}</DetailRow>}
        </DetailSection>
      )}
      <DetailSection title={translate('mc.rewards.payout')}>
        <Stack spacing={1}>
          <PayoutBox r={r} staff={staff} />
          {!staff && rewardCan(ability, 'update', 'PayoutAccount') && (
            <Link to="/payoutAccount" data-testid="payout-account-link">
              {translate('mc.rewards.payout_account_link')}
            </Link>
          )}
        </Stack>
      </DetailSection>
    </CardContent>
  );
}

/** One reward (staff: with the decisions the actor may take; a store: its own reward, read-only). */
export function RewardShow() {
  return (
    <Show actions={<RewardActions />}>
      <RewardBody />
    </Show>
  );
}
