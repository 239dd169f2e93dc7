import VisibilityIcon from '@mui/icons-material/Visibility';
import { Alert, Button, Chip, Stack, Typography } from '@mui/material';
import { useState } from 'react';
import { useDataProvider, useTranslate } from 'react-admin';
import { subject, useAbility } from '../abilities';
import { PurposeDialog, type StatusStyle } from '../components';
import type { ConsoleDataProvider } from '../providers/dataProvider';
import type { RoleRef } from './api';

export const SUB_ACCOUNT_STATUSES = ['active', 'disabled', 'removed'] as const;
export const INVITATION_STATUSES = ['pending', 'expired', 'accepted', 'cancelled', 'locked'] as const;
export const subAccountStatusChoices = SUB_ACCOUNT_STATUSES.map((id) => ({ id, name: `mc.team.status.${id}` }));
export const invitationStatusChoices = INVITATION_STATUSES.map((id) => ({ id, name: `mc.team.invitation_status.${id}` }));

/** A sub-account's status as a chip (components/StatusChip). */
export const SUB_ACCOUNT_STATUS: StatusStyle = {
  labels: 'mc.team.status',
  colors: { active: 'success', disabled: 'warning', removed: 'default' },
  testId: (s) => `status-${s}`,
};
/** An invitation's status as a chip. */
export const INVITATION_STATUS: StatusStyle = {
  labels: 'mc.team.invitation_status',
  colors: { pending: 'info', expired: 'default', accepted: 'success', cancelled: 'default', locked: 'error' },
  testId: (s) => `invitation_status-${s}`,
};

export function StoreRoleChips({ roles }: { roles?: RoleRef[] }) {
  const translate = useTranslate();
  if (!roles?.length)
    return (
      <Typography variant="body2" color="text.secondary">
        {translate('mc.team.no_roles')}
      </Typography>
    );
  return (
    <Stack direction="row" spacing={0.5} useFlexGap sx={{ flexWrap: 'wrap' }}>
      {roles.map((r) => (
        <Chip key={r.id} size="small" label={r.name} />
      ))}
    </Stack>
  );
}

/** The masked mobile with "reveal" (asks for a purpose; audited) where `reveal SubAccount` is allowed. */
export function SubAccountMobile({ id, storeId, masked, name }: { id: string; storeId?: string; masked?: string | null; name: string }) {
  const ability = useAbility();
  const translate = useTranslate();
  const dataProvider = useDataProvider<ConsoleDataProvider>();
  const [open, setOpen] = useState(false);
  const [value, setValue] = useState<string | null | undefined>(undefined);
  const allowed = ability.can('reveal' as never, subject('SubAccount' as never, { id, storeId }) as never, 'mobile');
  return (
    <Stack direction="row" spacing={0.5} sx={{ alignItems: 'center' }} onClick={(e) => e.stopPropagation()}>
      <Typography variant="body2" component="span">
        {masked ?? '—'}
      </Typography>
      {masked && allowed && (
        <Button size="small" startIcon={<VisibilityIcon />} onClick={() => setOpen(true)} data-testid="reveal-mobile">
          {translate('mc.reveal.button')}
        </Button>
      )}
      <PurposeDialog
        open={open}
        title={translate('mc.reveal.title', { name })}
        confirmLabel="mc.reveal.confirm"
        onClose={() => {
          setOpen(false);
          setValue(undefined);
        }}
        done={value !== undefined}
        onConfirm={async (purpose) => setValue(await dataProvider.revealPersonalData({ subject: 'SubAccount', id, field: 'mobile', purpose }))}
      >
        {value !== undefined && (
          <Alert severity="info" data-testid="revealed-value">
            {translate('mc.reveal.value')}: <strong>{value ?? translate('mc.reveal.none')}</strong>
          </Alert>
        )}
      </PurposeDialog>
    </Stack>
  );
}
