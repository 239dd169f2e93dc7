import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Store } from '../stores/store.entity';
import { DataSharingRecipient } from './data-sharing-recipient.entity';

/** What caused a share: the record of another module that sent the data. */
export const SHARE_CAUSES = ['payout', 'disclosure', 'insurance_enrolment', 'authority_request'] as const;
export type ShareCause = (typeof SHARE_CAUSES)[number];

/**
 * One share of a merchant's personal data with a third party (policy 4.1, 4.4, 2.3.5): recipient,
 * purpose, legal ground, the fields sent, the store, the time (UTC instant), the actor, and the
 * record that caused it. Append-only (trigger `history_append_only`, serving role's grants).
 */
@Entity({ name: 'data_sharing_entry' })
@Index('data_sharing_entry_store_idx', ['storeId', 'id'])
@Index('data_sharing_entry_recipient_idx', ['recipientId', 'id'])
export class DataSharingEntry {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @ManyToOne(() => DataSharingRecipient, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'recipient_id', foreignKeyConstraintName: 'data_sharing_entry_recipient_fk' })
  recipient?: DataSharingRecipient;

  @Column({ name: 'recipient_id', type: 'bigint' })
  recipientId: string;

  @ManyToOne(() => Store, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'store_id', foreignKeyConstraintName: 'data_sharing_entry_store_fk' })
  store?: Store;

  @Column({ name: 'store_id', type: 'bigint' })
  storeId: string;

  /** The account whose data was shared, when it is a person other than the store's owner. */
  @Column({ name: 'account_id', type: 'bigint', nullable: true })
  accountId: string | null;

  @Column({ type: 'varchar', length: 500 })
  purpose: string;

  /** `4.1a` ... `4.1k`, `4.4a` ... `4.4g` (rules/data-sharing/grounds.ts). */
  @Column({ name: 'legal_ground', type: 'varchar', length: 8 })
  legalGround: string;

  @Column({ type: 'text', array: true })
  fields: string[];

  @Column({ name: 'cause_kind', type: 'varchar', length: 32 })
  causeKind: ShareCause;

  @Column({ name: 'cause_id', type: 'varchar', length: 64 })
  causeId: string;

  @Column({ name: 'actor_account_id', type: 'bigint', nullable: true })
  actorAccountId: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at: Date;
}
