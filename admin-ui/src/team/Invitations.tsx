import { formatDateTime, ActionDialog, StatusChip } from '../components';
import CancelIcon from '@mui/icons-material/Cancel';
import PersonAddIcon from '@mui/icons-material/PersonAdd';
import SendIcon from '@mui/icons-material/Send';
import {
  Alert,
  Button,
  Checkbox,
  CircularProgress,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  FormControl,
  FormControlLabel,
  FormGroup,
  FormHelperText,
  FormLabel,
  Stack,
  TableCell,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNotify, useTranslate } from 'react-admin';
import { useAbility } from '../abilities';
import { GraphQLRequestError } from '../graphql';
import { cancelInvitation, inviteSubAccount, listInvitations, resendInvitation, storeCan, type Invitation } from './api';
import { INVITATION_STATUS, StoreRoleChips } from './common';
import { TableCard } from '../components/TableCard';
import { TEAM_KEYS, useAllRoles, useHeld, useNotifyError } from './hooks';

const MOBILE = /^(\+?86)?1[3-9]\d{9}$/;

/** The invite dialog: mobile, display name, roles (only those within one's own rights), and the employee's consent. */
export function InviteButton() {
  const translate = useTranslate();
  const notify = useNotify();
  const notifyError = useNotifyError();
  const queryClient = useQueryClient();
  const roles = useAllRoles();
  const held = useHeld();
  const [open, setOpen] = useState(false);
  const [mobile, setMobile] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [roleIds, setRoleIds] = useState<string[]>([]);
  const [consent, setConsent] = useState(false);
  const [touched, setTouched] = useState(false);
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  const errors: Record<string, string | undefined> = {
    mobile: !mobile.trim() ? translate('ra.validation.required') : !MOBILE.test(mobile.trim()) ? translate('mc.team.invite.mobile_invalid') : serverErrors.mobile,
    displayName: !displayName.trim() ? translate('ra.validation.required') : displayName.trim().length > 64 ? translate('ra.validation.maxLength', { max: 64 }) : serverErrors.displayName,
    roleIds: roleIds.length === 0 ? translate('mc.team.invite.roles_required') : serverErrors.roleIds,
    consentConfirmed: consent ? undefined : translate('mc.team.invite.consent_required'),
  };
  const heldSet = new Set(held.data ?? []);
  const close = () => {
    setOpen(false);
    setMobile('');
    setDisplayName('');
    setRoleIds([]);
    setConsent(false);
    setTouched(false);
    setServerErrors({});
  };
  const submit = async () => {
    setTouched(true);
    if (Object.values(errors).some(Boolean)) return;
    setBusy(true);
    try {
      await inviteSubAccount({ mobile: mobile.trim(), displayName: displayName.trim(), roleIds, consentConfirmed: consent });
      await queryClient.invalidateQueries({ queryKey: TEAM_KEYS.invitations });
      notify('mc.team.invite.sent', { type: 'success' });
      close();
    } catch (e) {
      if (e instanceof GraphQLRequestError && e.body) setServerErrors(e.body.errors);
      notifyError(e);
    } finally {
      setBusy(false);
    }
  };
  const show = (f: string) => (touched ? errors[f] : undefined);

  return (
    <>
      <Button size="small" variant="contained" startIcon={<PersonAddIcon />} onClick={() => setOpen(true)} data-testid="invite-button">
        {translate('mc.team.invite.button')}
      </Button>
      <Dialog open={open} onClose={close} fullWidth maxWidth="sm" data-testid="invite-dialog">
        <DialogTitle>{translate('mc.team.invite.title')}</DialogTitle>
        <DialogContent>
          <Stack spacing={2} sx={{ pt: 1 }}>
            <Typography variant="body2" color="text.secondary">
              {translate('mc.team.invite.intro')}
            </Typography>
            <TextField
              name="mobile"
              label={translate('mc.team.invite.mobile')}
              value={mobile}
              onChange={(e) => (setMobile(e.target.value), setServerErrors({}))}
              error={!!show('mobile')}
              helperText={show('mobile') ?? translate('mc.team.invite.mobile_help')}
              required
              slotProps={{ htmlInput: { inputMode: 'tel', maxLength: 14 } }}
            />
            <TextField
              name="displayName"
              label={translate('mc.team.invite.display_name')}
              value={displayName}
              onChange={(e) => setDisplayName(e.target.value)}
              error={!!show('displayName')}
              helperText={show('displayName') ?? translate('mc.team.invite.display_name_help')}
              required
            />
            <FormControl error={!!show('roleIds')} component="fieldset">
              <FormLabel component="legend">{translate('mc.team.invite.roles')}</FormLabel>
              {roles.isPending ? (
                <CircularProgress size={20} />
              ) : (roles.data ?? []).length === 0 ? (
                <Alert severity="warning">{translate('mc.team.invite.no_roles')}</Alert>
              ) : (
                <FormGroup data-testid="invite-roles">
                  {(roles.data ?? []).map((r) => {
                    const beyond = held.data !== undefined && r.effectivePermissions.some((p) => !heldSet.has(p));
                    return (
                      <FormControlLabel
                        key={r.id}
                        disabled={beyond}
                        control={<Checkbox size="small" checked={roleIds.includes(r.id)} onChange={(e) => setRoleIds(e.target.checked ? [...roleIds, r.id] : roleIds.filter((x) => x !== r.id))} />}
                        label={beyond ? `${r.name}（${translate('mc.team.invite.role_beyond')}）` : r.name}
                      />
                    );
                  })}
                </FormGroup>
              )}
              <FormHelperText>{show('roleIds') ?? translate('mc.team.invite.roles_help')}</FormHelperText>
            </FormControl>
            <FormControl error={!!show('consentConfirmed')}>
              <Alert severity="info" icon={false} sx={{ py: 0 }}>
                <FormControlLabel control={<Checkbox name="consentConfirmed" checked={consent} onChange={(e) => setConsent(e.target.checked)} />} label={translate('mc.team.invite.consent')} />
                <Typography variant="caption" component="p" color="text.secondary">
                  {translate('mc.team.invite.consent_explain')}
                </Typography>
              </Alert>
              {show('consentConfirmed') && <FormHelperText>{show('consentConfirmed')}</FormHelperText>}
            </FormControl>
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={close}>{translate('ra.action.cancel')}</Button>
          <Button variant="contained" onClick={submit} disabled={busy} startIcon={busy ? <CircularProgress size={16} /> : <SendIcon />} data-testid="invite-submit">
            {translate('mc.team.invite.send')}
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
}

/** The store's invitations with their status; resend or cancel the pending ones. */
export function InvitationsPanel() {
  const translate = useTranslate();
  const ability = useAbility();
  const notify = useNotify();
  const notifyError = useNotifyError();
  const queryClient = useQueryClient();
  const { data, isPending, error } = useQuery({ queryKey: TEAM_KEYS.invitations, queryFn: () => listInvitations() });
  const [cancelling, setCancelling] = useState<Invitation | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const canSend = storeCan(ability, 'create', 'SubAccountInvitation');
  const canCancel = storeCan(ability, 'delete', 'SubAccountInvitation');
  const fmt = (iso: string) => formatDateTime(iso);
  const run = async (id: string, action: () => Promise<unknown>, done: string) => {
    setBusy(id);
    try {
      await action();
      notify(done, { type: 'success' });
      await queryClient.invalidateQueries({ queryKey: TEAM_KEYS.invitations });
    } catch (e) {
      notifyError(e);
    } finally {
      setBusy(null);
    }
  };

  return (
    <>
      <TableCard
        testId="invitations"
        sx={{ mt: 2 }}
        title="mc.team.invitations.title"
        empty="mc.team.invitations.empty"
        headers={['mc.team.invite.display_name', 'mc.team.invite.mobile', 'mc.team.invite.roles', 'mc.team.invitations.status', 'mc.team.invitations.expires', 'mc.team.invitations.sends', '']}
        rows={data?.items}
        isPending={isPending}
        error={error}
        row={(i) => (
          <TableRow key={i.id} data-testid={`invitation-${i.id}`} data-status={i.status}>
            <TableCell>{i.displayName}</TableCell>
            <TableCell>{i.mobileMasked}</TableCell>
            <TableCell>
              <StoreRoleChips roles={i.roles} />
            </TableCell>
            <TableCell>
              <StatusChip status={i.status} style={INVITATION_STATUS} />
            </TableCell>
            <TableCell>{fmt(i.expiresAt)}</TableCell>
            <TableCell>{i.sendCount}</TableCell>
            <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
              {i.status === 'pending' && canSend && (
                <Button size="small" startIcon={<SendIcon />} disabled={busy === i.id} onClick={() => run(i.id, () => resendInvitation(i.id), 'mc.team.invitations.resent')}>
                  {translate('mc.team.invitations.resend')}
                </Button>
              )}
              {i.status === 'pending' && canCancel && (
                <Button size="small" color="error" startIcon={<CancelIcon />} disabled={busy === i.id} onClick={() => setCancelling(i)}>
                  {translate('mc.team.invitations.cancel')}
                </Button>
              )}
            </TableCell>
          </TableRow>
        )}
      />
      <ActionDialog
        open={!!cancelling}
        title="mc.team.invitations.cancel_title"
        message="mc.team.invitations.cancel_content"
        translateOptions={{ name: cancelling?.displayName ?? '' }}
        onClose={() => setCancelling(null)}
        onConfirm={async () => {
          await cancelInvitation(cancelling!.id);
          notify('mc.team.invitations.cancelled', { type: 'success' });
          await queryClient.invalidateQueries({ queryKey: TEAM_KEYS.invitations });
        }}
      />
    </>
  );
}
