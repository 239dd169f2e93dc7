import { StatusChip, formatDate } from '../components';
import ExpandMoreIcon from '@mui/icons-material/ExpandMore';
import { Accordion, AccordionDetails, AccordionSummary, Box, Stack, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { DiffView } from './DiffView';
import type { PolicyStatus, PublicVersion } from './api';
import { MaterialChips, POLICY_STATUS } from './status';

/** Public: every published version, newest first, each with its "what changed" against the version it replaced. */
export function VersionHistory({ history }: { history: PublicVersion[] }) {
  const translate = useTranslate();
  if (!history.length) return null;
  return (
    <Box component="section" sx={{ mt: 4 }} data-testid="policy-history">
      <Typography variant="h5" component="h2" gutterBottom>
        {translate('mc.policies.public_history')}
      </Typography>
      {history.map((v, i) => (
        <Accordion key={v.id} defaultExpanded={i === 0 && !!v.whatChanged} disableGutters data-testid="history-version" data-version={v.versionNo}>
          <AccordionSummary expandIcon={<ExpandMoreIcon />}>
            <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap', gap: 1 }}>
              <Typography sx={{ fontWeight: 'bold' }}>{translate('mc.policies.version_label', { n: v.versionNo })}</Typography>
              <StatusChip status={v.status as PolicyStatus} style={POLICY_STATUS} />
              <MaterialChips isMaterial={v.isMaterial} categories={v.materialCategories} />
              <Typography variant="body2" color="text.secondary">
                {v.publishedAt && translate('mc.policy.published', { date: formatDate(v.publishedAt) })}
                {' · '}
                {translate('mc.policy.effective', { date: v.effectiveDate ?? '—' })}
              </Typography>
            </Stack>
          </AccordionSummary>
          <AccordionDetails>
            {v.changeSummary && <Typography sx={{ mb: 1 }}>{translate('mc.policies.change_summary', { text: v.changeSummary })}</Typography>}
            <Typography variant="subtitle1" sx={{ fontWeight: 'bold' }}>
              {translate('mc.policies.what_changed')}
            </Typography>
            {v.whatChanged ? <DiffView diff={v.whatChanged} defaultMode="inline" /> : <Typography color="text.secondary">{translate('mc.policies.first_version')}</Typography>}
          </AccordionDetails>
        </Accordion>
      ))}
    </Box>
  );
}
