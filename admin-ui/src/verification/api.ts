import { gql, postFile } from '../graphql';
import { compact, dayStart, type Filter } from '../components/filters';

/** GraphQL calls of identity verification (queue, case, decisions, merchant submission, uploads). */

export const QUEUE_FIELDS = 'id storeId storeName nickname subjectType status flags submittedAt ageHours rowVersion assignee { id displayName }';
export const REASON_CODE_FIELDS = 'code labelZh labelEn outcome active';
const SUBMISSION_FIELDS = `subjectType realName idDocType idNumber idValidUntil ageAtSubmission companyName uscc legalRepName contactName contactMobile contactAddress
  csPhone returnName returnMobile returnAddress trademarkName trademarkIdNumber guardianName guardianRelation images submittedAt`;
export const CASE_FIELDS = `id storeId storeName nickname storeStatus status flags submittedAt ageHours submissionCount rowVersion canResubmit applicantComment
  assignee { id displayName } firstApprover { id displayName } reasons { ${REASON_CODE_FIELDS} }
  duplicateStores { storeId storeName caseId }
  submission { ${SUBMISSION_FIELDS} }
  history { action fromStatus toStatus actor { id displayName } reasons { ${REASON_CODE_FIELDS} } applicantComment internalNote at }`;

export interface StaffRef {
  id: string;
  displayName: string;
}
export interface ReasonCode {
  code: string;
  labelZh: string;
  labelEn: string;
  outcome: 'retry' | 'final';
  active: boolean;
}
export interface HistoryEntry {
  action: string;
  fromStatus?: string | null;
  toStatus: string;
  actor?: StaffRef | null;
  reasons: ReasonCode[];
  applicantComment?: string | null;
  internalNote?: string | null;
  at: string;
}
export interface MaskedSubmission {
  subjectType: string;
  realName: string;
  idDocType: string;
  idNumber: string;
  idValidUntil?: string | null;
  ageAtSubmission: number;
  companyName?: string | null;
  uscc?: string | null;
  legalRepName?: string | null;
  contactName: string;
  contactMobile: string;
  contactAddress: string;
  csPhone: string;
  returnName: string;
  returnMobile: string;
  returnAddress: string;
  trademarkName?: string | null;
  trademarkIdNumber?: string | null;
  guardianName?: string | null;
  guardianRelation?: string | null;
  images: string[];
  submittedAt: string;
}
/** Another store whose current submission carries the same ID number (staff only; empty for merchants). */
export interface DuplicateStoreRef {
  storeId: string;
  storeName: string;
  caseId?: string | null;
}
export interface VerificationCase {
  duplicateStores: DuplicateStoreRef[];
  id: string;
  storeId: string;
  storeName: string;
  nickname: string;
  storeStatus: string;
  status: string;
  flags: string[];
  submittedAt: string;
  ageHours: number;
  submissionCount: number;
  rowVersion: number;
  canResubmit: boolean;
  applicantComment?: string | null;
  assignee?: StaffRef | null;
  firstApprover?: StaffRef | null;
  reasons: ReasonCode[];
  submission: MaskedSubmission;
  history: HistoryEntry[];
}
export interface RevealLogEntry {
  at: string;
  actorLabel?: string | null;
  field: string;
  purpose?: string | null;
  outcome: string;
}

/**
 * The queue's filter form -> VerificationQueueFilter. `holder`: `me` (cases I hold), `unassigned`,
 * or empty; `flagged`: 'yes' / 'no' / empty.
 */
/** The queue's default view: cases still waiting for someone (`status: 'open'`). */
export const OPEN_STATUSES = ['submitted', 'in_review', 'pending_second_approval'];

export function queueFilter(f: Filter, myId: string | undefined): Filter | undefined {
  const statuses = Array.isArray(f.statuses) ? f.statuses : f.status === 'open' ? OPEN_STATUSES : f.status ? [f.status] : undefined;
  const out: Filter = {
    statuses: statuses?.length ? statuses : undefined,
    subjectType: f.subjectType || undefined,
    flags: Array.isArray(f.flags) && f.flags.length ? f.flags : undefined,
    flagged: f.flagged === 'yes' ? true : f.flagged === 'no' ? false : undefined,
    submittedFrom: dayStart(f.submittedFrom),
    submittedTo: dayStart(f.submittedTo, 1),
    assigneeId: f.holder === 'me' ? myId : (f.assigneeId as string) || undefined,
    unassigned: f.holder === 'unassigned' ? true : undefined,
    q: typeof f.q === 'string' && f.q.trim() ? f.q.trim() : undefined,
    idNumber: typeof f.idNumber === 'string' && f.idNumber.trim() ? f.idNumber.trim().toUpperCase() : undefined,
  };
  return compact(out);
}

export async function statusCounts(filter: Filter, myId: string | undefined): Promise<{ status: string; count: number }[]> {
  const { statuses: _s, status: _st, ...rest } = filter;
  const data = await gql<{ counts: { status: string; count: number }[] }>(`query Counts($filter: VerificationQueueFilter) { counts: verificationStatusCounts(filter: $filter) { status count } }`, {
    filter: queueFilter(rest, myId),
  });
  return data.counts;
}

export async function getCase(id: string): Promise<VerificationCase> {
  return (await gql<{ c: VerificationCase }>(`query Case($id: ID!) { c: verificationCase(id: $id) { ${CASE_FIELDS} } }`, { id })).c;
}

export async function claimCase(id: string, version: number): Promise<VerificationCase> {
  return (await gql<{ c: VerificationCase }>(`mutation Claim($id: ID!, $v: Int!) { c: claimVerification(id: $id, version: $v) { ${CASE_FIELDS} } }`, { id, v: version })).c;
}

export async function releaseCase(id: string, version: number): Promise<VerificationCase> {
  return (await gql<{ c: VerificationCase }>(`mutation Release($id: ID!, $v: Int!) { c: releaseVerification(id: $id, version: $v) { ${CASE_FIELDS} } }`, { id, v: version })).c;
}

export async function assignCases(ids: string[], assigneeId: string): Promise<number> {
  const data = await gql<{ r: { id: string }[] }>(`mutation Assign($input: AssignVerificationsInput!) { r: assignVerifications(input: $input) { id } }`, {
    input: { ids, assigneeId },
  });
  return data.r.length;
}

export type Decision = 'APPROVE' | 'REQUEST_RESUBMISSION' | 'REJECT';

export async function decideCase(input: { id: string; version: number; decision: Decision; reasonCodes: string[]; applicantComment?: string; internalNote?: string }) {
  return (await gql<{ c: VerificationCase }>(`mutation Decide($input: DecideVerificationInput!) { c: decideVerification(input: $input) { ${CASE_FIELDS} } }`, { input })).c;
}

/** Staff who may hold verification cases (assignment targets). */
export async function reviewers(): Promise<StaffRef[]> {
  return (await gql<{ reviewers: StaffRef[] }>(`query { reviewers: verificationReviewers { id displayName } }`)).reviewers;
}

export async function reasonCodes(): Promise<ReasonCode[]> {
  return (await gql<{ r: ReasonCode[] }>(`query { r: verificationReasonCodes { ${REASON_CODE_FIELDS} } }`)).r;
}

export async function revealLog(id: string): Promise<RevealLogEntry[]> {
  return (await gql<{ r: RevealLogEntry[] }>(`query Log($id: ID!) { r: verificationRevealLog(id: $id) { at actorLabel field purpose outcome } }`, { id })).r;
}

export async function myVerification(): Promise<VerificationCase | null> {
  return (await gql<{ c: VerificationCase | null }>(`query { c: myVerification { ${CASE_FIELDS} } }`)).c;
}

export async function submitVerification(input: Record<string, unknown>): Promise<VerificationCase> {
  return (await gql<{ c: VerificationCase }>(`mutation Submit($input: SubmitVerificationInput!) { c: submitVerification(input: $input) { ${CASE_FIELDS} } }`, { input })).c;
}

export interface Uploaded {
  key: string;
  contentType: string;
  sizeBytes: number;
}

/** Uploads one image (`POST /uploads`, raw body) with its progress; rejects with the server's code and message. */
export function uploadFile(file: Blob, onProgress: (fraction: number) => void): Promise<Uploaded> {
  return postFile<Uploaded>('/uploads', file, onProgress);
}
