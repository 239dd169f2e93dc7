import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { Store } from '../stores/store.entity';
import { RewardProgramme } from './reward-programme.entity';

export const REWARD_STATUSES = ['proposed', 'pending_second_approval', 'approved', 'rejected', 'cancelled'] as const;
export type RewardStatus = (typeof REWARD_STATUSES)[number];

/**
 * A reward (平台奖励) to a store under a programme (policy 2.3.6): proposed by ops_reviewer or
 * finance, approved by the rules of rules/rewards/approval.ts, paid once through its payout.
 * Amount in integer fen; the period is PRC calendar dates.
 */
@Check('reward_amount_positive', `amount > 0`)
@Entity({ name: 'reward' })
@Index('reward_status_created_idx', ['status', 'createdAt', 'id'])
@Index('reward_store_created_idx', ['storeId', 'createdAt', 'id'])
@Index('reward_programme_status_idx', ['programmeId', 'status'])
@Index('reward_amount_idx', ['amount', 'id'])
@Index('reward_import_row_uq', ['importId', 'importRow'], { unique: true })
export class Reward {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @ManyToOne(() => RewardProgramme, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'programme_id', foreignKeyConstraintName: 'reward_programme_fk' })
  programme?: RewardProgramme;

  @Column({ name: 'programme_id', type: 'bigint' })
  programmeId: string;

  @ManyToOne(() => Store, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'store_id', foreignKeyConstraintName: 'reward_store_fk' })
  store?: Store;

  @Column({ name: 'store_id', type: 'bigint' })
  storeId: string;

  /** Integer fen, above 0. */
  @Column({ type: 'bigint' })
  amount: string;

  @Column({ type: 'text' })
  reason: string;

  /** First and last PRC date of the period rewarded. */
  @Column({ name: 'period_start', type: 'date' })
  periodStart: string;

  @Column({ name: 'period_end', type: 'date' })
  periodEnd: string;

  @Column({ type: 'varchar', length: 24, default: 'proposed' })
  status: RewardStatus;

  @Column({ name: 'proposed_by', type: 'bigint' })
  proposedBy: string;

  @Column({ name: 'first_approver_id', type: 'bigint', nullable: true })
  firstApproverId: string | null;

  @Column({ name: 'approved_by', type: 'bigint', nullable: true })
  approvedBy: string | null;

  @Column({ name: 'approved_at', type: 'timestamptz', nullable: true })
  approvedAt: Date | null;

  @Column({ name: 'decision_reason', type: 'text', nullable: true })
  decisionReason: string | null;

  /** The CSV import that proposed it and its row number there (null for a single proposal). */
  @Column({ name: 'import_id', type: 'bigint', nullable: true })
  importId: string | null;

  @Column({ name: 'import_row', type: 'integer', nullable: true })
  importRow: number | null;

  @VersionColumn({ name: 'row_version', default: 1 })
  rowVersion: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
