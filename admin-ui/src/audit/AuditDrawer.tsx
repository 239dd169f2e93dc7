import CloseIcon from '@mui/icons-material/Close';
import { Box, Divider, Drawer, IconButton, Stack, Typography } from '@mui/material';
import { Labeled, RecordContextProvider, SelectField, TextField, useTranslate, type RaRecord } from 'react-admin';
import { LocaleDateField } from '../components/LocaleDateField';
import { AuditAction, actorKindLabel } from './labels';
import { outcomeChoices } from './outcome';

function Json({ label, value }: { label: string; value: unknown }) {
  const translate = useTranslate();
  return (
    <Box>
      <Typography variant="subtitle2">{translate(label)}</Typography>
      <Box component="pre" sx={{ bgcolor: 'action.hover', p: 1, borderRadius: 1, overflow: 'auto', fontSize: 12, m: 0 }}>
        {value == null ? '—' : JSON.stringify(value, null, 2)}
      </Box>
    </Box>
  );
}

/** One audit event in full: who, what, on what, why, and the masked before/after snapshots. */
export function AuditDrawer({ record, onClose }: { record: RaRecord | null; onClose(): void }) {
  const translate = useTranslate();
  return (
    <Drawer anchor="right" open={!!record} onClose={onClose}>
      {record && (
        <RecordContextProvider value={record}>
          <Box sx={{ width: { xs: '100vw', sm: 480 }, p: 2 }} data-testid="audit-drawer">
            <Stack direction="row" sx={{ alignItems: 'center', justifyContent: 'space-between' }}>
              <Typography variant="h6">{translate('mc.audit.detail', { seq: record.chainSeq })}</Typography>
              <IconButton onClick={onClose} aria-label={translate('ra.action.close')}>
                <CloseIcon />
              </IconButton>
            </Stack>
            <Stack spacing={1} sx={{ my: 1 }}>
              <Labeled source="action" resource="auditEvents">
                <AuditAction code={record.action} />
              </Labeled>
              <Labeled source="actorKind" resource="auditEvents">
                <Typography variant="body2">{actorKindLabel(translate, record.actorKind)}</Typography>
              </Labeled>
              <Labeled source="targetType" resource="auditEvents">
                <Typography variant="body2">{record.targetType ? `${translate(`mc.audit_label.target.${record.targetType}`, { _: record.targetType })} (${record.targetType})` : '—'}</Typography>
              </Labeled>
              {(['actorLabel', 'actorAccountId', 'targetId', 'purpose', 'ip', 'requestId', 'hash'] as const).map((f) => (
                <Labeled key={f} source={f} resource="auditEvents">
                  <TextField source={f} emptyText="—" sx={{ wordBreak: 'break-all' }} />
                </Labeled>
              ))}
              <Labeled source="outcome" resource="auditEvents">
                <SelectField source="outcome" choices={outcomeChoices} />
              </Labeled>
              <Labeled source="occurredAt" resource="auditEvents">
                <LocaleDateField source="occurredAt" seconds />
              </Labeled>
            </Stack>
            <Divider sx={{ my: 1 }} />
            <Stack spacing={1}>
              <Json label="resources.auditEvents.fields.before" value={record.before} />
              <Json label="resources.auditEvents.fields.after" value={record.after} />
            </Stack>
          </Box>
        </RecordContextProvider>
      )}
    </Drawer>
  );
}
