import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import type { ClaimType, Resolution } from '../../../rules/disputes/disputes';
import { Store } from '../stores/store.entity';

export const DISPUTE_STATUSES = ['open', 'awaiting_merchant', 'awaiting_platform', 'escalated', 'resolved', 'closed', 'withdrawn'] as const;
export type DisputeStatus = (typeof DISPUTE_STATUSES)[number];

/**
 * A dispute (纠纷) between a buyer and a store over one after-sales case, arbitrated by the
 * platform. Opened by the after-sales integration (service account) or by support; idempotent by
 * the after-sales number. Money in integer fen; the buyer's details are personal data (encrypted
 * with the FieldCipher, masked, revealed with a purpose).
 */
@Entity({ name: 'dispute' })
@Index('dispute_after_sales_number_uq', ['afterSalesNumber'], { unique: true })
@Index('dispute_latest_message_idx', ['latestMessageAt', 'id'])
@Index('dispute_store_latest_message_idx', ['storeId', 'latestMessageAt', 'id'])
@Index('dispute_status_latest_message_idx', ['status', 'latestMessageAt', 'id'])
@Index('dispute_awaiting_due_idx', ['responseDueOn'], { where: `status = 'awaiting_merchant'` })
export class Dispute {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @ManyToOne(() => Store, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'store_id', foreignKeyConstraintName: 'dispute_store_fk' })
  store?: Store;

  @Column({ name: 'store_id', type: 'bigint' })
  storeId: string;

  @Column({ name: 'order_number', type: 'varchar', length: 64 })
  orderNumber: string;

  /** The after-sales system's case number (售后单号): the idempotency key of intake. */
  @Column({ name: 'after_sales_number', type: 'varchar', length: 64 })
  afterSalesNumber: string;

  @Column({ name: 'claim_type', type: 'varchar', length: 24 })
  claimType: ClaimType;

  /** Amount the buyer claims, integer fen (bigint, exposed as a number within the safe range). */
  @Column({ name: 'amount_claimed', type: 'bigint' })
  amountClaimed: string;

  @Column({ type: 'text' })
  description: string;

  @Column({ name: 'buyer_name_enc', type: 'text' })
  buyerNameEnc: string;

  @Column({ name: 'buyer_mobile_enc', type: 'text' })
  buyerMobileEnc: string;

  @Column({ name: 'buyer_address_enc', type: 'text', nullable: true })
  buyerAddressEnc: string | null;

  /** `intake` (the after-sales integration) or `support` (a phone or e-mail complaint). */
  @Column({ type: 'varchar', length: 16 })
  source: 'intake' | 'support';

  @Column({ name: 'opened_by', type: 'bigint' })
  openedBy: string;

  @Column({ type: 'varchar', length: 24, default: 'open' })
  status: DisputeStatus;

  /** Last PRC date on which the merchant may answer (while `awaiting_merchant`). */
  @Column({ name: 'response_due_on', type: 'date', nullable: true })
  responseDueOn: string | null;

  /** When the one-working-day reminder of the current deadline went out (null: not yet). */
  @Column({ name: 'reminded_at', type: 'timestamptz', nullable: true })
  remindedAt: Date | null;

  /** The merchant let the deadline pass: the case moved on with MISSED_DEADLINE_OUTCOME proposed. */
  @Column({ name: 'deadline_missed', type: 'boolean', default: false })
  deadlineMissed: boolean;

  /** The outcome proposed to the deciding staff (set when the deadline is missed). */
  @Column({ name: 'proposed_resolution', type: 'varchar', length: 16, nullable: true })
  proposedResolution: Resolution | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  resolution: Resolution | null;

  /** Refund decided, integer fen (the claim for a full refund, 0 when rejected). */
  @Column({ name: 'refund_amount', type: 'bigint', nullable: true })
  refundAmount: string | null;

  @Column({ name: 'resolution_reason', type: 'text', nullable: true })
  resolutionReason: string | null;

  @Column({ name: 'resolved_by', type: 'bigint', nullable: true })
  resolvedBy: string | null;

  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true })
  resolvedAt: Date | null;

  /** The support agent working the case. */
  @Column({ name: 'assignee_id', type: 'bigint', nullable: true })
  assigneeId: string | null;

  /**
   * When the latest message visible to both sides was written (the opening counts as the first):
   * kept on the row so that the list sorts by it through an index, one row per dispute.
   */
  @Column({ name: 'latest_message_at', type: 'timestamptz' })
  latestMessageAt: Date;

  /** Messages visible to both sides (internal notes are not counted). */
  @Column({ name: 'message_count', type: 'integer', default: 0 })
  messageCount: number;

  /** Optimistic lock (checked and bumped by every transition; GraphQL `version`). */
  @VersionColumn({ name: 'row_version', default: 1 })
  rowVersion: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
