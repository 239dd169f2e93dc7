/** The API scenarios the bench drives, and the GraphQL-over-HTTP helper they share. */

/** A GraphQL operation as POSTed to /graphql. */
export interface Operation {
  query: string;
  variables: Record<string, unknown>;
}

export interface Scenario {
  name: string;
  /** What the request is, in words, for the report. */
  description: string;
  operation: Operation;
  /** Sent with the bearer token of `lead` (ops_lead); false = anonymous. */
  signedIn: boolean;
  /** @throws Error when the first response's data does not look right. */
  check(data: Record<string, any>): void;
}

/** Facts about the generated dataset the scenarios are built from. */
export interface ScenarioInputs {
  /** A nickname prefix (a surname, about 1% of the merchants), and how many merchants it matches. */
  searchPrefix: string;
  searchMatches: number;
  /** id of the merchant the detail scenario reads. */
  detailId: string;
}

const MERCHANT_FIELDS = 'id platformAccountId nickname mobileMasked createdAt store { status }';
const LIST_QUERY = `query Merchants($page: Int!, $perPage: Int!, $filter: MerchantFilter) {
  merchants(page: $page, perPage: $perPage, filter: $filter) { totalCount items { ${MERCHANT_FIELDS} } }
}`;
const DETAIL_QUERY = `query Merchant($id: ID!) { merchant(id: $id) { ${MERCHANT_FIELDS} } }`;
const POLICY_QUERY = `query PublicPolicy($code: String!) {
  publicPolicy(code: $code) {
    id code titleZh titleEn
    current { versionNo title effectiveDate publishedAt preamble clauses { number title level text items { label text } } }
    history { versionNo status effectiveDate changeSummary }
  }
}`;

/** The merchants list operation (also used to count SQL statements per page size). */
export function listOperation(page: number, perPage: number, filter?: Record<string, string>): Operation {
  return { query: LIST_QUERY, variables: { page, perPage, ...(filter ? { filter } : {}) } };
}

function expectList(data: Record<string, any>, perPage: number, minTotal: number, each?: (item: any) => void): void {
  const list = data.merchants;
  if (!list || !Array.isArray(list.items)) throw new Error('no merchants list in the response');
  if (list.totalCount < minTotal) throw new Error(`totalCount ${list.totalCount} < expected ${minTotal}`);
  if (list.items.length !== Math.min(perPage, list.totalCount)) throw new Error(`page has ${list.items.length} items, expected ${Math.min(perPage, list.totalCount)}`);
  for (const item of list.items) {
    if (!/^\d{3}\*+\d{4}$/.test(item.mobileMasked)) throw new Error(`mobile not decrypted and masked: ${item.mobileMasked}`);
    each?.(item);
  }
}

/** All scenarios, in run order. `merchants` is the dataset size (deep page and totals are checked against it). */
export function buildScenarios(merchants: number, inputs: ScenarioInputs): Scenario[] {
  const deepPage = 200;
  return [
    {
      name: 'merchants-first-page',
      description: 'merchants(page: 1, perPage: 25), default sort createdAt DESC, with totalCount',
      operation: listOperation(1, 25),
      signedIn: true,
      check: (d) => expectList(d, 25, merchants),
    },
    {
      name: 'merchants-deep-page',
      description: `merchants(page: ${deepPage}, perPage: 25): OFFSET ${(deepPage - 1) * 25}`,
      operation: listOperation(deepPage, 25),
      signedIn: true,
      check: (d) => expectList(d, merchants >= deepPage * 25 ? 25 : 0, merchants),
    },
    {
      name: 'merchants-filtered',
      description: 'merchants(page: 1, perPage: 25, filter: { storeStatus: "suspended" }) (~10% of stores)',
      operation: listOperation(1, 25, { storeStatus: 'suspended' }),
      signedIn: true,
      check: (d) =>
        expectList(d, 25, 1, (item) => {
          if (item.store?.status !== 'suspended') throw new Error(`filter ignored: store status ${item.store?.status}`);
        }),
    },
    {
      name: 'merchants-search',
      description: `merchants(page: 1, perPage: 25, filter: { q: "${inputs.searchPrefix}" }): nickname prefix, ${inputs.searchMatches.toLocaleString('en-US')} matches`,
      operation: listOperation(1, 25, { q: inputs.searchPrefix }),
      signedIn: true,
      check: (d) =>
        expectList(d, 25, inputs.searchMatches, (item) => {
          if (!item.nickname.startsWith(inputs.searchPrefix)) throw new Error(`search returned ${item.nickname}`);
        }),
    },
    {
      name: 'merchant-detail',
      description: `merchant(id: "${inputs.detailId}")`,
      operation: { query: DETAIL_QUERY, variables: { id: inputs.detailId } },
      signedIn: true,
      check: (d) => {
        if (d.merchant?.id !== inputs.detailId) throw new Error('merchant not returned');
      },
    },
    {
      name: 'public-policy',
      description: 'publicPolicy(code: "merchant-privacy-policy"), anonymous, every clause',
      operation: { query: POLICY_QUERY, variables: { code: 'merchant-privacy-policy' } },
      signedIn: false,
      check: (d) => {
        if (!(d.publicPolicy?.current?.clauses?.length > 10)) throw new Error('policy has no clauses');
      },
    },
  ];
}

/** Request headers for one scenario. */
export function headersFor(token: string | undefined): Record<string, string> {
  return { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) };
}

/**
 * POSTs one operation to `${url}/graphql` and returns its `data`.
 * @throws Error on a non-2xx status or when the response has `errors` (the bench fails loudly).
 */
export async function graphql(url: string, op: Operation, token?: string): Promise<Record<string, any>> {
  const res = await fetch(`${url}/graphql`, { method: 'POST', headers: headersFor(token), body: JSON.stringify(op) });
  const json = (await res.json()) as { data?: Record<string, any>; errors?: unknown[] };
  if (!res.ok || json.errors?.length || !json.data) {
    throw new Error(`GraphQL request failed (HTTP ${res.status}): ${JSON.stringify(json.errors ?? json).slice(0, 2000)}\nquery: ${op.query}`);
  }
  return json.data;
}
