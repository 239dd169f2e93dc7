import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { Store } from '../stores/store.entity';

export const PAYOUT_ACCOUNT_STATUSES = ['not_set', 'active'] as const;
/** `not_set`: no account confirmed yet (a first change may be pending); `active`: payouts go to the confirmed account. */
export type PayoutAccountStatus = (typeof PAYOUT_ACCOUNT_STATUSES)[number];

/**
 * A store's Alipay payout account (issue 13, policy 2.3.5 / 2.3.6): one row per store. Only the
 * store owner sets it; a change waits as the `pending_*` columns until the owner confirms it with
 * the 6-digit code sent to the owner's mobile (only a keyed hash of the code is kept; valid 10
 * minutes, 5 attempts), then becomes the account and holds payouts until `hold_until` (24 hours,
 * account-takeover defence). The Alipay login (mainland mobile or e-mail) and the payee name are
 * personal data: FieldCipher-encrypted, masked in every view, revealed with a purpose (audited).
 * `name_matches` is the result of the last comparison of the payee name with the store's approved
 * identity (null: never checked); payouts re-check it each time (`payoutTarget`).
 */
@Entity({ name: 'payout_account' })
@Index('payout_account_store_uq', ['storeId'], { unique: true })
export class PayoutAccount {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @ManyToOne(() => Store, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'store_id', foreignKeyConstraintName: 'payout_account_store_fk' })
  store?: Store;

  @Column({ name: 'store_id', type: 'bigint' })
  storeId: string;

  @Column({ type: 'varchar', length: 16, default: 'not_set' })
  status: PayoutAccountStatus;

  /** Alipay login id (mobile or e-mail), encrypted; null until a first change is confirmed. */
  @Column({ name: 'alipay_login_enc', type: 'text', nullable: true })
  alipayLoginEnc: string | null;

  /** Payee (real) name on the Alipay account, encrypted. */
  @Column({ name: 'payee_name_enc', type: 'text', nullable: true })
  payeeNameEnc: string | null;

  /** When the current account was confirmed (UTC). */
  @Column({ name: 'activated_at', type: 'timestamptz', nullable: true })
  activatedAt: Date | null;

  /** Payouts are held until this instant (UTC): 24 hours after each confirmed change. */
  @Column({ name: 'hold_until', type: 'timestamptz', nullable: true })
  holdUntil: Date | null;

  /** Whether the payee name matched the approved identity at the last check; null: never checked. */
  @Column({ name: 'name_matches', type: 'boolean', nullable: true })
  nameMatches: boolean | null;

  @Column({ name: 'name_checked_at', type: 'timestamptz', nullable: true })
  nameCheckedAt: Date | null;

  // ---- the pending change (all null when none)

  @Column({ name: 'pending_alipay_login_enc', type: 'text', nullable: true })
  pendingAlipayLoginEnc: string | null;

  @Column({ name: 'pending_payee_name_enc', type: 'text', nullable: true })
  pendingPayeeNameEnc: string | null;

  /** HMAC (blind-index key) of `<store id>:<send number>:<code>`. */
  @Column({ name: 'pending_code_hash', type: 'char', length: 64, nullable: true })
  pendingCodeHash: string | null;

  /** When the code stops working (UTC): 10 minutes after it was sent. */
  @Column({ name: 'pending_expires_at', type: 'timestamptz', nullable: true })
  pendingExpiresAt: Date | null;

  /** Wrong codes entered for the pending change (5 void it). */
  @Column({ name: 'pending_attempts', type: 'int', default: 0 })
  pendingAttempts: number;

  @Column({ name: 'pending_requested_by', type: 'bigint', nullable: true })
  pendingRequestedBy: string | null;

  @Column({ name: 'pending_requested_at', type: 'timestamptz', nullable: true })
  pendingRequestedAt: Date | null;

  /** Codes sent in the current window (resend limit), and when the window began (UTC). */
  @Column({ name: 'code_sends', type: 'int', default: 0 })
  codeSends: number;

  @Column({ name: 'code_window_start', type: 'timestamptz', nullable: true })
  codeWindowStart: Date | null;

  @VersionColumn({ name: 'row_version', default: 1 })
  rowVersion: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
