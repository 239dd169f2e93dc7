/**
 * A WHERE clause of hand-written SQL: conditions ANDed together, values bound as positional
 * parameters ($1, $2, ...) and never spliced into the text. For hot list queries, where building
 * the statement with TypeORM's query builder costs more than PostgreSQL takes to run it (about
 * 0.15 ms of server CPU per review-queue page, measured with `npm run bench`), and where the same
 * filter shape must give the same SQL text (prepared statements, database/prepared-client.ts).
 */
export class SqlWhere {
  readonly params: unknown[] = [];
  private readonly conditions: string[] = [];

  /** Binds `value` as the next parameter; returns its placeholder, e.g. `$3`. */
  param(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }

  /** ANDs a condition (bind its values with `param`). */
  and(condition: string): this {
    this.conditions.push(condition);
    return this;
  }

  /** The conditions as one SQL boolean expression (`TRUE` when there are none). */
  get sql(): string {
    return this.conditions.length ? this.conditions.map((c) => `(${c})`).join(' AND ') : 'TRUE';
  }
}

/** What runs SQL: a DataSource, an EntityManager or a QueryRunner. */
interface RunsSql {
  query(sql: string, params?: unknown[]): Promise<any>;
}

/**
 * Runs an `UPDATE` or `DELETE` (usually with `RETURNING`) and gives its returned rows and the
 * number of rows it changed. TypeORM answers these two commands with `[rows, count]`, unlike
 * SELECT and INSERT (rows only); reading one as the other silently gives `undefined`.
 */
export async function updateRows<T>(db: RunsSql, sql: string, params: unknown[]): Promise<{ rows: T[]; count: number }> {
  const [rows, count] = (await db.query(sql, params)) as [T[], number];
  return { rows, count };
}
