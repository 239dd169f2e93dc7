import type { DataSource, SelectQueryBuilder } from 'typeorm';
import { whereAccessible } from '../../core/abilities-sql';
import type { AppAbility } from '../../core/abilities';
import { paginate, type Page, type PageRequest } from '../../core/pagination';
import { Store } from '../stores/store.entity';
import { Merchant } from './merchant.entity';
import type { MerchantFilter } from './merchants.types';

export type MerchantWithStore = Merchant & { store?: Store };

/** Queries on merchants and their stores. */
export class MerchantsRepository {
  constructor(private readonly ds: DataSource) {}

  private base(ability: AppAbility): SelectQueryBuilder<Merchant> {
    const qb = this.ds.getRepository(Merchant).createQueryBuilder('m').leftJoinAndMapOne('m.store', Store, 's', 's.merchant_id = m.id');
    return whereAccessible(qb, ability, 'read', 'Merchant', { id: 'm.id' });
  }

  /** One page of the merchants the ability may read: two SQL statements whatever the page size. */
  list(ability: AppAbility, filter: MerchantFilter = {}, page: PageRequest): Promise<Page<MerchantWithStore>> {
    const qb = this.base(ability);
    if (filter.q) {
      const q = filter.q.trim();
      // Prefix search on the C-collated index merchant_nickname_prefix_idx.
      qb.andWhere(`(m.platform_account_id = :q OR m.nickname COLLATE "C" LIKE :prefix)`, { q, prefix: `${q.replace(/[%_\\]/g, '\\$&')}%` });
    }
    if (filter.storeStatus) qb.andWhere('s.status = :status', { status: filter.storeStatus });
    if (filter.createdFrom) qb.andWhere('m.created_at >= :from', { from: filter.createdFrom });
    if (filter.createdTo) qb.andWhere('m.created_at < :to', { to: filter.createdTo });
    return paginate(qb, page, { createdAt: 'm.created_at', nickname: 'm.nickname', id: 'm.id' }, { field: 'createdAt', order: 'DESC' }, 'm.id');
  }

  findOne(ability: AppAbility, id: string): Promise<MerchantWithStore | null> {
    return this.base(ability).andWhere('m.id = :id', { id }).getOne();
  }
}
