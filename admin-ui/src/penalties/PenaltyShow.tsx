import { formatDate, formatDateTime, StatusChip, ActionDialog } from '../components';
import BlockIcon from '@mui/icons-material/Block';
import GavelIcon from '@mui/icons-material/Gavel';
import PublicIcon from '@mui/icons-material/Public';
import UndoIcon from '@mui/icons-material/Undo';
import { Alert, Box, Button, Card, CardContent, Divider, Grid, Stack, Typography } from '@mui/material';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { EditButton, Link, Show, TopToolbar, useGetIdentity, useNotify, useRecordContext, useRefresh, useTranslate } from 'react-admin';
import { useAbility } from '../abilities';
import { AppealDecisionButton } from '../appeals/AppealDecisionButton';
import { NOTICES_PATH } from '../notices/path';
import { MAKER_CHECKER_EFFECTS } from '../../../rules/penalties/sanctions';
import { errorKey, penaltyApi, useLocalName, type Appeal, type Penalty, type PenaltyTransition } from './api';
import { FileGallery } from './files';
import { APPEAL_STATUS, PENALTY_STATUS, REASON_FIELD } from './status';
import { SanctionText } from './PenaltyList';

export function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Grid container spacing={2} sx={{ py: 0.5 }}>
      <Grid size={{ xs: 12, sm: 3 }}>
        <Typography color="text.secondary">{label}</Typography>
      </Grid>
      <Grid size={{ xs: 12, sm: 9 }}>{children}</Grid>
    </Grid>
  );
}

/** The penalty's facts, sanction and dates (staff and merchant pages). */
export function PenaltyDetails({ p, staff }: { p: Penalty; staff?: boolean }) {
  const translate = useTranslate();
  const name = useLocalName();
  const f = (k: string) => translate(`resources.penalties.fields.${k}`);
  return (
    <Box data-testid="penalty-details">
      <Row label={f('status')}>
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
          <StatusChip status={p.status} style={PENALTY_STATUS} />
          {p.status === 'issued' && <Typography variant="body2">{translate(`mc.penalties.effect_state.${p.effectState}`, { _: p.effectState })}</Typography>}
        </Stack>
      </Row>
      {staff && (
        <Row label={f('store')}>
          {p.store.nickname} ({p.store.platformAccountId}) · {p.store.name} · {translate(`mc.store_status.${p.store.status}`, { _: p.store.status })}
        </Row>
      )}
      <Row label={f('category')}>{name(p.category)}</Row>
      <Row label={f('sanction')}>
        <SanctionText p={p} />
      </Row>
      <Row label={f('points')}>{p.points}</Row>
      <Row label={f('facts')}>
        <Typography sx={{ whiteSpace: 'pre-line' }}>{p.facts}</Typography>
      </Row>
      <Row label={f('period')}>
        {p.startsAt ? formatDate(p.startsAt) : translate('mc.penalties.on_issue')} –{' '}
        {p.endsAt ? formatDate(p.endsAt) : p.sanctionDays && !p.issuedAt ? translate('mc.penalties.days_after_issue', { smart_count: p.sanctionDays }) : translate('mc.penalties.no_end')}
      </Row>
      {p.issuedOn && <Row label={f('issuedOn')}>{p.issuedOn}</Row>}
      {p.appealDeadline && (
        <Row label={f('appealDeadline')}>
          <span data-testid="appeal-deadline">{translate('mc.penalties.deadline_prc', { date: p.appealDeadline })}</span>
          {' · '}
          {translate('mc.penalties.appeals_used', { used: p.appealCount, allowed: p.appealsAllowed })}
        </Row>
      )}
      {p.revokedAt && (
        <Row label={f('revokeReason')}>
          {formatDate(p.revokedAt)} · {p.revokeReason}
        </Row>
      )}
    </Box>
  );
}

/** What happened to the penalty, from its own fields and its appeals (oldest first). */
function Timeline({ p, appeals }: { p: Penalty; appeals: Appeal[] }) {
  const translate = useTranslate();
  const events: { at: string; text: string }[] = [{ at: p.createdAt, text: translate('mc.penalties.history.drafted') }];
  if (p.issuedAt) events.push({ at: p.issuedAt, text: translate('mc.penalties.history.issued') });
  for (const a of appeals) {
    events.push({ at: a.submittedAt, text: translate('mc.penalties.history.appealed', { reason: a.reason }) });
    if (a.decidedAt) events.push({ at: a.decidedAt, text: translate(`mc.penalties.history.appeal_${a.status}`, { reason: a.decisionReason ?? '' }) });
  }
  if (p.revokedAt && !appeals.some((a) => a.status === 'revoked')) events.push({ at: p.revokedAt, text: translate('mc.penalties.history.revoked', { reason: p.revokeReason ?? '' }) });
  if (p.status === 'cancelled') events.push({ at: '', text: translate('mc.penalties.history.cancelled') });
  events.sort((a, b) => (a.at && b.at ? a.at.localeCompare(b.at) : a.at ? -1 : 1));
  return (
    <Box component="ol" sx={{ pl: 3, m: 0 }} data-testid="penalty-history">
      {events.map((e, i) => (
        <Typography component="li" key={i} variant="body2" sx={{ mb: 0.5 }}>
          {e.at && <strong>{formatDateTime(e.at)} </strong>}
          {e.text}
        </Typography>
      ))}
    </Box>
  );
}

/** The appeals of one penalty (staff: with decision buttons for pending ones). */
export function AppealsOf({ penaltyId, staff }: { penaltyId: string; staff?: boolean }) {
  const translate = useTranslate();
  const { data = [] } = usePenaltyAppeals(penaltyId);
  if (!data.length) return <Typography color="text.secondary">{translate('mc.appeals.none')}</Typography>;
  return (
    <Stack spacing={1} data-testid="penalty-appeals">
      {data.map((a) => (
        <Card variant="outlined" key={a.id} data-testid="appeal-card">
          <CardContent>
            <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mb: 1 }}>
              <StatusChip status={a.status} style={APPEAL_STATUS} />
              <Typography variant="body2" color="text.secondary">
                {translate('mc.appeals.submitted_at', { date: formatDateTime(a.submittedAt) })} · {translate('mc.appeals.respond_by', { date: a.respondBy })}
              </Typography>
            </Stack>
            <Typography sx={{ whiteSpace: 'pre-line' }}>{a.reason}</Typography>
            {a.proofs.length > 0 && (
              <Box sx={{ mt: 1 }}>
                <FileGallery files={a.proofs} />
              </Box>
            )}
            {a.decidedAt && (
              <Alert severity={a.status === 'revoked' ? 'success' : 'info'} sx={{ mt: 1 }}>
                {translate(`mc.appeals.decided_${a.status}`, { date: formatDateTime(a.decidedAt), reason: a.decisionReason ?? '' })}
              </Alert>
            )}
            {staff && a.status === 'pending' && (
              <Box sx={{ mt: 1 }}>
                <AppealDecisionButton appeal={a} />
              </Box>
            )}
          </CardContent>
        </Card>
      ))}
    </Stack>
  );
}

export function usePenaltyAppeals(penaltyId: string) {
  return useQuery({
    queryKey: ['penaltyAppeals', 'of', penaltyId],
    queryFn: () => penaltyApi.appealsOf(penaltyId),
  });
}

/** Runs a transition, refreshes the page and says so; returns the promise for the dialog. */
function useTransition() {
  const refresh = useRefresh();
  const notify = useNotify();
  const queryClient = useQueryClient();
  return async (mutation: PenaltyTransition, input: { id: string; version: number; reason?: string }, done: string) => {
    await penaltyApi.transition(mutation, input);
    notify(done, { type: 'success' });
    await queryClient.invalidateQueries();
    refresh();
  };
}

function PenaltyActions() {
  const p = useRecordContext<Penalty>();
  const ability = useAbility();
  const translate = useTranslate();
  const { identity } = useGetIdentity();
  const run = useTransition();
  const [dialog, setDialog] = useState<null | 'issue' | 'cancel' | 'revoke'>(null);
  if (!p) return <TopToolbar />;
  const mine = identity?.id === p.draftedBy;
  const makerChecker = MAKER_CHECKER_EFFECTS.includes(p.sanction.effect);
  return (
    <TopToolbar>
      {p.status === 'draft' && mine && ability.can('update', 'Penalty') && <EditButton />}
      {p.status === 'draft' && (mine || ability.can('approve', 'Penalty')) && ability.can('update', 'Penalty') && (
        <Button color="inherit" startIcon={<BlockIcon />} onClick={() => setDialog('cancel')}>
          {translate('mc.penalties.cancel_draft')}
        </Button>
      )}
      {p.status === 'draft' && ability.can('approve', 'Penalty') && (
        <Button variant="contained" startIcon={<GavelIcon />} onClick={() => setDialog('issue')} data-testid="issue-button">
          {translate('mc.penalties.issue')}
        </Button>
      )}
      {p.status === 'issued' && ability.can('decide', 'Penalty') && (
        <Button color="error" startIcon={<UndoIcon />} onClick={() => setDialog('revoke')}>
          {translate('mc.penalties.revoke')}
        </Button>
      )}
      <ActionDialog
        open={dialog === 'cancel'}
        title="mc.penalties.cancel_title"
        message="mc.penalties.cancel_confirm"
        confirmLabel="mc.penalties.cancel_draft"
        color="error"
        errorKey={errorKey}
        onClose={() => setDialog(null)}
        onConfirm={() => run('cancelPenaltyDraft', { id: p.id, version: p.version }, 'mc.penalties.cancelled')}
      />
      <ActionDialog
        open={dialog === 'issue'}
        title="mc.penalties.issue_title"
        message="mc.penalties.issue_confirm"
        translateOptions={{ store: p.store.nickname }}
        confirmLabel="mc.penalties.issue"
        errorKey={errorKey}
        onClose={() => setDialog(null)}
        onConfirm={() => run('issuePenalty', { id: p.id, version: p.version }, 'mc.penalties.issued')}
      >
        {makerChecker && mine && (
          <Alert severity="warning" sx={{ mb: 1 }}>
            {translate('mc.penalties.you_drafted')}
          </Alert>
        )}
      </ActionDialog>
      <ActionDialog
        open={dialog === 'revoke'}
        title="mc.penalties.revoke_title"
        message="mc.penalties.revoke_confirm"
        confirmLabel="mc.penalties.revoke"
        field={REASON_FIELD}
        color="error"
        errorKey={errorKey}
        onClose={() => setDialog(null)}
        onConfirm={(reason) => run('revokePenalty', { id: p.id, version: p.version, reason }, 'mc.penalties.revoked')}
      />
    </TopToolbar>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Box sx={{ mt: 3 }}>
      <Typography variant="h6" gutterBottom>
        {title}
      </Typography>
      <Divider sx={{ mb: 1 }} />
      {children}
    </Box>
  );
}

function PenaltyBody() {
  const p = useRecordContext<Penalty>();
  const translate = useTranslate();
  const appeals = usePenaltyAppeals(p?.id ?? '');
  if (!p) return null;
  return (
    <CardContent>
      <PenaltyDetails p={p} staff />
      {p.noticeId && (
        <Row label={translate('resources.penalties.fields.noticeId')}>
          <Link to={`${NOTICES_PATH}?notice=${p.noticeId}`} data-testid="notice-link">
            <Stack direction="row" spacing={0.5} component="span" sx={{ alignItems: 'center', display: 'inline-flex' }}>
              <PublicIcon fontSize="small" />
              <span>{translate('mc.penalties.notice_link', { id: p.noticeId })}</span>
            </Stack>
          </Link>
        </Row>
      )}
      <Section title={translate('resources.penalties.fields.evidence')}>
        <FileGallery files={p.evidence} />
      </Section>
      <Section title={translate('mc.appeals.title')}>
        <AppealsOf penaltyId={p.id} staff />
      </Section>
      <Section title={translate('mc.penalties.history.title')}>
        <Timeline p={p} appeals={appeals.data ?? []} />
      </Section>
    </CardContent>
  );
}

/** Staff: one penalty, its evidence, appeals and history, with the actions the actor may take. */
export function PenaltyShow() {
  return (
    <Show actions={<PenaltyActions />}>
      <PenaltyBody />
    </Show>
  );
}
