import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, OneToOne, PrimaryColumn } from 'typeorm';
import { Account } from '../accounts/account.entity';
import { Store } from '../stores/store.entity';

/**
 * The store side of a sub-account (子账户, policy 2.3.4): the `Account` (kind `sub_account`) signs
 * in; this row ties it to its store, keeps the keyed hash of the verified mobile (duplicate check)
 * and the invitation it came from. Removing keeps both rows (the audit log names the account):
 * the account is disabled, `removedAt` is set and its roles are withdrawn.
 */
@Entity({ name: 'sub_account' })
@Index('sub_account_store_created_idx', ['storeId', 'createdAt'])
@Index('sub_account_store_mobile_idx', ['storeId', 'mobileHash'])
export class SubAccount {
  @PrimaryColumn({ name: 'account_id', type: 'bigint' })
  accountId: string;

  @OneToOne(() => Account, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'account_id', foreignKeyConstraintName: 'sub_account_account_fk' })
  account?: Account;

  @ManyToOne(() => Store, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'store_id', foreignKeyConstraintName: 'sub_account_store_fk' })
  store?: Store;

  @Column({ name: 'store_id', type: 'bigint' })
  storeId: string;

  /** FieldCipher.blindIndex('mobile', +86...) of the verified mobile. */
  @Column({ name: 'mobile_hash', type: 'char', length: 64 })
  mobileHash: string;

  @Column({ name: 'invitation_id', type: 'uuid', nullable: true })
  invitationId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'removed_at', type: 'timestamptz', nullable: true })
  removedAt: Date | null;
}
