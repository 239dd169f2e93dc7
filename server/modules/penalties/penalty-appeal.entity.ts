import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import { Penalty } from './penalty.entity';

export const APPEAL_STATUSES = ['pending', 'upheld', 'revoked'] as const;
export type AppealStatus = (typeof APPEAL_STATUSES)[number];

/** A merchant's appeal (申诉) against an issued penalty, answered within 15 working days (policy 6.5). */
@Entity({ name: 'penalty_appeal' })
@Index('penalty_appeal_status_submitted_idx', ['status', 'submittedAt', 'id'])
@Index('penalty_appeal_store_submitted_idx', ['storeId', 'submittedAt', 'id'])
@Index('penalty_appeal_penalty_idx', ['penaltyId'])
@Index('penalty_appeal_one_pending_uq', ['penaltyId'], { unique: true, where: `status = 'pending'` })
export class PenaltyAppeal {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @ManyToOne(() => Penalty, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'penalty_id', foreignKeyConstraintName: 'penalty_appeal_penalty_fk' })
  penalty?: Penalty;

  @Column({ name: 'penalty_id', type: 'bigint' })
  penaltyId: string;

  @Column({ name: 'store_id', type: 'bigint' })
  storeId: string;

  @Column({ type: 'text' })
  reason: string;

  @Column({ type: 'varchar', length: 16, default: 'pending' })
  status: AppealStatus;

  @Column({ name: 'submitted_by', type: 'bigint' })
  submittedBy: string;

  @Column({ name: 'submitted_at', type: 'timestamptz' })
  submittedAt: Date;

  /** PRC date by which staff answer: 15 working days after receipt (policy 6.5). */
  @Column({ name: 'respond_by', type: 'date' })
  respondBy: string;

  @Column({ name: 'decided_by', type: 'bigint', nullable: true })
  decidedBy: string | null;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @Column({ name: 'decision_reason', type: 'text', nullable: true })
  decisionReason: string | null;

  /** Optimistic lock (checked and bumped by every transition and edit; GraphQL `version`). */
  @VersionColumn({ name: 'row_version', default: 1 })
  rowVersion: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
