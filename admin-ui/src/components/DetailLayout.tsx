import { Box, Divider, Grid, Typography } from '@mui/material';
import { useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useRefresh } from 'react-admin';

/** One labelled line of a record's page (label left, value right; stacked on a phone). */
export function DetailRow({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <Grid container spacing={1} sx={{ py: 0.5 }}>
      <Grid size={{ xs: 12, sm: 3 }}>
        <Typography color="text.secondary">{label}</Typography>
      </Grid>
      <Grid size={{ xs: 12, sm: 9 }} data-testid={testId}>
        {children}
      </Grid>
    </Grid>
  );
}

/** A titled part of a record's page. */
export function DetailSection({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  return (
    <Box sx={{ mt: 3 }} data-testid={testId}>
      <Typography variant="h6" gutterBottom>
        {title}
      </Typography>
      <Divider sx={{ mb: 1 }} />
      {children}
    </Box>
  );
}

/** After a change: reload the page's record and every query. */
export function useReloadAll(): () => Promise<void> {
  const refresh = useRefresh();
  const queryClient = useQueryClient();
  return async () => {
    await queryClient.invalidateQueries();
    refresh();
  };
}
