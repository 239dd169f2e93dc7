import KeyIcon from '@mui/icons-material/Key';
import { Alert, Box, Button, Card, CardContent, Container, Stack, TextField, Typography } from '@mui/material';
import { useState, type FormEvent } from 'react';
import { useLogout, useNotify, useTranslate } from 'react-admin';
import { useNavigate } from 'react-router-dom';
import { PASSWORD_MAX, PASSWORD_MIN, passwordProblemKey } from '../components/passwordPolicy';
import { GraphQLRequestError } from '../graphql';
import { forgetMe, mustChangePassword } from '../providers/authProvider';
import { changeMyPassword } from '../staff/api';

/** `/#/change-password`: one's own password change, and the forced change after signing in with a temporary password. */
export const CHANGE_PASSWORD_PATH = '/change-password';

export function ChangePasswordPage() {
  const translate = useTranslate();
  const notify = useNotify();
  const navigate = useNavigate();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [problem, setProblem] = useState<{ field: 'current' | 'next' | 'confirm'; key: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const forced = mustChangePassword();
  const logout = useLogout();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (next.length < PASSWORD_MIN || next.length > PASSWORD_MAX) return setProblem({ field: 'next', key: 'mc.password.length' });
    if (next !== confirm) return setProblem({ field: 'confirm', key: 'mc.password.mismatch' });
    setBusy(true);
    try {
      await changeMyPassword(current, next);
      forgetMe(); // the next `me` reads the cleared mark and the new ability
      notify('mc.password.changed', { type: 'success' });
      void navigate('/');
    } catch (err) {
      const e = err instanceof GraphQLRequestError ? err : undefined;
      const f = e?.fields[0];
      if (f) setProblem({ field: f.field.endsWith('currentPassword') ? 'current' : 'next', key: passwordProblemKey(e.errorCode) });
      else notify(err instanceof Error ? err.message : 'mc.error.INTERNAL', { type: 'error' });
    } finally {
      setBusy(false);
    }
  };
  const field = (name: 'current' | 'next' | 'confirm', label: string, value: string, set: (v: string) => void, autoComplete: string) => (
    <TextField
      name={name}
      type="password"
      label={translate(label)}
      value={value}
      onChange={(e) => (set(e.target.value), setProblem(null))}
      error={problem?.field === name}
      helperText={problem?.field === name ? translate(problem.key) : ' '}
      autoComplete={autoComplete}
      required
      fullWidth
    />
  );
  return (
    <Container maxWidth="sm" sx={{ py: 6 }}>
      <Card>
        <CardContent component="form" onSubmit={submit}>
          <Stack spacing={2}>
            <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
              <KeyIcon />
              <Typography variant="h5">{translate('mc.password.change_title')}</Typography>
            </Stack>
            {forced && <Alert severity="warning">{translate('mc.password.must_change')}</Alert>}
            {field('current', 'mc.password.current', current, setCurrent, 'current-password')}
            {field('next', 'mc.password.new', next, setNext, 'new-password')}
            {field('confirm', 'mc.password.confirm', confirm, setConfirm, 'new-password')}
            <Box sx={{ display: 'flex', gap: 1, justifyContent: 'flex-end' }}>
              {forced ? <Button onClick={() => logout()}>{translate('ra.auth.logout')}</Button> : <Button onClick={() => navigate(-1)}>{translate('mc.password.back')}</Button>}
              <Button type="submit" variant="contained" disabled={busy}>
                {translate('mc.password.change_title')}
              </Button>
            </Box>
          </Stack>
        </CardContent>
      </Card>
    </Container>
  );
}
