import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Account } from '../accounts/account.entity';

/**
 * An API key of a service account (an `account` of kind `service`): `Authorization: Bearer mcsk_...`
 * acts as that account with the key's scopes. Only the key's SHA-256 is stored (like session
 * tokens) and its first characters (`prefix`) to recognise it; the key itself is shown once, when
 * issued. At most one active (not revoked) key per account (partial unique index).
 */
@Entity({ name: 'api_key' })
@Index('api_key_active_uq', ['accountId'], { unique: true, where: 'revoked_at IS NULL' })
@Index('api_key_account_idx', ['accountId', 'id'])
export class ApiKey {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @ManyToOne(() => Account, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'account_id', foreignKeyConstraintName: 'api_key_account_fk' })
  account?: Account;

  /** The service account the key acts as. */
  @Column({ name: 'account_id', type: 'bigint' })
  accountId: string;

  /** The key's first characters (`mcsk_` and a few more), shown in the list; not enough to use it. */
  @Column({ type: 'varchar', length: 16 })
  prefix: string;

  /** SHA-256 (hex) of the whole key. */
  @Index('api_key_key_hash_uq', { unique: true })
  @Column({ name: 'key_hash', type: 'char', length: 64 })
  keyHash: string;

  /** Scopes from rules/service-accounts/scopes.ts. */
  @Column({ type: 'text', array: true })
  scopes: string[];

  /** The admin who issued the key. */
  @ManyToOne(() => Account, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'created_by', foreignKeyConstraintName: 'api_key_created_by_fk' })
  creator?: Account;

  @Column({ name: 'created_by', type: 'bigint' })
  createdBy: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  /** UTC instant of the last request made with the key, to the minute (updated at most once a minute). */
  @Column({ name: 'last_used_at', type: 'timestamptz', nullable: true })
  lastUsedAt: Date | null;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  @Column({ name: 'revoked_by', type: 'bigint', nullable: true })
  revokedBy: string | null;
}
