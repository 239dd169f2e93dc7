import type { EntityManager } from 'typeorm';
import { Store } from './store.entity';

/** Store reads and writes (status changes go through the store machine: stores.service.ts). */
export class StoresRepository {
  constructor(private readonly em: EntityManager) {}

  /** The store, locked for the rest of the transaction (`FOR UPDATE`), or null. */
  lock(id: string): Promise<Store | null> {
    return this.em.getRepository(Store).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  byId(id: string): Promise<Store | null> {
    return this.em.getRepository(Store).findOneBy({ id });
  }
}
