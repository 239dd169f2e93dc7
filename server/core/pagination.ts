import { LRUCache } from 'lru-cache';
import type { DataSource, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { badInput } from './errors';
import { own } from '../../rules/own';
import type { SqlWhere } from './sql';

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

/**
 * How long a list's (capped) total is reused, in ms. Totals are keyed by the exact SQL and values of
 * the list's WHERE, which includes the actor's row rules, so a total is only ever reused for the
 * same rows; it may lag the truth by this long (a queue's "3,201 waiting" is a few seconds old),
 * which is what consoles of this size accept in exchange for not counting on every page turn.
 * A change committed by this process forgets them all at once.
 */
export const COUNT_TTL_MS = 3_000;
const recentCounts = new LRUCache<string, number>({ max: 2_000, ttl: COUNT_TTL_MS });

/** Forgets every reused total: called after each committed change of this process (core/transaction.ts). */
export function forgetRecentCounts(): void {
  recentCounts.clear();
}

/** Counts the query's rows, stopping after COUNT_CAP + 1. */
export function cappedCount<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>): Promise<{ totalCount: number; totalCountExact: boolean }> {
  const [sql, params] = qb
    .clone()
    .orderBy()
    .select('1')
    .limit(COUNT_CAP + 1)
    .getQueryAndParameters();
  return countCapped(qb.connection, sql, params);
}

/** As `cappedCount`, for hand-written SQL: the rows of `FROM from WHERE where`. */
export function cappedCountOf(ds: DataSource, from: string, where: SqlWhere): Promise<{ totalCount: number; totalCountExact: boolean }> {
  return countCapped(ds, cappedRowsSql(from, where), where.params);
}

/** The rows a capped count counts: at most COUNT_CAP + 1 of `FROM from WHERE where`. */
const cappedRowsSql = (from: string, where: SqlWhere) => `SELECT 1 FROM ${from} WHERE ${where.sql} LIMIT ${COUNT_CAP + 1}`;

async function countCapped(ds: DataSource, sql: string, params: unknown[]): Promise<{ totalCount: number; totalCountExact: boolean }> {
  const key = countKey(sql, params);
  let n = recentCounts.get(key);
  if (n === undefined) {
    const [row] = await ds.query(`SELECT count(*)::int AS n FROM (${sql}) capped`, params);
    n = row.n as number;
    recentCounts.set(key, n);
  }
  return { totalCount: n, totalCountExact: n <= COUNT_CAP };
}

/** Key of a count: the exact SQL and values of its WHERE (so the actor's row rules are part of it). */
const countKey = (sql: string, params: unknown[]) => `${sql}\u0000${JSON.stringify(params)}`;

/**
 * The SQL expression and direction of the requested sort: `sortable` maps the list's sort fields to
 * SQL expressions, looked up as own properties only (a field named `constructor` or `__proto__` is
 * just not sortable). @throws BAD_USER_INPUT `sort.field` when the field is not sortable.
 */
export function sortOf(req: PageRequest, sortable: Record<string, string>, dflt: { field: string; order: 'ASC' | 'DESC' }): { expr: string; dir: 'ASC' | 'DESC' } {
  const sort = req.sort ?? dflt;
  const expr = own(sortable, sort.field);
  if (!expr) throw badInput(`cannot sort by "${sort.field}"; sortable: ${Object.keys(sortable).join(', ')}`, 'sort.field');
  return { expr, dir: sort.order === 'DESC' ? 'DESC' : 'ASC' };
}

/**
 * The query sorted by a sortable field (tie-breaker `idColumn`) and cut to the requested page.
 * @throws BAD_USER_INPUT `sort.field` when the field is not sortable.
 */
export function orderedPage<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  req: PageRequest,
  sortable: Record<string, string>,
  dflt: { field: string; order: 'ASC' | 'DESC' },
  idColumn: string,
): SelectQueryBuilder<T> {
  const { expr, dir } = sortOf(req, sortable, dflt);
  return qb
    .clone()
    .orderBy(expr, dir)
    .addOrderBy(idColumn, dir)
    .offset((req.page - 1) * req.perPage)
    .limit(req.perPage);
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
  const [items, count] = await Promise.all([orderedPage(qb, req, sortable, dflt, idColumn).getMany(), cappedCount(qb)]);
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
  const [items, count] = await Promise.all([orderedPage(qb, req, sortable, dflt, idColumn).getRawMany<R>(), cappedCount(qb)]);
  return { items, ...count };
}

/** The same page with each item mapped (e.g. entity -> view). */
export function mapPage<T, U>(page: Page<T>, fn: (item: T) => U): Page<U> {
  return { items: page.items.map(fn), totalCount: page.totalCount, totalCountExact: page.totalCountExact };
}

/** The rows a one-statement list reads: `SELECT ... FROM from WHERE where`, hand-written (see core/sql.ts). */
export interface ListSource {
  /** FROM clause: the list's own table with its alias, plus any joins the WHERE needs. */
  from: string;
  where: SqlWhere;
  /** Sort fields the list offers, as SQL expressions on `from` (each backed by an index). */
  sortable: Record<string, string>;
  dflt: { field: string; order: 'ASC' | 'DESC' };
  /** Unique tie-breaker column, keeping pages stable. */
  idColumn: string;
}

/**
 * One page and its capped count in ONE SQL statement (one round trip, one plan), whatever the page
 * size or depth: a "deferred join". CTE `page` sorts and cuts the matching rows (the list's own
 * table and WHERE, served by its indexes) to the page's ids; `itemsSql` reads the page's rows
 * with whatever they join, for those ids only; CTE `total` counts the matching rows up to
 * COUNT_CAP + 1, unless the same count (same SQL, same values: the same rows for the same rules)
 * was taken less than COUNT_TTL_MS ago, so paging through a list costs the page only.
 *
 * `itemsSql` selects FROM `page` (columns `id` and `k`, the sort key) and must project
 * `page.k AS __k, page.id AS __id`; items come back in page order, without those columns.
 * @throws BAD_USER_INPUT `sort.field` when the field is not sortable.
 */
export async function pageInOneStatement<R>(ds: DataSource, list: ListSource, req: PageRequest, itemsSql: string): Promise<Page<R>> {
  const { expr, dir } = sortOf(req, list.sortable, list.dflt);
  const { from, where, idColumn } = list;
  const pageSql = `SELECT ${idColumn} AS id, ${expr} AS k FROM ${from} WHERE ${where.sql} ORDER BY ${expr} ${dir}, ${idColumn} ${dir} LIMIT ${req.perPage} OFFSET ${(req.page - 1) * req.perPage}`;
  const countSql = cappedRowsSql(from, where);
  const key = countKey(countSql, where.params);
  const known = recentCounts.get(key);
  // A known count is not selected again, nor written into the text: the statement stays the same whatever the count (prepared once).
  const sql =
    known !== undefined
      ? `WITH page AS (${pageSql}) SELECT r.* FROM (${itemsSql}) r ORDER BY r.__k ${dir}, r.__id ${dir}`
      : `WITH total AS (SELECT count(*)::int AS n FROM (${countSql}) capped), page AS (${pageSql})
    SELECT total.n AS __total, r.* FROM total LEFT JOIN LATERAL (${itemsSql}) r ON true ORDER BY r.__k ${dir}, r.__id ${dir}`;
  const rows: (Record<string, unknown> & { __total?: number; __k: unknown; __id: unknown })[] = await ds.query(sql, where.params);
  const totalCount = known ?? rows[0]?.__total ?? 0;
  if (known === undefined) recentCounts.set(key, totalCount);
  const items = rows.filter((r) => r.__id !== null).map(({ __total, __k, __id, ...item }) => item as R);
  return { items, totalCount, totalCountExact: totalCount <= COUNT_CAP };
}
