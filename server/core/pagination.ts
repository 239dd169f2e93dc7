import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { badInput } from './errors';

export interface Page<T> {
  items: T[];
  totalCount: number;
}

export interface PageRequest {
  page: number;
  perPage: number;
  sort?: { field: string; order: 'ASC' | 'DESC' };
}

/**
 * Applies sort and offset paging to a query and runs it with its count: two SQL statements per
 * page whatever its size. `sortable` maps the sort fields a list offers to SQL expressions (each
 * backed by an index); a tie-breaker on `idColumn` keeps pages stable.
 * @throws BAD_USER_INPUT `sort.field` when the field is not sortable.
 */
export async function paginate<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  req: PageRequest,
  sortable: Record<string, string>,
  dflt: { field: string; order: 'ASC' | 'DESC' },
  idColumn: string,
): Promise<Page<T>> {
  const sort = req.sort ?? dflt;
  const expr = sortable[sort.field];
  if (!expr) throw badInput(`cannot sort by "${sort.field}"; sortable: ${Object.keys(sortable).join(', ')}`, 'sort.field');
  qb.orderBy(expr, sort.order).addOrderBy(idColumn, sort.order);
  const [items, totalCount] = await Promise.all([
    qb.clone().offset((req.page - 1) * req.perPage).limit(req.perPage).getMany(),
    qb.clone().orderBy().getCount(),
  ]);
  return { items, totalCount };
}

/** The same page with each item mapped (e.g. entity -> view). */
export function mapPage<T, U>(page: Page<T>, fn: (item: T) => U): Page<U> {
  return { items: page.items.map(fn), totalCount: page.totalCount };
}
