import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { Store } from '../stores/store.entity';

/** Lifecycle of an identity-verification case (policy 2.2.1): see verification.machine.ts. */
export const VERIFICATION_STATUSES = ['submitted', 'in_review', 'pending_second_approval', 'approved', 'resubmission_requested', 'rejected'] as const;
export type VerificationStatus = (typeof VERIFICATION_STATUSES)[number];

/** Automatic flags raised on submission; a flagged case needs a second approval by ops_lead. */
export const VERIFICATION_FLAGS = ['duplicate_id', 'minor_under_14', 'minor_under_18', 'id_expired', 'name_mismatch'] as const;
export type VerificationFlag = (typeof VERIFICATION_FLAGS)[number];

export type SubjectType = 'individual' | 'enterprise';

/**
 * One store's identity-verification case: the current submission, where it stands in review, who
 * holds it. `rowVersion` decides concurrent decisions (exactly one wins). `submittedAt` (UTC) is
 * the start of the SLA age.
 */
@Entity({ name: 'verification_case' })
@Index('verification_case_status_submitted_idx', ['status', 'submittedAt', 'id'])
@Index('verification_case_submitted_idx', ['submittedAt', 'id'])
@Index('verification_case_assignee_idx', ['assigneeId', 'status', 'submittedAt'])
@Index('verification_case_subject_idx', ['subjectType', 'status', 'submittedAt'])
@Index('verification_case_subject_submitted_idx', ['subjectType', 'submittedAt', 'id'])
@Index('verification_case_flags_idx', { synchronize: false })
// Partial index WHERE flags <> '{}' (migration 1795970000000): the flagged queue in SLA order.
@Index('verification_case_flagged_queue_idx', { synchronize: false })
export class VerificationCase {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @ManyToOne(() => Store, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'store_id', foreignKeyConstraintName: 'verification_case_store_fk' })
  store?: Store;

  @Index('verification_case_store_uq', { unique: true })
  @Column({ name: 'store_id', type: 'bigint' })
  storeId: string;

  @Column({ type: 'varchar', length: 24 })
  status: VerificationStatus;

  @Column({ name: 'subject_type', type: 'varchar', length: 12 })
  subjectType: SubjectType;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  flags: VerificationFlag[];

  @Column({ name: 'submission_id', type: 'bigint', nullable: true })
  submissionId: string | null;

  @Column({ name: 'submission_count', type: 'int', default: 0 })
  submissionCount: number;

  @Column({ name: 'submitted_at', type: 'timestamptz' })
  submittedAt: Date;

  @Column({ name: 'assignee_id', type: 'bigint', nullable: true })
  assigneeId: string | null;

  @Column({ name: 'assigned_at', type: 'timestamptz', nullable: true })
  assignedAt: Date | null;

  /** The staff member who approved first, on a flagged case awaiting the second approval. */
  @Column({ name: 'first_approver_id', type: 'bigint', nullable: true })
  firstApproverId: string | null;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  /** The last decision's reason codes and applicant-facing comment (shown to the merchant). */
  @Column({ name: 'reason_codes', type: 'text', array: true, default: () => "'{}'" })
  reasonCodes: string[];

  @Column({ name: 'applicant_comment', type: 'text', nullable: true })
  applicantComment: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn({ name: 'row_version', default: 1 })
  rowVersion: number;
}
