import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Dispute } from './dispute.entity';

export const MESSAGE_AUTHOR_KINDS = ['buyer', 'merchant', 'staff', 'system'] as const;
export type MessageAuthorKind = (typeof MESSAGE_AUTHOR_KINDS)[number];

/**
 * One message of a dispute's thread. `internal` notes are written by staff for staff and never
 * reach the merchant or the buyer (no query, field or export selects them for a non-staff actor).
 * Evidence files are uploads (purpose `dispute_evidence`) attached to the message.
 */
@Entity({ name: 'dispute_message' })
@Index('dispute_message_dispute_idx', ['disputeId', 'id'])
export class DisputeMessage {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @ManyToOne(() => Dispute, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'dispute_id', foreignKeyConstraintName: 'dispute_message_dispute_fk' })
  dispute?: Dispute;

  @Column({ name: 'dispute_id', type: 'bigint' })
  disputeId: string;

  @Column({ name: 'author_kind', type: 'varchar', length: 16 })
  authorKind: MessageAuthorKind;

  /** The account that wrote it (null for the buyer through the integration's relay and for the system). */
  @Column({ name: 'author_account_id', type: 'bigint', nullable: true })
  authorAccountId: string | null;

  @Column({ type: 'text' })
  body: string;

  @Column({ type: 'boolean', default: false })
  internal: boolean;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at: Date;
}
