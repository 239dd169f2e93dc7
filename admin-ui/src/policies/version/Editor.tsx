import SaveIcon from '@mui/icons-material/Save';
import { Button, CircularProgress, Grid, Stack, TextField, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { useNotify, useTranslate } from 'react-admin';
import { GraphQLRequestError } from '../../graphql';
import { LivePreview } from '../ClausePreview';
import { policyApi, type PolicyVersion } from '../api';
import { MaterialForm } from './MaterialForm';

interface Draft {
  bodyZh: string;
  bodyEn: string;
  changeSummary: string;
  effectiveDate: string;
  isMaterial: boolean;
  materialCategories: string[];
}
const draftOf = (v: PolicyVersion): Draft => ({
  bodyZh: v.bodyZh,
  bodyEn: v.bodyEn ?? '',
  changeSummary: v.changeSummary ?? '',
  effectiveDate: v.effectiveDate ?? '',
  isMaterial: v.isMaterial,
  materialCategories: v.materialCategories,
});
const sameDraft = (a: Draft, b: Draft) => JSON.stringify(a) === JSON.stringify(b);

/** A draft's texts, effective date and material form, with a live preview; saved pessimistically. */
export function Editor({ version, onSaved, onDirty }: { version: PolicyVersion; onSaved(v: PolicyVersion): void; onDirty(d: boolean): void }) {
  const translate = useTranslate();
  const notify = useNotify();
  const [draft, setDraft] = useState<Draft>(() => draftOf(version));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const dirty = !sameDraft(draft, draftOf(version));
  useEffect(() => onDirty(dirty), [dirty, onDirty]);
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  const save = async () => {
    setBusy(true);
    setErrors({});
    try {
      // Pessimistic: the page shows the server's answer (with the recovered structure), never a guess.
      const saved = await policyApi.updateDraft({
        id: version.id,
        expectedRowVersion: version.rowVersion,
        bodyZh: draft.bodyZh,
        bodyEn: draft.bodyEn,
        changeSummary: draft.changeSummary,
        ...(draft.effectiveDate ? { effectiveDate: draft.effectiveDate } : {}),
        isMaterial: draft.isMaterial,
        materialCategories: draft.materialCategories,
      });
      setDraft(draftOf(saved));
      onSaved(saved);
      notify('mc.policies.saved', { type: 'success' });
    } catch (e) {
      if (e instanceof GraphQLRequestError && e.body) setErrors(e.body.errors);
      notify(e instanceof Error ? e.message : 'mc.error.INTERNAL', { type: 'error' });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Grid container spacing={2}>
      <Grid size={{ xs: 12, lg: 7 }}>
        <Stack spacing={2}>
          <TextField
            name="bodyZh"
            label={translate('mc.policies.field.bodyZh')}
            value={draft.bodyZh}
            onChange={(e) => set({ bodyZh: e.target.value })}
            multiline
            minRows={14}
            maxRows={28}
            required
            error={!!errors.bodyZh || !draft.bodyZh.trim()}
            helperText={errors.bodyZh}
            slotProps={{ htmlInput: { 'data-testid': 'body-zh', style: { fontFamily: 'monospace', fontSize: 13 } } }}
          />
          <TextField
            name="bodyEn"
            label={translate('mc.policies.field.bodyEn')}
            value={draft.bodyEn}
            onChange={(e) => set({ bodyEn: e.target.value })}
            multiline
            minRows={4}
            maxRows={16}
            error={!!errors.bodyEn}
            helperText={errors.bodyEn}
            slotProps={{ htmlInput: { style: { fontFamily: 'monospace', fontSize: 13 } } }}
          />
          <TextField
            name="changeSummary"
            label={translate('mc.policies.field.changeSummary')}
            value={draft.changeSummary}
            onChange={(e) => set({ changeSummary: e.target.value })}
            multiline
            minRows={2}
            error={!!errors.changeSummary}
            helperText={errors.changeSummary}
          />
          <TextField
            name="effectiveDate"
            type="date"
            label={translate('mc.policies.field.effectiveDate')}
            value={draft.effectiveDate}
            onChange={(e) => set({ effectiveDate: e.target.value })}
            error={!!errors.effectiveDate}
            helperText={errors.effectiveDate}
            slotProps={{ inputLabel: { shrink: true } }}
            sx={{ maxWidth: 240 }}
          />
          <MaterialForm value={draft} onChange={set} error={errors.materialCategories ?? errors.isMaterial} />
          <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
            <Button variant="contained" startIcon={busy ? <CircularProgress size={16} /> : <SaveIcon />} disabled={busy || !dirty} onClick={save} data-testid="save-draft">
              {translate('mc.policies.save')}
            </Button>
            {dirty && <Typography color="warning.main">{translate('mc.policies.unsaved')}</Typography>}
          </Stack>
        </Stack>
      </Grid>
      <Grid size={{ xs: 12, lg: 5 }}>
        <LivePreview body={draft.bodyZh} />
      </Grid>
    </Grid>
  );
}
