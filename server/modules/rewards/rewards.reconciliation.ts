import { prcDate } from '../../../rules/dates';
import type { App } from '../../core/app';
import { now } from '../../core/clock';
import { systemContext, type RequestContext } from '../../core/context';
import { transaction } from '../../core/transaction';
import type { ReconciliationDifference } from './payout-reconciliation.entity';
import type { PayoutReconciliationView } from './rewards.import.types';

interface StoredRun {
  date: string;
  runAt: Date;
  ledgerCount: number;
  providerCount: number;
  differences: ReconciliationDifference[];
}

const view = (r: StoredRun): PayoutReconciliationView => ({ date: r.date, runAt: r.runAt, ledgerCount: r.ledgerCount, providerCount: r.providerCount, differences: r.differences });

/**
 * Reconciles one PRC date (对账): the payout ledger's rows of that date against the provider's
 * records of that date (`PayoutProvider.records`), matched by business number. A row on one side
 * whose business number the other side has on a neighbouring date (a transfer around midnight) is
 * no difference; otherwise `missing_at_provider` (ledger only), `missing_in_ledger` (provider
 * only) or `amount_mismatch` (integer fen differ). Stores the run (one row per date, the latest)
 * with an audit event of the counts. @returns the run.
 */
export async function reconcilePayouts(app: App, date: string, ctx: RequestContext = systemContext(app, 'job:payout-reconciliation')): Promise<PayoutReconciliationView> {
  const ledger: { businessNumber: string; amount: string }[] = await app.dataSource.query(
    `SELECT business_number AS "businessNumber", amount::text AS amount FROM payout_ledger
      WHERE at >= ($1::date::timestamp AT TIME ZONE 'Asia/Shanghai') AND at < (($1::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')`,
    [date],
  );
  const all = await app.payouts.records();
  const atProvider = new Map(all.map((r) => [r.businessNumber, r]));
  const ofDate = all.filter((r) => prcDate(new Date(r.at)) === date);
  const inLedger = new Map(ledger.map((l) => [l.businessNumber, l]));
  // Provider records of the date the ledger has on another date are not missing: look them up.
  const elsewhere = ofDate.filter((r) => !inLedger.has(r.businessNumber)).map((r) => r.businessNumber);
  const ledgerElsewhere: { businessNumber: string; amount: string }[] = elsewhere.length
    ? await app.dataSource.query(`SELECT business_number AS "businessNumber", amount::text AS amount FROM payout_ledger WHERE business_number = ANY($1::text[])`, [elsewhere])
    : [];
  const otherDays = new Map(ledgerElsewhere.map((l) => [l.businessNumber, l]));
  const differences: ReconciliationDifference[] = [];
  for (const l of ledger) {
    const p = atProvider.get(l.businessNumber);
    if (!p) differences.push({ kind: 'missing_at_provider', businessNumber: l.businessNumber, ledgerAmount: Number(l.amount), providerAmount: null });
    else if (BigInt(p.amountFen) !== BigInt(l.amount)) differences.push({ kind: 'amount_mismatch', businessNumber: l.businessNumber, ledgerAmount: Number(l.amount), providerAmount: p.amountFen });
  }
  for (const p of ofDate) {
    if (inLedger.has(p.businessNumber)) continue;
    const l = otherDays.get(p.businessNumber);
    if (!l) differences.push({ kind: 'missing_in_ledger', businessNumber: p.businessNumber, ledgerAmount: null, providerAmount: p.amountFen });
    else if (BigInt(p.amountFen) !== BigInt(l.amount)) differences.push({ kind: 'amount_mismatch', businessNumber: p.businessNumber, ledgerAmount: Number(l.amount), providerAmount: p.amountFen });
  }
  differences.sort((a, b) => (a.businessNumber < b.businessNumber ? -1 : a.businessNumber > b.businessNumber ? 1 : 0));
  const runAt = now(app);
  return transaction(ctx, async (tx) => {
    const [row] = await tx.em.query(
      `INSERT INTO payout_reconciliation (date, run_at, ledger_count, provider_count, differences) VALUES ($1, $2, $3, $4, $5::jsonb)
       ON CONFLICT (date) DO UPDATE SET run_at = EXCLUDED.run_at, ledger_count = EXCLUDED.ledger_count, provider_count = EXCLUDED.provider_count, differences = EXCLUDED.differences
       RETURNING id::text`,
      [date, runAt, ledger.length, ofDate.length, JSON.stringify(differences)],
    );
    tx.audit({
      action: 'payout.reconcile',
      targetType: 'PayoutReconciliation',
      targetId: row.id,
      after: { date, ledgerCount: ledger.length, providerCount: ofDate.length, differences: differences.length },
    });
    return view({ date, runAt, ledgerCount: ledger.length, providerCount: ofDate.length, differences });
  });
}

/** The stored reconciliation of a PRC date, if it ran. */
export async function reconciliationOf(app: App, date: string): Promise<PayoutReconciliationView | null> {
  const [r] = await app.dataSource.query(
    `SELECT to_char(date, 'YYYY-MM-DD') AS date, run_at AS "runAt", ledger_count AS "ledgerCount", provider_count AS "providerCount", differences FROM payout_reconciliation WHERE date = $1`,
    [date],
  );
  return r ? view(r) : null;
}
