import AccountBalanceWalletIcon from '@mui/icons-material/AccountBalanceWallet';
import VisibilityIcon from '@mui/icons-material/Visibility';
import { Alert, AlertTitle, Box, Button, Card, CardContent, CircularProgress, Grid, IconButton, Stack, TextField, Tooltip, Typography } from '@mui/material';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Form, SaveButton, TextInput, Title, maxLength, required, useDataProvider, useNotify, useTranslate, type Validator } from 'react-admin';
import { useAbility } from '../abilities';
import { ActionDialog, PurposeDialog, StatusChip, formatDateTime, type StatusStyle } from '../components';
import { GraphQLRequestError } from '../graphql';
import type { ConsoleDataProvider } from '../providers/dataProvider';
import { cancelPayoutAccountChange, confirmPayoutAccountChange, isAlipayLogin, myPayoutAccount, requestPayoutAccountChange, type PayoutAccount } from './api';

const QUERY_KEY = ['myPayoutAccount'];

const STATUS: StatusStyle = { labels: 'mc.payoutAccount.status', colors: { not_set: 'default', active: 'success' }, testId: 'payout-account-status' };

/** `can` on a subject the UI's Subject union does not list (the server's rules decide). */
const canDo = (a: unknown, action: string, subject: string, field?: string): boolean => (a as { can(x: string, s: string, f?: string): boolean }).can(action, subject, field);

/**
 * The store owner's Alipay payout account (issue 13): masked values, the name check, the payout
 * hold, a change form and the confirmation-code dialog. Only the owner reaches this page (the menu
 * entry needs `update PayoutAccount`, held by the owner only).
 */
export function PayoutAccountPage() {
  const translate = useTranslate();
  const { data, isPending, error } = useQuery({ queryKey: QUERY_KEY, queryFn: myPayoutAccount });
  const [codeOpen, setCodeOpen] = useState(false);
  if (isPending) return <CircularProgress sx={{ m: 4 }} />;
  if (error) return <Alert severity="error">{translate(error.message)}</Alert>;
  return (
    <Box sx={{ mt: 2, maxWidth: 900 }} data-testid="payout-account">
      <Title title="mc.payoutAccount.title" />
      <Stack spacing={2}>
        <AccountCard a={data} />
        {data.pending && <PendingCard a={data} onEnterCode={() => setCodeOpen(true)} />}
        <ChangeForm hasAccount={data.status === 'active'} onRequested={() => setCodeOpen(true)} />
      </Stack>
      <CodeDialog open={codeOpen} a={data} onClose={() => setCodeOpen(false)} />
    </Box>
  );
}

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  const translate = useTranslate();
  return (
    <Grid container spacing={1} sx={{ py: 0.5 }}>
      <Grid size={{ xs: 12, sm: 4 }}>
        <Typography variant="body2" color="text.secondary">
          {translate(label)}
        </Typography>
      </Grid>
      <Grid size={{ xs: 12, sm: 8 }}>{children}</Grid>
    </Grid>
  );
}

function AccountCard({ a }: { a: PayoutAccount }) {
  const translate = useTranslate();
  const hold = a.payoutHold;
  return (
    <Card data-testid="payout-account-card">
      <CardContent>
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mb: 1 }}>
          <AccountBalanceWalletIcon color="action" />
          <Typography variant="h6">{translate('mc.payoutAccount.current')}</Typography>
          <StatusChip status={a.status} style={STATUS} />
        </Stack>
        {a.status === 'not_set' ? (
          <Typography variant="body2">{translate('mc.payoutAccount.not_set_help')}</Typography>
        ) : (
          <>
            <Row label="mc.payoutAccount.fields.alipayLogin">
              <Revealable id={a.id} field="alipayLogin" masked={a.alipayLogin} />
            </Row>
            <Row label="mc.payoutAccount.fields.payeeName">
              <Revealable id={a.id} field="payeeName" masked={a.payeeName} />
            </Row>
            <Row label="mc.payoutAccount.fields.activatedAt">
              <Typography variant="body2">{formatDateTime(a.activatedAt)}</Typography>
            </Row>
            <Row label="mc.payoutAccount.fields.nameCheck">
              <Typography variant="body2" color={a.nameMatches ? 'success.main' : 'error.main'} data-testid="payout-name-check">
                {translate(a.nameMatches ? 'mc.payoutAccount.name_matches' : 'mc.payoutAccount.name_mismatch')}
              </Typography>
            </Row>
          </>
        )}
        <Alert severity={hold ? 'warning' : 'success'} sx={{ mt: 2 }} data-testid="payout-hold" data-hold={hold ?? 'none'}>
          {hold ? translate(`mc.payoutAccount.hold.${hold}`, { until: formatDateTime(a.payoutHoldUntil) }) : translate('mc.payoutAccount.hold.none')}
        </Alert>
      </CardContent>
    </Card>
  );
}

/** A masked value with a reveal button (the owner's own account: `reveal PayoutAccount`), with a purpose, audited on the server. */
function Revealable({ id, field, masked }: { id?: string | null; field: string; masked?: string | null }) {
  const translate = useTranslate();
  const ability = useAbility();
  const dataProvider = useDataProvider<ConsoleDataProvider>();
  const [open, setOpen] = useState(false);
  const [value, setValue] = useState<string | null | undefined>(undefined);
  if (!masked) return <Typography color="text.secondary">—</Typography>;
  const label = translate(`mc.payoutAccount.fields.${field}`);
  const allowed = !!id && canDo(ability, 'reveal', 'PayoutAccount', field);
  return (
    <Stack direction="row" spacing={0.5} sx={{ alignItems: 'center' }} data-testid={`payout-${field}`}>
      <Typography variant="body2" data-revealed={value !== undefined} sx={value !== undefined ? { fontWeight: 'bold' } : undefined}>
        {value !== undefined ? (value ?? translate('mc.reveal.none')) : masked}
      </Typography>
      {allowed && value === undefined && (
        <Tooltip title={translate('mc.payoutAccount.reveal', { field: label })}>
          <IconButton size="small" aria-label={translate('mc.payoutAccount.reveal', { field: label })} onClick={() => setOpen(true)}>
            <VisibilityIcon fontSize="small" />
          </IconButton>
        </Tooltip>
      )}
      <PurposeDialog
        open={open}
        title={translate('mc.payoutAccount.reveal', { field: label })}
        confirmLabel="mc.reveal.confirm"
        onClose={() => setOpen(false)}
        onConfirm={async (purpose) => {
          setValue(await dataProvider.revealPersonalData({ subject: 'PayoutAccount', id: id!, field, purpose }));
          setOpen(false);
        }}
      />
    </Stack>
  );
}

function PendingCard({ a, onEnterCode }: { a: PayoutAccount; onEnterCode(): void }) {
  const translate = useTranslate();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const [cancelOpen, setCancelOpen] = useState(false);
  const p = a.pending!;
  return (
    <Alert
      severity="info"
      data-testid="payout-pending"
      action={
        <Stack direction="row" spacing={1}>
          <Button variant="contained" size="small" onClick={onEnterCode} data-testid="payout-enter-code">
            {translate('mc.payoutAccount.enter_code')}
          </Button>
          <Button size="small" onClick={() => setCancelOpen(true)}>
            {translate('mc.payoutAccount.cancel_change')}
          </Button>
        </Stack>
      }
    >
      <AlertTitle>{translate('mc.payoutAccount.pending_title')}</AlertTitle>
      <Typography variant="body2">
        {translate('mc.payoutAccount.pending_body', { login: p.alipayLogin, name: p.payeeName, mobile: p.sentTo, until: formatDateTime(p.expiresAt), left: p.attemptsLeft })}
      </Typography>
      <ActionDialog
        open={cancelOpen}
        title="mc.payoutAccount.cancel_change"
        message="mc.payoutAccount.cancel_confirm"
        color="warning"
        onClose={() => setCancelOpen(false)}
        onConfirm={async () => {
          queryClient.setQueryData(QUERY_KEY, await cancelPayoutAccountChange());
          notify('mc.payoutAccount.cancelled', { type: 'info' });
        }}
      />
    </Alert>
  );
}

/** A mobile typed with spaces or dashes is sent as its digits; an e-mail as typed (trimmed). */
const tidyLogin = (v: string): string => (/^[+\d\s-]+$/.test(v.trim()) ? v.replace(/[\s-]/g, '') : v.trim());

const loginValidator: Validator = (v) => (v && !isAlipayLogin(String(v)) ? 'mc.payoutAccount.validation.alipayLogin' : undefined);

function ChangeForm({ hasAccount, onRequested }: { hasAccount: boolean; onRequested(): void }) {
  const translate = useTranslate();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const [formKey, setFormKey] = useState(0);
  const submit = async (values: Record<string, unknown>) => {
    try {
      const a = await requestPayoutAccountChange({ alipayLogin: tidyLogin(String(values.alipayLogin ?? '')), payeeName: String(values.payeeName ?? '').trim() });
      queryClient.setQueryData(QUERY_KEY, a);
      notify('mc.payoutAccount.code_sent', { type: 'info', messageArgs: { mobile: a.pending?.sentTo ?? '' } });
      setFormKey((k) => k + 1);
      onRequested();
    } catch (e) {
      if (e instanceof GraphQLRequestError && e.body) return e.body.errors;
      notify(e instanceof Error ? e.message : 'mc.error.INTERNAL', { type: 'error' });
    }
  };
  return (
    <Card data-testid="payout-change-form">
      <CardContent>
        <Typography variant="h6">{translate(hasAccount ? 'mc.payoutAccount.change_title' : 'mc.payoutAccount.set_title')}</Typography>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
          {translate('mc.payoutAccount.change_help')}
        </Typography>
        <Form key={formKey} onSubmit={submit}>
          <Stack sx={{ maxWidth: 480 }}>
            <TextInput source="alipayLogin" label="mc.payoutAccount.fields.alipayLogin" helperText="mc.payoutAccount.help.alipayLogin" validate={[required(), maxLength(100), loginValidator]} />
            <TextInput source="payeeName" label="mc.payoutAccount.fields.payeeName" helperText="mc.payoutAccount.help.payeeName" validate={[required(), maxLength(50)]} />
            <Box>
              <SaveButton label="mc.payoutAccount.send_code" icon={<AccountBalanceWalletIcon />} alwaysEnable />
            </Box>
          </Stack>
        </Form>
      </CardContent>
    </Card>
  );
}

/** The confirmation code dialog: 6 digits; wrong codes say how many tries are left; a voided or expired change refreshes the page. */
function CodeDialog({ open, a, onClose }: { open: boolean; a: PayoutAccount; onClose(): void }) {
  const translate = useTranslate();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const [code, setCode] = useState('');
  const close = () => {
    setCode('');
    onClose();
  };
  return (
    <ActionDialog
      open={open}
      title="mc.payoutAccount.code_title"
      message={translate('mc.payoutAccount.code_help', { mobile: a.pending?.sentTo ?? '', until: formatDateTime(a.pending?.expiresAt) })}
      confirmLabel="mc.payoutAccount.confirm"
      canConfirm={/^\d{6}$/.test(code)}
      onClose={close}
      onConfirm={async () => {
        try {
          const done = await confirmPayoutAccountChange(code);
          queryClient.setQueryData(QUERY_KEY, done);
          setCode('');
          notify('mc.payoutAccount.changed', { type: 'success', messageArgs: { until: formatDateTime(done.holdUntil) } });
        } catch (e) {
          // Attempts left, a voided or expired change: the page shows the new state behind the dialog.
          await queryClient.invalidateQueries({ queryKey: QUERY_KEY });
          throw e;
        }
      }}
    >
      <TextField
        autoFocus
        fullWidth
        margin="dense"
        name="code"
        label={translate('mc.payoutAccount.fields.code')}
        value={code}
        onChange={(e) => setCode(e.target.value.replace(/\D/g, '').slice(0, 6))}
        slotProps={{ htmlInput: { inputMode: 'numeric', autoComplete: 'one-time-code', 'data-testid': 'payout-code-input' } }}
        helperText={a.pending ? translate('mc.payoutAccount.attempts_left', { left: a.pending.attemptsLeft }) : undefined}
      />
    </ActionDialog>
  );
}
