import PolicyIcon from '@mui/icons-material/Policy';
import { Box, Stack } from '@mui/material';
import { Link, LocalesMenuButton, Login, LoginForm, useTranslate } from 'react-admin';
import { POLICY_PATH } from '../policy';

/** react-admin's sign-in form, plus the language switch and a link to the public privacy policy. */
export function LoginPage() {
  const translate = useTranslate();
  return (
    <Login>
      <LoginForm />
      <Stack direction="row" sx={{ px: 2, pb: 2, alignItems: 'center', justifyContent: 'space-between' }}>
        <Box component={Link} to={POLICY_PATH} sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.5 }} data-testid="policy-link">
          <PolicyIcon fontSize="small" />
          {translate('mc.login.policy_link')}
        </Box>
        <LocalesMenuButton />
      </Stack>
    </Login>
  );
}
