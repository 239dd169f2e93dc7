import BlockIcon from '@mui/icons-material/Block';
import DeleteForeverIcon from '@mui/icons-material/DeleteForever';
import PlayCircleIcon from '@mui/icons-material/PlayCircle';
import SaveIcon from '@mui/icons-material/Save';
import { Alert, Box, Button, Card, CardContent, Checkbox, Chip, CircularProgress, FormControlLabel, FormGroup, Grid, Stack, TableCell, TableRow, Typography } from '@mui/material';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Title, useGetIdentity, useNotify, useTranslate } from 'react-admin';
import { useParams } from 'react-router-dom';
import { useAbility } from '../abilities';
import { ActionDialog, formatDateTime, StatusChip } from '../components';
import { AuditAction, AuditTarget } from '../audit/labels';
import { TableCard } from '../components/TableCard';
import { describeDevice } from '../sessions/device';
import { getSubAccount, changeSubAccount, setSubAccountRoles, storeCan, subAccountActivity, subAccountSessions, type LifecycleAction, type SubAccount } from './api';
import { SUB_ACCOUNT_STATUS, SubAccountMobile } from './common';
import { useAllRoles, useCatalogue, useHeld, useNotifyError } from './hooks';
import { PermissionChips } from './PermissionTree';

const keyOf = (id: string) => ['team', 'subAccount', id];

/** One sub-account: its roles (editable), lifecycle actions, sessions and activity. */
export function SubAccountShow() {
  const { id = '' } = useParams<{ id: string }>();
  const translate = useTranslate();
  const ability = useAbility();
  const { data, error, isPending } = useQuery({
    queryKey: keyOf(id),
    queryFn: () => getSubAccount(id),
  });
  if (isPending) return <CircularProgress sx={{ m: 4 }} />;
  if (error)
    return (
      <Alert severity="error" sx={{ mt: 2 }}>
        {translate(error.message)}
      </Alert>
    );
  const canActivity = storeCan(ability, 'read', 'SubAccountActivity');
  return (
    <Stack spacing={2} sx={{ mt: 2, maxWidth: 1100 }} data-testid="sub-account-page">
      <Title title={translate('mc.team.show.title', { name: data.displayName })} />
      <Summary s={data} />
      <RolesCard key={data.roles.map((r) => r.id).join(',')} s={data} />
      {canActivity && <SessionsCard id={data.id} />}
      {canActivity && <ActivityCard id={data.id} />}
    </Stack>
  );
}

function Summary({ s }: { s: SubAccount & { storeId: string } }) {
  const translate = useTranslate();
  const fmt = (iso?: string | null) => (iso ? formatDateTime(iso) : '—');
  const row = (label: string, value: React.ReactNode) => (
    <Grid size={{ xs: 12, sm: 6, md: 4 }}>
      <Typography variant="caption" color="text.secondary">
        {label}
      </Typography>
      <Box>{value}</Box>
    </Grid>
  );
  return (
    <Card>
      <CardContent>
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mb: 2, flexWrap: 'wrap', gap: 1 }}>
          <Typography variant="h5">{s.displayName}</Typography>
          <StatusChip status={s.status} style={SUB_ACCOUNT_STATUS} />
          <Box sx={{ flex: 1 }} />
          <LifecycleButtons s={s} />
        </Stack>
        <Grid container spacing={2}>
          {row(translate('resources.subAccounts.fields.loginName'), s.loginName)}
          {row(translate('resources.subAccounts.fields.mobileMasked'), <SubAccountMobile id={s.id} storeId={s.storeId} masked={s.mobileMasked} name={s.displayName} />)}
          {row(translate('resources.subAccounts.fields.lastSeenAt'), fmt(s.lastSeenAt))}
          {row(translate('resources.subAccounts.fields.createdAt'), fmt(s.createdAt))}
          {s.removedAt && row(translate('resources.subAccounts.fields.removedAt'), fmt(s.removedAt))}
        </Grid>
      </CardContent>
    </Card>
  );
}

function LifecycleButtons({ s }: { s: SubAccount }) {
  const translate = useTranslate();
  const ability = useAbility();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const { identity } = useGetIdentity();
  const [pending, setPending] = useState<LifecycleAction | null>(null);
  if (String(identity?.id) === s.id) return null;
  const run = async (action: LifecycleAction) => {
    const updated = await changeSubAccount(action, s.id);
    queryClient.setQueryData(keyOf(s.id), updated);
    await queryClient.invalidateQueries({ queryKey: ['team'] });
    notify(`mc.team.show.${action}d`, { type: 'success' });
  };
  const canUpdate = storeCan(ability, 'update', 'SubAccount');
  const canRemove = storeCan(ability, 'delete', 'SubAccount');
  return (
    <Stack direction="row" spacing={1}>
      {canUpdate && s.status === 'active' && (
        <Button color="warning" variant="outlined" startIcon={<BlockIcon />} onClick={() => setPending('deactivate')}>
          {translate('mc.team.show.deactivate')}
        </Button>
      )}
      {canUpdate && s.status === 'disabled' && (
        <Button color="success" variant="outlined" startIcon={<PlayCircleIcon />} onClick={() => setPending('reactivate')}>
          {translate('mc.team.show.reactivate')}
        </Button>
      )}
      {canRemove && s.status !== 'removed' && (
        <Button color="error" variant="outlined" startIcon={<DeleteForeverIcon />} onClick={() => setPending('remove')}>
          {translate('mc.team.show.remove')}
        </Button>
      )}
      <ActionDialog
        open={pending !== null}
        title={`mc.team.show.${pending ?? 'remove'}_title`}
        message={`mc.team.show.${pending ?? 'remove'}_content`}
        translateOptions={{ name: s.displayName }}
        color={pending === 'remove' ? 'error' : 'primary'}
        onClose={() => setPending(null)}
        onConfirm={() => run(pending ?? 'remove')}
      />
    </Stack>
  );
}

/** Roles as checkboxes; the save waits for the server (rights change on the sub-account's next request). */
function RolesCard({ s }: { s: SubAccount }) {
  const translate = useTranslate();
  const ability = useAbility();
  const notify = useNotify();
  const notifyError = useNotifyError();
  const queryClient = useQueryClient();
  const { identity } = useGetIdentity();
  const roles = useAllRoles();
  const held = useHeld();
  const catalogue = useCatalogue();
  const [selected, setSelected] = useState<string[]>(s.roles.map((r) => r.id));
  const [busy, setBusy] = useState(false);
  const [confirmRemoval, setConfirmRemoval] = useState(false);
  const editable = storeCan(ability, 'update', 'SubAccount') && s.status !== 'removed' && String(identity?.id) !== s.id;
  const heldSet = new Set(held.data ?? []);
  const original = s.roles.map((r) => r.id);
  const dirty = selected.length !== original.length || selected.some((x) => !original.includes(x));
  /** Saves the selection; a refusal puts the held roles back. */
  const save = async () => {
    try {
      const updated = await setSubAccountRoles(s.id, selected);
      queryClient.setQueryData(keyOf(s.id), updated);
      await queryClient.invalidateQueries({ queryKey: ['team', 'roles'] });
      notify('mc.team.show.roles_saved', { type: 'success' });
    } catch (e) {
      setSelected(original);
      throw e;
    }
  };
  const saveNow = async () => {
    setBusy(true);
    await save()
      .catch(notifyError)
      .finally(() => setBusy(false));
  };
  return (
    <Card data-testid="roles-card">
      <CardContent>
        <Typography variant="h6" gutterBottom>
          {translate('mc.team.show.roles')}
        </Typography>
        {roles.isPending ? (
          <CircularProgress size={24} />
        ) : (
          <FormGroup row>
            {(roles.data ?? []).map((r) => {
              const beyond = held.data !== undefined && r.effectivePermissions.some((p) => !heldSet.has(p));
              return (
                <FormControlLabel
                  key={r.id}
                  disabled={!editable || busy || beyond}
                  control={<Checkbox checked={selected.includes(r.id)} onChange={(e) => setSelected(e.target.checked ? [...selected, r.id] : selected.filter((x) => x !== r.id))} />}
                  label={r.name}
                />
              );
            })}
          </FormGroup>
        )}
        {editable && (
          <Button
            sx={{ mt: 1 }}
            variant="contained"
            disabled={!dirty || busy}
            startIcon={busy ? <CircularProgress size={16} /> : <SaveIcon />}
            onClick={() => (original.some((x) => !selected.includes(x)) ? setConfirmRemoval(true) : saveNow())}
            data-testid="roles-save"
          >
            {translate('ra.action.save')}
          </Button>
        )}
        <Typography variant="subtitle2" sx={{ mt: 2 }}>
          {translate('mc.team.show.effective')}
        </Typography>
        {s.effectivePermissions.length ? (
          <PermissionChips keys={s.effectivePermissions} catalogue={catalogue.data} max={40} />
        ) : (
          <Typography color="text.secondary">{translate('mc.team.no_roles')}</Typography>
        )}
        <Typography variant="caption" color="text.secondary" component="p" sx={{ mt: 1 }}>
          {translate('mc.team.show.next_request')}
        </Typography>
        <ActionDialog
          open={confirmRemoval}
          title="mc.team.show.remove_roles_title"
          message="mc.team.show.remove_roles_content"
          translateOptions={{ name: s.displayName }}
          onClose={() => setConfirmRemoval(false)}
          onConfirm={save}
        />
      </CardContent>
    </Card>
  );
}

function SessionsCard({ id }: { id: string }) {
  const { data, isPending, error } = useQuery({ queryKey: ['team', 'sessions', id], queryFn: () => subAccountSessions(id) });
  return (
    <TableCard
      testId="sessions-card"
      title="mc.team.show.sessions"
      empty="mc.team.show.no_sessions"
      headers={['mc.team.show.device', 'resources.auditEvents.fields.ip', 'mc.team.show.signed_in', 'mc.team.show.last_seen', 'mc.team.show.expires']}
      rows={data}
      isPending={isPending}
      error={error}
      row={(x) => (
        <TableRow key={x.id}>
          <TableCell>{describeDevice(x.userAgent) ?? '—'}</TableCell>
          <TableCell>{x.ip ?? '—'}</TableCell>
          <TableCell>{formatDateTime(x.createdAt)}</TableCell>
          <TableCell>{formatDateTime(x.lastSeenAt)}</TableCell>
          <TableCell>{formatDateTime(x.expiresAt)}</TableCell>
        </TableRow>
      )}
    />
  );
}

const PER_PAGE = 20;

function ActivityCard({ id }: { id: string }) {
  const translate = useTranslate();
  const [page, setPage] = useState(1);
  const { data, isPending, error } = useQuery({ queryKey: ['team', 'activity', id, page], queryFn: () => subAccountActivity(id, page, PER_PAGE) });
  const pages = data ? Math.max(1, Math.ceil(data.totalCount / PER_PAGE)) : 1;
  return (
    <TableCard
      testId="activity-card"
      title="mc.team.show.activity"
      empty="mc.team.show.no_activity"
      headers={[
        'resources.auditEvents.fields.occurredAt',
        'resources.auditEvents.fields.action',
        'resources.auditEvents.fields.outcome',
        'resources.auditEvents.fields.target',
        'resources.auditEvents.fields.ip',
      ]}
      rows={data?.items}
      isPending={isPending}
      error={error}
      row={(a) => (
        <TableRow key={String(a.id)} data-testid="activity-row" data-action={a.action}>
          <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatDateTime(a.occurredAt)}</TableCell>
          <TableCell>
            <AuditAction code={a.action} />
          </TableCell>
          <TableCell>
            <Chip size="small" color={a.outcome === 'success' ? 'success' : a.outcome === 'denied' ? 'error' : 'warning'} label={translate(`mc.team.outcome.${a.outcome}`, { _: a.outcome })} />
          </TableCell>
          <TableCell>
            <AuditTarget type={a.targetType} id={a.targetId} />
          </TableCell>
          <TableCell>{a.ip ?? '—'}</TableCell>
        </TableRow>
      )}
      footer={
        <Stack direction="row" spacing={1} sx={{ mt: 1, alignItems: 'center' }}>
          <Button size="small" disabled={page <= 1} onClick={() => setPage(page - 1)}>
            {translate('ra.navigation.prev')}
          </Button>
          <Typography variant="body2">
            {page} / {pages}
            {data?.totalCountExact ? '' : '+'}
          </Typography>
          <Button size="small" disabled={page >= pages} onClick={() => setPage(page + 1)}>
            {translate('ra.navigation.next')}
          </Button>
        </Stack>
      }
    />
  );
}
