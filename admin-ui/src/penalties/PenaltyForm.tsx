import { formatDate } from '../components';
import { IsoDateInput } from '../components/IsoDateInput';
import { Alert, Box, Typography } from '@mui/material';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import {
  Create,
  Edit,
  maxLength,
  maxValue,
  minLength,
  minValue,
  number,
  NumberInput,
  required,
  SaveButton,
  SelectInput,
  SimpleForm,
  TextInput,
  Toolbar,
  useNotify,
  useRecordContext,
  useRedirect,
  useTranslate,
} from 'react-admin';
import { useFormContext, useWatch } from 'react-hook-form';
import { GraphQLRequestError } from '../graphql';
import { addCalendarDays } from '../../../rules/dates';
import { PERIOD_EFFECTS } from '../../../rules/penalties/sanctions';
import { errorKey, penaltyApi, prcDayStart, useLocalName, type Penalty } from './api';
import { useCatalogue, useCategoryChoices } from './catalogue';
import { EvidenceInput } from './files';
import { StorePickerInput } from './StorePickerInput';

interface FormValues {
  storeId?: string;
  categoryCode?: string;
  facts?: string;
  sanctionCode?: string;
  sanctionDays?: number | null;
  points?: number | null;
  startsOn?: string | null;
  evidenceFileIds?: string[];
}

/** When the category changes, sanction, days and points take its defaults. */
function CategoryDefaults() {
  const { categories } = useCatalogue();
  const { setValue } = useFormContext<FormValues>();
  const code = useWatch<FormValues>({ name: 'categoryCode' }) as string | undefined;
  const previous = useRef(code);
  useEffect(() => {
    if (code === previous.current) return;
    previous.current = code;
    const c = categories.find((x) => x.code === code);
    if (!c) return;
    setValue('sanctionCode', c.defaultSanctionCode ?? '', { shouldDirty: true });
    setValue('sanctionDays', c.defaultSanctionDays ?? null, { shouldDirty: true });
    setValue('points', c.defaultPoints, { shouldDirty: true });
  }, [code, categories, setValue]);
  return null;
}

/** Days (for period sanctions), start and the resulting end date. */
function SanctionPeriod() {
  const translate = useTranslate();
  const { sanctions } = useCatalogue();
  const sanctionCode = useWatch<FormValues>({ name: 'sanctionCode' }) as string | undefined;
  const days = useWatch<FormValues>({ name: 'sanctionDays' }) as number | undefined;
  const startsOn = useWatch<FormValues>({ name: 'startsOn' }) as string | undefined;
  const effect = sanctions.find((s) => s.code === sanctionCode)?.effect;
  const period = !!effect && PERIOD_EFFECTS.includes(effect);
  const start = startsOn ? String(startsOn).slice(0, 10) : null;
  return (
    <>
      {period && <NumberInput source="sanctionDays" validate={[required(), number(), minValue(1), maxValue(3650)]} step={1} />}
      <NumberInput source="points" validate={[number(), minValue(0), maxValue(1000)]} step={1} />
      <IsoDateInput source="startsOn" helperText="mc.penalties.starts_help" />
      {period && days ? (
        <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }} data-testid="computed-end">
          {translate('mc.penalties.ends_computed', {
            start: start ?? translate('mc.penalties.on_issue'),
            end: start ? addCalendarDays(start, Number(days)) : translate('mc.penalties.days_after_issue', { smart_count: Number(days) }),
          })}
        </Typography>
      ) : null}
      {effect && ['store_suspension', 'store_closure'].includes(effect) && (
        <Alert severity="info" sx={{ mb: 2 }}>
          {translate('mc.penalties.maker_checker_hint')}
        </Alert>
      )}
    </>
  );
}

function PenaltyFields({ edit }: { edit?: Penalty }) {
  const translate = useTranslate();
  const name = useLocalName();
  const { categories, sanctions } = useCatalogue();
  const categoryChoices = useCategoryChoices(categories);
  return (
    <>
      <StorePickerInput
        source="storeId"
        label={translate('resources.penalties.fields.store')}
        disabled={!!edit}
        initialLabel={edit ? `${edit.store.nickname} (${edit.store.platformAccountId}) · ${edit.store.name}` : undefined}
      />
      <SelectInput source="categoryCode" choices={categoryChoices} validate={required()} sx={{ minWidth: 320 }} />
      <CategoryDefaults />
      <TextInput source="facts" multiline minRows={3} fullWidth validate={[required(), minLength(10), maxLength(5000)]} />
      <SelectInput source="sanctionCode" choices={sanctions.filter((s) => s.active).map((s) => ({ id: s.code, name: name(s) }))} validate={required()} sx={{ minWidth: 240 }} />
      <SanctionPeriod />
      <Box sx={{ width: '100%' }}>
        <Typography variant="subtitle2" gutterBottom>
          {translate('resources.penalties.fields.evidence')}
        </Typography>
        <EvidenceInput source="evidenceFileIds" initial={edit?.evidence.map((f) => ({ id: f.id, fileName: f.fileName, contentType: f.contentType }))} />
      </Box>
    </>
  );
}

/** Form values -> the mutation's input (days only for period sanctions). */
function toInput(v: FormValues, periodic: boolean) {
  return {
    categoryCode: v.categoryCode,
    facts: v.facts?.trim(),
    sanctionCode: v.sanctionCode || undefined,
    sanctionDays: periodic && v.sanctionDays ? Number(v.sanctionDays) : undefined,
    points: v.points === null || v.points === undefined || (v.points as unknown) === '' ? undefined : Number(v.points),
    startsAt: v.startsOn ? prcDayStart(String(v.startsOn).slice(0, 10)) : undefined,
    evidenceFileIds: v.evidenceFileIds ?? [],
  };
}

/** Saves through our own mutation; field errors go back to the form, others to a notification. */
function useSave(kind: 'create' | 'edit', record?: Penalty) {
  const notify = useNotify();
  const redirect = useRedirect();
  const queryClient = useQueryClient();
  const { sanctions } = useCatalogue();
  return async (values: FormValues) => {
    const effect = sanctions.find((s) => s.code === values.sanctionCode)?.effect;
    const input = toInput(values, !!effect && PERIOD_EFFECTS.includes(effect));
    try {
      const res = kind === 'create' ? await penaltyApi.draft({ storeId: values.storeId, ...input }) : await penaltyApi.updateDraft({ id: record!.id, version: record!.version, ...input });
      await queryClient.invalidateQueries({ queryKey: ['penalties'] });
      notify(kind === 'create' ? 'mc.penalties.drafted' : 'mc.penalties.saved', { type: 'success' });
      redirect('show', 'penalties', res.id);
      return undefined;
    } catch (e) {
      if (e instanceof GraphQLRequestError && e.body) return e.body.errors;
      notify(errorKey(e), { type: 'error' });
      return undefined;
    }
  };
}

const FormToolbar = () => (
  <Toolbar>
    <SaveButton alwaysEnable />
  </Toolbar>
);

/** A reviewer drafts a penalty. */
export function PenaltyCreate() {
  const save = useSave('create');
  return (
    <Create>
      <SimpleForm onSubmit={save as never} toolbar={<FormToolbar />} defaultValues={{ evidenceFileIds: [] }}>
        <PenaltyFields />
      </SimpleForm>
    </Create>
  );
}

function EditForm() {
  const record = useRecordContext<Penalty>();
  const translate = useTranslate();
  const save = useSave('edit', record);
  if (!record) return null;
  if (record.status !== 'draft') return <Alert severity="warning">{translate('mc.penalties.not_editable')}</Alert>;
  const defaults: FormValues = {
    storeId: record.store.id,
    categoryCode: record.category.code,
    facts: record.facts,
    sanctionCode: record.sanction.code,
    sanctionDays: record.sanctionDays,
    points: record.points,
    startsOn: record.startsAt ? formatDate(record.startsAt) : null,
    evidenceFileIds: record.evidence.map((f) => f.id),
  };
  return (
    <SimpleForm onSubmit={save as never} toolbar={<FormToolbar />} record={defaults as never} defaultValues={defaults}>
      <PenaltyFields edit={record} />
    </SimpleForm>
  );
}

/** The drafter edits a draft. */
export function PenaltyEdit() {
  return (
    <Edit mutationMode="pessimistic">
      <EditForm />
    </Edit>
  );
}
