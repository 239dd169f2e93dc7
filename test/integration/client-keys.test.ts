import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildSchema, getNamedType, isInputObjectType, isListType, isNonNullType, isObjectType, type GraphQLField, type GraphQLInputType } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../server/config';
import { listOperations } from '../../server/graphql/operations';
import { alteredPrototypes } from '../../server/graphql/readiness';
import { startTestConsole, type TestConsole } from '../helpers/console';
import { loginAllowedFor, sampleValue } from '../helpers/sample-operation';

let c: TestConsole;
beforeAll(async () => {
  c = await startTestConsole({ merchants: 5 });
});
afterAll(() => c?.close());

/** What every plain object inherits: the keys a `table[clientKey]` look-up finds without defining them. */
const BASE_NAMES = [...new Set([...Object.getOwnPropertyNames(Object.prototype), '__proto__', 'prototype'])];

/**
 * The list queries of the schema: root fields answering `{ items, totalCount }`. Read from the
 * committed schema.graphql (synchronously, to name one test per list), which schema.test.ts keeps
 * identical to the built schema.
 */
function listQueries() {
  const schema = buildSchema(readFileSync(path.join(PROJECT_ROOT, 'schema.graphql'), 'utf8'));
  return Object.values(schema.getQueryType()!.getFields()).filter((f) => {
    const t = getNamedType(f.type);
    return isObjectType(t) && 'items' in t.getFields() && 'totalCount' in t.getFields();
  });
}

/** `query(...) { list(required args, sort: $sort, filter: $filter) { totalCount } }` with sample values for the required args. */
function listCall(field: GraphQLField<unknown, unknown>) {
  const required = field.args.filter((a) => isNonNullType(a.type) && a.defaultValue === undefined);
  const optional = field.args.filter((a) => a.name === 'sort' || a.name === 'filter');
  const vars = [...required, ...optional];
  const query = `query(${vars.map((a) => `$${a.name}: ${String(a.type)}`).join(', ')}) { ${field.name}(${vars.map((a) => `${a.name}: $${a.name}`).join(', ')}) { totalCount } }`;
  return { query, base: Object.fromEntries(required.map((a) => [a.name, sampleValue(a.type)])) };
}

/** The filter values to try for one filter field: the name itself, or in a list for list fields; null for non-text fields. */
function asFilterValue(type: GraphQLInputType, name: string): unknown {
  const inner = isNonNullType(type) ? type.ofType : type;
  const named = getNamedType(inner);
  if (!['String', 'ID'].includes(named.name)) return null;
  return isListType(inner) ? [name] : name;
}

const LISTS = listQueries();
const OPS = new Map(listOperations().map((o) => [o.name, o]));
const tokens = new Map<string, string>();

describe("client-chosen keys named after the base object's properties, on every list of the schema", () => {
  it('the schema walk finds the lists', () => {
    expect(LISTS.length).toBeGreaterThanOrEqual(10);
  });

  for (const field of LISTS) {
    it(`${field.name}: BAD_USER_INPUT as every sort field and filter key, never INTERNAL as any text filter value`, async () => {
      const login = loginAllowedFor(OPS.get(`Query.${field.name}`)!.requirements);
      expect(login, `someone may call ${field.name}`).not.toBeUndefined();
      if (login && !tokens.has(login)) tokens.set(login, await c.signIn(login));
      const token = login ? tokens.get(login) : undefined;
      const { query, base } = listCall(field);
      // Required ids must name a real record, or the list answers NOT_FOUND before it reads its sort.
      if ('subAccountId' in base) base.subAccountId = (await c.gql('{ subAccounts { items { id } } }', {}, token)).data.subAccounts.items[0].id;
      const filterType = field.args.find((a) => a.name === 'filter')?.type;
      const filterFields =
        filterType && isInputObjectType(getNamedType(filterType))
          ? Object.values((getNamedType(filterType) as { getFields(): Record<string, { name: string; type: GraphQLInputType }> }).getFields())
          : [];
      expect(
        field.args.some((a) => a.name === 'sort'),
        `${field.name} takes a sort`,
      ).toBe(true);
      const problems: string[] = [];
      await Promise.all(
        BASE_NAMES.map(async (name) => {
          const sorted = await c.gql(query, { ...base, sort: { field: name } }, token);
          if (sorted.errors?.[0]?.extensions.code !== 'BAD_USER_INPUT' || sorted.errors[0].extensions.fields?.[0]?.field !== 'sort.field')
            problems.push(`sort ${name}: ${JSON.stringify(sorted.errors ?? sorted.data)}`);
          if (!filterFields.length) return;
          // As a filter key: not a field of the filter, so GraphQL refuses the variable.
          const keyed = await c.gql(query, { ...base, filter: { [name]: 'x' } }, token);
          if (keyed.errors?.[0]?.extensions.code !== 'BAD_USER_INPUT') problems.push(`filter key ${name}: ${JSON.stringify(keyed.errors ?? keyed.data)}`);
          // As the value of every text filter: an empty page or BAD_USER_INPUT, never INTERNAL.
          for (const f of filterFields) {
            const value = asFilterValue(f.type, name);
            if (value === null) continue;
            const r = await c.gql(query, { ...base, filter: { [f.name]: value } }, token);
            const code = r.errors?.[0]?.extensions.code;
            if (code !== undefined && code !== 'BAD_USER_INPUT') problems.push(`filter.${f.name} = ${name}: ${JSON.stringify(r.errors)}`);
          }
        }),
      );
      expect(problems).toEqual([]);
    }, 120_000);
  }

  it('afterwards the prototypes are intact, everyone can still sign in and read a list, and the process says it is ready', async () => {
    expect(alteredPrototypes()).toEqual([]);
    const lead = await c.signIn('lead');
    const merchants = await c.gql('{ merchants(sort: { field: "nickname" }) { totalCount items { id } } }', {}, lead);
    expect(merchants.errors).toBeUndefined();
    expect(merchants.data.merchants.totalCount).toBe(7);
    const ready = await fetch(`${c.url}/readyz`);
    expect([ready.status, await ready.json()]).toEqual([200, { status: 'ready' }]);
  });
});

describe('/readyz', () => {
  it('answers 503 while a shared prototype is altered (a poisoned process cannot serve), 200 again once it is not', async () => {
    Object.defineProperty(Object.prototype, 'm.id', { value: 'DESC', enumerable: true, configurable: true, writable: true });
    try {
      expect(alteredPrototypes()).toEqual(['Object.prototype']);
      const poisoned = await fetch(`${c.url}/readyz`);
      expect([poisoned.status, await poisoned.json()]).toEqual([503, { status: 'shared state altered' }]);
    } finally {
      delete (Object.prototype as Record<string, unknown>)['m.id'];
    }
    expect((await fetch(`${c.url}/readyz`)).status).toBe(200);
  });

  it('answers 503 when a query through the request path fails, even though the database answers SELECT 1', async () => {
    await c.sql('ALTER TABLE account RENAME TO account_renamed');
    try {
      expect((await c.sql('SELECT 1 AS one'))[0].one).toBe(1);
      const broken = await fetch(`${c.url}/readyz`);
      expect([broken.status, await broken.json()]).toEqual([503, { status: 'database unavailable' }]);
    } finally {
      await c.sql('ALTER TABLE account_renamed RENAME TO account');
    }
    expect((await fetch(`${c.url}/readyz`)).status).toBe(200);
  });
});
