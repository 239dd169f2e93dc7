import { Create, SelectInput, SimpleForm, TextInput, required, useNotify, useRedirect, useTranslate, type Validator } from 'react-admin';
import { IsoDateInput } from '../components/IsoDateInput';
import { parseYuan } from '../components';
import { StorePickerInput } from '../penalties/StorePickerInput';
import { errorKey, rewardApi } from './api';
import { useProgrammeName, useProgrammes } from './common';

/** Yuan as typed -> must parse exactly to a positive number of fen. */
const amountValid: Validator = (v: unknown) => {
  const fen = typeof v === 'string' ? parseYuan(v) : null;
  return fen && fen > 0 ? undefined : 'mc.rewards.amount_invalid';
};
const periodValid = (_: unknown, all: Record<string, unknown>) =>
  typeof all.periodStart === 'string' && typeof all.periodEnd === 'string' && all.periodEnd < all.periodStart ? 'mc.rewards.period_reversed' : undefined;

/** ops_reviewer / finance: proposes one reward (store, programme, amount typed in yuan and sent as integer fen, reason, PRC period). */
export function RewardCreate() {
  const translate = useTranslate();
  const notify = useNotify();
  const redirect = useRedirect();
  const { data: programmes = [] } = useProgrammes();
  const name = useProgrammeName();
  const save = async (data: Record<string, unknown>) => {
    try {
      const r = await rewardApi.propose({
        storeId: String(data.storeId),
        programmeCode: String(data.programmeCode),
        amount: parseYuan(String(data.amount)) ?? 0,
        reason: String(data.reason ?? '').trim(),
        periodStart: String(data.periodStart).slice(0, 10),
        periodEnd: String(data.periodEnd).slice(0, 10),
      });
      notify('mc.rewards.proposed', { type: 'success' });
      redirect('show', 'rewards', r.id);
    } catch (e) {
      notify(errorKey(e), { type: 'error' });
    }
  };
  return (
    <Create resource="rewards">
      <SimpleForm onSubmit={save}>
        <StorePickerInput source="storeId" label={translate('resources.rewards.fields.storeId')} />
        <SelectInput
          source="programmeCode"
          validate={required()}
          choices={programmes.filter((p) => p.active).map((p) => ({ id: p.code, name: `${name({ programmeNameZh: p.nameZh, programmeNameEn: p.nameEn })} (${p.code})` }))}
        />
        <TextInput source="amount" validate={[required(), amountValid]} helperText="mc.rewards.amount_help" />
        <TextInput source="reason" multiline minRows={2} fullWidth validate={required()} helperText="mc.rewards.reason_help" />
        <IsoDateInput source="periodStart" validate={required()} />
        <IsoDateInput source="periodEnd" validate={[required(), periodValid]} />
      </SimpleForm>
    </Create>
  );
}
