import type { EntityManager } from 'typeorm';
import { paginate, type Page, type PageRequest } from '../../core/pagination';
import { Notification } from './notification.entity';
import { OutboundDelivery } from './outbound-delivery.entity';
import { updateRows } from '../../core/sql';
import type { NotifyInput } from './notifications.service';

/** Queries on inboxes and outbound deliveries. */
export class NotificationsRepository {
  constructor(private readonly em: EntityManager) {}

  insert(input: NotifyInput): Promise<Notification> {
    const repo = this.em.getRepository(Notification);
    return repo.save(
      repo.create({
        accountId: input.accountId,
        kind: input.kind,
        titleZh: input.titleZh,
        titleEn: input.titleEn,
        bodyZh: input.bodyZh,
        bodyEn: input.bodyEn,
        link: input.link ?? null,
      }),
    );
  }

  /** The encrypted mobile of an account: a merchant's own, else the account's. */
  async mobileOf(accountId: string): Promise<string | null> {
    const [row] = await this.em.query('SELECT COALESCE(m.mobile_enc, a.mobile_enc) AS mobile_enc FROM account a LEFT JOIN merchant m ON m.account_id = a.id WHERE a.id = $1', [accountId]);
    return row?.mobile_enc ?? null;
  }

  async insertDelivery(notificationId: string | null, channel: 'sms' | 'email', recipientEnc: string, bodyEnc: string | null = null): Promise<string> {
    const repo = this.em.getRepository(OutboundDelivery);
    const d = await repo.save(repo.create({ notificationId, channel, recipientEnc, bodyEnc }));
    return d.id;
  }

  async lockPendingDelivery(id: string): Promise<(OutboundDelivery & { titleZh: string | null; bodyZh: string | null }) | null> {
    const rows = await this.em.query(
      `SELECT d.id, d.channel, d.recipient_enc AS "recipientEnc", d.body_enc AS "bodyEnc", n.title_zh AS "titleZh", n.body_zh AS "bodyZh"
         FROM outbound_delivery d LEFT JOIN notification n ON n.id = d.notification_id
        WHERE d.id = $1 AND d.status = 'pending' FOR UPDATE OF d`,
      [id],
    );
    return rows[0] ?? null;
  }

  async countAttempt(id: string): Promise<void> {
    await this.em.query('UPDATE outbound_delivery SET attempts = attempts + 1 WHERE id = $1', [id]);
  }

  async markSent(id: string): Promise<void> {
    await this.em.query("UPDATE outbound_delivery SET status = 'sent', sent_at = now() WHERE id = $1", [id]);
  }

  listFor(accountId: string, args: PageRequest & { unreadOnly: boolean; kind?: string }): Promise<Page<Notification>> {
    const qb = this.em.getRepository(Notification).createQueryBuilder('n').where('n.account_id = :accountId', { accountId });
    if (args.unreadOnly) qb.andWhere('n.read_at IS NULL');
    if (args.kind) qb.andWhere('n.kind = :kind', { kind: args.kind });
    return paginate(qb, args, { createdAt: 'n.created_at' }, { field: 'createdAt', order: 'DESC' }, 'n.id');
  }

  async unreadCount(accountId: string): Promise<number> {
    const [row] = await this.em.query('SELECT count(*)::int AS n FROM notification WHERE account_id = $1 AND read_at IS NULL', [accountId]);
    return row.n;
  }

  async markRead(accountId: string, ids: string[] | null): Promise<number> {
    const { count } = await updateRows(this.em, `UPDATE notification SET read_at = now() WHERE account_id = $1 AND read_at IS NULL AND ($2::bigint[] IS NULL OR id = ANY($2::bigint[]))`, [
      accountId,
      ids,
    ]);
    return count;
  }
}
