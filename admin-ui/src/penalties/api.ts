import { useLocaleState } from 'react-admin';
import { gql } from '../graphql';
import { describeError } from '../providers/errors';

export interface Named {
  code: string;
  nameZh: string;
  nameEn: string;
}
export interface PenaltyFile {
  id: string;
  purpose: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  createdAt: string;
}
export interface Penalty {
  id: string;
  store: { id: string; name: string; status: string; platformAccountId: string; nickname: string };
  category: Named;
  sanction: Named & { effect: string };
  sanctionDays: number | null;
  points: number;
  facts: string;
  startsAt: string | null;
  endsAt: string | null;
  status: 'draft' | 'issued' | 'revoked' | 'cancelled';
  effectState: string;
  draftedBy: string | null;
  issuedBy: string | null;
  issuedAt: string | null;
  issuedOn: string | null;
  appealDeadline: string | null;
  appealCount: number;
  appealsAllowed: number;
  revokedAt: string | null;
  revokeReason: string | null;
  noticeId: string | null;
  evidence: PenaltyFile[];
  version: number;
  createdAt: string;
}
export interface Appeal {
  id: string;
  penaltyId: string;
  storeId: string;
  reason: string;
  status: 'pending' | 'upheld' | 'revoked';
  submittedAt: string;
  respondBy: string;
  decidedAt: string | null;
  decisionReason: string | null;
  proofs: PenaltyFile[];
  version: number;
}
export interface ViolationCategory extends Named {
  id: string;
  parentCode: string | null;
  ruleRef: string | null;
  defaultSanctionCode: string | null;
  defaultSanctionDays: number | null;
  defaultPoints: number;
  active: boolean;
  sortOrder: number;
  leaf: boolean;
  version: number;
}
export interface SanctionType extends Named {
  id: string;
  effect: string;
  active: boolean;
  version: number;
}

const FILE_FIELDS = 'id purpose fileName contentType sizeBytes createdAt';
export const PENALTY_FIELDS = `id store { id name status platformAccountId nickname } category { code nameZh nameEn } sanction { code nameZh nameEn effect }
  sanctionDays points facts startsAt endsAt status effectState draftedBy issuedBy issuedAt issuedOn appealDeadline appealCount appealsAllowed
  revokedAt revokeReason noticeId evidence { ${FILE_FIELDS} } version createdAt`;
export const APPEAL_FIELDS = `id penaltyId storeId reason status submittedAt respondBy decidedAt decisionReason proofs { ${FILE_FIELDS} } version`;
export const CATEGORY_FIELDS = 'id code parentCode nameZh nameEn ruleRef defaultSanctionCode defaultSanctionDays defaultPoints active sortOrder leaf version';
export const SANCTION_FIELDS = 'id code nameZh nameEn effect active version';

/** A store found by the penalty form's picker (value: the store ID). */
export interface StoreOption {
  storeId: string;
  label: string;
}
export type FileMutation = 'uploadPenaltyEvidence' | 'uploadAppealProof';
export type PenaltyTransition = 'issuePenalty' | 'revokePenalty' | 'cancelPenaltyDraft';

/** Every GraphQL operation of the penalties, appeals and catalogue pages (lists go through the data provider). */
export const penaltyApi = {
  categories: () => gql<{ violationCategories: ViolationCategory[] }>(`query { violationCategories { ${CATEGORY_FIELDS} } }`).then((d) => d.violationCategories),
  sanctions: () => gql<{ sanctionTypes: SanctionType[] }>(`query { sanctionTypes { ${SANCTION_FIELDS} } }`).then((d) => d.sanctionTypes),
  createCategory: (input: Record<string, unknown>) => gql(`mutation C($input: CreateViolationCategoryInput!) { c: createViolationCategory(input: $input) { ${CATEGORY_FIELDS} } }`, { input }),
  updateCategory: (input: Record<string, unknown>) => gql(`mutation U($input: UpdateViolationCategoryInput!) { u: updateViolationCategory(input: $input) { ${CATEGORY_FIELDS} } }`, { input }),
  /** Stores whose merchant's nickname or platform ID matches `q` (20 at most). */
  searchStores: (q: string): Promise<StoreOption[]> =>
    gql<{ merchants: { items: { platformAccountId: string; nickname: string; store: { id: string; name: string; status: string } | null }[] } }>(
      `query Stores($filter: MerchantFilter) { merchants(filter: $filter, page: 1, perPage: 20) { items { platformAccountId nickname store { id name status } } } }`,
      { filter: q.trim() ? { q: q.trim() } : undefined },
    ).then((d) => d.merchants.items.filter((m) => m.store).map((m) => ({ storeId: m.store!.id, label: `${m.nickname} (${m.platformAccountId}) · ${m.store!.name}` }))),
  /** A file's content (audited read). */
  fileContent: (id: string) =>
    gql<{ penaltyFileContent: { contentBase64: string; contentType: string } }>(`query F($id: ID!) { penaltyFileContent(id: $id) { contentBase64 contentType } }`, { id }).then(
      (d) => d.penaltyFileContent,
    ),
  uploadFile: (mutation: FileMutation, fileName: string, contentBase64: string) =>
    gql<{ up: { id: string; fileName: string; contentType: string } }>(`mutation Up($input: UploadPenaltyFileInput!) { up: ${mutation}(input: $input) { id fileName contentType } }`, {
      input: { fileName, contentBase64 },
    }).then((d) => d.up),
  draft: (input: Record<string, unknown>) => gql<{ p: Penalty }>(`mutation D($input: DraftPenaltyInput!) { p: draftPenalty(input: $input) { ${PENALTY_FIELDS} } }`, { input }).then((d) => d.p),
  updateDraft: (input: Record<string, unknown>) =>
    gql<{ p: Penalty }>(`mutation U($input: UpdatePenaltyDraftInput!) { p: updatePenaltyDraft(input: $input) { ${PENALTY_FIELDS} } }`, { input }).then((d) => d.p),
  transition: (mutation: PenaltyTransition, input: { id: string; version: number; reason?: string }) =>
    gql(`mutation T($input: PenaltyTransitionInput!) { t: ${mutation}(input: $input) { ${PENALTY_FIELDS} } }`, { input }),
  appealsOf: (penaltyId: string) =>
    gql<{ penaltyAppeals: { items: Appeal[] } }>(`query A($filter: PenaltyAppealFilter) { penaltyAppeals(filter: $filter, page: 1, perPage: 50) { items { ${APPEAL_FIELDS} } } }`, {
      filter: { penaltyId },
    }).then((d) => d.penaltyAppeals.items),
  submitAppeal: (input: { penaltyId: string; reason: string; proofFileIds: string[] }) =>
    gql(`mutation S($input: SubmitPenaltyAppealInput!) { s: submitPenaltyAppeal(input: $input) { ${APPEAL_FIELDS} } }`, { input }),
  decideAppeal: (input: { id: string; version: number; decision: 'uphold' | 'revoke'; reason: string }) =>
    gql(`mutation D($input: DecidePenaltyAppealInput!) { d: decidePenaltyAppeal(input: $input) { ${APPEAL_FIELDS} } }`, { input }),
  /** The merchant's own points. */
  myPoints: () =>
    gql<{ storePenaltyPoints: { totalPoints: number; pointsThisYear: number; year: number } }>('query { storePenaltyPoints { totalPoints pointsThisYear year } }').then((d) => d.storePenaltyPoints),
};

/** The name of a catalogue entry in the UI language. */
export function useLocalName(): (n: { nameZh: string; nameEn: string } | null | undefined) => string {
  const [locale] = useLocaleState();
  return (n) => (n ? (locale.startsWith('zh') ? n.nameZh : n.nameEn) : '—');
}

/** A PRC calendar date -> the UTC instant of its start. */
export const prcDayStart = (day: string): string => new Date(`${day}T00:00:00+08:00`).toISOString();

/** The translation key of a failed request, worded for the penalty pages (providers/errors.ts, scope `penalties`). */
export const errorKey = (e: unknown): string => describeError(e, 'penalties').key;

/** Reads a browser file as base64 (without the data: prefix). */
export function fileToBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result).replace(/^data:[^,]*,/, ''));
    r.onerror = () => reject(r.error);
    r.readAsDataURL(file);
  });
}
