import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One step in a verification case's life: its history timeline. `internalNote` is for staff only;
 * `applicantComment` is shown to the merchant.
 */
@Entity({ name: 'verification_transition' })
@Index('verification_transition_case_idx', ['caseId', 'at', 'id'])
export class VerificationTransition {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @Column({ name: 'case_id', type: 'bigint' })
  caseId: string;

  @Column({ type: 'varchar', length: 32 })
  action: string;

  @Column({ name: 'from_status', type: 'varchar', length: 24, nullable: true })
  fromStatus: string | null;

  @Column({ name: 'to_status', type: 'varchar', length: 24 })
  toStatus: string;

  @Column({ name: 'actor_id', type: 'bigint', nullable: true })
  actorId: string | null;

  @Column({ name: 'reason_codes', type: 'text', array: true, default: () => "'{}'" })
  reasonCodes: string[];

  @Column({ name: 'applicant_comment', type: 'text', nullable: true })
  applicantComment: string | null;

  @Column({ name: 'internal_note', type: 'text', nullable: true })
  internalNote: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at: Date;
}
