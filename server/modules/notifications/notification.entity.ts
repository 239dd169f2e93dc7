import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Notification kinds, policy 2.4. */
export const NOTIFICATION_KINDS = ['rule_change', 'feature_update', 'reward_penalty_warning', 'policy_update', 'verification_result', 'security', 'dispute'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** One message in an account's inbox, in both UI languages. */
@Entity({ name: 'notification' })
@Index('notification_account_idx', ['accountId', 'createdAt', 'id'])
@Index('notification_unread_idx', ['accountId'], { where: 'read_at IS NULL' })
export class Notification {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @Column({ name: 'account_id', type: 'bigint' })
  accountId: string;

  @Column({ type: 'varchar', length: 32 })
  kind: NotificationKind;

  @Column({ name: 'title_zh', type: 'varchar', length: 200 })
  titleZh: string;

  @Column({ name: 'title_en', type: 'varchar', length: 200 })
  titleEn: string;

  @Column({ name: 'body_zh', type: 'text' })
  bodyZh: string;

  @Column({ name: 'body_en', type: 'text' })
  bodyEn: string;

  /** An in-app route the message points to, e.g. `/policies/1`. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  link: string | null;

  @Column({ name: 'read_at', type: 'timestamptz', nullable: true })
  readAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
