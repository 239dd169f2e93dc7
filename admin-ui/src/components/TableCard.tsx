import { Alert, Box, Card, CardContent, CircularProgress, Table, TableBody, TableCell, TableHead, TableRow, Typography, type SxProps } from '@mui/material';
import type { ReactNode } from 'react';
import { useTranslate } from 'react-admin';

/**
 * A titled card holding a small table, with the same loading, error and empty states everywhere
 * (sessions, activity, invitations, reveal logs). `headers` and `title`/`empty` are message keys
 * ('' for a column without a heading); `row` renders one <TableRow> with its key.
 */
export function TableCard<T>(props: {
  title: string;
  empty: string;
  headers: string[];
  rows: T[] | undefined;
  isPending: boolean;
  error?: Error | null;
  row: (item: T, index: number) => ReactNode;
  footer?: ReactNode;
  testId?: string;
  sx?: SxProps;
}) {
  const translate = useTranslate();
  const { rows, isPending, error } = props;
  return (
    <Card data-testid={props.testId} sx={props.sx}>
      <CardContent>
        <Typography variant="h6" gutterBottom>
          {translate(props.title)}
        </Typography>
        {isPending ? (
          <CircularProgress size={24} />
        ) : error ? (
          <Alert severity="error">{translate(error.message)}</Alert>
        ) : !rows?.length ? (
          <Typography color="text.secondary">{translate(props.empty)}</Typography>
        ) : (
          <>
            <Box sx={{ overflowX: 'auto' }}>
              <Table size="small">
                <TableHead>
                  <TableRow>
                    {props.headers.map((h, i) => (
                      <TableCell key={i}>{h ? translate(h) : null}</TableCell>
                    ))}
                  </TableRow>
                </TableHead>
                <TableBody>{rows.map(props.row)}</TableBody>
              </Table>
            </Box>
            {props.footer}
          </>
        )}
      </CardContent>
    </Card>
  );
}
