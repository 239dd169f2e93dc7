import GavelIcon from '@mui/icons-material/Gavel';
import PolicyIcon from '@mui/icons-material/Policy';
import { Box, Stack } from '@mui/material';
import { Link, LocalesMenuButton, Login, LoginForm, useTranslate } from 'react-admin';
import { NOTICES_PATH } from '../notices';
import { POLICY_PATH } from '../policy';

/** react-admin's sign-in form, plus the language switch and a link to the public privacy policy. */
export function LoginPage() {
  const translate = useTranslate();
  return (
    <Login>
      <LoginForm />
      <Stack direction="row" useFlexGap sx={{ px: 2, pb: 2, alignItems: 'center', justifyContent: 'space-between', flexWrap: 'wrap', columnGap: 2 }}>
        <Box component={Link} to={POLICY_PATH} sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.5 }} data-testid="policy-link">
          <PolicyIcon fontSize="small" />
          {translate('mc.login.policy_link')}
        </Box>
        <Box component={Link} to={NOTICES_PATH} sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.5 }} data-testid="notices-link">
          <GavelIcon fontSize="small" />
          {translate('mc.login.notices_link')}
        </Box>
        <LocalesMenuButton />
      </Stack>
    </Login>
  );
}
