import { Column, Entity, Index } from 'typeorm';
import { TransitionRecord } from '../../core/transition-record';

/**
 * Every action on a dispute or on one of its disclosure requests, in order (append-only): the
 * history of both machines of disputes.machine.ts.
 */
@Entity({ name: 'dispute_history' })
@Index('dispute_history_dispute_idx', ['disputeId', 'at', 'id'])
export class DisputeHistory extends TransitionRecord {
  @Column({ name: 'dispute_id', type: 'bigint' })
  disputeId: string;

  /** The disclosure request, for the disclosure machine's rows. */
  @Column({ name: 'disclosure_id', type: 'bigint', nullable: true })
  disclosureId: string | null;

  /** `dispute` or `disclosure`: which machine wrote the row. */
  @Column({ type: 'varchar', length: 16 })
  subject: 'dispute' | 'disclosure';
}
