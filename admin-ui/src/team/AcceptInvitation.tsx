import GroupAddIcon from '@mui/icons-material/GroupAdd';
import { Alert, AlertTitle, Box, Button, Card, CardContent, CircularProgress, Container, Stack, TextField, Typography } from '@mui/material';
import { useState } from 'react';
import { Link, LocalesMenuButton, useTranslate } from 'react-admin';
import { useParams } from 'react-router-dom';
import { own } from '../../../rules/own';
import { GraphQLRequestError } from '../graphql';
import { describeError, refusalKey } from '../providers/errors';
import { acceptInvitation } from './api';
import { PASSWORD_MAX, PASSWORD_MIN, passwordProblemKey } from '../components/passwordPolicy';

/** The link in the invitation SMS: `/#/invitations/<invitation id>` (server: sub-accounts.service queueCode). */
export const INVITE_PATH = '/invitations/:id';

const LOGIN_NAME = /^[a-z][a-z0-9_.-]{2,63}$/;

/** Refusals that belong to one input of the form (shown under it), by errorCode. */
const FIELD_OF: Record<string, string> = { LOGIN_TAKEN: 'loginName', WRONG_CODE: 'code' };

interface Problem {
  key: string;
  field?: string;
  args?: Record<string, unknown>;
  /** The invitation cannot be accepted any more (unknown, locked, used, cancelled, expired). */
  closed?: boolean;
}

/**
 * A failed acceptance -> what to show, by the server's codes (providers/errors.ts translates
 * `errorCode`s, scope `invitation`; the server's text is the fallback).
 */
function problemOf(e: unknown): Problem {
  if (!(e instanceof GraphQLRequestError)) return { key: 'mc.error.INTERNAL' };
  if (e.code === 'NOT_FOUND') return { key: 'mc.team.accept.error.not_found', closed: true };
  if (e.code === 'TOO_MANY_REQUESTS') return { key: 'mc.team.accept.error.locked', closed: true };
  const errorCode = e.errorCode;
  const attemptsLeft = e.extensions.attemptsLeft;
  const key = refusalKey(errorCode, 'invitation');
  const field = (errorCode && own(FIELD_OF, errorCode)) || e.fields[0]?.field.replace(/^input\./, '');
  if (key) return { key, field, args: { smart_count: typeof attemptsLeft === 'number' ? attemptsLeft : undefined }, closed: !field && e.code === 'CONFLICT' };
  if (field === 'loginName') return { key: 'mc.team.accept.error.login_format', field };
  if (field === 'password') return { key: passwordProblemKey(e.errorCode), field };
  // A field problem without its own code: the server's words for that field.
  if (field && e.fields[0]) return { key: e.fields[0].message, field, args: { _: e.fields[0].message } };
  const { key: fallback, args } = describeError(e, 'invitation');
  return { key: fallback, args, closed: e.code === 'CONFLICT' };
}

/** Public page (no sign-in): the employee accepts with the SMS code and chooses a login name and password. */
export function AcceptInvitation() {
  const { id = '' } = useParams<{ id: string }>();
  const translate = useTranslate();
  const [code, setCode] = useState('');
  const [loginName, setLoginName] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [done, setDone] = useState<{ loginName: string; storeName: string } | null>(null);

  const errors: Record<string, string | undefined> = {
    code: /^\d{6}$/.test(code) ? undefined : translate('mc.team.accept.error.code_format'),
    loginName: LOGIN_NAME.test(loginName) ? undefined : translate('mc.team.accept.error.login_format'),
    password: password.length >= PASSWORD_MIN && password.length <= PASSWORD_MAX ? undefined : translate('mc.password.length'),
    confirm: confirm === password ? undefined : translate('mc.team.accept.error.password_mismatch'),
  };
  const fieldError = (f: string) => (touched ? errors[f] : undefined) ?? (problem?.field === f ? translate(problem.key, problem.args) : undefined);
  const closed = !!problem?.closed;

  const submit = async (ev: React.FormEvent) => {
    ev.preventDefault();
    setTouched(true);
    if (Object.values(errors).some(Boolean)) return;
    setBusy(true);
    setProblem(null);
    try {
      setDone(await acceptInvitation({ invitationId: id, code, loginName, password }));
    } catch (e) {
      setProblem(problemOf(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Container maxWidth="sm" sx={{ py: 4 }} data-testid="accept-invitation">
      <Stack direction="row" sx={{ mb: 2, alignItems: 'center', justifyContent: 'space-between' }}>
        <Link to="/login">{translate('mc.team.accept.to_login')}</Link>
        <LocalesMenuButton />
      </Stack>
      <Card>
        <CardContent>
          <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mb: 1 }}>
            <GroupAddIcon color="primary" />
            <Typography variant="h5" component="h1">
              {translate('mc.team.accept.title')}
            </Typography>
          </Stack>
          {done ? (
            <Alert severity="success" data-testid="accept-done">
              <AlertTitle>{translate('mc.team.accept.done_title')}</AlertTitle>
              {translate('mc.team.accept.done', { store: done.storeName, login: done.loginName })}
              <Box sx={{ mt: 2 }}>
                <Button component={Link} to="/login" variant="contained" data-testid="go-login">
                  {translate('mc.team.accept.sign_in')}
                </Button>
              </Box>
            </Alert>
          ) : (
            <Box component="form" onSubmit={submit} noValidate>
              <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
                {translate('mc.team.accept.intro')}
              </Typography>
              {problem && !problem.field && (
                <Alert severity={closed ? 'error' : 'warning'} sx={{ mb: 2 }} data-testid="accept-error" data-problem={problem.key}>
                  {translate(problem.key, problem.args)}
                </Alert>
              )}
              <Stack spacing={2}>
                <TextField
                  name="code"
                  label={translate('mc.team.accept.code')}
                  value={code}
                  onChange={(e) => (setCode(e.target.value.replace(/\D/g, '').slice(0, 6)), setProblem(null))}
                  error={!!fieldError('code')}
                  helperText={fieldError('code') ?? translate('mc.team.accept.code_help')}
                  slotProps={{ htmlInput: { inputMode: 'numeric', autoComplete: 'one-time-code' } }}
                  required
                />
                <TextField
                  name="loginName"
                  label={translate('mc.team.accept.login_name')}
                  value={loginName}
                  onChange={(e) => (setLoginName(e.target.value.trim()), problem?.field === 'loginName' && setProblem(null))}
                  error={!!fieldError('loginName')}
                  helperText={fieldError('loginName') ?? translate('mc.team.accept.login_help')}
                  slotProps={{ htmlInput: { autoComplete: 'username' } }}
                  required
                />
                <TextField
                  name="password"
                  type="password"
                  label={translate('mc.team.accept.password')}
                  value={password}
                  onChange={(e) => setPassword(e.target.value)}
                  error={!!fieldError('password')}
                  helperText={fieldError('password') ?? translate('mc.team.accept.password_help')}
                  slotProps={{ htmlInput: { autoComplete: 'new-password' } }}
                  required
                />
                <TextField
                  name="confirmPassword"
                  type="password"
                  label={translate('mc.team.accept.confirm_password')}
                  value={confirm}
                  onChange={(e) => setConfirm(e.target.value)}
                  error={!!fieldError('confirm')}
                  helperText={fieldError('confirm')}
                  slotProps={{ htmlInput: { autoComplete: 'new-password' } }}
                  required
                />
                <Button type="submit" variant="contained" disabled={busy} startIcon={busy ? <CircularProgress size={16} /> : undefined} data-testid="accept-submit">
                  {translate('mc.team.accept.submit')}
                </Button>
              </Stack>
            </Box>
          )}
        </CardContent>
      </Card>
    </Container>
  );
}
