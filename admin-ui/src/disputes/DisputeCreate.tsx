import { Create, SelectInput, SimpleForm, TextInput, useNotify, useRedirect, useTranslate, type Validator } from 'react-admin';
import { formatFen, parseYuan } from '../components';
import { GraphQLRequestError } from '../graphql';
import { StorePickerInput } from '../penalties/StorePickerInput';
import { CLAIM_TYPES, disputeApi, errorKey } from './api';

const NUMBER = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
const MOBILE = /^(\+?86)?1\d{10}$/;

const required: Validator = (v) => (typeof v === 'string' && v.trim() ? undefined : 'ra.validation.required');
const pattern =
  (re: RegExp, message: string): Validator =>
  (v) =>
    typeof v === 'string' && v.trim() && !re.test(v.trim()) ? message : undefined;
const length =
  (min: number, max: number): Validator =>
  (v) => {
    const n = typeof v === 'string' ? v.trim().length : 0;
    return n && (n < min || n > max) ? { message: 'mc.disputes.create.length', args: { min, max } } : undefined;
  };
const amount: Validator = (v) => {
  if (typeof v !== 'string' || !v.trim()) return undefined;
  const fen = parseYuan(v);
  return fen === null || fen <= 0 ? 'mc.disputes.create.amount_invalid' : undefined;
};

/** Support: opens a dispute from a phone or e-mail complaint (idempotent by after-sales number). Amount typed in yuan, sent in fen. */
export function DisputeCreate() {
  const translate = useTranslate();
  const notify = useNotify();
  const redirect = useRedirect();
  const save = async (values: Record<string, unknown>) => {
    const s = (k: string) => (typeof values[k] === 'string' ? (values[k] as string).trim() : '');
    try {
      const r = await disputeApi.open({
        storeId: values.storeId,
        orderNumber: s('orderNumber'),
        afterSalesNumber: s('afterSalesNumber'),
        claimType: values.claimType,
        amountClaimed: parseYuan(s('amountYuan')),
        description: s('description'),
        buyerName: s('buyerName'),
        buyerMobile: s('buyerMobile').replace(/\s/g, ''),
        buyerAddress: s('buyerAddress') || undefined,
      });
      notify(r.created ? 'mc.disputes.create.opened' : 'mc.disputes.create.existed', { type: r.created ? 'success' : 'info' });
      redirect('show', 'disputes', r.disputeId);
      return undefined;
    } catch (e) {
      if (e instanceof GraphQLRequestError && e.body) {
        notify(errorKey(e), { type: 'error' });
        return e.body.errors;
      }
      notify(errorKey(e), { type: 'error' });
      return undefined;
    }
  };
  return (
    <Create title="mc.disputes.open_dispute">
      <SimpleForm onSubmit={save} data-testid="dispute-form">
        <StorePickerInput source="storeId" label={translate('resources.disputes.fields.storeId')} />
        <TextInput source="orderNumber" validate={[required, pattern(NUMBER, 'mc.disputes.create.number_invalid')]} />
        <TextInput source="afterSalesNumber" validate={[required, pattern(NUMBER, 'mc.disputes.create.number_invalid')]} helperText="mc.disputes.create.after_sales_help" />
        <SelectInput source="claimType" validate={required} choices={CLAIM_TYPES.map((c) => ({ id: c, name: `mc.disputes.claim.${c}` }))} />
        <TextInput
          source="amountYuan"
          validate={[required, amount]}
          helperText={translate('mc.disputes.create.amount_help', { example: formatFen(123456) })}
          slotProps={{ htmlInput: { inputMode: 'decimal' } }}
        />
        <TextInput source="description" multiline minRows={3} fullWidth validate={[required, length(1, 2000)]} />
        <TextInput source="buyerName" validate={[required, length(1, 50)]} />
        <TextInput source="buyerMobile" validate={[required, pattern(MOBILE, 'mc.disputes.create.mobile_invalid')]} />
        <TextInput source="buyerAddress" fullWidth validate={length(5, 200)} />
      </SimpleForm>
    </Create>
  );
}
