import type { App } from '../../core/app';
import { maskAddress, maskMobile, maskName } from '../../core/crypto/masking';
import type { WorkingDayCalendar } from '../../core/working-days';
import type { UploadedFile } from '../files/uploaded-file.entity';
import type { DisputeDisclosure } from './dispute-disclosure.entity';
import type { DisputeListRow } from './disputes.repository';
import type { DisclosureView, DisputeFileView, DisputeView } from './disputes.types';

/** Working days from `today` to `due` (PRC dates): positive ahead, 0 on the day, negative when past. */
export function workingDaysLeft(calendar: WorkingDayCalendar, today: string, due: string): number {
  return due >= today ? calendar.workingDaysBetween(today, due) : -calendar.workingDaysBetween(due, today);
}

/**
 * Defines `key` on `view` as computed on first read, then kept (an own, enumerable property, so a
 * spread copies the value): GraphQL reads a field only when the query selects it.
 */
function lazily<T extends object, K extends keyof T>(view: T, key: K, compute: () => T[K]): void {
  Object.defineProperty(view, key, {
    enumerable: true,
    configurable: true,
    get() {
      const value = compute();
      Object.defineProperty(view, key, { value, enumerable: true, configurable: true, writable: true });
      return value;
    },
  });
}

/**
 * A dispute row as the list and the detail show it: buyer fields masked, money as numbers of fen.
 * The buyer's name, mobile and address are decrypted (AES-GCM, about 10 µs each) only when read,
 * so a list page that does not select them does not pay two decryptions per row.
 */
export function disputeView(app: App, r: DisputeListRow & { buyerAddressEnc?: string | null }, calendar: WorkingDayCalendar, today: string): DisputeView {
  const awaiting = r.status === 'awaiting_merchant' && !!r.responseDueOn;
  const view: DisputeView = {
    id: r.id,
    storeId: r.storeId,
    storeName: r.storeName,
    orderNumber: r.orderNumber,
    afterSalesNumber: r.afterSalesNumber,
    claimType: r.claimType,
    amountClaimed: Number(r.amountClaimed),
    status: r.status,
    responseDueOn: r.responseDueOn ?? undefined,
    workingDaysLeft: awaiting ? workingDaysLeft(calendar, today, r.responseDueOn!) : undefined,
    overdue: awaiting && r.responseDueOn! < today,
    deadlineMissed: r.deadlineMissed,
    resolution: r.resolution ?? undefined,
    assigneeId: r.assigneeId ?? undefined,
    assigneeName: r.assigneeName ?? undefined,
    latestMessageAt: r.latestMessageAt,
    messageCount: r.messageCount,
    createdAt: r.createdAt,
    version: r.rowVersion,
  };
  lazily(view, 'buyerName', () => maskName(app.cipher.decrypt(r.buyerNameEnc)));
  lazily(view, 'buyerMobile', () => maskMobile(app.cipher.decrypt(r.buyerMobileEnc)));
  lazily(view, 'buyerAddress', () => (r.buyerAddressEnc ? maskAddress(app.cipher.decrypt(r.buyerAddressEnc)) : undefined));
  return view;
}

export function disputeFileView(f: UploadedFile): DisputeFileView {
  return { id: f.key, fileName: f.fileName ?? '', contentType: f.contentType, sizeBytes: f.sizeBytes, createdAt: f.createdAt };
}

export function disclosureView(x: DisputeDisclosure, names: Map<string, string>, staff: boolean): DisclosureView {
  return {
    id: x.id,
    disputeId: x.disputeId,
    status: x.status,
    requestedFields: x.requestedFields,
    approvedFields: x.approvedFields ?? undefined,
    legalGround: x.legalGround,
    reason: x.reason,
    requestedById: staff ? x.requestedBy : undefined,
    requestedByName: names.get(x.requestedBy),
    decidedByName: x.decidedBy ? names.get(x.decidedBy) : undefined,
    decidedAt: x.decidedAt ?? undefined,
    decisionReason: x.decisionReason ?? undefined,
    expiresAt: x.expiresAt ?? undefined,
    maxViews: x.maxViews,
    viewCount: x.viewCount,
    createdAt: x.createdAt,
    version: x.rowVersion,
  };
}
