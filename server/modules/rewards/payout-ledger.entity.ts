import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The payout ledger (资金流水): one append-only row per money movement the platform made (a
 * succeeded transfer), written in the transaction that records the success. Reconciliation
 * compares it with the provider's records. Amount in integer fen.
 */
@Entity({ name: 'payout_ledger' })
@Index('payout_ledger_payout_uq', ['payoutId'], { unique: true })
@Index('payout_ledger_at_idx', ['at'])
export class PayoutLedgerEntry {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @Column({ name: 'payout_id', type: 'bigint' })
  payoutId: string;

  @Column({ name: 'store_id', type: 'bigint' })
  storeId: string;

  @Column({ name: 'business_number', type: 'varchar', length: 32 })
  businessNumber: string;

  @Column({ type: 'bigint' })
  amount: string;

  @Column({ name: 'provider_ref', type: 'varchar', length: 64 })
  providerRef: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at: Date;
}
