import type { App } from '../../core/app';
import { now } from '../../core/clock';
import { systemContext } from '../../core/context';
import { defineQueue } from '../../core/jobs/jobs';
import { readRepo, transaction } from '../../core/transaction';
import { PenaltiesRepository } from './penalties.repository';
import { syncStoreSanctions } from './sanctions';

/** Brings one store's sanction effects up to date (scheduled at each penalty's start and end). */
export const SANCTION_SYNC_QUEUE = defineQueue<{ storeId: string }>('penalty-sanction-sync', (app, data) => runSanctionSync(app, data.storeId));
/** Every minute: catches any start or end whose scheduled job was missed. */
export const SANCTION_SWEEP_QUEUE = defineQueue<Record<string, never>>('penalty-sanction-sweep', (app) => sweepSanctions(app).then(() => undefined), {
  cron: '* * * * *',
  retryLimit: 2,
});

/** Job handler: applies due starts and ends of one store's sanctions, as the system, audited. */
export async function runSanctionSync(app: App, storeId: string): Promise<void> {
  const ctx = systemContext(app, 'job:penalty-sanction-sync');
  await transaction(ctx, (tx) => syncStoreSanctions(tx, storeId, now(app)));
}

/** Job handler: finds stores with a due start or end (partial indexes) and syncs each. Returns how many. */
export async function sweepSanctions(app: App): Promise<number> {
  const stores = await readRepo(app, PenaltiesRepository).storesWithDueEffects(now(app));
  for (const id of stores) await runSanctionSync(app, id);
  return stores.length;
}
