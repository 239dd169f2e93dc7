import type { EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { whereAccessible } from '../../core/abilities-sql';
import type { AppAbility } from '../../core/abilities';
import { cappedCount, sortOf, type Page, type PageRequest } from '../../core/pagination';
import { Store } from '../stores/store.entity';
import { Merchant } from './merchant.entity';
import type { MerchantFilter } from './merchants.types';

export type MerchantWithStore = Merchant & { store?: Store };

const SORTABLE: Record<string, string> = { createdAt: 'm.created_at', nickname: 'm.nickname', id: 'm.id' };

/** Queries on merchants and their stores (EntityManager-bound: `readRepo(app, MerchantsRepository)`). */
export class MerchantsRepository {
  constructor(private readonly em: EntityManager) {}

  private withStore(): SelectQueryBuilder<Merchant> {
    return this.em.getRepository(Merchant).createQueryBuilder('m').leftJoinAndMapOne('m.store', Store, 's', 's.merchant_id = m.id');
  }

  /** Merchant ids the ability may read, narrowed by the filter; joins the store only when the filter needs it. */
  private matching(ability: AppAbility, filter: MerchantFilter): SelectQueryBuilder<ObjectLiteral> {
    const qb = this.em.createQueryBuilder().from(Merchant, 'm').select('m.id', 'id');
    whereAccessible(qb, ability, 'read', 'Merchant', { id: 'm.id' });
    if (filter.q) {
      const q = filter.q.trim();
      // Prefix search on the C-collated index merchant_nickname_prefix_idx.
      qb.andWhere(`(m.platform_account_id = :q OR m.nickname COLLATE "C" LIKE :prefix)`, { q, prefix: `${q.replace(/[%_\\]/g, '\\$&')}%` });
    }
    if (filter.storeStatus) qb.innerJoin('store', 's', 's.merchant_id = m.id').andWhere('s.status = :status', { status: filter.storeStatus });
    if (filter.createdFrom) qb.andWhere('m.created_at >= :from', { from: filter.createdFrom });
    if (filter.createdTo) qb.andWhere('m.created_at < :to', { to: filter.createdTo });
    return qb;
  }

  /**
   * One page of the merchants the ability may read: the page's ids first (offset on the merchant
   * index alone: a "deferred join"), then those rows with their stores, plus a capped count —
   * three SQL statements whatever the page size or depth.
   * @throws BAD_USER_INPUT `sort.field` for a field that is not sortable.
   */
  async list(ability: AppAbility, filter: MerchantFilter = {}, page: PageRequest): Promise<Page<MerchantWithStore>> {
    const { expr, dir } = sortOf(page, SORTABLE, { field: 'createdAt', order: 'DESC' });
    const matching = this.matching(ability, filter);
    const idsQuery = matching
      .clone()
      .orderBy(expr, dir)
      .addOrderBy('m.id', dir)
      .offset((page.page - 1) * page.perPage)
      .limit(page.perPage);
    const [idRows, count] = await Promise.all([idsQuery.getRawMany<{ id: string }>(), cappedCount(matching)]);
    const ids = idRows.map((r) => String(r.id));
    const rows = ids.length ? await this.withStore().where('m.id IN (:...ids)', { ids }).getMany() : [];
    const byId = new Map(rows.map((m) => [m.id, m]));
    return { items: ids.map((id) => byId.get(id)!).filter(Boolean), ...count };
  }

  findOne(ability: AppAbility, id: string): Promise<MerchantWithStore | null> {
    return whereAccessible(this.withStore(), ability, 'read', 'Merchant', { id: 'm.id' }).andWhere('m.id = :id', { id }).getOne();
  }
}
