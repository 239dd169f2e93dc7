import type { DataProvider, GetListParams, Identifier, RaRecord } from 'react-admin';
import { GraphQLRequestError, gql } from '../graphql';
import { currentActorId } from './authProvider';
import { CASE_FIELDS, QUEUE_FIELDS, REASON_CODE_FIELDS, queueFilter } from '../verification/api';
import { policyResources } from '../policies/api';
import { PENALTY_RESOURCES } from '../penalties/resources';
import { DISPUTE_RESOURCES } from '../disputes/api';
import { REWARD_RESOURCES } from '../rewards/api';
import { TEAM_RESOURCES } from '../team/api';
import { own } from '../../../rules/own';
import { compact, dayStart, type Filter } from '../components/filters';
import { GRANT_FIELDS, STAFF_FIELDS } from '../staff/api';
import { SERVICE_ACCOUNT_FIELDS } from '../service-accounts/api';

/** How one react-admin resource maps onto our GraphQL list convention. */
interface ResourceDef {
  /** The list query: `name(<args>, page, perPage, sort) { items totalCount }`, or a plain array when `paged` is false. */
  list: string;
  /** The single-record query `name(id: ID!)`, where the schema has one. */
  one?: string;
  fields: string;
  /** Fields of the single-record query, when richer than the list's. */
  oneFields?: string;
  /** The record id, when the API's rows have none (e.g. reason codes keyed by `code`). */
  idOf?(row: RaRecord): Identifier;
  paged: boolean;
  /** Extra list arguments and their GraphQL types. */
  args: Record<string, string>;
  /** react-admin filter values -> those arguments. */
  toArgs(filter: Filter): Record<string, unknown>;
}

const RESOURCES: Record<string, ResourceDef> = {
  merchants: {
    list: 'merchants',
    one: 'merchant',
    fields: 'id platformAccountId accountName nickname mobileMasked createdAt store { id name status openedAt }',
    paged: true,
    args: { filter: 'MerchantFilter' },
    toArgs: (f) => ({ filter: compact({ q: f.q, storeStatus: f.storeStatus, createdFrom: dayStart(f.createdFrom), createdTo: dayStart(f.createdTo, 1) }) }),
  },
  staffAccounts: {
    list: 'staffAccounts',
    fields: STAFF_FIELDS,
    paged: true,
    args: { q: 'String', role: 'String' },
    toArgs: (f) => compact({ q: f.q, role: f.role }) ?? {},
  },
  staffRoleGrants: {
    list: 'staffRoleGrants',
    fields: GRANT_FIELDS,
    paged: true,
    args: { status: 'String', accountId: 'ID' },
    toArgs: (f) => compact({ status: f.status, accountId: f.accountId }) ?? {},
  },
  // Created, revoked and rotated through service-accounts/api.ts: the answers hold a key, which must not be cached.
  serviceAccounts: {
    list: 'serviceAccounts',
    fields: SERVICE_ACCOUNT_FIELDS,
    paged: true,
    args: {},
    toArgs: () => ({}),
  },
  auditEvents: {
    list: 'auditEvents',
    fields: 'id chainSeq occurredAt action outcome actorKind actorAccountId actorLabel targetType targetId storeId ip requestId purpose before after hash',
    paged: true,
    args: { filter: 'AuditFilter' },
    toArgs: (f) => ({ filter: auditFilter(f) }),
  },
  notifications: {
    list: 'myNotifications',
    fields: 'id kind titleZh titleEn bodyZh bodyEn link readAt createdAt',
    paged: true,
    args: { unreadOnly: 'Boolean!', kind: 'String' },
    toArgs: (f) => ({ unreadOnly: f.unreadOnly === true, kind: f.kind || undefined }),
  },
  verificationCases: {
    list: 'verificationQueue',
    one: 'verificationCase',
    fields: QUEUE_FIELDS,
    oneFields: CASE_FIELDS,
    paged: true,
    args: { filter: 'VerificationQueueFilter' },
    toArgs: (f) => ({ filter: queueFilter(f, currentActorId()) }),
  },
  verificationReasonCodes: {
    list: 'verificationReasonCodes',
    fields: REASON_CODE_FIELDS,
    idOf: (r) => r.code,
    paged: false,
    args: {},
    toArgs: () => ({}),
  },
  sessions: {
    list: 'mySessions',
    fields: 'id current userAgent ip createdAt lastSeenAt expiresAt',
    paged: false,
    args: {},
    toArgs: () => ({}),
  },
  ...policyResources,
  ...PENALTY_RESOURCES,
  ...DISPUTE_RESOURCES,
  ...REWARD_RESOURCES,
  ...TEAM_RESOURCES,
};

/** The audit list's filter form values -> AuditFilter (also used by the CSV export). */
function auditFilter(f: Filter): Filter | undefined {
  return compact({
    action: f.action,
    actorAccountId: f.actorAccountId,
    targetType: f.targetType,
    targetId: f.targetId,
    outcome: f.outcome,
    from: dayStart(f.from),
    to: dayStart(f.to, 1),
  });
}

function def(resource: string): ResourceDef {
  const d = own(RESOURCES, resource);
  if (!d) throw new Error(`unknown resource ${resource}`);
  return d;
}

const unsupported = (what: string) => () => Promise.reject(new GraphQLRequestError('NOT_FOUND', `${what} is not offered by the API`));

async function getList(resource: string, params: GetListParams): Promise<{ data: never[]; total: number; meta?: { totalCountExact: boolean } }> {
  const d = def(resource);
  const args = d.toArgs(params.filter ?? {});
  if (!d.paged) {
    const data = await gql<{ list: RaRecord[] }>(`query { list: ${d.list} { ${d.fields} } }`);
    const rows = d.idOf ? data.list.map((r) => ({ ...r, id: d.idOf!(r) })) : data.list;
    return { data: rows as never[], total: rows.length };
  }
  const decl = Object.entries(d.args)
    .map(([name, type]) => `, $${name}: ${type}`)
    .join('');
  const pass = Object.keys(d.args)
    .map((name) => `, ${name}: $${name}`)
    .join('');
  const { page = 1, perPage = 25 } = params.pagination ?? {};
  const sort = params.sort?.field && params.sort.field !== 'id' ? { field: params.sort.field, order: params.sort.order === 'ASC' ? 'ASC' : 'DESC' } : undefined;
  const data = await gql<{ list: { items: RaRecord[]; totalCount: number; totalCountExact: boolean } }>(
    `query List($page: Int!, $perPage: Int!, $sort: SortInput${decl}) {
      list: ${d.list}(page: $page, perPage: $perPage, sort: $sort${pass}) { items { ${d.fields} } totalCount totalCountExact }
    }`,
    { page, perPage, sort, ...args },
  );
  // totalCountExact false: the count stopped at the cap (the pagination shows "10,000+").
  return { data: data.list.items as never[], total: data.list.totalCount, meta: { totalCountExact: data.list.totalCountExact } };
}

async function upsertReasonCode(data: Record<string, unknown>): Promise<RaRecord> {
  const res = await gql<{ saved: RaRecord }>(`mutation Upsert($input: ReasonCodeInput!) { saved: upsertVerificationReasonCode(input: $input) { ${REASON_CODE_FIELDS} } }`, {
    input: { code: String(data.code ?? '').trim(), labelZh: data.labelZh, labelEn: data.labelEn, outcome: data.outcome, active: data.active !== false },
  });
  return { ...res.saved, id: res.saved.code };
}

/** Our calls beyond CRUD. */
export interface ConsoleDataProvider extends DataProvider {
  revealPersonalData(params: { subject: string; id: Identifier; field: string; purpose: string }): Promise<string | null>;
  exportAuditEvents(params: { filter: Filter; purpose: string }): Promise<{ fileName: string; csv: string; rowCount: number }>;
  unreadNotificationCount(): Promise<number>;
  /** Marks the given notifications read, or all of them without ids; returns how many changed. */
  markNotificationsRead(ids?: Identifier[]): Promise<number>;
}

export const dataProvider: ConsoleDataProvider = {
  getList,
  async getOne(resource, { id }) {
    const d = def(resource);
    if (!d.one && d.idOf) {
      // No single-record query: find it in the (short, unpaged) list.
      const { data } = await getList(resource, { filter: {} } as GetListParams);
      const found = (data as RaRecord[]).find((r) => String(r.id) === String(id));
      if (!found) throw new GraphQLRequestError('NOT_FOUND', `${resource} ${id}`);
      return { data: found as never };
    }
    if (!d.one) return unsupported(`${resource} by id`)();
    const data = await gql<{ one: RaRecord }>(`query One($id: ID!) { one: ${d.one}(id: $id) { ${d.oneFields ?? d.fields} } }`, { id: String(id) });
    return { data: data.one as never };
  },
  async create(resource, { data }) {
    if (resource === 'verificationReasonCodes') return { data: (await upsertReasonCode(data)) as never };
    if (resource !== 'staffAccounts') return unsupported(`creating ${resource}`)();
    const res = await gql<{ created: RaRecord }>(`mutation Create($input: CreateStaffAccountInput!) { created: createStaffAccount(input: $input) { ${RESOURCES.staffAccounts.fields} } }`, {
      input: { loginName: data.loginName, displayName: data.displayName, password: data.password, mobile: data.mobile || undefined, roles: data.roles ?? [] },
    });
    return { data: res.created as never };
  },
  async update(resource, { id, data }) {
    if (resource === 'verificationReasonCodes') return { data: (await upsertReasonCode({ ...data, code: id })) as never };
    if (resource !== 'staffAccounts') return unsupported(`updating ${resource}`)();
    const res = await gql<{ updated: RaRecord }>(`mutation SetRoles($input: SetStaffRolesInput!) { updated: setStaffRoles(input: $input) { ${RESOURCES.staffAccounts.fields} } }`, {
      input: { id: String(id), roles: data.roles ?? [] },
    });
    return { data: res.updated as never };
  },
  async updateMany(resource, { ids }) {
    if (resource !== 'notifications') return unsupported(`updating several ${resource}`)();
    await dataProvider.markNotificationsRead(ids);
    return { data: ids };
  },
  async delete(resource, { id, previousData }) {
    if (resource !== 'sessions') return unsupported(`deleting ${resource}`)();
    await gql(`mutation Revoke($id: ID!) { revokeSession(id: $id) }`, { id: String(id) });
    return { data: (previousData ?? { id }) as never };
  },
  async deleteMany(resource, { ids }) {
    if (resource !== 'sessions') return unsupported(`deleting several ${resource}`)();
    for (const id of ids) await gql(`mutation Revoke($id: ID!) { revokeSession(id: $id) }`, { id: String(id) });
    return { data: ids };
  },
  getMany: unsupported('getMany'),
  getManyReference: unsupported('getManyReference'),

  async revealPersonalData(input) {
    const data = await gql<{ revealPersonalData: { value: string | null } }>(`mutation Reveal($input: RevealInput!) { revealPersonalData(input: $input) { value } }`, {
      input: { ...input, id: String(input.id) },
    });
    return data.revealPersonalData.value;
  },
  async exportAuditEvents({ filter, purpose }) {
    const data = await gql<{ exportAuditEvents: { fileName: string; csv: string; rowCount: number } }>(
      `mutation Export($filter: AuditFilter, $purpose: String!) { exportAuditEvents(filter: $filter, purpose: $purpose) { fileName csv rowCount } }`,
      { filter: auditFilter(filter), purpose },
    );
    return data.exportAuditEvents;
  },
  async unreadNotificationCount() {
    return (await gql<{ unreadNotificationCount: number }>('query { unreadNotificationCount }')).unreadNotificationCount;
  },
  async markNotificationsRead(ids) {
    const data = await gql<{ markNotificationsRead: number }>(`mutation MarkRead($ids: [ID!]) { markNotificationsRead(ids: $ids) }`, {
      ids: ids?.map(String),
    });
    return data.markNotificationsRead;
  },
};
