import { formatDateTime } from '../components';
import CheckIcon from '@mui/icons-material/Check';
import { Alert, Button, Card, CardContent, Chip, CircularProgress, Stack, Typography } from '@mui/material';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, Title, useLocaleState, useNotify, useTranslate } from 'react-admin';
import { useParams } from 'react-router-dom';
import { POLICY_PATH } from '../policy';
import { DiffView } from './DiffView';
import { policyApi } from './api';
import { MY_POLICY_STATUS } from './PolicyBanner';

/** For a merchant: what changed in the version in force (only the changed clauses) and the Acknowledge button. */
export function AcknowledgePage() {
  const { code = '' } = useParams();
  const translate = useTranslate();
  const notify = useNotify();
  const [locale] = useLocaleState();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const status = useQuery({ queryKey: MY_POLICY_STATUS, queryFn: policyApi.myStatus });
  const doc = useQuery({ queryKey: ['publicPolicyChanges', code], queryFn: () => policyApi.publicPolicy(code) });
  const mine = status.data?.find((s) => s.code === code);
  const current = doc.data?.current;
  const title = doc.data ? (locale.startsWith('zh') ? doc.data.titleZh : doc.data.titleEn) : '';
  const acknowledge = async () => {
    if (!mine?.currentVersionId) return;
    setBusy(true);
    try {
      await policyApi.acknowledge(mine.currentVersionId);
      notify('mc.policies.acknowledged', { type: 'success', messageArgs: { n: mine.currentVersionNo } });
      await queryClient.invalidateQueries({ queryKey: MY_POLICY_STATUS });
    } catch (e) {
      notify(e instanceof Error ? e.message : 'mc.error.INTERNAL', { type: 'error' });
    } finally {
      setBusy(false);
    }
  };
  if (status.isPending || doc.isPending) return <CircularProgress sx={{ mt: 2 }} />;
  if (doc.error) return <Alert severity="error">{translate(doc.error.message, { _: translate('mc.error.INTERNAL') })}</Alert>;
  return (
    <Stack spacing={2} sx={{ mt: 2, mb: 4 }} data-testid="policy-acknowledge">
      <Title title={translate('mc.policies.ack_title', { title })} />
      <Typography variant="h5">{translate('mc.policies.ack_title', { title })}</Typography>
      {current && (
        <Card>
          <CardContent>
            <Stack spacing={1}>
              {current.isMaterial && <Typography>{translate('mc.policies.ack_intro', { n: current.versionNo })}</Typography>}
              {current.isMaterial && (
                <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap', gap: 1 }}>
                  <Typography variant="body2">{translate('mc.policies.ack_categories')}</Typography>
                  {current.materialCategories.map((c) => (
                    <Chip key={c} size="small" color="warning" variant="outlined" label={translate(`mc.policies.category.${c}`)} />
                  ))}
                </Stack>
              )}
              {current.changeSummary && <Typography color="text.secondary">{translate('mc.policies.change_summary', { text: current.changeSummary })}</Typography>}
              <Typography variant="body2" color="text.secondary">
                {translate('mc.policies.published_at', { at: formatDateTime(current.publishedAt), date: current.effectiveDate ?? '—' })}
              </Typography>
            </Stack>
          </CardContent>
        </Card>
      )}
      {current?.whatChanged && (
        <Card>
          <CardContent>
            <DiffView diff={current.whatChanged} defaultMode="inline" />
          </CardContent>
        </Card>
      )}
      {mine?.mustAcknowledge ? (
        mine.canAcknowledge ? (
          <Button
            variant="contained"
            size="large"
            startIcon={busy ? <CircularProgress size={16} /> : <CheckIcon />}
            disabled={busy}
            onClick={acknowledge}
            sx={{ alignSelf: 'flex-start' }}
            data-testid="acknowledge"
          >
            {translate('mc.policies.acknowledge', { n: mine.currentVersionNo })}
          </Button>
        ) : (
          <Alert severity="info">{translate('mc.policies.cannot_acknowledge')}</Alert>
        )
      ) : (
        <Alert severity="success" data-testid="acknowledged">
          {mine?.acknowledgedCurrentAt ? translate('mc.policies.acknowledged_at', { at: formatDateTime(mine.acknowledgedCurrentAt) }) : translate('mc.policies.nothing_to_acknowledge')}
        </Alert>
      )}
      <Link to={POLICY_PATH}>{translate('mc.policies.full_text')}</Link>
    </Stack>
  );
}
