import { Alert, Card, CardContent, CircularProgress, Grid, Stack, Typography } from '@mui/material';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link, Title, useTranslate } from 'react-admin';
import { useParams } from 'react-router-dom';
import { StatusChip } from '../components';
import { AckDashboard } from './AckDashboard';
import { ClauseList } from './ClausePreview';
import { FanOutProgress } from './FanOutProgress';
import { policyApi, type PolicyVersion } from './api';
import { usePolicyAbility } from './ability';
import { useDocumentTitle } from './PolicyDocumentPage';
import { MaterialChips, POLICY_STATUS } from './status';
import { DiffCard } from './version/DiffCard';
import { Editor } from './version/Editor';
import { History } from './version/History';
import { Lifecycle } from './version/Lifecycle';
import { Publication } from './version/Publication';

/** One version: editor with live preview (drafts), material form, lifecycle, publication, diff, fan-out, acknowledgements, history. */
export function PolicyVersionPage() {
  const { id = '' } = useParams();
  const translate = useTranslate();
  const ability = usePolicyAbility();
  const queryClient = useQueryClient();
  const [dirty, setDirty] = useState(false);
  const { data: version, error } = useQuery({ queryKey: ['policyVersion', id], queryFn: () => policyApi.version(id) });
  const title = useDocumentTitle(version?.documentId);
  const onChanged = (v: PolicyVersion) => {
    queryClient.setQueryData(['policyVersion', id], v);
    void queryClient.invalidateQueries({ queryKey: ['policyVersionNumbers', v.documentId] });
    void queryClient.invalidateQueries({ queryKey: ['policyDocuments'] });
  };
  // While scheduled, look for the publication job's result now and then.
  useEffect(() => {
    if (version?.status !== 'scheduled') return;
    const t = setInterval(() => void queryClient.invalidateQueries({ queryKey: ['policyVersion', id] }), 1000);
    return () => clearInterval(t);
  }, [version?.status, id, queryClient]);
  if (error)
    return (
      <Alert severity="error" sx={{ mt: 2 }}>
        {translate(error.message, { _: translate('mc.error.INTERNAL') })}
      </Alert>
    );
  if (!version) return <CircularProgress sx={{ mt: 2 }} />;
  const editable = version.status === 'draft' && ability.can('update', 'PolicyVersion');
  const published = version.status === 'published' || version.status === 'superseded';
  return (
    <Stack spacing={2} sx={{ mt: 2, mb: 4 }} data-testid="policy-version" data-status={version.status}>
      <Title title={`${title} · ${translate('mc.policies.version_label', { n: version.versionNo })}`} />
      <Link to={`/policies/${version.documentId}`}>{translate('mc.policies.back_to_document')}</Link>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap', gap: 1 }}>
        <Typography variant="h5">
          {title} · {translate('mc.policies.version_label', { n: version.versionNo })}
        </Typography>
        <StatusChip status={version.status} style={POLICY_STATUS} />
        <MaterialChips isMaterial={version.isMaterial} categories={version.materialCategories} />
      </Stack>
      <Grid container spacing={2}>
        <Grid size={{ xs: 12, md: 6 }}>
          <Lifecycle version={version} dirty={dirty} onChanged={onChanged} />
        </Grid>
        <Grid size={{ xs: 12, md: 6 }}>
          <Publication version={version} />
        </Grid>
      </Grid>
      {published && (
        <Grid container spacing={2}>
          <Grid size={{ xs: 12, md: 5 }}>
            <FanOutProgress versionId={version.id} />
          </Grid>
          <Grid size={{ xs: 12, md: 7 }}>{ability.can('read', 'PolicyAcknowledgement') && <AckDashboard versionId={version.id} versionNo={version.versionNo} />}</Grid>
        </Grid>
      )}
      <Card>
        <CardContent>
          <Typography variant="h6" gutterBottom>
            {translate(editable ? 'mc.policies.editor' : 'mc.policies.content')}
          </Typography>
          {editable ? (
            <Editor key={version.rowVersion} version={version} onSaved={onChanged} onDirty={setDirty} />
          ) : (
            <Stack spacing={1}>
              {version.status === 'draft' || <Alert severity="info">{translate('mc.policies.read_only', { status: translate(`mc.policies.status.${version.status}`) })}</Alert>}
              {version.changeSummary && <Typography>{translate('mc.policies.change_summary', { text: version.changeSummary })}</Typography>}
              <Typography variant="h6">{version.title}</Typography>
              <ClauseList clauses={version.clauses} />
            </Stack>
          )}
        </CardContent>
      </Card>
      <DiffCard version={version} />
      <History version={version} />
    </Stack>
  );
}
