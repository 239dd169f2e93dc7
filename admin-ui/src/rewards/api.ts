import { compact, type Filter } from '../components/filters';
import { gql, postFile } from '../graphql';
import type { AppAbility } from '../abilities';
import { describeError } from '../providers/errors';

/** A payout of an approved reward (amounts in integer fen, instants UTC). */
export interface Payout {
  id: string;
  businessNumber: string;
  status: 'held' | 'queued' | 'sending' | 'succeeded' | 'failed' | 'cancelled';
  holdReason: string | null;
  heldUntil: string | null;
  attempts: number;
  lastError: string | null;
  paidAt: string | null;
  version: number;
}
/** A platform reward (policy 2.3.6): `amount` in integer fen, the period in PRC dates. */
export interface Reward {
  id: string;
  storeId: string;
  storeName: string;
  programmeCode: string;
  programmeNameZh: string;
  programmeNameEn: string;
  amount: number;
  reason: string;
  periodStart: string;
  periodEnd: string;
  status: 'proposed' | 'pending_second_approval' | 'approved' | 'rejected' | 'cancelled';
  proposedByName: string | null;
  firstApproverName: string | null;
  approvedByName: string | null;
  approvedAt: string | null;
  decisionReason: string | null;
  payout: Payout | null;
  createdAt: string;
  version: number;
}
/** A programme: budget, approved total and what is left, integer fen. */
export interface Programme {
  id: string;
  code: string;
  nameZh: string;
  nameEn: string;
  budget: number;
  approvedTotal: number;
  remaining: number;
  active: boolean;
  version: number;
}
export interface RewardTotal {
  status: string;
  count: number;
  amount: number;
}
/** A CSV import (the reward-import contract): validated row by row, imported all or nothing (or the valid rows, when asked). */
export interface RewardImport {
  id: string;
  status: 'validating' | 'rejected' | 'imported';
  fileName: string;
  sha256: string;
  rowsTotal: number;
  rowsValid: number;
  rowsImported: number;
  /** 0-100. */
  progress: number;
  errors: { row: number; field: string; reason: string }[];
  createdAt: string;
}

export const REWARD_STATUSES = ['proposed', 'pending_second_approval', 'approved', 'rejected', 'cancelled'] as const;
export const PAYOUT_STATUSES = ['held', 'queued', 'sending', 'succeeded', 'failed', 'cancelled'] as const;
/** The statuses of the approval queue. */
export const QUEUE_STATUSES = ['proposed', 'pending_second_approval'] as const;

const PAYOUT_FIELDS = 'id businessNumber status holdReason heldUntil attempts lastError paidAt version';
export const REWARD_FIELDS = `id storeId storeName programmeCode programmeNameZh programmeNameEn amount reason periodStart periodEnd status
  proposedByName firstApproverName approvedByName approvedAt decisionReason payout { ${PAYOUT_FIELDS} } createdAt version`;
const PROGRAMME_FIELDS = 'id code nameZh nameEn budget approvedTotal remaining active version';
const IMPORT_FIELDS = 'id status fileName sha256 rowsTotal rowsValid rowsImported progress errors { row field reason } createdAt';

/** react-admin filter values -> RewardFilter. */
export const rewardFilter = (f: Filter) => compact({ status: f.status, payoutStatus: f.payoutStatus, storeId: f.storeId, programmeCode: f.programmeCode });
const toArgs = (f: Filter) => ({ filter: rewardFilter(f) });
/** The approval queue: one of the two waiting statuses (proposed by default). */
const queueArgs = (f: Filter) => ({ filter: rewardFilter({ ...f, status: QUEUE_STATUSES.includes(f.status as never) ? f.status : 'proposed' }) });

/** Data-provider definitions of the reward resources (spread into RESOURCES in providers/dataProvider.ts). */
export const REWARD_RESOURCES = {
  /** Staff: every reward; a store: its own (the server scopes the query). Inbox links point at /rewards/<id>/show. */
  rewards: { list: 'rewards', one: 'reward', fields: REWARD_FIELDS, paged: true, args: { filter: 'RewardFilter' }, toArgs },
  /** Staff: the rewards waiting for an approval. */
  rewardQueue: { list: 'rewards', one: 'reward', fields: REWARD_FIELDS, paged: true, args: { filter: 'RewardFilter' }, toArgs: queueArgs },
};

export type RewardDecision = 'approveReward' | 'rejectReward' | 'cancelReward';
export type PayoutDecision = 'retryPayout' | 'cancelPayout';

/** A reconciliation of a PRC date: counts and the differences by business number (amounts integer fen; null where a side has none). */
export interface Reconciliation {
  date: string;
  runAt: string;
  ledgerCount: number;
  providerCount: number;
  differences: { kind: 'missing_in_ledger' | 'missing_at_provider' | 'amount_mismatch'; businessNumber: string; ledgerAmount: number | null; providerAmount: number | null }[];
}
const RECONCILIATION_FIELDS = 'date runAt ledgerCount providerCount differences { kind businessNumber ledgerAmount providerAmount }';

/** Every GraphQL operation of the reward pages beyond the lists of the data provider. */
export const rewardApi = {
  programmes: () => gql<{ p: Programme[] }>(`query { p: rewardProgrammes { ${PROGRAMME_FIELDS} } }`).then((d) => d.p),
  createProgramme: (input: { code: string; nameZh: string; nameEn: string; budget: number }) =>
    gql<{ p: Programme }>(`mutation C($input: CreateProgrammeInput!) { p: createRewardProgramme(input: $input) { ${PROGRAMME_FIELDS} } }`, { input }).then((d) => d.p),
  totals: (filter: Filter) =>
    gql<{ t: RewardTotal[] }>(`query T($filter: RewardFilter) { t: rewardTotals(filter: $filter) { status count amount } }`, { filter: rewardFilter(filter) }).then((d) => d.t),
  propose: (input: { storeId: string; programmeCode: string; amount: number; reason: string; periodStart: string; periodEnd: string }) =>
    gql<{ r: Reward }>(`mutation P($input: ProposeRewardInput!) { r: proposeReward(input: $input) { ${REWARD_FIELDS} } }`, { input }).then((d) => d.r),
  decide: (mutation: RewardDecision, input: { id: string; version: number; reason?: string }) =>
    gql<{ r: Reward }>(`mutation D($input: RewardDecisionInput!) { r: ${mutation}(input: $input) { ${REWARD_FIELDS} } }`, { input }).then((d) => d.r),
  payout: (mutation: PayoutDecision, input: { id: string; version: number; reason?: string }) =>
    gql<{ r: Reward }>(`mutation D($input: PayoutDecisionInput!) { r: ${mutation}(input: $input) { ${REWARD_FIELDS} } }`, { input }).then((d) => d.r),
  /** Sends the CSV as the raw body of `POST /uploads/reward-import` (files over GraphQL's 2 MiB body limit), with its upload progress. */
  importCsv: (file: File, skipInvalidRows: boolean, onProgress: (fraction: number) => void) =>
    postFile<RewardImport>(`/uploads/reward-import?fileName=${encodeURIComponent(file.name)}&skipInvalidRows=${skipInvalidRows}`, file, onProgress),
  importOf: (id: string) => gql<{ i: RewardImport }>(`query I($id: ID!) { i: rewardImport(id: $id) { ${IMPORT_FIELDS} } }`, { id }).then((d) => d.i),
  reconciliation: (date: string) => gql<{ r: Reconciliation | null }>(`query R($date: String!) { r: payoutReconciliation(date: $date) { ${RECONCILIATION_FIELDS} } }`, { date }).then((d) => d.r),
  reconcile: (date: string) => gql<{ r: Reconciliation }>(`mutation R($date: String!) { r: runPayoutReconciliation(date: $date) { ${RECONCILIATION_FIELDS} } }`, { date }).then((d) => d.r),
  imports: () =>
    gql<{ l: { items: RewardImport[]; totalCount: number } }>(`query { l: rewardImports(page: 1, perPage: 20) { items { ${IMPORT_FIELDS} } totalCount totalCountExact } }`).then((d) => d.l),
};

type Raw = { can(action: string, subject: string): boolean };
/** The ability on the reward subjects (not in abilities.ts' Subject list). */
export const rewardCan = (a: AppAbility, action: 'read' | 'create' | 'update' | 'approve' | 'decide', subject: 'Reward' | 'RewardProgramme' | 'Payout' | 'PayoutAccount'): boolean =>
  (a as unknown as Raw).can(action, subject);
/** Staff who work on rewards read the programmes; a store reads only its own rewards. */
export const isRewardStaff = (a: AppAbility): boolean => rewardCan(a, 'read', 'RewardProgramme');

/** The translation key of a failed request on the reward pages (i18n/errors.ts). */
export const errorKey = (e: unknown): string => describeError(e, 'rewards').key;
