import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { PolicyVersion } from './policy-version.entity';

/**
 * History of a policy version's lifecycle: one row per applied transition (append-only; a trigger
 * refuses UPDATE and DELETE). `actorAccountId` is null for the system (publication job).
 */
@Entity({ name: 'policy_version_transition' })
@Index('policy_version_transition_version_idx', ['versionId', 'at'])
export class PolicyVersionTransition {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @ManyToOne(() => PolicyVersion, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'version_id', foreignKeyConstraintName: 'policy_version_transition_version_fk' })
  version?: PolicyVersion;

  @Column({ name: 'version_id', type: 'bigint' })
  versionId: string;

  /** The transition applied: create, edit, submit, return, approve, schedule, publish, supersede, withdraw. */
  @Column({ type: 'varchar', length: 16 })
  action: string;

  @Column({ name: 'from_status', type: 'varchar', length: 16, nullable: true })
  fromStatus: string | null;

  @Column({ name: 'to_status', type: 'varchar', length: 16 })
  toStatus: string;

  @Column({ name: 'actor_account_id', type: 'bigint', nullable: true })
  actorAccountId: string | null;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at: Date;
}
