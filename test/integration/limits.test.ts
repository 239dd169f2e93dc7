import { readdirSync, readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import { buildSchema, getNamedType, isNonNullType, type GraphQLInputObjectType } from 'graphql';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeSlots, MAX_CONCURRENT_DECODES } from '../../server/modules/files/content-type';
import { ANONYMOUS_LIMITS } from '../../server/graphql/query-limits';
import { errorOf, startTestConsole, type GqlResult, type TestConsole } from '../helpers/console';

/** Deadlines short enough to test (500 ms for a /graphql body and for an upload body), and a 100 KB anonymous response bound. */
let c: TestConsole;
let prod: TestConsole;
beforeAll(async () => {
  c = await startTestConsole({ merchants: 3, env: { HTTP_BODY_TIMEOUT_MS: '500', UPLOAD_BODY_TIMEOUT_MS: '500', HTTP_MAX_ANONYMOUS_RESPONSE_BYTES: '100000' } });
  prod = await startTestConsole({ seed: false, env: { NODE_ENV: 'production', LOG_LEVEL: 'silent' } });
});
afterAll(async () => {
  await c?.close();
  await prod?.close();
});

/**
 * Sends `head` (request line and headers) and then `body` over a plain socket, and reads until the
 * server closes the connection or `waitMs` pass. @returns the status (0 if none came) and the time.
 */
function rawRequest(url: string, head: string, body = '', waitMs = 5000): Promise<{ status: number; ms: number; text: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const started = Date.now();
    let text = '';
    const socket = net.connect(Number(port), hostname, () => socket.write(head + body));
    const done = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0), ms: Date.now() - started, text });
    };
    const timer = setTimeout(done, waitMs);
    socket.on('data', (d) => (text += d.toString()));
    socket.on('close', done);
    socket.on('error', done);
  });
}

const uploadHead = (length: number, token?: string) =>
  `POST /uploads HTTP/1.1\r\nHost: x\r\nContent-Type: image/png\r\nContent-Length: ${length}\r\n${token ? `Authorization: Bearer ${token}\r\n` : ''}\r\n`;

/** A 1-bit greyscale PNG of `width` x `height` black pixels: a few KB that decode to width x height pixels. */
function blankPng(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(typed));
    return Buffer.concat([len, typed, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([1, 0, 0, 0, 0], 8); // bit depth 1, greyscale, deflate, no filter method, no interlace
  const rows = Buffer.alloc((1 + Math.ceil(width / 8)) * height); // filter byte 0 + zero bits, every row
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(rows, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

const storedFiles = () => readdirSync(path.join(c.app.config.dataDir, 'files')).length;
const uploadRows = async () => Number((await c.sql(`SELECT count(*) AS n FROM uploaded_file`))[0].n);
const postUpload = (body: Buffer, token: string) =>
  fetch(`${c.url}/uploads`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'image/png' }, body: new Uint8Array(body) });

describe('uploads: authentication before the body, deadlines', () => {
  it('refuses an anonymous upload from its headers alone: 401 at once, the announced 100 MB never read', async () => {
    const r = await rawRequest(c.url, uploadHead(100 * 1024 * 1024));
    expect(r.status).toBe(401);
    expect(r.text).toContain('UNAUTHENTICATED');
    expect(r.ms).toBeLessThan(3000);
  });

  it('refuses a signed-in upload announcing more than 5 MiB with 413 before reading it', async () => {
    const r = await rawRequest(c.url, uploadHead(50 * 1024 * 1024, await c.signIn('owner1')));
    expect(r.status).toBe(413);
    expect(r.ms).toBeLessThan(3000);
  });

  it('cuts off a stalled upload body at its deadline (408, connection closed), storing nothing', async () => {
    const before = await uploadRows();
    const r = await rawRequest(c.url, uploadHead(100_000, await c.signIn('owner1')), 'x'.repeat(1000));
    expect(r.status).toBe(408);
    expect(r.ms).toBeGreaterThanOrEqual(450);
    expect(r.ms).toBeLessThan(5000);
    expect(await uploadRows()).toBe(before);
  });

  it('cuts off a stalled /graphql body at its deadline (408)', async () => {
    const r = await rawRequest(c.url, `POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n`, '{"query":');
    expect(r.status).toBe(408);
    expect(r.text).toContain('BAD_USER_INPUT');
    expect(r.ms).toBeLessThan(5000);
  });
});

describe('uploads: decompression bombs and concurrent decodes', () => {
  it('refuses small PNGs of 9,000 x 9,000 and 20,000 x 20,000 pixels from the header, fast, storing nothing', async () => {
    const owner = await c.signIn('owner1');
    const [rows, files] = [await uploadRows(), storedFiles()];
    for (const side of [9_000, 20_000]) {
      const bomb = blankPng(side, side);
      expect(bomb.length).toBeLessThan(100_000);
      const started = Date.now();
      const res = await postUpload(bomb, owner);
      expect([side, res.status]).toEqual([side, 400]);
      const body = await res.json();
      expect(body.error.code).toBe('BAD_USER_INPUT');
      expect(body.error.message).toContain('25 megapixels');
      expect(Date.now() - started).toBeLessThan(5000); // decoding 81 MP would take far longer (and be stored)
    }
    expect([await uploadRows(), storedFiles()]).toEqual([rows, files]);
  });

  it(`decodes at most ${MAX_CONCURRENT_DECODES} images at once; the others wait`, async () => {
    const owner = await c.signIn('owner1');
    const photo = await sharp({ create: { width: 3000, height: 3000, channels: 3, background: { r: 200, g: 120, b: 40 } } })
      .png()
      .toBuffer();
    let maxActive = 0;
    let maxPending = 0;
    const sampler = setInterval(() => {
      maxActive = Math.max(maxActive, decodeSlots.activeCount);
      maxPending = Math.max(maxPending, decodeSlots.pendingCount);
    }, 2);
    try {
      const statuses = await Promise.all(Array.from({ length: 6 }, () => postUpload(photo, owner).then((r) => r.status)));
      expect(statuses).toEqual(Array(6).fill(200));
    } finally {
      clearInterval(sampler);
    }
    expect(maxActive).toBe(MAX_CONCURRENT_DECODES);
    expect(maxPending).toBeGreaterThan(0);
  });
});

/** The checks a public GraphQL auditor (graphql-cop) runs, against production mode: each must find nothing. */
describe('GraphQL auditor checks, production mode', () => {
  it('alias overloading: 101 aliases of __typename are refused (every alias counts) [policy 5.1.1]', async () => {
    const q = `query cop { ${Array.from({ length: 101 }, (_, i) => `alias${i}:__typename`).join('\n')} }`;
    const r = await prod.gql(q);
    expect(r.data?.alias100).toBeUndefined();
    expect(errorOf(r, 'BAD_USER_INPUT').message).toMatch(/Aliases limit/);
    // Signed in, __typename aliases count too: 16 exceed the 15 allowed.
    const signedIn = await c.gql(`{ ${Array.from({ length: 16 }, (_, i) => `a${i}: __typename`).join(' ')} }`, {}, await c.signIn('admin'));
    errorOf(signedIn, 'BAD_USER_INPUT');
  });

  it('batching: an array of 10 queries is refused with 400, not answered as an array [policy 5.1.1]', async () => {
    const res = await prod.post(Array.from({ length: 10 }, () => ({ query: 'query cop { __typename }' })));
    expect(res.status).toBe(400);
    expect(Array.isArray(res.json)).toBe(false);
    expect(res.json.errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it('directive overloading: 10 unknown directives or 50 @skip(if: false) are refused by the directive limit, validation stopping at the first error [policy 5.1.1]', async () => {
    for (const directives of ['@aa'.repeat(10), '@skip(if: false)'.repeat(50)]) {
      const r = await prod.gql(`query cop { __typename ${directives} }`);
      expect(r.data).toBeUndefined();
      // graphql-cop flags exactly 10 errors (one per directive): validation stops after the first.
      expect(r.errors!.length).toBeLessThanOrEqual(2);
      expect(errorOf(r, 'BAD_USER_INPUT').message).toMatch(/Directives limit of 5 exceeded/);
    }
  });

  it('field duplication: __typename selected 500 times is refused [policy 5.1.1]', async () => {
    const r = await prod.gql(`query cop { ${'__typename\n'.repeat(500)} }`);
    expect(r.data).toBeUndefined();
    expect(errorOf(r, 'BAD_USER_INPUT').message).toMatch(/selected more than once/);
  });
});

describe('anonymous callers: tighter limits and a bound on the response', () => {
  const policy = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `p${i}: publicPolicy(code: "merchant-privacy-policy") { current { versionNo clauses { number } } }`).join(' ')} }`;

  it(`allows ${ANONYMOUS_LIMITS.maxAliases} aliases without a session, refuses one more; a session may use more`, async () => {
    expect((await prod.gql(policy(ANONYMOUS_LIMITS.maxAliases))).data.p0.current.versionNo).toBe(1);
    const res = await prod.post({ query: policy(ANONYMOUS_LIMITS.maxAliases + 1) });
    expect(res.status).toBe(400);
    expect(errorOf(res.json, 'BAD_USER_INPUT').message).toMatch(/^Without a session: Aliases limit of 3 exceeded/);
    expect((await c.gql(policy(ANONYMOUS_LIMITS.maxAliases + 1), {}, await c.signIn('admin'))).data.p3.current.versionNo).toBe(1);
  });

  it('refuses a body over 64 KiB without a session (413, before parsing it); a session may send 1 MB', async () => {
    const big = { query: '{ publicPolicy(code: "merchant-privacy-policy") { code } }', variables: { unused: 'x'.repeat(100_000) } };
    const res = await prod.post(big);
    expect(res.status).toBe(413);
    expect(res.json.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    const signedIn = await c.post({ ...big, variables: { unused: 'x'.repeat(1024 * 1024) } }, await c.signIn('admin'));
    expect(signedIn.status).toBe(200);
  });

  it('refuses deep or long anonymous queries that a session may send', async () => {
    const long = `{ publicPolicy(code: "merchant-privacy-policy") { ${'code '.repeat(ANONYMOUS_LIMITS.maxTokens)} } }`;
    errorOf(await prod.gql(long), 'BAD_USER_INPUT');
  });

  it('replaces an answer over the bound with 400 RESPONSE_TOO_LARGE (here 100 KB without a session: the policy text fits once, not thrice)', async () => {
    const policyText = 'publicPolicy(code: "merchant-privacy-policy") { current { body clauses { number title text } } }';
    const full = `{ p0: ${policyText} p1: ${policyText} p2: ${policyText} }`;
    const res = await c.post({ query: full });
    expect(res.status).toBe(400);
    expect(res.json.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', errorCode: 'RESPONSE_TOO_LARGE' });
    expect(res.json.data).toBeUndefined();
    // One copy fits; a signed-in caller's bound is the larger one (8 MiB by default).
    expect((await c.post({ query: `{ ${policyText} }` })).status).toBe(200);
    expect((await c.post({ query: full }, await c.signIn('admin'))).status).toBe(200);
  });
});

describe('string arguments: a default length limit on every one', () => {
  const schema = buildSchema(readFileSync(path.join(__dirname, '../../schema.graphql'), 'utf8'));
  const lists = Object.values(schema.getQueryType()!.getFields()).filter((f) => f.args.some((a) => a.name === 'sort'));
  const MB = 'x'.repeat(1024 * 1024);
  let tokens: (string | undefined)[];
  beforeAll(async () => {
    tokens = [await c.signIn('admin'), await c.signIn('lead'), await c.signIn('auditor'), await c.signIn('owner1'), await c.signIn('reviewer'), undefined];
  });
  /** Runs `call` with the first token allowed to call the list (no FORBIDDEN / UNAUTHENTICATED). */
  const asAllowed = async (call: (token?: string) => Promise<GqlResult>) => {
    for (const token of tokens) {
      const r = await call(token);
      if (!['FORBIDDEN', 'UNAUTHENTICATED'].includes(r.errors?.[0]?.extensions.code as string)) return r;
    }
    throw new Error('no demo account may call this list');
  };
  /** Required ID arguments (documentId, subAccountId), given as "1". */
  const extraArgs = (f: (typeof lists)[number]) =>
    f.args
      .filter((a) => isNonNullType(a.type) && getNamedType(a.type).name === 'ID')
      .map((a) => `, ${a.name}: "1"`)
      .join('');

  it(`covers every list (${lists.length} found)`, () => {
    expect(lists.length).toBeGreaterThanOrEqual(10);
  });

  it('a 1 MB sort field on every list is BAD_USER_INPUT naming sort.field, fast, not echoed', async () => {
    for (const f of lists) {
      const started = Date.now();
      const res = await asAllowed((token) => c.gql(`query($s: String!) { ${f.name}(sort: { field: $s }${extraArgs(f)}) { __typename } }`, { s: MB }, token));
      expect([f.name, res.errors?.[0]?.extensions.fields]).toEqual([f.name, [{ field: 'sort.field', message: 'field must be at most 200 characters' }]]);
      expect(JSON.stringify(res).length).toBeLessThan(2000);
      expect(Date.now() - started).toBeLessThan(5000);
    }
  });

  it('a 1 MB search on every list with a search is BAD_USER_INPUT naming it; also a 300-character code on the public pages', async () => {
    const searches = lists.flatMap((f) => {
      if (f.args.some((a) => a.name === 'q')) return [{ f, args: 'q: $s', field: 'q' }];
      const filter = f.args.find((a) => a.name === 'filter');
      const input = filter && (getNamedType(filter.type) as GraphQLInputObjectType);
      return input?.getFields().q ? [{ f, args: 'filter: { q: $s }', field: 'filter.q' }] : [];
    });
    expect(searches.length).toBeGreaterThanOrEqual(4);
    for (const { f, args, field } of searches) {
      const res = await asAllowed((token) => c.gql(`query($s: String!) { ${f.name}(${args}${extraArgs(f)}) { __typename } }`, { s: MB }, token));
      expect([f.name, res.errors?.[0]?.extensions.code, res.errors?.[0]?.extensions.fields?.[0]?.field]).toEqual([f.name, 'BAD_USER_INPUT', field]);
      expect(res.errors![0].message).toMatch(/(at most|shorter than or equal to) \d+ characters/);
    }
    for (const q of ['publicPolicy(code: $s) { code }', 'publicPenaltyNotices(filter: { categoryCode: $s }) { totalCount }']) {
      const res = await c.gql(`query($s: String!) { ${q} }`, { s: 'x'.repeat(300) });
      expect(errorOf(res, 'BAD_USER_INPUT').message).toMatch(/at most 200 characters/);
    }
  });

  it('a field declaring a longer limit keeps it (a reveal purpose: 500), a field declaring none gets 200', async () => {
    const reveal = (purpose: string) =>
      c.gql(`mutation($i: RevealInput!) { revealPersonalData(input: $i) { __typename } }`, { i: { subject: 'Merchant', id: '1', field: 'mobile', purpose } }, tokens[0]);
    const fieldsOf = (r: GqlResult) => (r.errors?.[0]?.extensions.fields ?? []).map((f) => f.field);
    expect(fieldsOf(await reveal('p'.repeat(300)))).not.toContain('purpose');
    expect((await reveal('p'.repeat(501))).errors?.[0]?.extensions.fields).toEqual([{ field: 'purpose', message: 'purpose must be shorter than or equal to 500 characters' }]);
    const staff = await c.gql(`query($s: String!) { staffAccounts(q: $s) { __typename } }`, { s: 'y'.repeat(201) }, tokens[0]);
    expect(errorOf(staff, 'BAD_USER_INPUT').extensions.fields).toEqual([{ field: 'q', message: 'q must be at most 200 characters' }]);
  });
});
