import type { EntityManager } from 'typeorm';
import { forgetRecentCounts } from './pagination';
import { appendAuditEvents, type AuditInput } from './audit/audit-writer';
import type { RequestContext } from './context';

/**
 * One unit of work: a database transaction plus what it causes. Audit events are appended just
 * before commit (keeping the audit chain's lock short); jobs are enqueued inside the transaction,
 * so they exist exactly when the change commits.
 */
export class Tx {
  private readonly auditEvents: AuditInput[] = [];
  /** @internal run by `transaction` once the transaction committed. */
  readonly committed: (() => void)[] = [];
  constructor(readonly em: EntityManager, readonly ctx: RequestContext) {}

  /** Records an audit event, written with the transaction. */
  audit(event: AuditInput): void {
    this.auditEvents.push(event);
  }

  /** Enqueues a background job in this transaction. */
  enqueue<T extends object>(queue: string, data: T, opts?: { singletonKey?: string; startAfter?: Date }): Promise<void> {
    return this.ctx.app.jobs.sendInTransaction(this.em, queue, data, opts);
  }

  /**
   * Serialises check-then-act on `key` (e.g. `verification-id:<hash>`): a transaction-scoped
   * advisory lock (`pg_advisory_xact_lock(hashtext(key))`) held until commit or rollback, so a
   * second transaction's check sees the first one's committed rows. Unrelated keys may share a
   * 32-bit hash; they then only wait for each other.
   */
  async lock(key: string): Promise<void> {
    await this.em.query('SELECT pg_advisory_xact_lock(hashtext($1))', [key]);
  }

  /** Runs `fn` after the transaction commits (not at all when it rolls back): e.g. dropping a cache. */
  afterCommit(fn: () => void): void {
    this.committed.push(fn);
  }

  /** @internal */
  async flush(): Promise<void> {
    await appendAuditEvents(this.em, this.ctx.app, this.ctx, this.auditEvents.splice(0));
  }
}

/** Runs `fn` in one transaction: all of its rows, audit events and jobs commit together or not at all. */
export async function transaction<T>(ctx: RequestContext, fn: (tx: Tx) => Promise<T>): Promise<T> {
  let done: Tx | undefined;
  const result = await ctx.app.dataSource.transaction(async (em) => {
    const tx = new Tx(em, ctx);
    const r = await fn(tx);
    await tx.flush();
    done = tx;
    return r;
  });
  forgetRecentCounts();
  ctx.app.changes.committedHere();
  for (const f of done?.committed ?? []) f();
  return result;
}

/**
 * Writes audit events in a transaction of their own: for refusals and failures, whose own
 * transaction (if any) rolls back.
 */
export async function auditNow(ctx: RequestContext, ...events: AuditInput[]): Promise<void> {
  await ctx.app.dataSource.transaction((em) => appendAuditEvents(em, ctx.app, ctx, events));
}
