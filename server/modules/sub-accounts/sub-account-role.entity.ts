import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { StoreRole } from './store-role.entity';
import { SubAccount } from './sub-account.entity';

/** A store role held by a sub-account (several per sub-account; rights are their union). */
@Entity({ name: 'sub_account_role' })
@Index('sub_account_role_role_idx', ['roleId'])
export class SubAccountRole {
  @PrimaryColumn({ name: 'account_id', type: 'bigint' })
  accountId: string;

  @PrimaryColumn({ name: 'role_id', type: 'bigint' })
  roleId: string;

  @ManyToOne(() => SubAccount, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'account_id', foreignKeyConstraintName: 'sub_account_role_account_fk' })
  subAccount?: SubAccount;

  @ManyToOne(() => StoreRole, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'role_id', foreignKeyConstraintName: 'sub_account_role_role_fk' })
  role?: StoreRole;

  @Column({ name: 'granted_by', type: 'bigint', nullable: true })
  grantedBy: string | null;

  @CreateDateColumn({ name: 'granted_at', type: 'timestamptz' })
  grantedAt: Date;
}
