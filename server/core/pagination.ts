import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { badInput } from './errors';

/**
 * One page of a list. `totalCount` is exact up to COUNT_CAP; beyond it the count stops at
 * COUNT_CAP + 1 and `totalCountExact` is false (the UI shows "10,000+"): an exact count over a
 * million rows would cost more than the page itself.
 */
export interface Page<T> {
  items: T[];
  totalCount: number;
  totalCountExact: boolean;
}

export interface PageRequest {
  page: number;
  perPage: number;
  sort?: { field: string; order: 'ASC' | 'DESC' };
}

export const COUNT_CAP = 10_000;

/** Counts the query's rows, stopping after COUNT_CAP + 1. */
export async function cappedCount<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>): Promise<{ totalCount: number; totalCountExact: boolean }> {
  const inner = qb.clone().orderBy().select('1').limit(COUNT_CAP + 1);
  const [sql, params] = inner.getQueryAndParameters();
  const [row] = await qb.connection.query(`SELECT count(*)::int AS n FROM (${sql}) capped`, params);
  return { totalCount: row.n, totalCountExact: row.n <= COUNT_CAP };
}

function ordered<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  req: PageRequest,
  sortable: Record<string, string>,
  dflt: { field: string; order: 'ASC' | 'DESC' },
  idColumn: string,
): SelectQueryBuilder<T> {
  const sort = req.sort ?? dflt;
  const expr = sortable[sort.field];
  if (!expr) throw badInput(`cannot sort by "${sort.field}"; sortable: ${Object.keys(sortable).join(', ')}`, 'sort.field');
  return qb.clone().orderBy(expr, sort.order).addOrderBy(idColumn, sort.order).offset((req.page - 1) * req.perPage).limit(req.perPage);
}

/**
 * Applies sort and offset paging to a query and runs it with its (capped) count: two SQL
 * statements per page whatever its size. `sortable` maps the sort fields a list offers to SQL
 * expressions (each backed by an index); a tie-breaker on `idColumn` keeps pages stable.
 * @throws BAD_USER_INPUT `sort.field` when the field is not sortable.
 */
export async function paginate<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  req: PageRequest,
  sortable: Record<string, string>,
  dflt: { field: string; order: 'ASC' | 'DESC' },
  idColumn: string,
): Promise<Page<T>> {
  const [items, count] = await Promise.all([ordered(qb, req, sortable, dflt, idColumn).getMany(), cappedCount(qb)]);
  return { items, ...count };
}

/** As `paginate`, for queries selecting raw columns (joins), returning raw rows. */
export async function paginateRaw<R>(
  qb: SelectQueryBuilder<ObjectLiteral>,
  req: PageRequest,
  sortable: Record<string, string>,
  dflt: { field: string; order: 'ASC' | 'DESC' },
  idColumn: string,
): Promise<Page<R>> {
  const [items, count] = await Promise.all([ordered(qb, req, sortable, dflt, idColumn).getRawMany<R>(), cappedCount(qb)]);
  return { items, ...count };
}

/** The same page with each item mapped (e.g. entity -> view). */
export function mapPage<T, U>(page: Page<T>, fn: (item: T) => U): Page<U> {
  return { items: page.items.map(fn), totalCount: page.totalCount, totalCountExact: page.totalCountExact };
}
