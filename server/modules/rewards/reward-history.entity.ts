import { Column, Entity, Index } from 'typeorm';
import { TransitionRecord } from '../../core/transition-record';

/** Every action on a reward or its payout, in order (append-only): the history of both machines of rewards.machine.ts. */
@Entity({ name: 'reward_history' })
@Index('reward_history_reward_idx', ['rewardId', 'at', 'id'])
export class RewardHistory extends TransitionRecord {
  @Column({ name: 'reward_id', type: 'bigint' })
  rewardId: string;

  /** `reward` or `payout`: which machine wrote the row. */
  @Column({ type: 'varchar', length: 16 })
  subject: 'reward' | 'payout';
}
