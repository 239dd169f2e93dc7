import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Account } from './account.entity';

/**
 * A merchant (store owner), policy 2.1: the platform account id, the account name, a nickname that
 * defaults to the account name, and a mobile number (encrypted, with a keyed hash for look-ups).
 */
@Entity({ name: 'merchant' })
@Index('merchant_created_idx', ['createdAt', 'id'])
// (nickname COLLATE "C") for prefix search; created by hand in the migration, so TypeORM leaves it alone.
@Index('merchant_nickname_prefix_idx', { synchronize: false })
export class Merchant {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @ManyToOne(() => Account, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'account_id', foreignKeyConstraintName: 'merchant_account_fk' })
  account?: Account;

  @Index('merchant_account_id_uq', { unique: true })
  @Column({ name: 'account_id', type: 'bigint' })
  accountId: string;

  /** The platform (short-video app) account id, public in penalty notices (policy 4.3). */
  @Index('merchant_platform_account_id_uq', { unique: true })
  @Column({ name: 'platform_account_id', type: 'varchar', length: 32 })
  platformAccountId: string;

  @Column({ name: 'account_name', type: 'varchar', length: 64 })
  accountName: string;

  @Index('merchant_nickname_idx')
  @Column({ type: 'varchar', length: 64 })
  nickname: string;

  @Column({ name: 'mobile_enc', type: 'text' })
  mobileEnc: string;

  @Index('merchant_mobile_hash_idx')
  @Column({ name: 'mobile_hash', type: 'char', length: 64 })
  mobileHash: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
