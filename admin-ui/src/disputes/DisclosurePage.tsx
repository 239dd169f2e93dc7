import LockIcon from '@mui/icons-material/Lock';
import { Alert, Box, Button, CircularProgress, Container, Paper, Stack, TextField, Typography } from '@mui/material';
import { useState } from 'react';
import { LocalesMenuButton, useTranslate } from 'react-admin';
import { useParams } from 'react-router-dom';
import { formatDateTime } from '../components';
import { GraphQLRequestError } from '../graphql';
import { DISCLOSURE_FIELDS, disputeApi, errorKey } from './api';

/** The buyer's page from the SMS link (`${PUBLIC_URL}/#/disclosure/<token>`): public, no sign-in. */
export const DISCLOSURE_PATH = '/disclosure/:token';

type Shown = Awaited<ReturnType<typeof disputeApi.view>>;

/**
 * The buyer asks for a code (sent to the mobile on the dispute), types it, and sees exactly the
 * approved fields of the merchant (policy 4.1 i), with the views left and the expiry. A dead
 * link, a wrong code and "wait before another code" each get their own message.
 */
export function DisclosurePage() {
  const translate = useTranslate();
  const { token = '' } = useParams();
  const [code, setCode] = useState('');
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [shown, setShown] = useState<Shown | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [dead, setDead] = useState(false);
  const [busy, setBusy] = useState<null | 'code' | 'view'>(null);

  const fail = (e: unknown) => {
    const key = errorKey(e);
    if (e instanceof GraphQLRequestError && (e.errorCode === 'DISCLOSURE_LINK_DEAD' || e.code === 'NOT_FOUND')) {
      setDead(true);
      setShown(null);
    }
    setError(key);
  };
  const sendCode = async () => {
    setBusy('code');
    setError(null);
    try {
      const r = await disputeApi.sendCode(token);
      setSentTo(r.sentTo);
    } catch (e) {
      fail(e);
    } finally {
      setBusy(null);
    }
  };
  const view = async () => {
    setBusy('view');
    setError(null);
    try {
      setShown(await disputeApi.view(token, code.trim()));
    } catch (e) {
      fail(e);
    } finally {
      setBusy(null);
    }
  };
  const codeOk = /^\d{6}$/.test(code.trim());
  return (
    <Container maxWidth="sm" sx={{ py: 2, px: 2 }}>
      <Stack direction="row" sx={{ mb: 2, alignItems: 'center', justifyContent: 'space-between' }}>
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
          <LockIcon color="primary" />
          <Typography variant="subtitle1">{translate('mc.app_title')}</Typography>
        </Stack>
        <LocalesMenuButton />
      </Stack>
      <Typography variant="h5" component="h1" gutterBottom>
        {translate('mc.disclosure_page.title')}
      </Typography>
      <Typography color="text.secondary" sx={{ mb: 2 }}>
        {translate('mc.disclosure_page.intro')}
      </Typography>
      {error && (
        <Alert severity={dead ? 'warning' : 'error'} sx={{ mb: 2 }} data-testid="disclosure-error">
          {translate(error, { _: translate('mc.error.INTERNAL') })}
        </Alert>
      )}
      {shown && !dead && (
        <Paper variant="outlined" sx={{ p: 2, mb: 2 }} data-testid="disclosed">
          <Box component="dl" sx={{ m: 0 }}>
            {DISCLOSURE_FIELDS.filter((f) => shown[f] != null).map((f) => (
              <Box key={f} sx={{ mb: 1.5 }} data-testid={`disclosed-${f}`}>
                <Typography component="dt" variant="caption" color="text.secondary">
                  {translate(`mc.disputes.disclosure.field.${f}`)}
                </Typography>
                <Typography component="dd" sx={{ m: 0, fontSize: 18, wordBreak: 'break-all' }}>
                  {shown[f]}
                </Typography>
              </Box>
            ))}
          </Box>
          <Typography variant="body2" color="text.secondary" data-testid="disclosure-left">
            {translate('mc.disclosure_page.views_left', { smart_count: shown.viewsLeft })} · {translate('mc.disclosure_page.expires', { date: formatDateTime(shown.expiresAt) })}
          </Typography>
          <Typography variant="caption" color="text.secondary" sx={{ display: 'block', mt: 1 }}>
            {translate('mc.disclosure_page.use_terms')}
          </Typography>
        </Paper>
      )}
      {!dead && !shown && (
        <Stack spacing={2}>
          <Button variant="outlined" size="large" onClick={sendCode} disabled={busy !== null} startIcon={busy === 'code' ? <CircularProgress size={16} /> : undefined} data-testid="get-code" fullWidth>
            {translate(sentTo ? 'mc.disclosure_page.resend' : 'mc.disclosure_page.get_code')}
          </Button>
          {sentTo && (
            <Alert severity="info" data-testid="code-sent">
              {translate('mc.disclosure_page.sent_to', { mobile: sentTo })}
            </Alert>
          )}
          <TextField
            name="code"
            label={translate('mc.disclosure_page.code')}
            value={code}
            onChange={(e) => setCode(e.target.value.replace(/\D/g, '').slice(0, 6))}
            slotProps={{ htmlInput: { inputMode: 'numeric', autoComplete: 'one-time-code', maxLength: 6, 'data-testid': 'code-input' } }}
            fullWidth
          />
          <Button
            variant="contained"
            size="large"
            onClick={view}
            disabled={!codeOk || busy !== null}
            startIcon={busy === 'view' ? <CircularProgress size={16} /> : undefined}
            data-testid="view-disclosure"
            fullWidth
          >
            {translate('mc.disclosure_page.view')}
          </Button>
        </Stack>
      )}
    </Container>
  );
}
