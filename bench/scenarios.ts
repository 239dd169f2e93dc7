/** The API scenarios the bench drives, and the GraphQL-over-HTTP helper they share. */

/** A GraphQL operation as POSTed to /graphql. */
export interface Operation {
  query: string;
  variables: Record<string, unknown>;
}

/** Demo staff the bench signs in as (password DEMO_PASSWORD). */
export type SignIn = 'lead' | 'reviewer' | 'support';

export interface Scenario {
  name: string;
  /** What the request is, in words, for the report. */
  description: string;
  operation: Operation;
  /** Demo staff account whose bearer token is sent (`lead` = ops_lead, `reviewer` = ops_reviewer, `support`); false = anonymous. */
  signedIn: SignIn | false;
  /** Operations successive requests of the load send in turn (default: `operation` every time). */
  rotate?: Operation[];
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
  /** id of the verification case the case-detail scenario reads (one with a decision history). */
  caseId: string;
  /** Verification cases in the dataset, and those the filtered queue scenario matches. */
  cases: number;
  submittedFlagged: number;
  /** Public penalty notices in the dataset, and those of the filtered notices scenario. */
  notices: number;
  noticesFiltered: number;
  /** The filtered notices scenario: a parent category (its children included) and a date range start. */
  noticeCategory: string;
  noticeIssuedFrom: string;
  /** Disputes in the dataset, and those awaiting the platform (the filtered disputes scenario). */
  disputes: number;
  disputesAwaitingPlatform: number;
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

const QUEUE_QUERY = `query Queue($page: Int!, $perPage: Int!, $filter: VerificationQueueFilter) {
  verificationQueue(page: $page, perPage: $perPage, filter: $filter) {
    totalCount items { id storeName nickname status flags submittedAt ageHours assignee { displayName } }
  }
}`;
const CASE_QUERY = `query Case($id: ID!) {
  verificationCase(id: $id) {
    id storeName nickname storeStatus status flags submittedAt ageHours submissionCount rowVersion
    assignee { displayName } firstApprover { displayName } reasons { code labelZh } applicantComment canResubmit
    submission { subjectType realName idDocType idNumber idValidUntil ageAtSubmission companyName uscc contactName contactMobile contactAddress csPhone returnName returnMobile returnAddress images submittedAt }
    history { action fromStatus toStatus actor { displayName } reasons { code labelZh } applicantComment internalNote at }
  }
}`;
const NOTICES_QUERY = `query Notices($page: Int!, $perPage: Int!, $filter: PublicPenaltyNoticeFilter) {
  publicPenaltyNotices(page: $page, perPage: $perPage, filter: $filter) {
    totalCount items { id platformAccountId nickname category { code nameZh nameEn } sanction { code nameZh nameEn days } issuedOn startsOn endsOn status withdrawnOn }
  }
}`;

const DISPUTES_QUERY = `query Disputes($page: Int!, $perPage: Int!, $filter: DisputeFilter) {
  disputes(page: $page, perPage: $perPage, filter: $filter) {
    totalCount items { id storeName orderNumber afterSalesNumber claimType amountClaimed status responseDueOn workingDaysLeft overdue assigneeName latestMessageAt messageCount }
  }
}`;

/** The disputes list operation, default sort latestMessageAt DESC (also used to count SQL statements per page size). */
export function disputesOperation(page: number, perPage: number, filter?: Record<string, unknown>): Operation {
  return { query: DISPUTES_QUERY, variables: { page, perPage, ...(filter ? { filter } : {}) } };
}

/** Checks a disputes page (the fields the UI's list asks for): size and total, latest message first, amounts whole fen. */
function expectDisputes(data: Record<string, any>, page: number, total: number, each?: (item: any) => void): void {
  expectPage(data.disputes, 'disputes', page, 25, total, (item) => {
    if (!Number.isSafeInteger(item.amountClaimed)) throw new Error(`amount not whole fen: ${item.amountClaimed}`);
    each?.(item);
  });
  const at = data.disputes.items.map((i: any) => Date.parse(i.latestMessageAt));
  if (at.some((t: number, k: number) => k > 0 && t > at[k - 1])) throw new Error('disputes not sorted by latest message, newest first');
}

/** The review-queue operation (also used to count SQL statements per page size). */
export function queueOperation(page: number, perPage: number, filter?: Record<string, unknown>): Operation {
  return { query: QUEUE_QUERY, variables: { page, perPage, ...(filter ? { filter } : {}) } };
}

/** The public penalty notices operation (also used to count SQL statements per page size). */
export function noticesOperation(page: number, perPage: number, filter?: Record<string, unknown>): Operation {
  return { query: NOTICES_QUERY, variables: { page, perPage, ...(filter ? { filter } : {}) } };
}

/** Checks a page of a `{ totalCount, items }` list: its size against the (capped, 10,001) total. */
function expectPage(list: any, name: string, page: number, perPage: number, total: number, each?: (item: any) => void): void {
  if (!list || !Array.isArray(list.items)) throw new Error(`no ${name} list in the response`);
  const capped = Math.min(total, 10_001);
  if (list.totalCount !== capped) throw new Error(`${name}: totalCount ${list.totalCount}, expected ${capped}`);
  const expected = Math.max(0, Math.min(perPage, total - (page - 1) * perPage));
  if (list.items.length !== expected) throw new Error(`${name}: page has ${list.items.length} items, expected ${expected}`);
  list.items.forEach((item: any) => each?.(item));
}

/** The merchants list operation (also used to count SQL statements per page size). */
export function listOperation(page: number, perPage: number, filter?: Record<string, string>): Operation {
  return { query: LIST_QUERY, variables: { page, perPage, ...(filter ? { filter } : {}) } };
}

function expectList(data: Record<string, any>, perPage: number, minTotal: number, each?: (item: any) => void): void {
  const list = data.merchants;
  if (!list || !Array.isArray(list.items)) throw new Error('no merchants list in the response');
  // Counts stop at 10,001 (server/core/pagination.ts COUNT_CAP + 1).
  if (list.totalCount < Math.min(minTotal, 10_001)) throw new Error(`totalCount ${list.totalCount} < expected ${Math.min(minTotal, 10_001)}`);
  if (list.items.length !== Math.min(perPage, list.totalCount)) throw new Error(`page has ${list.items.length} items, expected ${Math.min(perPage, list.totalCount)}`);
  for (const item of list.items) {
    if (!/^\d{3}\*+\d{4}$/.test(item.mobileMasked)) throw new Error(`mobile not decrypted and masked: ${item.mobileMasked}`);
    each?.(item);
  }
}

/** The deep page of the disputes list (issue 12: "deep pages p99 <= 50 ms"). */
const DISPUTES_DEEP_PAGE = 2000;

/** All scenarios, in run order. `merchants` is the dataset size (deep page and totals are checked against it). */
export function buildScenarios(merchants: number, inputs: ScenarioInputs): Scenario[] {
  const deepPage = 200;
  return [
    {
      name: 'merchants-first-page',
      description: 'merchants(page: 1, perPage: 25), default sort createdAt DESC, with totalCount',
      operation: listOperation(1, 25),
      signedIn: 'lead',
      check: (d) => expectList(d, 25, merchants),
    },
    {
      name: 'merchants-deep-page',
      description: `merchants(page: ${deepPage}, perPage: 25): OFFSET ${(deepPage - 1) * 25}`,
      operation: listOperation(deepPage, 25),
      signedIn: 'lead',
      check: (d) => expectList(d, merchants >= deepPage * 25 ? 25 : 0, merchants),
    },
    {
      name: 'merchants-filtered',
      description: 'merchants(page: 1, perPage: 25, filter: { storeStatus: "suspended" }) (~6% of stores)',
      operation: listOperation(1, 25, { storeStatus: 'suspended' }),
      signedIn: 'lead',
      check: (d) =>
        expectList(d, 25, 1, (item) => {
          if (item.store?.status !== 'suspended') throw new Error(`filter ignored: store status ${item.store?.status}`);
        }),
    },
    {
      name: 'merchants-search',
      description: `merchants(page: 1, perPage: 25, filter: { q: "${inputs.searchPrefix}" }): nickname prefix, ${inputs.searchMatches.toLocaleString('en-US')} matches`,
      operation: listOperation(1, 25, { q: inputs.searchPrefix }),
      signedIn: 'lead',
      check: (d) =>
        expectList(d, 25, inputs.searchMatches, (item) => {
          if (!item.nickname.startsWith(inputs.searchPrefix)) throw new Error(`search returned ${item.nickname}`);
        }),
    },
    {
      name: 'merchant-detail',
      description: `merchant(id: "${inputs.detailId}")`,
      operation: { query: DETAIL_QUERY, variables: { id: inputs.detailId } },
      signedIn: 'lead',
      check: (d) => {
        if (d.merchant?.id !== inputs.detailId) throw new Error('merchant not returned');
      },
    },
    {
      name: 'verification-queue-first-page',
      description: 'verificationQueue(page: 1, perPage: 25) as `reviewer`, default sort submittedAt ASC (SLA order), with totalCount',
      operation: queueOperation(1, 25),
      signedIn: 'reviewer',
      check: (d) => expectPage(d.verificationQueue, 'verificationQueue', 1, 25, inputs.cases),
    },
    {
      name: 'verification-queue-deep-page',
      description: `verificationQueue(page: ${deepPage}, perPage: 25) as \`reviewer\`: OFFSET ${(deepPage - 1) * 25}`,
      operation: queueOperation(deepPage, 25),
      signedIn: 'reviewer',
      check: (d) => expectPage(d.verificationQueue, 'verificationQueue', deepPage, 25, inputs.cases),
    },
    {
      name: 'verification-queue-filtered',
      description: `verificationQueue(page: 1, perPage: 25, filter: { statuses: ["submitted"], flagged: true }) as \`reviewer\` (${inputs.submittedFlagged.toLocaleString('en-US')} cases)`,
      operation: queueOperation(1, 25, { statuses: ['submitted'], flagged: true }),
      signedIn: 'reviewer',
      check: (d) =>
        expectPage(d.verificationQueue, 'verificationQueue', 1, 25, inputs.submittedFlagged, (item) => {
          if (item.status !== 'submitted' || !item.flags.length) throw new Error(`filter ignored: ${item.status} ${item.flags}`);
        }),
    },
    {
      name: 'verification-queue-enterprise',
      description: 'verificationQueue(page: 1, perPage: 25, filter: { subjectType: "enterprise" }) as `reviewer` (~15% of cases)',
      operation: queueOperation(1, 25, { subjectType: 'enterprise' }),
      signedIn: 'reviewer',
      check: (d) => {
        if (d.verificationQueue?.items?.length !== 25) throw new Error('enterprise page not full');
      },
    },
    {
      name: 'verification-case-detail',
      description: `verificationCase(id: "${inputs.caseId}") as \`lead\`: masked submission (decrypted and masked) and history with actors and reasons`,
      operation: { query: CASE_QUERY, variables: { id: inputs.caseId } },
      signedIn: 'lead',
      check: (d) => {
        const c = d.verificationCase;
        if (c?.id !== inputs.caseId) throw new Error('case not returned');
        if (!(c.history?.length >= 3)) throw new Error(`case has ${c.history?.length} history entries, expected 3`);
        if (!/\*/.test(c.submission?.idNumber ?? '')) throw new Error(`ID number not masked: ${c.submission?.idNumber}`);
      },
    },
    {
      name: 'penalty-notices-first-page',
      description: 'publicPenaltyNotices(page: 1, perPage: 25), anonymous, newest first, with totalCount',
      operation: noticesOperation(1, 25),
      signedIn: false,
      check: (d) => expectPage(d.publicPenaltyNotices, 'publicPenaltyNotices', 1, 25, inputs.notices),
    },
    {
      name: 'penalty-notices-rotating-pages',
      description:
        'publicPenaltyNotices(page: 1..400, perPage: 25), anonymous: each request asks for the next page in turn, so none is served from the public response cache ' +
        '(the SQL ceiling replays page 200, the middle of the rotation: OFFSET 4975)',
      operation: noticesOperation(200, 25),
      rotate: Array.from({ length: 400 }, (_, i) => noticesOperation(i + 1, 25)),
      signedIn: false,
      check: (d) => expectPage(d.publicPenaltyNotices, 'publicPenaltyNotices', 200, 25, inputs.notices),
    },
    {
      name: 'penalty-notices-filtered',
      description: `publicPenaltyNotices(page: 1, perPage: 25, filter: { categoryCode: "${inputs.noticeCategory}", issuedFrom: "${inputs.noticeIssuedFrom}" }), anonymous: a parent category (its 5 children) over the last 6 months (${inputs.noticesFiltered.toLocaleString('en-US')} notices)`,
      operation: noticesOperation(1, 25, { categoryCode: inputs.noticeCategory, issuedFrom: inputs.noticeIssuedFrom }),
      signedIn: false,
      check: (d) => expectPage(d.publicPenaltyNotices, 'publicPenaltyNotices', 1, 25, inputs.noticesFiltered),
    },
    {
      name: 'disputes-first-page',
      description: 'disputes(page: 1, perPage: 25) as `support`, default sort latestMessageAt DESC, with totalCount; buyer name and mobile decrypted and masked',
      operation: disputesOperation(1, 25),
      signedIn: 'support',
      check: (d) => expectDisputes(d, 1, inputs.disputes),
    },
    {
      name: 'disputes-filtered',
      description: `disputes(page: 1, perPage: 25, filter: { status: "awaiting_platform" }) as \`support\`, latest message first (${inputs.disputesAwaitingPlatform.toLocaleString('en-US')} disputes)`,
      operation: disputesOperation(1, 25, { status: 'awaiting_platform' }),
      signedIn: 'support',
      check: (d) =>
        expectDisputes(d, 1, inputs.disputesAwaitingPlatform, (item) => {
          if (item.status !== 'awaiting_platform') throw new Error(`filter ignored: ${item.status}`);
        }),
    },
    {
      name: 'disputes-deep-page',
      description: `disputes(page: ${DISPUTES_DEEP_PAGE}, perPage: 25) as \`support\`, latest message first: OFFSET ${(DISPUTES_DEEP_PAGE - 1) * 25}`,
      operation: disputesOperation(DISPUTES_DEEP_PAGE, 25),
      signedIn: 'support',
      check: (d) => expectDisputes(d, DISPUTES_DEEP_PAGE, inputs.disputes),
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
