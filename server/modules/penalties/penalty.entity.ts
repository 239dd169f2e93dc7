import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { Store } from '../stores/store.entity';
import { PenaltyNotice } from './penalty-notice.entity';
import { SanctionType } from './sanction-type.entity';
import { ViolationCategory } from './violation-category.entity';

export const PENALTY_STATUSES = ['draft', 'issued', 'revoked', 'cancelled'] as const;
export type PenaltyStatus = (typeof PENALTY_STATUSES)[number];
/** Where the sanction's effect on the store stands: `pending` (issued, not started), `applied`, `lifted` (ended or revoked), `none`. */
export type EffectState = 'none' | 'pending' | 'applied' | 'lifted';

/** A penalty (处罚) on a store: drafted by a reviewer, issued by a lead, appealable by the merchant. */
@Entity({ name: 'penalty' })
@Index('penalty_status_created_idx', ['status', 'createdAt', 'id'])
@Index('penalty_store_created_idx', ['storeId', 'createdAt', 'id'])
@Index('penalty_category_created_idx', ['categoryId', 'createdAt', 'id'])
@Index('penalty_effect_start_idx', ['startsAt'], { where: `effect_state = 'pending'` })
@Index('penalty_effect_end_idx', ['endsAt'], { where: `effect_state = 'applied'` })
export class Penalty {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @ManyToOne(() => Store, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'store_id', foreignKeyConstraintName: 'penalty_store_fk' })
  store?: Store;

  @Column({ name: 'store_id', type: 'bigint' })
  storeId: string;

  @ManyToOne(() => ViolationCategory, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'category_id', foreignKeyConstraintName: 'penalty_category_fk' })
  category?: ViolationCategory;

  @Column({ name: 'category_id', type: 'bigint' })
  categoryId: string;

  @Column({ type: 'text' })
  facts: string;

  @ManyToOne(() => SanctionType, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'sanction_type_id', foreignKeyConstraintName: 'penalty_sanction_type_fk' })
  sanctionType?: SanctionType;

  @Column({ name: 'sanction_type_id', type: 'bigint' })
  sanctionTypeId: string;

  /** Length of a period sanction in days (suspension, restrictions). */
  @Column({ name: 'sanction_days', type: 'integer', nullable: true })
  sanctionDays: number | null;

  @Column({ type: 'integer', default: 0 })
  points: number;

  /** Requested start (UTC); null = at issue. Set to the actual start on issue. */
  @Column({ name: 'starts_at', type: 'timestamptz', nullable: true })
  startsAt: Date | null;

  /** End of the sanction period (UTC), exclusive; null = no end (warning, points, closure). */
  @Column({ name: 'ends_at', type: 'timestamptz', nullable: true })
  endsAt: Date | null;

  @Column({ type: 'varchar', length: 16, default: 'draft' })
  status: PenaltyStatus;

  @Column({ name: 'effect_state', type: 'varchar', length: 16, default: 'none' })
  effectState: EffectState;

  /** The store status before penalties imposed theirs, restored when the last one ends. */
  @Column({ name: 'store_status_before', type: 'varchar', length: 24, nullable: true })
  storeStatusBefore: string | null;

  @Column({ name: 'drafted_by', type: 'bigint' })
  draftedBy: string;

  @Column({ name: 'issued_by', type: 'bigint', nullable: true })
  issuedBy: string | null;

  @Column({ name: 'issued_at', type: 'timestamptz', nullable: true })
  issuedAt: Date | null;

  /** PRC date of issue: the appeal window counts from the working day after it. */
  @Column({ name: 'issued_on', type: 'date', nullable: true })
  issuedOn: string | null;

  /** Last PRC date on which an appeal is accepted. */
  @Column({ name: 'appeal_deadline', type: 'date', nullable: true })
  appealDeadline: string | null;

  @Column({ name: 'appeal_count', type: 'integer', default: 0 })
  appealCount: number;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  @Column({ name: 'revoke_reason', type: 'text', nullable: true })
  revokeReason: string | null;

  @ManyToOne(() => PenaltyNotice, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'notice_id', foreignKeyConstraintName: 'penalty_notice_fk' })
  notice?: PenaltyNotice;

  @Index('penalty_notice_id_uq', { unique: true })
  @Column({ name: 'notice_id', type: 'bigint', nullable: true })
  noticeId: string | null;

  /** Optimistic lock (checked and bumped by every transition and edit; GraphQL `version`). */
  @VersionColumn({ name: 'row_version', default: 1 })
  rowVersion: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
