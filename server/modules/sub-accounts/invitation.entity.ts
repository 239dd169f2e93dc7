import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Store } from '../stores/store.entity';

export type InvitationStatus = 'pending' | 'expired' | 'accepted' | 'cancelled' | 'locked';

/**
 * An invitation to become a sub-account (policy 2.3.4): sent to a mainland mobile number with a
 * one-time 6-digit code. Only a keyed hash of the code is kept; it expires, is single-use, and
 * allows a limited number of attempts (then the invitation is `locked`). A pending invitation past
 * its expiry is shown as `expired` (and stored so when the same mobile is invited again). The inviter's
 * confirmation of the employee's consent is recorded (`consentConfirmedAt`, `invitedBy`).
 * The random uuid id is the invitation token in the SMS link.
 */
@Entity({ name: 'sub_account_invitation' })
@Index('sub_account_invitation_store_idx', ['storeId', 'createdAt'])
@Index('sub_account_invitation_pending_uq', ['storeId', 'mobileHash'], { unique: true, where: "status = 'pending'" })
export class SubAccountInvitation {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ManyToOne(() => Store, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'store_id', foreignKeyConstraintName: 'sub_account_invitation_store_fk' })
  store?: Store;

  @Column({ name: 'store_id', type: 'bigint' })
  storeId: string;

  @Column({ name: 'mobile_enc', type: 'text' })
  mobileEnc: string;

  @Column({ name: 'mobile_hash', type: 'char', length: 64 })
  mobileHash: string;

  /** Display name the sub-account will get (e.g. "客服 小刘"). */
  @Column({ name: 'display_name', type: 'varchar', length: 64 })
  displayName: string;

  /** Store roles given on acceptance. */
  @Column({ name: 'role_ids', type: 'bigint', array: true, default: () => "'{}'" })
  roleIds: string[];

  /** HMAC (blind-index key) of `<id>:<code>`. */
  @Column({ name: 'code_hash', type: 'char', length: 64 })
  codeHash: string;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ name: 'send_count', type: 'int', default: 1 })
  sendCount: number;

  @Column({ type: 'varchar', length: 16, default: 'pending' })
  status: InvitationStatus;

  @Column({ name: 'consent_confirmed_at', type: 'timestamptz' })
  consentConfirmedAt: Date;

  @Column({ name: 'invited_by', type: 'bigint' })
  invitedBy: string;

  @Column({ name: 'accepted_account_id', type: 'bigint', nullable: true })
  acceptedAccountId: string | null;

  @Column({ name: 'accepted_at', type: 'timestamptz', nullable: true })
  acceptedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
