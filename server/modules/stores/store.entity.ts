import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import { Merchant } from '../accounts/merchant.entity';

export const STORE_STATUSES = ['pending_verification', 'open', 'suspended', 'closed'] as const;
export type StoreStatus = (typeof STORE_STATUSES)[number];

/** A store, owned by one merchant. It opens only after identity verification (policy 2.2.1). */
@Entity({ name: 'store' })
@Index('store_status_created_idx', ['status', 'createdAt'])
export class Store {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @ManyToOne(() => Merchant, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'merchant_id', foreignKeyConstraintName: 'store_merchant_fk' })
  merchant?: Merchant;

  @Index('store_merchant_id_uq', { unique: true })
  @Column({ name: 'merchant_id', type: 'bigint' })
  merchantId: string;

  @Column({ type: 'varchar', length: 64 })
  name: string;

  @Column({ type: 'varchar', length: 24, default: 'pending_verification' })
  status: StoreStatus;

  @Column({ name: 'opened_at', type: 'timestamptz', nullable: true })
  openedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  /** Optimistic lock of the store machine (stores.machine.ts). */
  @VersionColumn({ name: 'row_version', default: 1 })
  rowVersion: number;
}
