import {
  Alert,
  Box,
  Button,
  Chip,
  CircularProgress,
  Container,
  MenuItem,
  Paper,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TablePagination,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, LocalesMenuButton, useTranslate } from 'react-admin';
import { compact } from '../components/filters';
import { noticesApi } from './api';
import { useLocalName } from '../penalties/api';
import { treeOrder } from '../penalties/catalogue';

/**
 * Penalty notices for anyone (policy 4.3): merchant ID, account nickname, category, sanction,
 * dates and status only — the public query carries nothing else.
 */
export function NoticeBoard() {
  const translate = useTranslate();
  const name = useLocalName();
  const [categoryCode, setCategoryCode] = useState('');
  const [issuedFrom, setIssuedFrom] = useState('');
  const [issuedTo, setIssuedTo] = useState('');
  const [page, setPage] = useState(0);
  const [perPage, setPerPage] = useState(25);
  const categories = useQuery({
    queryKey: ['publicViolationCategories'],
    queryFn: noticesApi.categories,
  });
  const filter = compact({ categoryCode, issuedFrom, issuedTo });
  const notices = useQuery({
    queryKey: ['publicPenaltyNotices', filter, page, perPage],
    queryFn: () => noticesApi.notices(filter, page + 1, perPage),
    placeholderData: keepPreviousData,
  });
  const setAnd = (fn: (v: string) => void) => (e: { target: { value: string } }) => {
    fn(e.target.value);
    setPage(0);
  };
  const h = (k: string) => translate(`mc.notices.col.${k}`);
  return (
    <Container maxWidth="lg" sx={{ py: 3 }}>
      <Stack direction="row" sx={{ mb: 2, alignItems: 'center', justifyContent: 'space-between' }}>
        <Link to="/">{translate('mc.policy.to_console')}</Link>
        <LocalesMenuButton />
      </Stack>
      <Typography variant="h4" component="h1" gutterBottom>
        {translate('mc.notices.title')}
      </Typography>
      <Typography color="text.secondary" sx={{ mb: 2 }}>
        {translate('mc.notices.intro')}
      </Typography>
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ mb: 2, alignItems: { sm: 'center' } }} data-testid="notice-filters">
        <TextField select size="small" label={h('category')} value={categoryCode} onChange={setAnd(setCategoryCode)} sx={{ minWidth: 260 }} name="categoryCode">
          <MenuItem value="">{translate('mc.notices.all_categories')}</MenuItem>
          {treeOrder(categories.data ?? []).map(({ node, depth }) => (
            <MenuItem key={node.code} value={node.code} sx={{ pl: 2 + depth * 2 }}>
              {name(node)}
            </MenuItem>
          ))}
        </TextField>
        <TextField size="small" type="date" label={translate('mc.notices.from')} value={issuedFrom} onChange={setAnd(setIssuedFrom)} slotProps={{ inputLabel: { shrink: true } }} name="issuedFrom" />
        <TextField size="small" type="date" label={translate('mc.notices.to')} value={issuedTo} onChange={setAnd(setIssuedTo)} slotProps={{ inputLabel: { shrink: true } }} name="issuedTo" />
        {(categoryCode || issuedFrom || issuedTo) && (
          <Button
            onClick={() => {
              setCategoryCode('');
              setIssuedFrom('');
              setIssuedTo('');
              setPage(0);
            }}
          >
            {translate('mc.notices.clear')}
          </Button>
        )}
        {notices.isFetching && <CircularProgress size={20} />}
      </Stack>
      {notices.error && <Alert severity="error">{translate(notices.error.message, { _: translate('mc.error.INTERNAL') })}</Alert>}
      <Paper variant="outlined">
        <TableContainer>
          <Table size="small" data-testid="notice-table">
            <TableHead>
              <TableRow>
                {['merchantId', 'nickname', 'category', 'sanction', 'issuedOn', 'period', 'status'].map((k) => (
                  <TableCell key={k}>{h(k)}</TableCell>
                ))}
              </TableRow>
            </TableHead>
            <TableBody>
              {notices.data?.items.map((n) => (
                <TableRow key={n.id} data-testid="notice-row" sx={n.status === 'withdrawn' ? { '& td': { color: 'text.secondary' } } : undefined}>
                  <TableCell>{n.platformAccountId}</TableCell>
                  <TableCell>{n.nickname}</TableCell>
                  <TableCell>{name(n.category)}</TableCell>
                  <TableCell>
                    {name(n.sanction)}
                    {n.sanction.days ? translate('mc.penalties.sep') + translate('mc.penalties.days', { smart_count: n.sanction.days }) : ''}
                  </TableCell>
                  <TableCell>{n.issuedOn}</TableCell>
                  <TableCell>
                    {n.startsOn}
                    {n.endsOn ? ` – ${n.endsOn}` : ''}
                  </TableCell>
                  <TableCell>
                    {n.status === 'withdrawn' ? (
                      <Chip size="small" color="success" variant="outlined" data-testid="notice-withdrawn" label={translate('mc.notices.withdrawn_on', { date: n.withdrawnOn ?? '' })} />
                    ) : (
                      <Chip size="small" color="error" variant="outlined" data-testid="notice-published" label={translate('mc.penalties.notice_status.published')} />
                    )}
                  </TableCell>
                </TableRow>
              ))}
              {notices.data && notices.data.items.length === 0 && (
                <TableRow>
                  <TableCell colSpan={7}>
                    <Box sx={{ py: 4, textAlign: 'center', color: 'text.secondary' }}>{translate('mc.notices.empty')}</Box>
                  </TableCell>
                </TableRow>
              )}
            </TableBody>
          </Table>
        </TableContainer>
        <TablePagination
          component="div"
          count={notices.data?.totalCount ?? 0}
          page={page}
          rowsPerPage={perPage}
          rowsPerPageOptions={[10, 25, 50]}
          onPageChange={(_, p) => setPage(p)}
          onRowsPerPageChange={(e) => {
            setPerPage(Number(e.target.value));
            setPage(0);
          }}
          labelRowsPerPage={translate('ra.navigation.page_rows_per_page')}
          labelDisplayedRows={({ from, to, count }) => translate('mc.notices.range', { from, to, count })}
        />
      </Paper>
    </Container>
  );
}
