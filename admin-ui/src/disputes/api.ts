import type { AppAbility } from '../abilities';
import { compact, type Filter } from '../components/filters';
import { gql } from '../graphql';
import { currentActorId } from '../providers/authProvider';
import { describeError } from '../providers/errors';

/** Statuses of a dispute (server/modules/disputes/dispute.entity.ts), in lifecycle order. */
export const DISPUTE_STATUSES = ['open', 'awaiting_merchant', 'awaiting_platform', 'escalated', 'resolved', 'closed', 'withdrawn'] as const;
/** What the buyer claims (rules/disputes/disputes.ts CLAIM_TYPES). */
export const CLAIM_TYPES = ['not_received', 'not_as_described', 'quality', 'counterfeit', 'refund_refused', 'other'] as const;
export const RESOLUTIONS = ['refund_full', 'refund_partial', 'rejected'] as const;
/** The merchant's data a buyer may ask for (policy 4.1 i). */
export const DISCLOSURE_FIELDS = ['name', 'idNumber', 'address', 'contact'] as const;
export type DisclosureField = (typeof DISCLOSURE_FIELDS)[number];
/** Buyer fields that can be revealed (subject "Dispute"). */
export const BUYER_FIELDS = ['buyerName', 'buyerMobile', 'buyerAddress'] as const;

export interface DisputeFile {
  id: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  createdAt: string;
}
export interface DisputeMessage {
  id: string;
  authorKind: 'buyer' | 'merchant' | 'staff' | 'system';
  authorName: string | null;
  body: string;
  internal: boolean;
  files: DisputeFile[];
  at: string;
}
export interface DisputeHistory {
  id: string;
  action: string;
  fromStatus: string | null;
  toStatus: string;
  subject: string;
  actorName: string | null;
  actorKind: string;
  reason: string | null;
  at: string;
}
export interface Disclosure {
  id: string;
  disputeId: string;
  status: 'requested' | 'approved' | 'refused' | 'closed';
  requestedFields: DisclosureField[];
  approvedFields: DisclosureField[] | null;
  legalGround: string;
  reason: string;
  requestedById: string | null;
  requestedByName: string | null;
  decidedByName: string | null;
  decidedAt: string | null;
  decisionReason: string | null;
  expiresAt: string | null;
  maxViews: number;
  viewCount: number;
  createdAt: string;
  version: number;
}
export interface Dispute {
  id: string;
  storeId: string;
  storeName: string;
  orderNumber: string;
  afterSalesNumber: string;
  claimType: string;
  /** Integer fen. */
  amountClaimed: number;
  status: (typeof DISPUTE_STATUSES)[number];
  buyerName: string | null;
  buyerMobile: string | null;
  buyerAddress: string | null;
  description: string | null;
  /** Last PRC date to answer. */
  responseDueOn: string | null;
  workingDaysLeft: number | null;
  overdue: boolean;
  deadlineMissed: boolean;
  proposedResolution: string | null;
  resolution: string | null;
  /** Integer fen. */
  refundAmount: number | null;
  resolutionReason: string | null;
  resolvedAt: string | null;
  assigneeId: string | null;
  assigneeName: string | null;
  latestMessageAt: string;
  messageCount: number;
  source: string | null;
  createdAt: string;
  version: number;
  messages?: DisputeMessage[];
  disclosures?: Disclosure[];
  history?: DisputeHistory[] | null;
}

export const LIST_FIELDS = `id storeId storeName orderNumber afterSalesNumber claimType amountClaimed status responseDueOn workingDaysLeft overdue
  deadlineMissed resolution assigneeId assigneeName latestMessageAt messageCount createdAt version`;
const FILE_FIELDS = 'id fileName contentType sizeBytes createdAt';
const DISCLOSURE_VIEW = `id disputeId status requestedFields approvedFields legalGround reason requestedById requestedByName decidedByName decidedAt decisionReason expiresAt maxViews viewCount createdAt version`;
/** The detail of a dispute as the actor may read it (history is null for a store). */
export const DETAIL_FIELDS = `${LIST_FIELDS} buyerName buyerMobile buyerAddress description proposedResolution refundAmount resolutionReason resolvedAt source
  messages { id authorKind authorName body internal files { ${FILE_FIELDS} } at } disclosures { ${DISCLOSURE_VIEW} }
  history { id action fromStatus toStatus subject actorName actorKind reason at }`;

/** The list filter form's values -> DisputeFilter ("assigned to me" becomes the actor's id). */
export function disputeFilter(f: Filter): { filter?: Filter } {
  const number = typeof f.number === 'string' ? f.number.trim() : undefined;
  return {
    filter: compact({
      status: f.status,
      storeId: f.storeId,
      claimType: f.claimType,
      assigneeId: f.mine === true ? currentActorId() : undefined,
      overdue: f.overdue === true ? true : undefined,
      number: number || undefined,
    }),
  };
}

/** Data-provider definition of the disputes resource (spread into RESOURCES in providers/dataProvider.ts). */
export const DISPUTE_RESOURCES = {
  disputes: { list: 'disputes', one: 'dispute', fields: LIST_FIELDS, oneFields: DETAIL_FIELDS, paged: true, args: { filter: 'DisputeFilter' }, toArgs: disputeFilter },
};

type Subject = 'Dispute' | 'DisputeMessage' | 'DisputeDisclosure';
type Action = 'read' | 'create' | 'update' | 'decide' | 'reveal';
const raw = (a: AppAbility) =>
  a as unknown as { can(action: string, subject: string, field?: string): boolean; rulesFor(action: string, subject: string): { inverted: boolean; conditions?: unknown }[] };

/** `a.can(action, subject)` for the dispute subjects (store rules are conditioned on the store: true when one exists). */
export const disputeCan = (a: AppAbility, action: Action, subject: Subject, field?: string): boolean => raw(a).can(action, subject, field);
/** Staff who read every dispute (a rule without conditions), as opposed to a store reading its own. */
export const isDisputeStaff = (a: AppAbility): boolean =>
  raw(a)
    .rulesFor('read', 'Dispute')
    .some((r) => !r.inverted && !r.conditions);

const one = `{ ${DETAIL_FIELDS} }`;

/** Every GraphQL operation of the dispute pages beyond the list and the detail (data provider). */
export const disputeApi = {
  get: (id: string) => gql<{ d: Dispute }>(`query D($id: ID!) { d: dispute(id: $id) ${one} }`, { id }).then((r) => r.d),
  open: (input: Record<string, unknown>) =>
    gql<{ r: { disputeId: string; created: boolean } }>(`mutation O($input: OpenDisputeInput!) { r: openDispute(input: $input) { disputeId created } }`, { input }).then((r) => r.r),
  upload: (fileName: string, contentBase64: string) =>
    gql<{ f: DisputeFile }>(`mutation U($input: UploadDisputeEvidenceInput!) { f: uploadDisputeEvidence(input: $input) { ${FILE_FIELDS} } }`, { input: { fileName, contentBase64 } }).then((r) => r.f),
  fileContent: (id: string) =>
    gql<{ f: { fileName: string; contentType: string; contentBase64: string } }>(`query F($id: ID!) { f: disputeFileContent(id: $id) { fileName contentType contentBase64 } }`, { id }).then(
      (r) => r.f,
    ),
  message: (input: { disputeId: string; body: string; fileIds: string[]; internal: boolean }) =>
    gql<{ d: Dispute }>(`mutation M($input: DisputeMessageInput!) { d: addDisputeMessage(input: $input) ${one} }`, { input }).then((r) => r.d),
  step: (input: { id: string; version: number; step: 'sendToMerchant' | 'escalate' | 'close' | 'withdraw'; reason?: string }) =>
    gql<{ d: Dispute }>(`mutation S($input: DisputeStepInput!) { d: disputeStep(input: $input) ${one} }`, { input }).then((r) => r.d),
  resolve: (input: { id: string; version: number; resolution: string; refundAmount?: number; reason: string }) =>
    gql<{ d: Dispute }>(`mutation R($input: ResolveDisputeInput!) { d: resolveDispute(input: $input) ${one} }`, { input }).then((r) => r.d),
  assign: (input: { id: string; version: number; assigneeId: string | null }) =>
    gql<{ d: Dispute }>(`mutation A($input: AssignDisputeInput!) { d: assignDispute(input: $input) ${one} }`, { input }).then((r) => r.d),
  requestDisclosure: (input: { disputeId: string; fields: string[]; legalGround: string; reason: string }) =>
    gql<{ d: Dispute }>(`mutation Q($input: RequestDisclosureInput!) { d: requestDisclosure(input: $input) ${one} }`, { input }).then((r) => r.d),
  decideDisclosure: (input: { id: string; version: number; approve: boolean; fields?: string[]; reason: string }) =>
    gql<{ d: Dispute }>(`mutation X($input: DecideDisclosureInput!) { d: decideDisclosure(input: $input) ${one} }`, { input }).then((r) => r.d),
  /** Public: the buyer's link sends a code to the buyer's mobile. */
  sendCode: (token: string) =>
    gql<{ r: { sentTo: string; codeExpiresAt: string } }>(`mutation C($t: String!) { r: sendDisclosureCode(token: $t) { sentTo codeExpiresAt } }`, { t: token }).then((r) => r.r),
  /** Public: the approved fields (null for the others), views left and expiry. */
  view: (token: string, code: string) =>
    gql<{ r: { name: string | null; idNumber: string | null; address: string | null; contact: string | null; viewsLeft: number; expiresAt: string } }>(
      `mutation V($t: String!, $c: String!) { r: viewDisclosure(token: $t, code: $c) { name idNumber address contact viewsLeft expiresAt } }`,
      { t: token, c: code },
    ).then((r) => r.r),
};

/** The translation key of a failed request (providers/errors.ts, scope `disputes`). */
export const errorKey = (e: unknown): string => describeError(e, 'disputes').key;
