import { getMetadataStorage as validationMetadata } from 'class-validator';
import { ArgumentValidationError, getMetadataStorage, ID } from 'type-graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dateRange, DATE_RANGES } from '../../rules/dates';
import { buildAppSchema } from '../../server/graphql/schema';
import { validateInput } from '../../server/graphql/validate-input';
import { isMultiLine } from '../../server/graphql/validators';
import { errorOf, startTestConsole, type TestConsole } from '../helpers/console';
import { REFUSED_SAMPLES } from '../helpers/refused-characters';

let c: TestConsole;
beforeAll(async () => {
  c = await startTestConsole();
  await buildAppSchema(null); // fills type-graphql's metadata (fields of every input class)
});
afterAll(() => c?.close());

/** Every field of every GraphQL input type and args class, from type-graphql's metadata (not a hand list). */
function inputFields() {
  const storage = getMetadataStorage();
  const classes = [...storage.inputTypes, ...storage.argumentTypes].map((t) => t.target);
  return storage.fields
    .filter((f) => classes.includes(f.target))
    .map((f) => ({ target: f.target, name: f.name, type: f.getType(), array: !!f.typeOptions.array, label: `${f.target.name}.${f.name}` }));
}

/** The class-validator constraint names on one field. */
const constraintsOf = (target: Function, name: string) =>
  validationMetadata()
    .getTargetValidationMetadatas(target, '', true, false)
    .filter((m) => m.propertyName === name)
    .map((m) => m.name);

/** The validation errors one field gets when only it is set (other fields missing are skipped). */
async function errorsFor(target: Function, name: string, value: unknown): Promise<{ property: string; constraints?: Record<string, string> }[]> {
  const obj = Object.create(target.prototype) as Record<string, unknown>;
  obj[name] = value;
  try {
    await validateInput(obj);
    return [];
  } catch (e) {
    if (!(e instanceof ArgumentValidationError)) throw e;
    return (e.extensions.validationErrors as { property: string; constraints?: Record<string, string> }[]).filter((v) => v.property === name);
  }
}

describe('invisible and control characters: one rule, every string input (issue 10 item 9)', () => {
  const stringFields = () => inputFields().filter((f) => f.type === String || f.type === ID);

  it('finds the string inputs to sweep', () => {
    expect(stringFields().length).toBeGreaterThan(80);
  });

  it('every string field of every input refuses every refused category, alone and in lists', async () => {
    const missed: string[] = [];
    for (const f of stringFields()) {
      for (const [kind, ch] of Object.entries(REFUSED_SAMPLES)) {
        const text = `ok${ch}ok`;
        const errors = await errorsFor(f.target, f.name, f.array ? ['fine', text] : text);
        if (!errors.some((e) => e.constraints?.noControlCharacters)) missed.push(`${f.label}: ${kind}`);
      }
    }
    expect(missed).toEqual([]);
  });

  it('line feeds and tabs pass only in fields declared multi-line, which are the long texts', async () => {
    const multi: string[] = [];
    for (const f of stringFields()) {
      const errors = await errorsFor(f.target, f.name, f.array ? ['a\nb'] : 'a\nb\tc');
      const refused = errors.some((e) => e.constraints?.noControlCharacters);
      expect(refused, f.label).toBe(!isMultiLine(Object.create(f.target.prototype), f.name));
      if (!refused) multi.push(f.label);
    }
    expect(multi.sort()).toEqual(
      [
        'BuyerMessageInput.body',
        'CreatePolicyDraftInput.bodyEn',
        'CreatePolicyDraftInput.bodyZh',
        'DecideDisclosureInput.reason',
        'DisputeMessageInput.body',
        'DisputeStepInput.reason',
        'OpenDisputeInput.description',
        'ProposeRewardInput.reason',
        'RequestDisclosureInput.reason',
        'ResolveDisputeInput.reason',
        'RewardDecisionInput.reason',
        'CreatePolicyDraftInput.changeSummary',
        'DecidePenaltyAppealInput.reason',
        'DecideVerificationInput.applicantComment',
        'DecideVerificationInput.internalNote',
        'DraftPenaltyInput.facts',
        'PayoutDecisionInput.reason',
        'PenaltyTransitionInput.reason',
        'PolicyTransitionInput.note',
        'SubmitPenaltyAppealInput.reason',
        'UpdatePenaltyDraftInput.facts',
        'UpdatePolicyDraftInput.bodyEn',
        'UpdatePolicyDraftInput.bodyZh',
        'UpdatePolicyDraftInput.changeSummary',
      ].sort(),
    );
  });

  it('over HTTP: nested filters, scalar arguments and sign-in answer BAD_USER_INPUT naming the field and the code point', async () => {
    const token = await c.signIn('lead');
    const Q = 'query($f: MerchantFilter) { merchants(filter: $f) { totalCount } }';
    for (const ch of ['\u0085', '\u202e', '\u2028', '\u00ad', '\u{e0041}', '\ufeff']) {
      const e = errorOf(await c.gql(Q, { f: { q: `ab${ch}c` } }, token), 'BAD_USER_INPUT');
      expect(e.extensions.fields![0].field).toBe('filter.q');
      expect(e.extensions.fields![0].message).toMatch(/^q contains a control or invisible character \(U\+[0-9A-F]{4,5}\)$/);
    }
    errorOf(await c.gql('query($c: String!) { publicPolicy(code: $c) { code } }', { c: 'merchant-privacy-policy\u202e' }), 'BAD_USER_INPUT');
    errorOf(await c.gql('mutation($i: SignInInput!) { signIn(input: $i) { token } }', { i: { loginName: 'lead\u200b', password: 'x' } }), 'BAD_USER_INPUT');
  });
});

describe('dates and instants are bounded by kind (issue 10 item 9)', () => {
  const dateFields = () =>
    inputFields().filter((f) => f.type === Date || (f.type === String && (constraintsOf(f.target, f.name).includes('isCalendarDate') || /date|From$|To$|Until$|^from$|^to$/i.test(f.name))));

  it('every date or instant input declares its kind (DATE_RANGES)', () => {
    const fields = dateFields();
    expect(fields.length).toBeGreaterThanOrEqual(17);
    const undeclared = fields.filter((f) => !constraintsOf(f.target, f.name).some((n) => n === 'isInstant' || n === 'isCalendarDate')).map((f) => f.label);
    expect(undeclared).toEqual([]);
  });

  it('every date or instant input refuses the far past and far future, and accepts today', async () => {
    const today = new Date();
    for (const f of dateFields()) {
      const value = (d: string) => (f.type === Date ? new Date(`${d}T04:00:00Z`) : d);
      for (const far of ['1800-01-01', '1899-12-31', '2999-01-01', '2101-01-01']) {
        const errors = await errorsFor(f.target, f.name, value(far));
        expect(errors.length, `${f.label} = ${far}`).toBeGreaterThan(0);
      }
      const ok = f.type === Date ? today : new Date(today.getTime() - 86_400_000).toISOString().slice(0, 10);
      expect(await errorsFor(f.target, f.name, ok), `${f.label} = today`).toEqual([]);
    }
  });

  it('the bounds are the declared ones: a birth date cannot be tomorrow, a policy cannot take effect beyond 5 years', () => {
    const now = new Date('2026-06-01T00:00:00Z');
    expect(dateRange('birth', now)).toEqual(['1900-01-01', '2026-06-01']);
    expect(dateRange('effective', now)).toEqual(['2000-01-01', '2031-06-01']);
    expect(dateRange('filter', now)).toEqual(['2000-01-01', '2100-12-31']);
    expect(Object.keys(DATE_RANGES).sort()).toEqual(['birth', 'calendar', 'documentValidity', 'effective', 'filter', 'sanctionStart']);
  });

  it('over HTTP: filters, scalar date arguments and scheduling answer BAD_USER_INPUT naming the field, nothing changed', async () => {
    const lead = await c.signIn('lead');
    const e = errorOf(await c.gql('query($f: MerchantFilter) { merchants(filter: $f) { totalCount } }', { f: { createdFrom: '1800-01-01T00:00:00Z' } }, lead), 'BAD_USER_INPUT');
    expect(e.extensions.fields![0]).toEqual({ field: 'filter.createdFrom', message: expect.stringContaining('2000-01-01 to 2100-12-31') });
    const admin = await c.signIn('admin');
    const [{ n: before }] = await c.sql('SELECT count(*)::int AS n FROM audit_event');
    const r = errorOf(await c.gql('mutation { removeWorkingDayOverride(date: "1800-01-01") }', {}, admin), 'BAD_USER_INPUT');
    expect(r.extensions.fields![0].field).toBe('date');
    const s = errorOf(await c.gql('mutation($i: SetWorkingDayOverrideInput!) { setWorkingDayOverride(input: $i) { date } }', { i: { date: '2999-10-01', isWorkday: false } }, admin), 'BAD_USER_INPUT');
    expect(s.extensions.fields![0].field).toBe('date');
    const [{ n: after }] = await c.sql('SELECT count(*)::int AS n FROM audit_event');
    expect(after).toBe(before);
    expect(await c.sql('SELECT * FROM working_day_override')).toEqual([]);
  });
});
