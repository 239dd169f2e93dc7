import { Column, Entity, Index } from 'typeorm';
import { TransitionRecord } from '../../core/transition-record';

/**
 * Every action on a penalty or on one of its appeals, in order: the history of both penalty
 * machines (penalties.machine.ts), in the one history shape (append-only).
 */
@Entity({ name: 'penalty_history' })
@Index('penalty_history_penalty_idx', ['penaltyId', 'at', 'id'])
export class PenaltyHistory extends TransitionRecord {
  @Column({ name: 'penalty_id', type: 'bigint' })
  penaltyId: string;

  /** The appeal, for the appeal machine's rows. */
  @Column({ name: 'appeal_id', type: 'bigint', nullable: true })
  appealId: string | null;

  /** `penalty` or `appeal`: which machine wrote the row. */
  @Column({ type: 'varchar', length: 16 })
  subject: 'penalty' | 'appeal';
}
