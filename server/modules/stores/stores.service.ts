import type { App } from '../../core/app';
import { applyAction, type ApplyOptions } from '../../core/state-machine';
import type { Tx } from '../../core/transaction';
import { now } from '../../core/clock';
import { notFound } from '../../core/errors';
import { STORE_MACHINE, type StoreAction } from './stores.machine';
import type { StoreStatus } from './store.entity';
import { StoresRepository } from './stores.repository';

/** Stores: the one place a store's status changes (through STORE_MACHINE). */
export class StoresService {
  constructor(private readonly app: App) {}

  /**
   * Applies `action` to the store in the caller's transaction (the store row is locked first):
   * history row, audit event (`store.<action>` unless `opts.audit` renames it) and `transition` event.
   * `open` also stamps `openedAt`. Returns false (and changes nothing) when the store already is in
   * `to`, or when `onlyFrom` is given and the store's status is not one of them.
   * @throws NOT_FOUND when the store does not exist; CONFLICT `INVALID_TRANSITION` when the machine forbids it.
   */
  async changeStatus(tx: Tx, storeId: string, action: StoreAction, to: StoreStatus, opts: Omit<ApplyOptions<StoreStatus>, 'to' | 'storeId'> & { onlyFrom?: StoreStatus[] } = {}): Promise<boolean> {
    const store = await tx.repo(StoresRepository).lock(storeId);
    if (!store) throw notFound('Store');
    if (store.status === to || (opts.onlyFrom && !opts.onlyFrom.includes(store.status))) return false;
    const { onlyFrom: _o, ...apply } = opts;
    await applyAction(tx, STORE_MACHINE, store, action, {
      ...apply,
      to,
      storeId,
      set: { ...(action === 'open' ? { openedAt: now(this.app) } : {}), ...apply.set },
    });
    return true;
  }
}
