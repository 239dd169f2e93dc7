import type { EntityManager } from 'typeorm';
import { appendAuditEvents, type AuditInput } from './audit/audit-writer';
import type { RequestContext } from './context';

/**
 * One unit of work: a database transaction plus what it causes. Audit events are appended just
 * before commit (keeping the audit chain's lock short); jobs are enqueued inside the transaction,
 * so they exist exactly when the change commits.
 */
export class Tx {
  private readonly auditEvents: AuditInput[] = [];
  constructor(readonly em: EntityManager, readonly ctx: RequestContext) {}

  /** Records an audit event, written with the transaction. */
  audit(event: AuditInput): void {
    this.auditEvents.push(event);
  }

  /** Enqueues a background job in this transaction. */
  enqueue<T extends object>(queue: string, data: T, opts?: { singletonKey?: string; startAfter?: Date }): Promise<void> {
    return this.ctx.app.jobs.sendInTransaction(this.em, queue, data, opts);
  }

  /** @internal */
  async flush(): Promise<void> {
    await appendAuditEvents(this.em, this.ctx, this.auditEvents.splice(0));
  }
}

/** Runs `fn` in one transaction: all of its rows, audit events and jobs commit together or not at all. */
export async function transaction<T>(ctx: RequestContext, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return ctx.app.dataSource.transaction(async (em) => {
    const tx = new Tx(em, ctx);
    const result = await fn(tx);
    await tx.flush();
    return result;
  });
}

/**
 * Writes audit events in a transaction of their own: for refusals and failures, whose own
 * transaction (if any) rolls back.
 */
export async function auditNow(ctx: RequestContext, ...events: AuditInput[]): Promise<void> {
  await ctx.app.dataSource.transaction((em) => appendAuditEvents(em, ctx, events));
}
