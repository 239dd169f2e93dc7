import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import { Client } from 'pg';

/**
 * Named (server-side prepared) statements for the application's repeated SQL.
 *
 * Why: on this workload PostgreSQL spends most of a short read parsing and planning it, not
 * running it (the review-queue page: ~0.2 ms to run, ~0.5 ms to plan; pgbench on the 1M-row bench
 * dataset gives 2,540 statements/s unprepared against 8,570/s prepared). A named statement is
 * parsed once per connection and its plan is reused under PostgreSQL's plan-cache rules (custom
 * plans for the first executions, a generic plan only when it is not costlier).
 *
 * Which statements: a single SELECT / WITH / INSERT / UPDATE / DELETE (no `;`, so never a
 * migration's script) once this process has sent the same text twice, up to MAX_NAMED texts per
 * process, so that one-off SQL (start-up, migrations, rare reports) never takes a slot and the
 * memory each connection spends on prepared statements stays bounded (MAX_NAMED x pool size).
 * Names are a hash of the text, so one name never stands for two texts.
 *
 * Used through pg-pool's `Client` option (server/database/data-source.ts): TypeORM and every
 * repository keep calling `query(text, values)` as before.
 */
export const MAX_NAMED = 200;

const PREPARABLE = /^\s*(SELECT|WITH|INSERT|UPDATE|DELETE)\b/i;

/** Which texts get a statement name (see above); one per process. */
export class StatementNames {
  private readonly named = new Map<string, string>();
  private readonly seen: LRUCache<string, true>;

  constructor(private readonly max = MAX_NAMED) {
    this.seen = new LRUCache<string, true>({ max: max * 10 });
  }

  /** The statement name for `text`, or undefined while it should go unprepared. */
  nameFor(text: string): string | undefined {
    const known = this.named.get(text);
    if (known !== undefined) return known;
    if (this.named.size >= this.max || text.includes(';') || !PREPARABLE.test(text)) return undefined;
    if (!this.seen.has(text)) {
      this.seen.set(text, true);
      return undefined;
    }
    this.seen.delete(text);
    const name = `mc_${createHash('sha1').update(text).digest('base64url')}`;
    this.named.set(text, name);
    return name;
  }
}

const names = new StatementNames();

/** pg's Client, sending repeated statements as named prepared statements (see StatementNames). */
export class PreparingClient extends Client {
  // pg's overloads (callback, stream and promise forms) are kept: only a plain text gets a name.
  query(config: unknown, values?: unknown, callback?: unknown): never {
    const name = typeof config === 'string' ? names.nameFor(config) : undefined;
    const query = super.query as (...args: unknown[]) => never;
    if (name === undefined) return query.call(this, config, values, callback);
    return typeof values === 'function' ? query.call(this, { name, text: config }, values) : query.call(this, { name, text: config, values }, callback);
  }
}
