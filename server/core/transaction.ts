import type { EntityManager } from 'typeorm';
import { forgetRecentCounts } from './pagination';
import { appendAuditEvents, type AuditInput } from './audit/audit-writer';
import type { RequestContext } from './context';
import type { App } from './app';
import { deliver, type ConsoleEvent } from './events';
import type { Queue } from './jobs/jobs';

/** A repository class: one instance per EntityManager (a transaction's, or the pool's for reads outside one). */
export type RepositoryClass<R> = new (em: EntityManager) => R;

/**
 * One unit of work: a database transaction plus what it causes. Audit events are appended just
 * before commit (keeping the audit chain's lock short); jobs are enqueued inside the transaction,
 * so they exist exactly when the change commits.
 */
export class Tx {
  private readonly auditEvents: AuditInput[] = [];
  /** @internal delivered by `transaction` once the transaction committed. */
  readonly events: ConsoleEvent[] = [];
  private readonly repos = new Map<RepositoryClass<unknown>, unknown>();
  constructor(
    readonly em: EntityManager,
    readonly ctx: RequestContext,
  ) {}

  /** Records an audit event, written with the transaction. */
  audit(event: AuditInput): void {
    this.auditEvents.push(event);
  }

  /** The repository `cls` bound to this transaction (one instance per transaction). */
  repo<R>(cls: RepositoryClass<R>): R {
    let r = this.repos.get(cls) as R | undefined;
    if (!r) this.repos.set(cls, (r = new cls(this.em)));
    return r;
  }

  /** Announces `event` to in-process listeners once the transaction commits (never if it rolls back); see core/events.ts. */
  emit(event: ConsoleEvent): void {
    this.events.push(event);
  }

  /** Enqueues a background job in this transaction: it exists exactly when the change commits. */
  enqueue<T extends object>(queue: Queue<T>, data: T, opts?: { singletonKey?: string; startAfter?: Date }): Promise<void> {
    return this.ctx.app.jobs.sendInTransaction(this.em, queue.name, data, opts);
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
  if (done?.events.length) deliver(ctx.app, done.events);
  return result;
}

/** The repository `cls` on the connection pool, for reads outside a transaction. */
export function readRepo<R>(app: App, cls: RepositoryClass<R>): R {
  return new cls(app.dataSource.manager);
}

/**
 * Writes audit events in a transaction of their own: for refusals and failures, whose own
 * transaction (if any) rolls back.
 */
export async function auditNow(ctx: RequestContext, ...events: AuditInput[]): Promise<void> {
  await ctx.app.dataSource.transaction((em) => appendAuditEvents(em, ctx.app, ctx, events));
}
