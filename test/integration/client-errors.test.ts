import { getNamedType, isInputObjectType, isNonNullType, isObjectType } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '../../server/graphql/query-limits';
import { listOperations } from '../../server/graphql/operations';
import { buildAppSchema } from '../../server/graphql/schema';
import { startTestConsole, type TestConsole } from '../helpers/console';
import { loginAllowedFor, rootFields, sampleOperation } from '../helpers/sample-operation';

let c: TestConsole;
beforeAll(async () => {
  c = await startTestConsole({ merchants: 5 });
});
afterAll(() => c?.close());

/** Runtime messages that must never reach a client. */
const RUNTIME = /RangeError|TypeError|Maximum call stack|Cannot read|undefined|is not a function|Internal server error|SELECT|\bat .*\.(ts|js):\d+/;

describe('explicit nulls (schema-wide sweep)', () => {
  it('a null for any optional argument, or any optional field of a required input, of any operation is never INTERNAL nor HTTP 500', async () => {
    const schema = await buildAppSchema(null);
    const ops = new Map(listOperations().map((o) => [o.name, o]));
    const tokens = new Map<string, string>();
    const problems: string[] = [];
    let variants = 0;
    for (const { kind, field } of rootFields(schema)) {
      if (field.name === 'signOut') continue; // would end the session the sweep uses
      const login = loginAllowedFor(ops.get(`${kind}.${field.name}`)!.requirements);
      if (login === undefined) continue;
      if (login && !tokens.has(login)) tokens.set(login, await c.signIn(login));
      const token = login ? tokens.get(login) : undefined;
      const base = sampleOperation(schema, kind, field);
      const required = field.args.filter((a) => isNonNullType(a.type) && a.defaultValue === undefined);
      const head = `${kind === 'Query' ? 'query' : 'mutation'}${required.length ? `(${required.map((a) => `$${a.name}: ${String(a.type)}`).join(', ')})` : ''}`;
      const selection = isObjectType(getNamedType(field.type)) ? ' { __typename }' : '';
      const calls: { what: string; query: string; variables: Record<string, unknown> }[] = [];
      for (const a of field.args) {
        if (!isNonNullType(a.type)) {
          const args = [...required.map((r) => `${r.name}: $${r.name}`), `${a.name}: null`].join(', ');
          calls.push({ what: `${a.name}: null`, query: `${head} { ${field.name}(${args})${selection} }`, variables: base.variables });
        }
        const input = getNamedType(a.type);
        if (required.includes(a) && isInputObjectType(input)) {
          for (const f of Object.values(input.getFields())) {
            if (isNonNullType(f.type)) continue;
            calls.push({ what: `${a.name}.${f.name}: null`, query: base.query, variables: { ...base.variables, [a.name]: { ...(base.variables[a.name] as object), [f.name]: null } } });
          }
        }
      }
      for (const call of calls) {
        variants++;
        const res = await c.post({ query: call.query, variables: call.variables }, token);
        const codes = (res.json.errors ?? []).map((e: { extensions: { code: string } }) => e.extensions.code);
        if (res.status >= 500 || codes.includes('INTERNAL') || RUNTIME.test(JSON.stringify(res.json.errors ?? [])))
          problems.push(`${field.name}(${call.what}) as ${login ?? 'anonymous'}: HTTP ${res.status} ${JSON.stringify(res.json.errors)}`);
      }
    }
    expect(variants).toBeGreaterThan(100);
    expect(problems).toEqual([]);
  }, 180_000);

  it('on every list, filter: null and sort: null mean what leaving them out means; page/perPage: null (Int!) are BAD_USER_INPUT', async () => {
    const schema = await buildAppSchema(null);
    const lists = Object.values(schema.getQueryType()!.getFields()).filter((f) => {
      const t = getNamedType(f.type);
      return isObjectType(t) && 'totalCount' in t.getFields() && f.args.every((a) => !isNonNullType(a.type) || a.defaultValue !== undefined);
    });
    expect(lists.length).toBeGreaterThanOrEqual(10);
    const ops = new Map(listOperations().map((o) => [o.name, o]));
    for (const field of lists) {
      const login = loginAllowedFor(ops.get(`Query.${field.name}`)!.requirements);
      const token = login ? await c.signIn(login) : undefined;
      const nulls = field.args
        .filter((a) => !isNonNullType(a.type))
        .map((a) => `${a.name}: null`)
        .join(', ');
      expect(nulls, field.name).toContain('sort: null');
      const omitted = await c.gql(`{ ${field.name} { totalCount } }`, {}, token);
      const nulled = await c.gql(`{ ${field.name}(${nulls}) { totalCount } }`, {}, token);
      expect(omitted.errors, field.name).toBeUndefined();
      expect(nulled, `${field.name}(${nulls})`).toEqual({ ...omitted, extensions: nulled.extensions });
      // page and perPage are Int! with defaults: a null for them is the client's mistake, said as such.
      for (const a of field.args.filter((x) => isNonNullType(x.type))) {
        const r = await c.gql(`{ ${field.name}(${a.name}: null) { totalCount } }`, {}, token);
        expect(r.errors?.[0]?.extensions.code, `${field.name}(${a.name}: null)`).toBe('BAD_USER_INPUT');
      }
    }
  }, 120_000);
});

describe('malformed requests are HTTP 400 client errors with a clear message', () => {
  const raw = async (body: string, contentType = 'application/json') => {
    const res = await fetch(`${c.url}/graphql`, { method: 'POST', headers: { 'content-type': contentType }, body });
    return { status: res.status, json: (await res.json()) as { errors: { message: string; extensions: { code: string; reason?: string } }[] } };
  };
  const nested = (open: string, close: string, n: number) => open.repeat(n) + '1' + close.repeat(n);

  const CASES: [what: string, body: string, contentType?: string][] = [
    ['a subscription operation', JSON.stringify({ query: 'subscription { me { id } }' })],
    ['a named subscription next to a query', JSON.stringify({ query: 'subscription S { __typename } query Q { __typename }', operationName: 'S' })],
    ['variables nested 5,000 objects deep', `{"query":"query($f: MerchantFilter) { merchants(filter: $f) { totalCount } }","variables":{"f":${nested('{"q":', '}', 5000)}}}`],
    ['variables nested 5,000 arrays deep', `{"query":"query($f: VerificationQueueFilter) { verificationQueue(filter: $f) { totalCount } }","variables":{"f":{"statuses":${nested('[', ']', 5000)}}}}`],
    // 10,000 levels fit the anonymous 64 KiB body limit, so the depth check itself is what answers.
    ['unused variables nested 10,000 deep (anonymous)', `{"query":"{ __typename }","variables":${nested('{"a":', '}', 10000)}}`],
    ['a batch nested deep', `[{"query":"{ __typename }","variables":${nested('[', ']', 100)}}]`],
    ['more tokens than the limit', JSON.stringify({ query: `{ ${'__typename '.repeat(LIMITS.maxTokens + 1)} }` })],
    ['malformed JSON', '{"query": '],
    ['a JSON string as body', '"{ __typename }"'],
    ['text/plain', JSON.stringify({ query: '{ __typename }' }), 'text/plain'],
    ['a form body', 'query=%7B__typename%7D', 'application/x-www-form-urlencoded'],
    ['variables as a string', JSON.stringify({ query: '{ __typename }', variables: '{}' })],
    ['variables as an array', JSON.stringify({ query: '{ __typename }', variables: [1] })],
    ['variables as a number', JSON.stringify({ query: '{ __typename }', variables: 5 })],
    ['an operationName that does not exist', JSON.stringify({ query: 'query A { __typename }', operationName: 'B' })],
    ['an operationName that is not a string', JSON.stringify({ query: 'query A { __typename }', operationName: 5 })],
    ['two operations and no operationName', JSON.stringify({ query: 'query A { __typename } query B { __typename }' })],
    ['a query that is not a string', JSON.stringify({ query: 5 })],
    ['no query', JSON.stringify({})],
  ];
  for (const [what, body, contentType] of CASES) {
    it(what, async () => {
      const res = await raw(body, contentType);
      expect(res.status, JSON.stringify(res.json)).toBe(400);
      const [e] = res.json.errors;
      expect(e.extensions.code).toBe('BAD_USER_INPUT');
      expect(e.message).not.toMatch(RUNTIME);
    });
  }

  it('after all of them the process still serves', async () => {
    const token = await c.signIn('lead');
    expect((await c.gql('{ merchants { totalCount } }', {}, token)).data.merchants.totalCount).toBe(7);
    expect((await fetch(`${c.url}/readyz`)).status).toBe(200);
  });
});
