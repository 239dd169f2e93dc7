import { defineMachine } from '../../core/state-machine';
import { StoreStatusTransition } from './store-status-transition.entity';
import { Store, STORE_STATUSES } from './store.entity';

/**
 * A store's status. Only this machine writes it: identity verification opens a store
 * (policy 2.2.1), sanctions of issued penalties suspend or close it and lift that again when they
 * end or are revoked (policy 2.3.4; which status applies is decided in penalties/sanctions.ts).
 */
export const STORE_MACHINE = defineMachine({
  name: 'store',
  subject: 'Store',
  entity: Store,
  states: STORE_STATUSES,
  actions: {
    open: { from: ['pending_verification'], to: 'open', who: 'system, when the identity verification is approved' },
    sanction: { from: ['pending_verification', 'open', 'suspended'], to: ['suspended', 'closed'], who: 'system, when an issued penalty takes effect' },
    lift: { from: ['suspended', 'closed'], to: ['pending_verification', 'open', 'suspended'], who: 'system, when sanctions end or are revoked' },
  },
  history: { entity: StoreStatusTransition, subjectKey: 'storeId' },
});
export type StoreAction = keyof typeof STORE_MACHINE.actions;
