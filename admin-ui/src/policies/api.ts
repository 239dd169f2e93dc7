/** The policy-version API (issue 6): types and the calls beyond CRUD, all through `gql`. */
import { gql } from '../graphql';

export const POLICY_STATUSES = ['draft', 'in_review', 'approved', 'scheduled', 'published', 'superseded', 'withdrawn'] as const;
export type PolicyStatus = (typeof POLICY_STATUSES)[number];
/** Clause 8.2 a-f. */
export const MATERIAL_CATEGORIES = ['a', 'b', 'c', 'd', 'e', 'f'] as const;

export interface Clause {
  number: string;
  title: string;
  level: number;
  text: string;
  items: { label: string; text: string }[];
}
export interface DiffSegment {
  op: 'equal' | 'insert' | 'delete';
  text: string;
}
export interface ClauseDiff {
  change: 'added' | 'removed' | 'changed';
  number: string;
  oldTitle: string | null;
  newTitle: string | null;
  inline: DiffSegment[];
  oldSegments: DiffSegment[];
  newSegments: DiffSegment[];
}
export interface PolicyDiff {
  fromVersionNo: number;
  toVersionNo: number;
  added: number;
  removed: number;
  changed: number;
  titleChanged: boolean;
  preamble: DiffSegment[] | null;
  clauses: ClauseDiff[];
}
export interface PolicyDocumentSummary {
  id: string;
  code: string;
  titleZh: string;
  titleEn: string;
  versionCount: number;
  openCount: number;
  currentVersionId: string | null;
  currentVersionNo: number | null;
}
export interface Transition {
  action: string;
  fromStatus: string | null;
  toStatus: string;
  actorAccountId: string | null;
  at: string;
  note: string | null;
}
export interface PolicyVersion {
  id: string;
  documentId: string;
  documentCode: string;
  versionNo: number;
  status: PolicyStatus;
  title: string;
  preamble: string;
  bodyZh: string;
  bodyEn: string | null;
  changeSummary: string | null;
  effectiveDate: string | null;
  publishAt: string | null;
  publishedAt: string | null;
  isMaterial: boolean;
  materialCategories: string[];
  createdBy: string | null;
  lastEditedBy: string | null;
  approvedBy: string | null;
  approvedAt: string | null;
  rowVersion: number;
  clauses: Clause[];
  transitions: Transition[];
}
export interface FanOut {
  status: 'pending' | 'running' | 'completed';
  total: number;
  done: number;
  chunks: number;
  progress: number;
  withSms: boolean;
  startedAt: string | null;
  finishedAt: string | null;
  updatedAt: string;
}
export interface AckStats {
  versionNo: number;
  isMaterial: boolean;
  merchants: number;
  acknowledged: number;
  rate: number;
  daily: { date: string; count: number; cumulative: number; rate: number }[];
}
export interface MyPolicyStatus {
  documentId: string;
  code: string;
  titleZh: string;
  titleEn: string;
  currentVersionId: string | null;
  currentVersionNo: number | null;
  materialVersionNo: number | null;
  mustAcknowledge: boolean;
  canAcknowledge: boolean;
  acknowledgedCurrentAt: string | null;
}
export interface PublicVersion {
  id: string;
  versionNo: number;
  status: string;
  title: string;
  changeSummary: string | null;
  effectiveDate: string | null;
  publishedAt: string | null;
  isMaterial: boolean;
  materialCategories: string[];
  whatChanged: PolicyDiff | null;
}

const CLAUSE = 'number title level text items { label text }';
const SEGMENT = 'op text';
export const DIFF_FIELDS = `fromVersionNo toVersionNo added removed changed titleChanged preamble { ${SEGMENT} }
  clauses { change number oldTitle newTitle inline { ${SEGMENT} } oldSegments { ${SEGMENT} } newSegments { ${SEGMENT} } }`;
export const VERSION_SUMMARY_FIELDS =
  'id documentId versionNo status changeSummary effectiveDate publishAt publishedAt isMaterial materialCategories createdBy lastEditedBy approvedBy approvedAt rowVersion createdAt updatedAt';
const VERSION_FIELDS = `id documentId documentCode versionNo status title preamble bodyZh bodyEn changeSummary effectiveDate publishAt publishedAt
  isMaterial materialCategories createdBy lastEditedBy approvedBy approvedAt rowVersion clauses { ${CLAUSE} }
  transitions { action fromStatus toStatus actorAccountId at note }`;
export const PUBLIC_VERSION_FIELDS = `id versionNo status title changeSummary effectiveDate publishedAt isMaterial materialCategories whatChanged { ${DIFF_FIELDS} }`;

export const policyApi = {
  documents: () =>
    gql<{ policyDocuments: PolicyDocumentSummary[] }>(`query { policyDocuments { id code titleZh titleEn versionCount openCount currentVersionId currentVersionNo } }`).then((d) => d.policyDocuments),
  version: (id: string) => gql<{ policyVersion: PolicyVersion }>(`query V($id: ID!) { policyVersion(id: $id) { ${VERSION_FIELDS} } }`, { id }).then((d) => d.policyVersion),
  /** Every version of a document (number and status only), for the "start from" and diff pickers. */
  versionNumbers: (documentId: string) =>
    gql<{ policyVersions: { items: { id: string; versionNo: number; status: PolicyStatus }[] } }>(
      `query N($d: ID!) { policyVersions(documentId: $d, perPage: 100) { items { id versionNo status } } }`,
      { d: documentId },
    ).then((d) => d.policyVersions.items),
  diff: (fromVersionId: string, toVersionId: string) =>
    gql<{ policyVersionDiff: PolicyDiff }>(`query D($f: ID!, $t: ID!) { policyVersionDiff(fromVersionId: $f, toVersionId: $t) { ${DIFF_FIELDS} } }`, { f: fromVersionId, t: toVersionId }).then(
      (d) => d.policyVersionDiff,
    ),
  fanOut: (versionId: string) =>
    gql<{ policyFanOut: FanOut | null }>(`query F($v: ID!) { policyFanOut(versionId: $v) { status total done chunks progress withSms startedAt finishedAt updatedAt } }`, { v: versionId }).then(
      (d) => d.policyFanOut,
    ),
  ackStats: (versionId: string) =>
    gql<{ policyAcknowledgementStats: AckStats }>(
      `query S($v: ID!) { policyAcknowledgementStats(versionId: $v) { versionNo isMaterial merchants acknowledged rate daily { date count cumulative rate } } }`,
      { v: versionId },
    ).then((d) => d.policyAcknowledgementStats),
  exportNonAcknowledgers: (versionId: string, purpose: string, after?: string) =>
    gql<{ exportPolicyNonAcknowledgers: { csv: string; rowCount: number; nextAfter: string | null } }>(
      `mutation E($i: ExportNonAcknowledgersInput!) { exportPolicyNonAcknowledgers(input: $i) { csv rowCount nextAfter } }`,
      { i: { versionId, purpose, after } },
    ).then((d) => d.exportPolicyNonAcknowledgers),
  createDocument: (input: { code: string; titleZh: string; titleEn: string }) =>
    gql<{ createPolicyDocument: { id: string } }>(`mutation C($i: CreatePolicyDocumentInput!) { createPolicyDocument(input: $i) { id } }`, { i: input }).then((d) => d.createPolicyDocument),
  createDraft: (input: { documentId: string; fromVersionId?: string; bodyZh?: string }) =>
    gql<{ createPolicyDraft: PolicyVersion }>(`mutation C($i: CreatePolicyDraftInput!) { createPolicyDraft(input: $i) { ${VERSION_FIELDS} } }`, { i: input }).then((d) => d.createPolicyDraft),
  updateDraft: (input: {
    id: string;
    expectedRowVersion: number;
    bodyZh?: string;
    bodyEn?: string;
    changeSummary?: string;
    effectiveDate?: string;
    isMaterial?: boolean;
    materialCategories?: string[];
  }) => gql<{ updatePolicyDraft: PolicyVersion }>(`mutation U($i: UpdatePolicyDraftInput!) { updatePolicyDraft(input: $i) { ${VERSION_FIELDS} } }`, { i: input }).then((d) => d.updatePolicyDraft),
  transition: (action: 'submit' | 'return' | 'approve' | 'withdraw', input: { id: string; expectedRowVersion: number; note?: string }) => {
    const name = { submit: 'submitPolicyVersion', return: 'returnPolicyVersionToDraft', approve: 'approvePolicyVersion', withdraw: 'withdrawPolicyVersion' }[action];
    return gql<{ v: PolicyVersion }>(`mutation T($i: PolicyTransitionInput!) { v: ${name}(input: $i) { ${VERSION_FIELDS} } }`, { i: input }).then((d) => d.v);
  },
  schedule: (input: { id: string; expectedRowVersion: number; publishAt: string; effectiveDate: string }) =>
    gql<{ schedulePolicyVersion: PolicyVersion }>(`mutation S($i: SchedulePolicyVersionInput!) { schedulePolicyVersion(input: $i) { ${VERSION_FIELDS} } }`, { i: input }).then(
      (d) => d.schedulePolicyVersion,
    ),
  myStatus: () =>
    gql<{ myPolicyStatus: MyPolicyStatus[] }>(
      `query { myPolicyStatus { documentId code titleZh titleEn currentVersionId currentVersionNo materialVersionNo mustAcknowledge canAcknowledge acknowledgedCurrentAt } }`,
    ).then((d) => d.myPolicyStatus),
  acknowledge: (versionId: string) =>
    gql<{ acknowledgePolicyVersion: { acknowledgedAt: string; newlyRecorded: boolean } }>(`mutation A($v: ID!) { acknowledgePolicyVersion(versionId: $v) { acknowledgedAt newlyRecorded } }`, {
      v: versionId,
    }).then((d) => d.acknowledgePolicyVersion),
  publicPolicy: (code: string) =>
    gql<{ publicPolicy: { code: string; titleZh: string; titleEn: string; current: PublicVersion | null; history: PublicVersion[] } }>(
      `query P($c: String!) { publicPolicy(code: $c) { code titleZh titleEn current { ${PUBLIC_VERSION_FIELDS} } history { ${PUBLIC_VERSION_FIELDS} } } }`,
      { c: code },
    ).then((d) => d.publicPolicy),
};

/** Resource definitions merged into the data provider's RESOURCES map. */
export const policyResources = {
  policyDocuments: {
    list: 'policyDocuments',
    fields: 'id code titleZh titleEn versionCount openCount currentVersionId currentVersionNo',
    paged: false,
    args: {},
    toArgs: () => ({}),
  },
  policyVersions: {
    list: 'policyVersions',
    one: 'policyVersion',
    fields: VERSION_SUMMARY_FIELDS,
    paged: true,
    args: { documentId: 'ID!', status: '[String!]' },
    toArgs: (f: Record<string, unknown>) => ({
      documentId: f.documentId,
      status: Array.isArray(f.status) && f.status.length ? f.status : typeof f.status === 'string' && f.status ? [f.status] : undefined,
    }),
  },
};
