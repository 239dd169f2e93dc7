import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const RECONCILIATION_KINDS = ['missing_in_ledger', 'missing_at_provider', 'amount_mismatch'] as const;
export type ReconciliationKind = (typeof RECONCILIATION_KINDS)[number];

/** One difference between the payout ledger and the provider's records (amounts integer fen; null where that side has none). */
export interface ReconciliationDifference {
  kind: ReconciliationKind;
  businessNumber: string;
  ledgerAmount: number | null;
  providerAmount: number | null;
}

/**
 * The reconciliation (对账) of one PRC date: the payout ledger's rows of that date against the
 * payment provider's records of that date, matched by business number. One row per date, the
 * latest run (the daily job, or finance running it again).
 */
@Entity({ name: 'payout_reconciliation' })
@Index('payout_reconciliation_date_uq', ['date'], { unique: true })
export class PayoutReconciliation {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  /** The PRC calendar date reconciled. */
  @Column({ type: 'date' })
  date: string;

  /** UTC instant of the run. */
  @Column({ name: 'run_at', type: 'timestamptz' })
  runAt: Date;

  @Column({ name: 'ledger_count', type: 'integer' })
  ledgerCount: number;

  @Column({ name: 'provider_count', type: 'integer' })
  providerCount: number;

  @Column({ type: 'jsonb' })
  differences: ReconciliationDifference[];
}
