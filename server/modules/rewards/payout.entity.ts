import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, OneToOne, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import type { HoldReason } from '../../../rules/rewards/approval';
import { Reward } from './reward.entity';

export const PAYOUT_STATUSES = ['held', 'queued', 'sending', 'succeeded', 'failed', 'cancelled'] as const;
export type PayoutStatus = (typeof PAYOUT_STATUSES)[number];

/**
 * The one payout (打款) of an approved reward into the store's Alipay account. Its business number
 * (商户订单号) is unique and is the provider's idempotency key: a transfer whose answer was lost is
 * settled by querying the provider by this number before any retry, so at most one transfer
 * succeeds. Amount in integer fen.
 */
@Check('payout_amount_positive', `amount > 0`)
@Entity({ name: 'payout' })
@Index('payout_reward_uq', ['rewardId'], { unique: true })
@Index('payout_business_number_uq', ['businessNumber'], { unique: true })
@Index('payout_status_idx', ['status', 'id'])
@Index('payout_store_idx', ['storeId', 'id'])
export class Payout {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @OneToOne(() => Reward, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'reward_id', foreignKeyConstraintName: 'payout_reward_fk' })
  reward?: Reward;

  @Column({ name: 'reward_id', type: 'bigint' })
  rewardId: string;

  @Column({ name: 'store_id', type: 'bigint' })
  storeId: string;

  @Column({ name: 'business_number', type: 'varchar', length: 32 })
  businessNumber: string;

  /** Integer fen. */
  @Column({ type: 'bigint' })
  amount: string;

  @Column({ type: 'varchar', length: 16 })
  status: PayoutStatus;

  @Column({ name: 'hold_reason', type: 'varchar', length: 24, nullable: true })
  holdReason: HoldReason | null;

  /** Until when a hold lasts at least (a payout-account change), UTC. */
  @Column({ name: 'held_until', type: 'timestamptz', nullable: true })
  heldUntil: Date | null;

  /** The provider's transfer id once it answered success. */
  @Column({ name: 'provider_ref', type: 'varchar', length: 64, nullable: true })
  providerRef: string | null;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ name: 'last_error', type: 'varchar', length: 200, nullable: true })
  lastError: string | null;

  @Column({ name: 'paid_at', type: 'timestamptz', nullable: true })
  paidAt: Date | null;

  @VersionColumn({ name: 'row_version', default: 1 })
  rowVersion: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
