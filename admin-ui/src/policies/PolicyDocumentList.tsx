import AddIcon from '@mui/icons-material/Add';
import { Button, Dialog, DialogActions, DialogContent, DialogTitle, TextField } from '@mui/material';
import { useState } from 'react';
import { Datagrid, FunctionField, List, NumberField, TextField as RaTextField, TopToolbar, useLocaleState, useNotify, useRefresh, useTranslate } from 'react-admin';
import { GraphQLRequestError } from '../graphql';
import { policyApi, type PolicyDocumentSummary } from './api';
import { usePolicyAbility } from './ability';

function CreateDocumentButton() {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const [open, setOpen] = useState(false);
  const [form, setForm] = useState({ code: '', titleZh: '', titleEn: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    try {
      await policyApi.createDocument(form);
      notify('mc.policies.document_created', { type: 'success' });
      setOpen(false);
      refresh();
    } catch (e) {
      if (e instanceof GraphQLRequestError && e.body) setErrors(e.body.errors);
      notify(e instanceof Error ? e.message : 'mc.error.INTERNAL', { type: 'error' });
    } finally {
      setBusy(false);
    }
  };
  const field = (name: keyof typeof form, label: string, help?: string) => (
    <TextField
      fullWidth
      margin="dense"
      name={name}
      label={translate(label)}
      value={form[name]}
      onChange={(e) => setForm({ ...form, [name]: e.target.value })}
      error={!!errors[name]}
      helperText={errors[name] ?? (help && translate(help))}
    />
  );
  return (
    <>
      <Button size="small" startIcon={<AddIcon />} onClick={() => setOpen(true)}>
        {translate('mc.policies.create_document')}
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} fullWidth maxWidth="sm">
        <DialogTitle>{translate('mc.policies.create_document')}</DialogTitle>
        <DialogContent>
          {field('code', 'mc.policies.code', 'mc.policies.code_help')}
          {field('titleZh', 'mc.policies.title_zh')}
          {field('titleEn', 'mc.policies.title_en')}
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setOpen(false)}>{translate('ra.action.cancel')}</Button>
          <Button variant="contained" disabled={busy} onClick={submit}>
            {translate('ra.action.create')}
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
}

/** Every policy document with its version counts and the version in force. */
export function PolicyDocumentList() {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const ability = usePolicyAbility();
  return (
    <List title="mc.policies.documents_title" pagination={false} exporter={false} actions={<TopToolbar>{ability.can('create', 'PolicyDocument') && <CreateDocumentButton />}</TopToolbar>}>
      <Datagrid bulkActionButtons={false} rowClick={(id) => `/policies/${id}`} data-testid="policy-documents">
        <FunctionField<PolicyDocumentSummary> label="mc.policies.document" render={(r) => (locale.startsWith('zh') ? r.titleZh : r.titleEn)} sortable={false} />
        <RaTextField source="code" label="mc.policies.code" sortable={false} />
        <NumberField source="versionCount" label="mc.policies.version_count" sortable={false} />
        <NumberField source="openCount" label="mc.policies.open_count" sortable={false} />
        <FunctionField<PolicyDocumentSummary>
          label="mc.policies.in_force"
          sortable={false}
          render={(r) => (r.currentVersionNo ? translate('mc.policies.version_no', { n: r.currentVersionNo }) : translate('mc.policies.none_in_force'))}
        />
      </Datagrid>
    </List>
  );
}
