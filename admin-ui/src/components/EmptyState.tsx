import InboxIcon from '@mui/icons-material/Inbox';
import { Box, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';

/** What a list shows when it has nothing at all (no filter applied). */
export function EmptyState({ message }: { message: string }) {
  const translate = useTranslate();
  return (
    <Box sx={{ textAlign: 'center', py: 8, color: 'text.secondary' }} data-testid="empty-state">
      <InboxIcon sx={{ fontSize: 64, opacity: 0.5 }} />
      <Typography variant="h6">{translate(message)}</Typography>
    </Box>
  );
}
