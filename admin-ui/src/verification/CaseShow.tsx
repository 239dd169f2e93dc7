import { StatusChip, formatDateTime } from '../components';
import { TableCard } from '../components/TableCard';
import GavelIcon from '@mui/icons-material/Gavel';
import LockOpenIcon from '@mui/icons-material/LockOpen';
import PanToolIcon from '@mui/icons-material/PanTool';
import { Alert, Box, Button, Card, CardContent, CircularProgress, Link, Grid, Stack, TableCell, TableRow, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { Title, useGetIdentity, useNotify, useShowController, useTranslate } from 'react-admin';
import { useAbility } from '../abilities';
import { GraphQLRequestError } from '../graphql';
import { claimCase, releaseCase, revealLog, type HistoryEntry, type VerificationCase } from './api';
import { DecisionDialog } from './DecisionDialog';
import { SlaAge } from './QueueList';
import { RevealableImage, RevealableText } from './Reveal';
import { FlagChips, VERIFICATION_STATUS, useReasonLabel } from './status';

/** The case page for staff: masked data, images, claim/release, decision, history, reveal log. */
export function CaseShow() {
  const { record, isPending, error, refetch } = useShowController<VerificationCase & { id: string }>();
  const translate = useTranslate();
  if (error) return <Alert severity="error">{translate(error instanceof Error ? error.message : 'mc.error.NOT_FOUND')}</Alert>;
  // The list pre-fills the cache with the queue row (no submission): wait for the whole case.
  if (isPending || !record?.submission) return <CircularProgress sx={{ m: 4 }} />;
  return <CaseView record={record} reload={() => refetch()} />;
}

function CaseView({ record, reload }: { record: VerificationCase; reload(): void }) {
  const translate = useTranslate();
  const ability = useAbility();
  const s = record.submission;
  const f = (name: string) => translate(`mc.verification.field.${name}`);
  const text = (field: keyof typeof s & string, reveal = true) => (
    <Row label={f(field)}>{reveal ? <RevealableText caseId={record.id} field={field} masked={s[field] as string} label={f(field)} /> : ((s[field] as string) ?? '—')}</Row>
  );
  return (
    <Box sx={{ mt: 2 }} data-testid="case-page">
      <Title title={translate('mc.verification.case_title', { id: record.id, store: record.storeName })} />
      {/* Keyed by the submission: a new one hides whatever was revealed of the previous. */}
      <Stack spacing={2} key={s.submittedAt}>
        <Header record={record} reload={reload} />
        <Grid container spacing={2}>
          <Grid size={{ xs: 12, md: 6 }}>
            <Card>
              <CardContent>
                <Typography variant="h6" gutterBottom>
                  {translate('mc.verification.section.holder')}
                </Typography>
                <Row label={f('subjectType')}>{translate(`mc.verification.subject_type.${s.subjectType}`, { _: s.subjectType })}</Row>
                {text('realName')}
                <Row label={f('idDocType')}>{translate(`mc.verification.id_doc_type.${s.idDocType}`, { _: s.idDocType })}</Row>
                {text('idNumber')}
                <Row label={f('ageAtSubmission')}>{s.ageAtSubmission}</Row>
                <Row label={f('idValidUntil')}>{s.idValidUntil ?? translate('mc.verification.long_term')}</Row>
                {s.subjectType === 'enterprise' && (
                  <>
                    <Row label={f('companyName')}>{s.companyName ?? '—'}</Row>
                    <Row label={f('uscc')}>{s.uscc ?? '—'}</Row>
                    {text('legalRepName')}
                  </>
                )}
                {s.guardianName && (
                  <>
                    {text('guardianName')}
                    <Row label={f('guardianRelation')}>{s.guardianRelation ?? '—'}</Row>
                  </>
                )}
              </CardContent>
            </Card>
          </Grid>
          <Grid size={{ xs: 12, md: 6 }}>
            <Card>
              <CardContent>
                <Typography variant="h6" gutterBottom>
                  {translate('mc.verification.section.contact')}
                </Typography>
                {text('contactName')}
                {text('contactMobile')}
                {text('contactAddress')}
                {text('csPhone')}
                {text('returnName')}
                {text('returnMobile')}
                {text('returnAddress')}
                {s.trademarkName && text('trademarkName')}
                {s.trademarkIdNumber && text('trademarkIdNumber')}
              </CardContent>
            </Card>
          </Grid>
        </Grid>
        <Card>
          <CardContent>
            <Typography variant="h6" gutterBottom>
              {translate('mc.verification.section.images')}
            </Typography>
            <Stack direction="row" sx={{ flexWrap: 'wrap', gap: 2 }}>
              {s.images.map((img) => (
                <RevealableImage key={img} caseId={record.id} field={img} label={f(img)} />
              ))}
            </Stack>
          </CardContent>
        </Card>
        <History entries={record.history} />
        {ability.can('read', 'AuditEvent') && <RevealLogPanel caseId={record.id} />}
      </Stack>
    </Box>
  );
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack direction="row" spacing={2} sx={{ py: 0.5, alignItems: 'center' }}>
      <Typography variant="body2" color="text.secondary" sx={{ width: 140, flexShrink: 0 }}>
        {label}
      </Typography>
      <Box sx={{ typography: 'body2' }}>{children}</Box>
    </Stack>
  );
}

/** Status, flags, holder, second-approval state and the actions the actor may take now. */
function Header({ record, reload }: { record: VerificationCase; reload(): void }) {
  const translate = useTranslate();
  const ability = useAbility();
  const notify = useNotify();
  const { identity } = useGetIdentity();
  const [busy, setBusy] = useState(false);
  const [deciding, setDeciding] = useState(false);
  const me = identity ? String(identity.id) : undefined;
  const holdsIt = !!me && record.assignee?.id === me;
  const pendingSecond = record.status === 'pending_second_approval';
  const canClaim = record.status === 'submitted' && ability.can('update', 'Verification');
  const canRelease = record.status === 'in_review' && ability.can('update', 'Verification') && (holdsIt || ability.can('assign', 'Verification'));
  const canDecide = record.status === 'in_review' && holdsIt && ability.can('decide', 'Verification');
  const canSecond = pendingSecond && ability.can('approve', 'Verification') && record.firstApprover?.id !== me;

  const run = async (fn: () => Promise<unknown>, done: string) => {
    setBusy(true);
    try {
      await fn();
      notify(done, { type: 'success' });
    } catch (e) {
      const conflict = e instanceof GraphQLRequestError && e.code === 'CONFLICT';
      notify(conflict ? 'mc.verification.changed_meanwhile' : e instanceof Error ? e.message : 'mc.error.INTERNAL', { type: 'error' });
    } finally {
      setBusy(false);
      reload();
    }
  };

  return (
    <Card>
      <CardContent>
        <Stack direction={{ xs: 'column', md: 'row' }} spacing={2} sx={{ justifyContent: 'space-between' }}>
          <Stack spacing={1}>
            <Typography variant="h5">
              {record.storeName}{' '}
              <Typography component="span" color="text.secondary">
                · {record.nickname} · #{record.id}
              </Typography>
            </Typography>
            <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap', gap: 1 }}>
              <StatusChip status={record.status} style={VERIFICATION_STATUS} />
              <FlagChips flags={record.flags} />
              <SlaAge hours={record.ageHours} />
              <Typography variant="body2" color="text.secondary">
                {translate('mc.verification.submission_count', { smart_count: record.submissionCount })}
              </Typography>
            </Stack>
            <Typography variant="body2" data-testid="case-holder">
              {record.assignee ? translate('mc.verification.held_by', { name: record.assignee.displayName }) : translate('mc.verification.unassigned')}
            </Typography>
            {record.flags.length > 0 && record.status === 'in_review' && (
              <Alert severity="warning" sx={{ py: 0 }}>
                {translate('mc.verification.needs_second')}
              </Alert>
            )}
            {record.duplicateStores.length > 0 && (
              <Alert severity="warning" sx={{ py: 0 }} data-testid="duplicate-stores">
                {translate('mc.verification.duplicate_stores')}{' '}
                {record.duplicateStores.map((d, i) => (
                  <span key={d.storeId}>
                    {i > 0 ? '、' : ''}
                    {d.caseId ? <Link href={`#/verificationCases/${d.caseId}/show`}>{d.storeName}</Link> : d.storeName}
                  </span>
                ))}
              </Alert>
            )}
            {pendingSecond && (
              <Alert severity="info" sx={{ py: 0 }} data-testid="second-approval-state">
                {translate('mc.verification.pending_second', { name: record.firstApprover?.displayName ?? '—' })}
                {record.firstApprover?.id === me ? ` ${translate('mc.verification.not_you_again')}` : ''}
              </Alert>
            )}
          </Stack>
          <Stack direction="row" spacing={1} sx={{ alignItems: 'flex-start' }}>
            {canClaim && (
              <Button variant="contained" startIcon={<PanToolIcon />} disabled={busy} onClick={() => run(() => claimCase(record.id, record.rowVersion), 'mc.verification.claimed')}>
                {translate('mc.verification.claim')}
              </Button>
            )}
            {canRelease && (
              <Button variant="outlined" startIcon={<LockOpenIcon />} disabled={busy} onClick={() => run(() => releaseCase(record.id, record.rowVersion), 'mc.verification.released')}>
                {translate('mc.verification.release')}
              </Button>
            )}
            {(canDecide || canSecond) && (
              <Button variant="contained" color="secondary" startIcon={<GavelIcon />} disabled={busy} onClick={() => setDeciding(true)}>
                {translate(canSecond ? 'mc.verification.decide.open_second' : 'mc.verification.decide.open')}
              </Button>
            )}
          </Stack>
        </Stack>
      </CardContent>
      <DecisionDialog
        open={deciding}
        record={record}
        second={pendingSecond}
        onClose={() => setDeciding(false)}
        onDecided={(c) => {
          setDeciding(false);
          notify(`mc.verification.decided.${c.status}`, { type: 'success', messageArgs: { _: c.status } });
          reload();
        }}
        onReload={() => {
          setDeciding(false);
          reload();
        }}
      />
    </Card>
  );
}

/** The case's history: one entry per transition, newest last. */
function History({ entries }: { entries: HistoryEntry[] }) {
  const translate = useTranslate();
  const label = useReasonLabel();
  return (
    <Card>
      <CardContent>
        <Typography variant="h6" gutterBottom>
          {translate('mc.verification.section.history')}
        </Typography>
        <Box component="ol" sx={{ listStyle: 'none', m: 0, p: 0 }} data-testid="history">
          {entries.map((h, i) => (
            <Box component="li" key={i} sx={{ position: 'relative', pl: 3, pb: 2, borderLeft: 2, borderColor: 'divider', ml: 1 }}>
              <Box sx={{ position: 'absolute', left: -7, top: 4, width: 12, height: 12, borderRadius: '50%', bgcolor: 'primary.main' }} />
              <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
                <Typography variant="subtitle2">{translate(`mc.verification.action.${h.action}`, { _: h.action })}</Typography>
                <StatusChip status={h.toStatus} style={VERIFICATION_STATUS} />
                <Typography variant="caption" color="text.secondary">
                  {formatDateTime(h.at)} · {h.actor?.displayName ?? translate('mc.verification.actor_merchant')}
                </Typography>
              </Stack>
              {h.reasons.length > 0 && (
                <Typography variant="body2">
                  {translate('mc.verification.reasons')}: {h.reasons.map(label).join('；')}
                </Typography>
              )}
              {h.applicantComment && (
                <Typography variant="body2">
                  {translate('mc.verification.applicant_comment')}: {h.applicantComment}
                </Typography>
              )}
              {h.internalNote && (
                <Typography variant="body2" sx={{ bgcolor: '#fff8e1', px: 1, borderRadius: 1, display: 'inline-block' }} data-testid="internal-note">
                  {translate('mc.verification.internal_note')}: {h.internalNote}
                </Typography>
              )}
            </Box>
          ))}
        </Box>
      </CardContent>
    </Card>
  );
}

/** Who revealed which field of this case, when and why (auditor, ops_lead). */
function RevealLogPanel({ caseId }: { caseId: string }) {
  const translate = useTranslate();
  const { data, isPending, error } = useQuery({ queryKey: ['verificationRevealLog', caseId], queryFn: () => revealLog(caseId) });
  return (
    <TableCard
      testId="reveal-log"
      title="mc.verification.section.reveal_log"
      empty="mc.verification.reveal_log_empty"
      headers={['mc.verification.log.at', 'mc.verification.log.actor', 'mc.verification.log.field', 'mc.verification.log.purpose', 'mc.verification.log.outcome']}
      rows={data}
      isPending={isPending}
      error={error}
      row={(r, i) => (
        <TableRow key={i}>
          <TableCell>{formatDateTime(r.at)}</TableCell>
          <TableCell>{r.actorLabel ?? '—'}</TableCell>
          <TableCell>{translate(`mc.verification.field.${r.field}`, { _: r.field })}</TableCell>
          <TableCell>{r.purpose ?? '—'}</TableCell>
          <TableCell>{translate(`mc.audit.outcome.${r.outcome}`, { _: r.outcome })}</TableCell>
        </TableRow>
      )}
    />
  );
}
