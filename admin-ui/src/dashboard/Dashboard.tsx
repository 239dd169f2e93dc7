import BadgeIcon from '@mui/icons-material/Badge';
import DevicesIcon from '@mui/icons-material/Devices';
import HistoryEduIcon from '@mui/icons-material/HistoryEdu';
import NotificationsIcon from '@mui/icons-material/Notifications';
import StorefrontIcon from '@mui/icons-material/Storefront';
import FactCheckIcon from '@mui/icons-material/FactCheck';
import GavelIcon from '@mui/icons-material/Gavel';
import GroupsIcon from '@mui/icons-material/Groups';
import PolicyIcon from '@mui/icons-material/Policy';
import RateReviewIcon from '@mui/icons-material/RateReview';
import RuleIcon from '@mui/icons-material/Rule';
import SecurityIcon from '@mui/icons-material/Security';
import VerifiedUserIcon from '@mui/icons-material/VerifiedUser';
import { Badge, Button, Card, CardContent, Grid, Stack, Typography } from '@mui/material';
import type { ComponentType } from 'react';
import { Link, Title, useGetIdentity, useTranslate } from 'react-admin';
import { canOnAny, useAbility, type AppAbility } from '../abilities';
import { useUnreadCount } from '../notifications';
import { RoleChips } from '../staff';

interface Shortcut {
  key: string;
  to: string;
  icon: ComponentType;
  allowed(ability: AppAbility): boolean;
}

/** Subjects outside the shared Subject union (policies, store team) are checked by name. */
const canAny = (a: AppAbility, action: string, subjectType: string) => (a as unknown as { can(action: string, subject: string): boolean }).can(action, subjectType);
/** Staff who work on penalties read the catalogue (as in penalties/index.tsx). */
const penaltyStaff = (a: AppAbility) => a.can('read', 'ViolationCategory');

/** What the actor can do from here, in the menu's order; each entry is shown only where the ability allows it. */
const SHORTCUTS: Shortcut[] = [
  { key: 'my_verification', to: '/myVerification', icon: VerifiedUserIcon, allowed: (a) => a.can('create', 'Verification') },
  { key: 'verification_queue', to: '/verificationCases', icon: FactCheckIcon, allowed: (a) => canOnAny(a, 'read', 'Verification') },
  { key: 'reason_codes', to: '/verificationReasonCodes', icon: RuleIcon, allowed: (a) => a.can('update', 'VerificationReasonCode') },
  { key: 'merchants', to: '/merchants', icon: StorefrontIcon, allowed: (a) => a.can('read', 'Merchant') },
  { key: 'penalties', to: '/penalties', icon: GavelIcon, allowed: (a) => penaltyStaff(a) && a.can('read', 'Penalty') },
  { key: 'create_penalty', to: '/penalties/create', icon: GavelIcon, allowed: (a) => penaltyStaff(a) && a.can('create', 'Penalty') },
  { key: 'appeals', to: '/penaltyAppeals', icon: RateReviewIcon, allowed: (a) => penaltyStaff(a) && a.can('read', 'PenaltyAppeal') },
  { key: 'my_penalties', to: '/myPenalties', icon: GavelIcon, allowed: (a) => !penaltyStaff(a) && a.can('read', 'Penalty') },
  { key: 'policies', to: '/policyDocuments', icon: PolicyIcon, allowed: (a) => canAny(a, 'read', 'PolicyVersion') },
  { key: 'team', to: '/subAccounts', icon: GroupsIcon, allowed: (a) => canAny(a, 'read', 'SubAccount') },
  { key: 'store_roles', to: '/storeRoles', icon: SecurityIcon, allowed: (a) => canAny(a, 'read', 'StoreRole') },
  { key: 'create_staff', to: '/staffAccounts/create', icon: BadgeIcon, allowed: (a) => a.can('create', 'StaffAccount') },
  { key: 'staff', to: '/staffAccounts', icon: BadgeIcon, allowed: (a) => a.can('read', 'StaffAccount') },
  { key: 'audit', to: '/auditEvents', icon: HistoryEduIcon, allowed: (a) => a.can('read', 'AuditEvent') },
  { key: 'notifications', to: '/notifications', icon: NotificationsIcon, allowed: () => true },
  { key: 'sessions', to: '/sessions', icon: DevicesIcon, allowed: () => true },
];

export function Dashboard() {
  const translate = useTranslate();
  const ability = useAbility();
  const { identity, isPending } = useGetIdentity();
  const unread = useUnreadCount();
  return (
    <Stack spacing={2} sx={{ mt: 2 }}>
      <Title title="mc.dashboard.title" />
      <Card>
        <CardContent>
          <Typography variant="h5" gutterBottom data-testid="greeting">
            {isPending ? translate('ra.page.loading') : translate('mc.dashboard.greeting', { name: identity?.fullName ?? '' })}
          </Typography>
          {identity?.kind === 'staff' ? (
            <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
              <Typography color="text.secondary">{translate('mc.dashboard.roles')}</Typography>
              <RoleChips roles={identity.roles} />
            </Stack>
          ) : (
            identity && <Typography color="text.secondary">{translate(`mc.account_kind.${identity.kind}`)}</Typography>
          )}
        </CardContent>
      </Card>
      <Card>
        <CardContent>
          <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
            <Badge badgeContent={unread ?? 0} color="error">
              <NotificationsIcon />
            </Badge>
            <Typography data-testid="unread-summary">{unread === undefined ? translate('ra.page.loading') : translate('mc.dashboard.unread', { smart_count: unread })}</Typography>
          </Stack>
        </CardContent>
      </Card>
      <Typography variant="h6">{translate('mc.dashboard.shortcuts')}</Typography>
      <Grid container spacing={2}>
        {SHORTCUTS.filter((s) => s.allowed(ability)).map(({ key, to, icon: Icon }) => (
          <Grid key={key} size={{ xs: 12, sm: 6, md: 4 }}>
            <Button component={Link} to={to} variant="outlined" fullWidth startIcon={<Icon />} sx={{ justifyContent: 'flex-start', py: 1.5, textTransform: 'none' }}>
              {translate(`mc.dashboard.shortcut.${key}`)}
            </Button>
          </Grid>
        ))}
      </Grid>
    </Stack>
  );
}
