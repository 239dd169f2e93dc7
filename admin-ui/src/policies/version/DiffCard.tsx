import { Card, CardContent, CircularProgress, MenuItem, Stack, TextField, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslate } from 'react-admin';
import { DiffView } from '../DiffView';
import { policyApi, type PolicyVersion } from '../api';

/** The changes against another version of the document (by default the one in force, else the previous). */
export function DiffCard({ version }: { version: PolicyVersion }) {
  const translate = useTranslate();
  const numbers = useQuery({ queryKey: ['policyVersionNumbers', version.documentId], queryFn: () => policyApi.versionNumbers(version.documentId) });
  const others = (numbers.data ?? []).filter((v) => v.id !== version.id);
  // Default: the version in force if older, else the previous number.
  const fallback = others.find((v) => v.status === 'published' && v.versionNo < version.versionNo) ?? others.find((v) => v.versionNo < version.versionNo) ?? others[0];
  const [against, setAgainst] = useState<string>('');
  const otherId = against || fallback?.id || '';
  const other = others.find((v) => v.id === otherId);
  const [from, to] = other && other.versionNo > version.versionNo ? [version.id, other.id] : [otherId, version.id];
  const diff = useQuery({ queryKey: ['policyDiff', from, to, version.rowVersion], queryFn: () => policyApi.diff(from, to), enabled: !!otherId });
  if (!others.length) return null;
  return (
    <Card>
      <CardContent>
        <Stack direction="row" spacing={2} sx={{ alignItems: 'center', mb: 1 }}>
          <Typography variant="h6" sx={{ whiteSpace: 'nowrap' }}>
            {translate('mc.policies.diff')}
          </Typography>
          <TextField select size="small" label={translate('mc.policies.diff_against')} value={otherId} onChange={(e) => setAgainst(e.target.value)} sx={{ minWidth: 200 }}>
            {others.map((v) => (
              <MenuItem key={v.id} value={v.id}>
                {translate('mc.policies.version_no', { n: v.versionNo })} · {translate(`mc.policies.status.${v.status}`)}
              </MenuItem>
            ))}
          </TextField>
        </Stack>
        {diff.isPending && otherId && <CircularProgress size={24} />}
        {diff.data && <DiffView diff={diff.data} />}
      </CardContent>
    </Card>
  );
}
