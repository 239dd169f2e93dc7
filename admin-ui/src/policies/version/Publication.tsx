import { Card, CardContent, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { formatDateTime } from '../../components';
import type { PolicyVersion } from '../api';

/** When the version is (or will be) published and who approved it. */
export function Publication({ version }: { version: PolicyVersion }) {
  const translate = useTranslate();
  const date = version.effectiveDate ?? '—';
  return (
    <Card>
      <CardContent>
        <Typography variant="h6" gutterBottom>
          {translate('mc.policies.publication')}
        </Typography>
        <Typography data-testid="publication">
          {version.publishedAt
            ? translate('mc.policies.published_at', { at: formatDateTime(version.publishedAt), date })
            : version.status === 'scheduled' && version.publishAt
              ? translate('mc.policies.scheduled_for', { at: formatDateTime(version.publishAt), date })
              : translate('mc.policies.not_scheduled')}
        </Typography>
        {version.approvedBy && (
          <Typography variant="body2" color="text.secondary">
            {translate('mc.policies.approved_by', { id: version.approvedBy, at: formatDateTime(version.approvedAt) })}
          </Typography>
        )}
      </CardContent>
    </Card>
  );
}
