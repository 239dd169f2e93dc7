import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Every transition of a penalty or of one of its appeals, in order (the module's transition history). */
@Entity({ name: 'penalty_history' })
@Index('penalty_history_penalty_idx', ['penaltyId', 'at', 'id'])
export class PenaltyHistory {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @Column({ name: 'penalty_id', type: 'bigint' })
  penaltyId: string;

  @Column({ name: 'appeal_id', type: 'bigint', nullable: true })
  appealId: string | null;

  /** `penalty` or `appeal` */
  @Column({ type: 'varchar', length: 16 })
  subject: string;

  @Column({ type: 'varchar', length: 32 })
  transition: string;

  @Column({ name: 'from_status', type: 'varchar', length: 16, nullable: true })
  fromStatus: string | null;

  @Column({ name: 'to_status', type: 'varchar', length: 16 })
  toStatus: string;

  @Column({ name: 'actor_account_id', type: 'bigint', nullable: true })
  actorAccountId: string | null;

  @Column({ name: 'actor_kind', type: 'varchar', length: 16 })
  actorKind: string;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at: Date;
}
