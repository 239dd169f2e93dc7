import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { AccountKind, PlatformRole } from '../../core/abilities';

export type AccountStatus = 'active' | 'locked' | 'disabled';

/**
 * A sign-in identity: staff (platform roles), merchant (store owner, see `Merchant`) or sub-account
 * (an employee of one store, policy 2.3.4). Ids are bigint, exposed as decimal strings.
 */
@Entity({ name: 'account' })
export class Account {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @Column({ type: 'varchar', length: 16 })
  kind: AccountKind;

  /** Lower-cased sign-in name, unique across all kinds. */
  @Index('account_login_name_uq', { unique: true })
  @Column({ name: 'login_name', type: 'varchar', length: 64 })
  loginName: string;

  @Column({ name: 'display_name', type: 'varchar', length: 64 })
  displayName: string;

  /** argon2id hash (PHC string). */
  @Column({ name: 'password_hash', type: 'text' })
  passwordHash: string;

  @Column({ name: 'platform_roles', type: 'text', array: true, default: () => "'{}'" })
  platformRoles: PlatformRole[];

  /** `locked`: suspended by an admin (unlockable); `disabled`: deactivated (staff) or removed (sub-account). Only `active` signs in. */
  @Column({ type: 'varchar', length: 16, default: 'active' })
  status: AccountStatus;

  /** The store a sub-account works for (null for staff and merchants: a merchant's store is found through `Merchant`). */
  @Index('account_store_id_idx')
  @Column({ name: 'store_id', type: 'bigint', nullable: true })
  storeId: string | null;

  /** Encrypted mobile number (FieldCipher), for staff and sub-accounts; merchants keep theirs on `Merchant`. */
  @Column({ name: 'mobile_enc', type: 'text', nullable: true })
  mobileEnc: string | null;

  /** Set when an admin created the account (temporary password): the API refuses everything but changing it (PASSWORD_CHANGE_REQUIRED). */
  @Column({ name: 'must_change_password', type: 'boolean', default: false })
  mustChangePassword: boolean;

  @Column({ type: 'varchar', length: 8, default: 'zh-CN' })
  locale: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
