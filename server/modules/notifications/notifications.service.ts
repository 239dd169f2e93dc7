import type { App } from '../../core/app';
import { actorOf, type RequestContext } from '../../core/context';
import { badInput } from '../../core/errors';
import { mapPage, type Page, type PageRequest } from '../../core/pagination';
import { readRepo, transaction, type Tx } from '../../core/transaction';
import { DELIVER_QUEUE } from './notifications.jobs';
import { NOTIFICATION_KINDS, Notification, type NotificationKind } from './notification.entity';
import { NotificationsRepository } from './notifications.repository';
import type { NotificationView } from './notifications.types';
import { isId } from '../../core/ids';

export interface NotifyInput {
  accountId: string;
  kind: NotificationKind;
  titleZh: string;
  titleEn: string;
  bodyZh: string;
  bodyEn: string;
  link?: string;
  /** Also send by SMS to the account's mobile (default true when the account has one). */
  sms?: boolean;
}

/**
 * Puts a notification in the account's inbox and, in the same transaction, queues its SMS copy:
 * if the transaction rolls back nothing is sent; if it commits the message goes out exactly once.
 */
export async function notify(tx: Tx, input: NotifyInput): Promise<Notification> {
  const repo = tx.repo(NotificationsRepository);
  const n = await repo.insert(input);
  if (input.sms !== false) {
    const mobileEnc = await repo.mobileOf(input.accountId);
    if (mobileEnc) {
      const deliveryId = await repo.insertDelivery(n.id, 'sms', mobileEnc);
      await tx.enqueue(DELIVER_QUEUE, { deliveryId });
    }
  }
  return n;
}

/**
 * Sends an SMS to someone without an account (a buyer), queued in the caller's transaction like a
 * notification's copy (exactly once if it commits, never if it rolls back). `mobileEnc` is the
 * FieldCipher-encrypted number; the text is stored encrypted too (it may hold a code or a link).
 */
export async function sendSms(tx: Tx, mobileEnc: string, text: string): Promise<void> {
  const deliveryId = await tx.repo(NotificationsRepository).insertDelivery(null, 'sms', mobileEnc, tx.ctx.app.cipher.encrypt(`【商家后台】${text}`));
  await tx.enqueue(DELIVER_QUEUE, { deliveryId });
}

/** The signed-in actor's inbox. */
export class NotificationsService {
  constructor(private readonly app: App) {}

  private view(n: Notification): NotificationView {
    return { ...n, link: n.link ?? undefined, readAt: n.readAt ?? undefined };
  }

  async inbox(ctx: RequestContext, args: PageRequest & { unreadOnly: boolean; kind?: string }): Promise<Page<NotificationView>> {
    if (args.kind && !NOTIFICATION_KINDS.includes(args.kind as NotificationKind)) throw badInput(`unknown kind; one of ${NOTIFICATION_KINDS.join(', ')}`, 'kind');
    const page = await readRepo(this.app, NotificationsRepository).listFor(actorOf(ctx).accountId, args);
    return mapPage(page, (n) => this.view(n));
  }

  unreadCount(ctx: RequestContext): Promise<number> {
    return readRepo(this.app, NotificationsRepository).unreadCount(actorOf(ctx).accountId);
  }

  /** Marks the given notifications (or all, when `ids` is null) read; returns how many changed. Ids of other accounts are ignored. */
  markRead(ctx: RequestContext, ids: string[] | null): Promise<number> {
    if (ids && ids.some((id) => !isId(id))) throw badInput('ids must be notification ids', 'ids');
    return transaction(ctx, async (tx) => {
      const n = await tx.repo(NotificationsRepository).markRead(actorOf(ctx).accountId, ids);
      tx.audit({ action: 'notification.markRead', targetType: 'Notification', after: { count: n } });
      return n;
    });
  }
}
