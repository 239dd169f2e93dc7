import { prcDate as prcCalendarDate } from '../../../rules/dates';
import { formatDateTime } from '../components/dates';
import { useLocaleState } from 'react-admin';
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

/** The name of a catalogue entry in the UI language. */
export function useLocalName(): (n: { nameZh: string; nameEn: string } | null | undefined) => string {
  const [locale] = useLocaleState();
  return (n) => (n ? (locale.startsWith('zh') ? n.nameZh : n.nameEn) : '—');
}

/** A UTC instant -> its PRC calendar date, YYYY-MM-DD ('—' for none). */
export function prcDateLabel(instant: string | Date | null | undefined): string {
  return instant ? prcCalendarDate(new Date(instant)) : '—';
}
/** A UTC instant -> PRC date and time in the UI language. */
export function prcDateTime(instant: string | null | undefined, _locale?: string): string {
  return formatDateTime(instant);
}
/** Today in the PRC, YYYY-MM-DD. */
export const prcToday = (): string => prcCalendarDate();
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
