import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { PolicyVersion } from './policy-version.entity';

export type FanOutStatus = 'pending' | 'running' | 'completed';

/**
 * The notification fan-out of one published version to every merchant account (policy 8.1),
 * processed in chunks by account id (keyset). `cursorAccountId` is the last account notified; a
 * chunk's notifications and the cursor move commit together, so a restarted job resumes after the
 * last committed chunk and nobody is notified twice. Merchants whose account id is above
 * `untilAccountId` (created after publication) are not notified: they see the version in force.
 */
@Entity({ name: 'policy_fan_out' })
@Index('policy_fan_out_status_idx', ['status', 'updatedAt'])
export class PolicyFanOut {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @ManyToOne(() => PolicyVersion, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'version_id', foreignKeyConstraintName: 'policy_fan_out_version_fk' })
  version?: PolicyVersion;

  @Index('policy_fan_out_version_uq', { unique: true })
  @Column({ name: 'version_id', type: 'bigint' })
  versionId: string;

  @Column({ type: 'varchar', length: 16, default: 'pending' })
  status: FanOutStatus;

  /** Whether an SMS copy goes out with each inbox message (material changes only). */
  @Column({ name: 'with_sms', type: 'boolean' })
  withSms: boolean;

  /** Merchant accounts to notify, counted when the fan-out was created. */
  @Column({ type: 'int' })
  total: number;

  /** Merchant accounts notified so far. */
  @Column({ type: 'int', default: 0 })
  done: number;

  @Column({ type: 'int', default: 0 })
  chunks: number;

  @Column({ name: 'chunk_size', type: 'int' })
  chunkSize: number;

  @Column({ name: 'cursor_account_id', type: 'bigint', default: 0 })
  cursorAccountId: string;

  @Column({ name: 'until_account_id', type: 'bigint' })
  untilAccountId: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt: Date | null;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt: Date | null;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}
