import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import { Dispute } from './dispute.entity';

export const DISCLOSURE_STATUSES = ['requested', 'approved', 'refused', 'closed'] as const;
export type DisclosureStatus = (typeof DISCLOSURE_STATUSES)[number];

/**
 * A buyer's request to learn the merchant's identity in a dispute (policy 4.1 i), recorded by
 * support and decided by a second person. On approval the approved fields are copied, encrypted,
 * into `package_enc` and the buyer gets a one-time link (token stored hashed) opened with a code
 * sent to the buyer's mobile; the link dies after `expires_at` or `max_views` views (`closed`),
 * and the package is erased then.
 */
@Entity({ name: 'dispute_disclosure' })
@Index('dispute_disclosure_dispute_idx', ['disputeId', 'id'])
@Index('dispute_disclosure_status_idx', ['status', 'id'])
@Index('dispute_disclosure_one_pending_uq', ['disputeId'], { unique: true, where: `status = 'requested'` })
@Index('dispute_disclosure_token_uq', ['tokenHash'], { unique: true })
@Index('dispute_disclosure_open_expiry_idx', ['expiresAt'], { where: `status = 'approved'` })
export class DisputeDisclosure {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @ManyToOne(() => Dispute, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'dispute_id', foreignKeyConstraintName: 'dispute_disclosure_dispute_fk' })
  dispute?: Dispute;

  @Column({ name: 'dispute_id', type: 'bigint' })
  disputeId: string;

  @Column({ name: 'store_id', type: 'bigint' })
  storeId: string;

  /** Fields the buyer asked for (DISCLOSURE_FIELDS). */
  @Column({ name: 'requested_fields', type: 'text', array: true })
  requestedFields: string[];

  /** Fields the approver allowed: a non-empty subset of the requested ones. */
  @Column({ name: 'approved_fields', type: 'text', array: true, nullable: true })
  approvedFields: string[] | null;

  /** Policy clause the disclosure rests on (LEGAL_GROUNDS, fitting a buyer: 4.1i). */
  @Column({ name: 'legal_ground', type: 'varchar', length: 8 })
  legalGround: string;

  @Column({ type: 'text' })
  reason: string;

  @Column({ type: 'varchar', length: 16, default: 'requested' })
  status: DisclosureStatus;

  @Column({ name: 'requested_by', type: 'bigint' })
  requestedBy: string;

  @Column({ name: 'decided_by', type: 'bigint', nullable: true })
  decidedBy: string | null;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @Column({ name: 'decision_reason', type: 'text', nullable: true })
  decisionReason: string | null;

  /** SHA-256 of the buyer's link token (the token itself is only in the SMS). */
  @Column({ name: 'token_hash', type: 'char', length: 64, nullable: true })
  tokenHash: string | null;

  /** The approved fields' values at approval, as encrypted JSON; erased when the link dies. */
  @Column({ name: 'package_enc', type: 'text', nullable: true })
  packageEnc: string | null;

  /** End of the link's life (UTC). */
  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true })
  expiresAt: Date | null;

  @Column({ name: 'max_views', type: 'integer', default: 0 })
  maxViews: number;

  @Column({ name: 'view_count', type: 'integer', default: 0 })
  viewCount: number;

  /** SHA-256 (keyed) of the current one-time code and its expiry; attempts count wrong codes. */
  @Column({ name: 'code_hash', type: 'char', length: 64, nullable: true })
  codeHash: string | null;

  @Column({ name: 'code_expires_at', type: 'timestamptz', nullable: true })
  codeExpiresAt: Date | null;

  @Column({ name: 'codes_sent', type: 'integer', default: 0 })
  codesSent: number;

  @Column({ name: 'code_failures', type: 'integer', default: 0 })
  codeFailures: number;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  @VersionColumn({ name: 'row_version', default: 1 })
  rowVersion: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
