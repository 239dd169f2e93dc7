import { StatusChip } from '../components';
import { LocaleDateField } from '../components/LocaleDateField';
import AddIcon from '@mui/icons-material/Add';
import CompareArrowsIcon from '@mui/icons-material/CompareArrows';
import { Alert, Button, Card, CardContent, MenuItem, Stack, TextField, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Datagrid, FunctionField, List, SelectArrayInput, TextField as RaTextField, Title, useLocaleState, useNotify, useTranslate, Link } from 'react-admin';
import { useNavigate, useParams } from 'react-router-dom';
import { POLICY_STATUSES, policyApi, type PolicyStatus } from './api';
import { usePolicyAbility } from './ability';
import { MaterialChips, POLICY_STATUS } from './status';

interface VersionRow {
  id: string;
  versionNo: number;
  status: PolicyStatus;
  isMaterial: boolean;
  materialCategories: string[];
}

export function useDocument(documentId: string | undefined) {
  const docs = useQuery({ queryKey: ['policyDocuments'], queryFn: policyApi.documents });
  return docs.data?.find((d) => d.id === documentId);
}

export function useDocumentTitle(documentId: string | undefined) {
  const [locale] = useLocaleState();
  const doc = useDocument(documentId);
  return doc ? (locale.startsWith('zh') ? doc.titleZh : doc.titleEn) : '';
}

function VersionPicker({
  label,
  value,
  onChange,
  versions,
  allowNone,
  testId,
}: {
  label: string;
  value: string;
  onChange(v: string): void;
  versions: { id: string; versionNo: number; status: PolicyStatus }[];
  allowNone?: boolean;
  testId?: string;
}) {
  const translate = useTranslate();
  return (
    <TextField select size="small" label={translate(label)} value={value} onChange={(e) => onChange(e.target.value)} sx={{ minWidth: 180 }} slotProps={{ htmlInput: { 'data-testid': testId } }}>
      {allowNone && <MenuItem value="">{translate('mc.policies.start_from_none')}</MenuItem>}
      {versions.map((v) => (
        <MenuItem key={v.id} value={v.id}>
          {translate('mc.policies.version_no', { n: v.versionNo })} · {translate(`mc.policies.status.${v.status}`)}
        </MenuItem>
      ))}
    </TextField>
  );
}

/** A document's versions (status chips, status filter), new draft from version N, compare two versions. */
export function PolicyDocumentPage() {
  const { documentId = '' } = useParams();
  const translate = useTranslate();
  const notify = useNotify();
  const navigate = useNavigate();
  const ability = usePolicyAbility();
  const doc = useDocument(documentId);
  const title = useDocumentTitle(documentId);
  const numbers = useQuery({ queryKey: ['policyVersionNumbers', documentId], queryFn: () => policyApi.versionNumbers(documentId) });
  const versions = numbers.data ?? [];
  const [from, setFrom] = useState<string | null>(null);
  const [cmpFrom, setCmpFrom] = useState('');
  const [cmpTo, setCmpTo] = useState('');
  const [busy, setBusy] = useState(false);
  const startFrom = from ?? doc?.currentVersionId ?? versions[0]?.id ?? '';

  const newDraft = async () => {
    setBusy(true);
    try {
      const v = await policyApi.createDraft({ documentId, ...(startFrom ? { fromVersionId: startFrom } : { bodyZh: '# 标题\n\n## 1. 第一章\n\n正文。' }) });
      notify('mc.policies.draft_created', { type: 'success', messageArgs: { n: v.versionNo } });
      void navigate(`/policies/versions/${v.id}`);
    } catch (e) {
      notify(e instanceof Error ? e.message : 'mc.error.INTERNAL', { type: 'error' });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack spacing={2} sx={{ mt: 2 }}>
      <Title title={translate('mc.policies.versions_title', { title })} />
      <Link to="/policyDocuments">{translate('mc.policies.back_to_documents')}</Link>
      <Typography variant="h5">{translate('mc.policies.versions_title', { title })}</Typography>
      <Card>
        <CardContent>
          <Stack direction={{ xs: 'column', md: 'row' }} spacing={3} sx={{ alignItems: { md: 'center' } }}>
            {ability.can('create', 'PolicyVersion') && (
              <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
                <VersionPicker label="mc.policies.start_from" value={startFrom} onChange={setFrom} versions={versions} allowNone testId="start-from" />
                <Button variant="contained" sx={{ whiteSpace: 'nowrap', flexShrink: 0 }} startIcon={<AddIcon />} disabled={busy} onClick={newDraft} data-testid="new-draft">
                  {translate('mc.policies.new_draft')}
                </Button>
              </Stack>
            )}
            <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
              <VersionPicker label="mc.policies.compare_from" value={cmpFrom} onChange={setCmpFrom} versions={versions} />
              <VersionPicker label="mc.policies.compare_to" value={cmpTo} onChange={setCmpTo} versions={versions} />
              <Button
                sx={{ whiteSpace: 'nowrap', flexShrink: 0 }}
                startIcon={<CompareArrowsIcon />}
                disabled={!cmpFrom || !cmpTo || cmpFrom === cmpTo}
                onClick={() => navigate(`/policies/${documentId}/diff/${cmpFrom}/${cmpTo}`)}
              >
                {translate('mc.policies.compare')}
              </Button>
            </Stack>
          </Stack>
        </CardContent>
      </Card>
      {!doc && numbers.isSuccess && versions.length === 0 && <Alert severity="info">{translate('ra.navigation.no_results')}</Alert>}
      <List
        resource="policyVersions"
        filter={{ documentId }}
        disableSyncWithLocation
        storeKey={`policyVersions.${documentId}`}
        sort={{ field: 'versionNo', order: 'DESC' }}
        exporter={false}
        title={' '}
        actions={false}
        filters={[
          <SelectArrayInput
            key="status"
            source="status"
            label="mc.policies.status_filter"
            alwaysOn
            choices={POLICY_STATUSES.map((s) => ({ id: s, name: `mc.policies.status.${s}` }))}
            sx={{ minWidth: 240 }}
          />,
        ]}
      >
        <Datagrid bulkActionButtons={false} rowClick={(id) => `/policies/versions/${id}`} data-testid="policy-versions">
          <FunctionField<VersionRow> source="versionNo" label="mc.policies.field.versionNo" render={(r) => translate('mc.policies.version_no', { n: r.versionNo })} />
          <FunctionField<VersionRow> source="status" label="mc.policies.field.status" render={(r) => <StatusChip status={r.status} style={POLICY_STATUS} />} />
          <FunctionField<VersionRow> label="mc.policies.field.isMaterial" sortable={false} render={(r) => <MaterialChips isMaterial={r.isMaterial} categories={r.materialCategories} />} />
          <RaTextField source="changeSummary" label="mc.policies.field.changeSummary" sortable={false} emptyText="—" />
          <RaTextField source="effectiveDate" label="mc.policies.field.effectiveDate" sortable={false} emptyText="—" />
          <LocaleDateField source="publishAt" label="mc.policies.field.publishAt" sortable={false} emptyText="—" />
          <LocaleDateField source="publishedAt" label="mc.policies.field.publishedAt" sortable={false} emptyText="—" />
          <LocaleDateField source="updatedAt" label="mc.policies.field.updatedAt" />
        </Datagrid>
      </List>
    </Stack>
  );
}

/** Diff between any two versions: /policies/:documentId/diff/:from/:to. */
export { VersionPicker };
