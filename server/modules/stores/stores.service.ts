import type { App } from '../../core/app';
import { applyAction, type ApplyOptions } from '../../core/state-machine';
import type { Tx } from '../../core/transaction';
import { now } from '../../core/clock';
import { notFound } from '../../core/errors';
import { STORE_MACHINE, type StoreAction } from './stores.machine';
import type { Store, StoreStatus } from './store.entity';
import { StoresRepository } from './stores.repository';

/** Stores: the one place a store's status changes (through STORE_MACHINE). */
export class StoresService {
  constructor(private readonly app: App) {}

  /**
   * Applies `action` to the store in the caller's transaction: `locked` is the row the caller already
   * locked (`StoresRepository.lock`), or its id to lock it here. Writes the
   * history row, the audit event (`store.<action>` unless `opts.audit` renames it) and `transition` event.
   * `open` also stamps `openedAt`. Returns false (and changes nothing) when the store already is in
   * `to`, or when `onlyFrom` is given and the store's status is not one of them.
   * @throws NOT_FOUND when the store does not exist; CONFLICT `INVALID_TRANSITION` when the machine forbids it.
   */
  async changeStatus(
    tx: Tx,
    locked: Store | string,
    action: StoreAction,
    to: StoreStatus,
    opts: Omit<ApplyOptions<StoreStatus>, 'to' | 'storeId'> & { onlyFrom?: StoreStatus[] } = {},
  ): Promise<boolean> {
    const store = typeof locked === 'string' ? await tx.repo(StoresRepository).lock(locked) : locked;
    if (!store) throw notFound('Store');
    const storeId = store.id;
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
