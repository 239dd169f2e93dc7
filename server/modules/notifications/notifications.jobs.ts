import type { EntityManager } from 'typeorm';
import type { App } from '../../core/app';
import { defineQueue } from '../../core/jobs/jobs';
import { NotificationsRepository } from './notifications.repository';

/** Queue that hands one outbound delivery to its channel. */
export const DELIVER_QUEUE = defineQueue<{ deliveryId: string }>('notification-deliver', (app, data, meta) => deliver(app, data.deliveryId, meta.retryCount));

/**
 * Delivers one outbound message. The delivery row is locked while sending; the channel receives the
 * delivery id as idempotency key, so a retry after a crash between "sent" and "commit" is a no-op.
 */
export async function deliver(app: App, deliveryId: string, retryCount = 0): Promise<void> {
  // A transaction of its own without `core/transaction`: a delivery changes nothing cached, so it
  // must not drop the console's caches (a fan-out sends a million of them).
  await app.dataSource.transaction(async (em: EntityManager) => {
    const repo = new NotificationsRepository(em);
    const d = await repo.lockPendingDelivery(deliveryId);
    if (!d) return;
    await repo.countAttempt(deliveryId);
    await app.channels.send({
      id: d.id,
      channel: d.channel,
      to: app.cipher.decrypt(d.recipientEnc),
      body: d.bodyEnc ? app.cipher.decrypt(d.bodyEnc) : `【商家后台】${d.titleZh}：${d.bodyZh}`,
    });
    await repo.markSent(deliveryId);
  });
  if (retryCount > 0) app.log.info({ deliveryId, retryCount }, 'delivered after retry');
}
