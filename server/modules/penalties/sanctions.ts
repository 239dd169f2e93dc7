import { servicesOf } from '../services';
import type { StoreStatus } from '../stores/store.entity';
import type { Tx } from '../../core/transaction';
import { StoresRepository } from '../stores/stores.repository';
import { PenaltiesRepository, type EffectRow } from './penalties.repository';
import { PenaltyCatalogueRepository } from './penalty-catalogue.repository';
import type { Penalty } from './penalty.entity';
import { STATUS_EFFECTS } from '../../../rules/penalties/sanctions';

const SEVERITY: Record<string, number> = { suspended: 1, closed: 2 };

/**
 * Brings a store's sanction effects up to date at instant `at`, in the caller's transaction, with
 * the store row locked (so the scheduled job, the sweeper and a revocation never race):
 * - `pending` sanctions whose start has come are `applied`; `applied` ones whose end has passed
 *   are `lifted` (a revoked penalty arrives already `lifted`, passed as `revoked`);
 * - the store status becomes the most severe status an applied sanction imposes (closed over
 *   suspended); when none imposes one any more, the status from before the first of them returns.
 *   A status another active penalty still imposes is never lifted.
 * Each change is audited (as the system when run by a job).
 */
export async function syncStoreSanctions(tx: Tx, storeId: string, at: Date, revoked?: Penalty): Promise<void> {
  const store = await tx.repo(StoresRepository).lock(storeId);
  if (!store) return;
  const penalties = tx.repo(PenaltiesRepository);
  const rows = await penalties.effectRows(storeId);
  const statusRows = (r: EffectRow) => STATUS_EFFECTS[r.effect] !== undefined;
  const appliedBefore = rows.filter((r) => r.effect_state === 'applied' && statusRows(r));
  // The status the store had before penalties imposed theirs (shared by all that overlap).
  let base: string | null =
    appliedBefore[0]?.store_status_before ?? (revoked && STATUS_EFFECTS[(await tx.repo(PenaltyCatalogueRepository).sanctionById(revoked.sanctionTypeId))!.effect] ? revoked.storeStatusBefore : null);
  const hadImposed = appliedBefore.length > 0 || !!(revoked && base);
  for (const r of rows) {
    const ended = r.ends_at !== null && new Date(r.ends_at) <= at;
    if (r.effect_state === 'pending' && new Date(r.starts_at) <= at) {
      if (statusRows(r) && base === null) base = store.status;
      const next = ended ? 'lifted' : 'applied';
      await penalties.setEffect(r.id, next, statusRows(r) ? base : null);
      tx.audit({ action: 'penalty.sanctionApplied', targetType: 'Penalty', targetId: r.id, storeId, after: { effect: r.effect, ...(ended ? { liftedAtOnce: true } : {}) } });
      r.effect_state = next;
      if (ended) tx.audit({ action: 'penalty.sanctionLifted', targetType: 'Penalty', targetId: r.id, storeId, after: { effect: r.effect, reason: 'ended' } });
    } else if (r.effect_state === 'applied' && ended) {
      await penalties.setEffect(r.id, 'lifted');
      tx.audit({ action: 'penalty.sanctionLifted', targetType: 'Penalty', targetId: r.id, storeId, after: { effect: r.effect, reason: 'ended' } });
      r.effect_state = 'lifted';
    }
  }
  if (revoked) tx.audit({ action: 'penalty.sanctionLifted', targetType: 'Penalty', targetId: revoked.id, storeId, after: { reason: 'revoked' } });
  const imposed = rows
    .filter((r) => r.effect_state === 'applied' && statusRows(r))
    .map((r) => STATUS_EFFECTS[r.effect]!)
    .sort((a, b) => SEVERITY[b] - SEVERITY[a])[0];
  // A store closed before any penalty stays closed whatever a suspension says.
  const target = base === 'closed' ? 'closed' : (imposed ?? (hadImposed || base !== null ? base : null));
  if (target && target !== store.status) {
    // More severe than now: a sanction takes effect; less: one ended or was revoked (stores.machine.ts).
    const action = (SEVERITY[target] ?? 0) > (SEVERITY[store.status] ?? 0) ? 'sanction' : 'lift';
    await servicesOf(tx.ctx.app).stores.changeStatus(tx, store, action, target as StoreStatus, { audit: { action: 'store.statusBySanction' } });
  }
}
