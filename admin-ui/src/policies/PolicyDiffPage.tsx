import { Alert, Card, CardContent, CircularProgress, Stack } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { Link, Title, useTranslate } from 'react-admin';
import { useParams } from 'react-router-dom';
import { DiffView } from './DiffView';
import { policyApi } from './api';
import { useDocumentTitle } from './PolicyDocumentPage';

/** Diff between any two versions of a document: /policies/:documentId/diff/:from/:to. */
export function PolicyDiffPage() {
  const { documentId = '', from = '', to = '' } = useParams();
  const translate = useTranslate();
  const title = useDocumentTitle(documentId);
  const { data, error } = useQuery({ queryKey: ['policyDiff', from, to], queryFn: () => policyApi.diff(from, to) });
  return (
    <Stack spacing={2} sx={{ mt: 2 }}>
      <Title title={`${title} · ${translate('mc.policies.diff')}`} />
      <Link to={`/policies/${documentId}`}>{translate('mc.policies.back_to_document')}</Link>
      {error && <Alert severity="error">{translate(error.message, { _: translate('mc.error.INTERNAL') })}</Alert>}
      <Card>
        <CardContent>{data ? <DiffView diff={data} /> : !error && <CircularProgress />}</CardContent>
      </Card>
    </Stack>
  );
}
