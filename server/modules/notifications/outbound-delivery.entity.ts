import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One outbound copy of a notification (SMS or e-mail), or a message to a person without an account. Its id is the idempotency key handed to the
 * channel, so a retried job never sends twice. The recipient is encrypted.
 */
@Entity({ name: 'outbound_delivery' })
@Index('outbound_delivery_notification_idx', ['notificationId'])
export class OutboundDelivery {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The inbox notification it copies; null for a message to someone without an account (a buyer), whose text is `bodyEnc`. */
  @Column({ name: 'notification_id', type: 'bigint', nullable: true })
  notificationId: string | null;

  /** The whole text of a message without a notification, encrypted (it may hold a one-time code or link). */
  @Column({ name: 'body_enc', type: 'text', nullable: true })
  bodyEnc: string | null;

  @Column({ type: 'varchar', length: 8 })
  channel: 'sms' | 'email';

  @Column({ name: 'recipient_enc', type: 'text' })
  recipientEnc: string;

  /** `pending` until the channel accepted it, then `sent`; `failed` after the last retry. */
  @Column({ type: 'varchar', length: 16, default: 'pending' })
  status: 'pending' | 'sent' | 'failed';

  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
