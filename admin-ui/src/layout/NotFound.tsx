import HistoryIcon from '@mui/icons-material/History';
import SearchOffIcon from '@mui/icons-material/SearchOff';
import { Box, Button, Stack, Typography } from '@mui/material';
import { Link, Loading, Title, useAuthenticated, useTranslate } from 'react-admin';

/**
 * The catch-all page: react-admin's own adds a '.' after the message (so "link.." in English and a
 * Latin full stop after Chinese text); ours shows the message as translated, and a way home.
 */
export function NotFound() {
  const translate = useTranslate();
  const { isPending } = useAuthenticated();
  if (isPending) return <Loading />;
  return (
    <Box sx={{ textAlign: 'center', py: 8, color: 'text.secondary' }} data-testid="not-found">
      <Title title="ra.page.not_found" />
      <SearchOffIcon sx={{ fontSize: 72, opacity: 0.5 }} />
      <Typography variant="h5" component="h1" sx={{ my: 1 }}>
        {translate('ra.page.not_found')}
      </Typography>
      <Typography>{translate('ra.message.not_found')}</Typography>
      <Stack direction="row" spacing={1} sx={{ justifyContent: 'center', mt: 3 }}>
        <Button variant="outlined" startIcon={<HistoryIcon />} onClick={() => window.history.back()}>
          {translate('ra.action.back')}
        </Button>
        <Button variant="contained" component={Link} to="/">
          {translate('mc.dashboard.title')}
        </Button>
      </Stack>
    </Box>
  );
}

/** The app's name in the UI language (Admin's `title` string is shown untranslated on some pages). */
export function AppTitle() {
  const translate = useTranslate();
  return <>{translate('mc.app_title')}</>;
}
