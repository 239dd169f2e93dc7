import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeResidentId } from '../../rules/identity/resident-id';
import { startTestConsole, type GqlResult, type TestConsole } from '../helpers/console';
import { CASE_FIELDS, newStoreOwner, SUBMIT, submissionInput } from '../helpers/verification';

/**
 * Check-then-act across rows (issue 10, item 10): every rule that reads rows and then writes,
 * fired 20 (or more) times at once. Exactly one effect, or every party flagged; a unique-key race
 * answers CONFLICT `ALREADY_EXISTS`, never INTERNAL.
 */
let c: TestConsole;
const tokens: Record<string, string> = {};
const t = async (login: string) => (tokens[login] ??= await c.signIn(login));
const AT_ONCE = 20;

beforeAll(async () => {
  c = await startTestConsole({ merchants: 2 });
});
afterAll(() => c?.close());

/** Exactly one success; every other answer CONFLICT with errorCode ALREADY_EXISTS (never INTERNAL). */
function oneWins(results: GqlResult[]) {
  const codes = results.map((r) => (r.errors ? `${r.errors[0].extensions.code}/${r.errors[0].extensions.errorCode}` : 'ok'));
  expect(codes.filter((x) => x === 'ok')).toHaveLength(1);
  expect(codes.filter((x) => x !== 'ok')).toEqual(Array(results.length - 1).fill('CONFLICT/ALREADY_EXISTS'));
}

/** At least one success; the rest CONFLICT/ALREADY_EXISTS (for "set or replace" writes, where a later one may replace the first). */
function noneInternal(results: GqlResult[]) {
  const codes = results.map((r) => (r.errors ? `${r.errors[0].extensions.code}/${r.errors[0].extensions.errorCode}` : 'ok'));
  expect(codes).toContain('ok');
  expect(
    codes.filter((x) => x !== 'ok').every((x) => x === 'CONFLICT/ALREADY_EXISTS'),
    codes.join(','),
  ).toBe(true);
}

const times = <T>(n: number, f: (i: number) => Promise<T>) => Promise.all(Array.from({ length: n }, (_, i) => f(i)));

describe('duplicate identity number across stores', () => {
  // 20 owners, 60 uploads and 20 submissions: longer than the default test timeout on a loaded machine.
  it(`${AT_ONCE} stores submitting one ID number at the same moment are all flagged; staff see the other stores, merchants nothing`, { timeout: 180_000 }, async () => {
    const owners: string[] = [];
    for (let i = 0; i < AT_ONCE; i++) owners.push(await newStoreOwner(c, `dup_race_${i}`));
    const idNumber = makeResidentId('330106', '1985-04-12', 321);
    const inputs = await Promise.all(owners.map((o) => submissionInput(c, o, { idNumber })));
    const results = await Promise.all(owners.map((o, i) => c.gql(SUBMIT, { i: inputs[i] }, o)));
    expect(results.filter((r) => r.errors)).toEqual([]);
    const ids = results.map((r) => r.data.submitVerification.id as string);
    // The merchant learns nothing: no flag, no other store.
    expect(results.map((r) => r.data.submitVerification.flags)).toEqual(Array(AT_ONCE).fill([]));
    const lead = await t('lead');
    const CASE = `query($id: ID!) { verificationCase(id: $id) { ${CASE_FIELDS} duplicateStores { storeId storeName caseId } } }`;
    const views = await Promise.all(ids.map((id) => c.gql(CASE, { id }, lead)));
    // Every case needs the second approval.
    expect(views.map((v) => v.data.verificationCase.flags)).toEqual(Array(AT_ONCE).fill(['duplicate_id']));
    const storeIds = views.map((v) => v.data.verificationCase.storeId as string);
    for (const [i, v] of views.entries()) {
      const others = v.data.verificationCase.duplicateStores;
      expect(others.map((o: { storeId: string }) => o.storeId).sort()).toEqual(storeIds.filter((_, j) => j !== i).sort());
      expect(others.map((o: { caseId: string }) => o.caseId).sort()).toEqual(ids.filter((_, j) => j !== i).sort());
      expect(others[0].storeName).toMatch(/^dup_race_\d+的小店$/);
    }
    const mine = await c.gql(CASE, { id: ids[0] }, owners[0]);
    expect(mine.data.verificationCase).toMatchObject({ flags: [], duplicateStores: [] });
    // A case flagged after it was read cannot be approved on the stale (unflagged) version.
    const rows = await c.sql(`SELECT count(*)::int AS n FROM verification_case WHERE id = ANY($1::bigint[]) AND 'duplicate_id' = ANY(flags)`, [ids]);
    expect(rows[0].n).toBe(AT_ONCE);
  });
});

describe('unique codes created at once', () => {
  it(`${AT_ONCE} concurrent creates of one policy document code: one succeeds, the rest CONFLICT/ALREADY_EXISTS`, async () => {
    const legal = await t('legal');
    const m = 'mutation($i: CreatePolicyDocumentInput!) { createPolicyDocument(input: $i) { id } }';
    oneWins(await times(AT_ONCE, () => c.gql(m, { i: { code: 'race-doc', titleZh: '并发', titleEn: 'Race' } }, legal)));
    expect((await c.sql(`SELECT count(*)::int AS n FROM policy_document WHERE code = 'race-doc'`))[0].n).toBe(1);
  });

  it(`${AT_ONCE} concurrent creates of one violation category code and of one sanction type code: one each`, async () => {
    const lead = await t('lead');
    const cat = 'mutation($i: CreateViolationCategoryInput!) { createViolationCategory(input: $i) { code } }';
    oneWins(await times(AT_ONCE, () => c.gql(cat, { i: { code: 'RACE_CAT', parentCode: 'SERVICE', nameZh: '并发', nameEn: 'race' } }, lead)));
    const san = 'mutation($i: CreateSanctionTypeInput!) { createSanctionType(input: $i) { code } }';
    oneWins(await times(AT_ONCE, () => c.gql(san, { i: { code: 'RACE_SANCTION', nameZh: '并发', nameEn: 'race', effect: 'none' } }, lead)));
    expect((await c.sql(`SELECT (SELECT count(*) FROM violation_category WHERE code = 'RACE_CAT')::int AS a, (SELECT count(*) FROM sanction_type WHERE code = 'RACE_SANCTION')::int AS b`))[0]).toEqual(
      { a: 1, b: 1 },
    );
  });

  it(`${AT_ONCE} concurrent sets of one working-day override and upserts of one reason code: never INTERNAL, one row`, async () => {
    const lead = await t('lead');
    const wd = 'mutation($i: SetWorkingDayOverrideInput!) { setWorkingDayOverride(input: $i) { date } }';
    noneInternal(await times(AT_ONCE, (i) => c.gql(wd, { i: { date: '2031-02-03', isWorkday: i % 2 === 0, name: 'race' } }, lead)));
    const rc = 'mutation($i: ReasonCodeInput!) { upsertVerificationReasonCode(input: $i) { code } }';
    noneInternal(await times(AT_ONCE, () => c.gql(rc, { i: { code: 'RACE_REASON', labelZh: '并发', labelEn: 'race', outcome: 'retry' } }, lead)));
    expect(
      (await c.sql(`SELECT (SELECT count(*) FROM working_day_override WHERE day = '2031-02-03')::int AS a, (SELECT count(*) FROM verification_reason_code WHERE code = 'RACE_REASON')::int AS b`))[0],
    ).toEqual({ a: 1, b: 1 });
  });

  it(`${AT_ONCE} concurrent staff accounts with one login name, and store roles with one name: one each`, async () => {
    const admin = await t('admin');
    const staff = 'mutation($i: CreateStaffAccountInput!) { createStaffAccount(input: $i) { id } }';
    oneWins(await times(AT_ONCE, () => c.gql(staff, { i: { loginName: 'race_staff', displayName: 'Race', password: 'Kq7#vLm2!pWz9@rT', roles: ['support'] } }, admin)));
    const owner1 = await t('owner1');
    const role = 'mutation($i: CreateStoreRoleInput!) { createStoreRole(input: $i) { id } }';
    oneWins(await times(AT_ONCE, () => c.gql(role, { i: { name: '并发角色', permissions: [] } }, owner1)));
  });
});

describe('budgets and "one open X per Y"', () => {
  it(`${AT_ONCE} invitations of one mobile at once: one pending invitation, the rest CONFLICT/ALREADY_EXISTS`, async () => {
    const owner1 = await t('owner1');
    const m = 'mutation($i: InviteSubAccountInput!) { inviteSubAccount(input: $i) { id } }';
    oneWins(await times(AT_ONCE, () => c.gql(m, { i: { mobile: '13700009999', displayName: '员工', roleIds: [], consentConfirmed: true } }, owner1)));
  });

  it("invitations sent at once never overshoot the store's hourly budget (30)", async () => {
    const owner1 = await t('owner1');
    const before = (
      await c.sql(
        `SELECT count(*)::int AS n FROM sub_account_invitation i JOIN store s ON s.id = i.store_id JOIN merchant m ON m.id = s.merchant_id JOIN account a ON a.id = m.account_id WHERE a.login_name = 'owner1'`,
      )
    )[0].n;
    const m = 'mutation($i: InviteSubAccountInput!) { inviteSubAccount(input: $i) { id } }';
    const results = await times(36 - before, (i) => c.gql(m, { i: { mobile: `1370000${String(1000 + i)}`, displayName: `员工${i}`, roleIds: [], consentConfirmed: true } }, owner1));
    expect(results.filter((r) => !r.errors)).toHaveLength(30 - before);
    expect(results.filter((r) => r.errors).map((r) => r.errors![0].extensions.code)).toEqual(Array(6).fill('TOO_MANY_REQUESTS'));
  });
});

describe('one pending appeal per penalty', () => {
  it(`${AT_ONCE} appeals of one penalty at once: one pending appeal, the rest CONFLICT`, async () => {
    const [reviewer, lead, owner1] = [await t('reviewer'), await t('lead'), await t('owner1')];
    const storeId = (await c.gql('{ me { storeId } }', {}, owner1)).data.me.storeId;
    const drafted = await c.gql(
      'mutation($i: DraftPenaltyInput!) { draftPenalty(input: $i) { id version } }',
      {
        i: { storeId, categoryCode: 'LATE_SHIPMENT', facts: 'Shipped 12 orders a week late; buyers complained.' },
      },
      reviewer,
    );
    const issued = await c.gql(
      'mutation($i: PenaltyTransitionInput!) { issuePenalty(input: $i) { id } }',
      { i: { id: drafted.data.draftPenalty.id, version: drafted.data.draftPenalty.version } },
      lead,
    );
    expect(issued.errors).toBeUndefined();
    const m = 'mutation($i: SubmitPenaltyAppealInput!) { submitPenaltyAppeal(input: $i) { id } }';
    const results = await times(AT_ONCE, () => c.gql(m, { i: { penaltyId: issued.data.issuePenalty.id, reason: 'The delay was caused by the courier strike.' } }, owner1));
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    expect(results.filter((r) => r.errors).map((r) => `${r.errors![0].extensions.code}/${r.errors![0].extensions.errorCode}`)).toEqual(Array(AT_ONCE - 1).fill('CONFLICT/APPEAL_PENDING'));
    expect((await c.sql(`SELECT count(*)::int AS n FROM penalty_appeal WHERE penalty_id = $1`, [issued.data.issuePenalty.id]))[0].n).toBe(1);
  });
});
