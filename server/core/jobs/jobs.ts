import PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import type { EntityManager } from 'typeorm';
import type { App } from '../app';
import { currentLogScope, inLogScope } from '../logger';

/** Key of the job data holding the id of the request that enqueued it (for the job's log lines). */
const ORIGIN = '_requestId';

/** A background job handler; throwing makes pg-boss retry the job (with back-off) up to the queue's limit. */
export type JobHandler<T> = (app: App, data: T, meta: { jobId: string; retryCount: number }) => Promise<void>;

/** A queue as a module declares it (`defineQueue`) and lists it in its manifest; `T` is the job data. */
export interface Queue<T = any> {
  name: string;
  handler: JobHandler<T>;
  retryLimit: number;
  batchSize: number;
  /** Periodic job (pg-boss schedule, cron syntax, minute resolution), e.g. a sweeper. */
  cron?: string;
}

const queues: Queue[] = [];

/** Declares a queue (pure: the module lists it in its manifest, the composition root installs it). */
export function defineQueue<T>(name: string, handler: JobHandler<T>, opts: { retryLimit?: number; batchSize?: number; cron?: string } = {}): Queue<T> {
  return { name, handler, retryLimit: opts.retryLimit ?? 8, batchSize: opts.batchSize ?? 1, cron: opts.cron };
}

/** @internal the composition root installs each module's queues once; `Jobs.install`/`start` create them and start the workers. */
export function addQueues(list: readonly Queue[]): void {
  for (const q of list) if (!queues.some((x) => x.name === q.name)) queues.push(q);
}

/**
 * Background jobs on pg-boss, in the same PostgreSQL. `sendInTransaction` enqueues through the
 * caller's transaction, so a job exists if and only if the change that caused it committed: a
 * rolled-back change never sends a notification, a committed one always does.
 */
/** PostgreSQL's "the server is going away" codes (admin shutdown, crash shutdown, cannot connect now). */
const SHUTDOWN_CODES = new Set(['57P01', '57P02', '57P03']);

export class Jobs {
  private stopping = false;
  private constructor(
    private readonly boss: PgBoss,
    private readonly log: Logger,
  ) {}

  /**
   * As the database owner: installs or migrates pg-boss's schema and creates every queue (each is
   * a partition table, so DDL) and the scheduler's own queue. The serving login then only uses them.
   */
  static async install(ownerUrl: string): Promise<void> {
    const boss = new PgBoss({ connectionString: ownerUrl, schema: 'pgboss', max: 2, supervise: false, schedule: false, application_name: 'merchant-console-migrate' });
    boss.on('error', () => undefined);
    await boss.start();
    try {
      for (const q of queues) await boss.createQueue(q.name, { name: q.name, retryLimit: q.retryLimit, retryDelay: 2, retryBackoff: true });
      // pg-boss's scheduler sends cron jobs through this queue (QUEUES.SEND_IT in pg-boss/src/plans.js).
      await boss.createQueue('__pgboss__send-it');
    } finally {
      await boss.stop({ graceful: false, wait: true });
    }
  }

  /** Starts pg-boss on the serving login (`migrate: false`: the schema must be installed by `install`). */
  static async start(url: string, log: Logger, opts: { workers: boolean; pollingIntervalSeconds?: number }, app: () => App): Promise<Jobs> {
    const boss = new PgBoss({ connectionString: url, schema: 'pgboss', max: 4, application_name: 'merchant-console-jobs', migrate: false });
    const jobs = new Jobs(boss, log);
    boss.on('error', (err) => jobs.onError(err));
    await boss.start();
    for (const q of queues) {
      // Periodic queues (`cron`, UTC): pg-boss keeps one schedule per queue across all replicas.
      if (q.cron) await boss.schedule(q.name, q.cron, {}, { tz: 'UTC' });
    }
    if (opts.workers) {
      for (const q of queues) {
        await boss.work(q.name, { batchSize: q.batchSize, pollingIntervalSeconds: opts.pollingIntervalSeconds ?? 1 }, async (batch) => {
          for (const job of batch) {
            const retryCount = (job as unknown as { retryCount?: number }).retryCount ?? 0;
            const { [ORIGIN]: requestId, ...data } = (job.data ?? {}) as Record<string, unknown>;
            // The job's lines carry its id and the id of the request that enqueued it.
            await inLogScope({ jobId: job.id, queue: q.name, ...(typeof requestId === 'string' ? { requestId } : {}) }, async () => {
              try {
                await q.handler(app(), data, { jobId: job.id, retryCount });
              } catch (e) {
                // The type only: a message may quote data the job handled (a mobile, a name).
                log.error({ retryCount, err: { type: (e as Error)?.constructor?.name } }, 'job failed');
                throw e;
              }
            });
          }
        });
      }
    }
    return jobs;
  }

  /**
   * Enqueues within the transaction of `em` (an EntityManager inside `transaction`). The current
   * request id (log scope) travels with the job, so the job's log lines name the request that caused it.
   */
  async sendInTransaction<T extends object>(em: EntityManager, name: string, data: T, opts: PgBoss.SendOptions = {}): Promise<void> {
    const db: PgBoss.Db = { executeSql: async (text, values) => ({ rows: await em.query(text, values) }) };
    const requestId = currentLogScope()?.requestId;
    await this.boss.send(name, requestId ? { ...data, [ORIGIN]: requestId } : data, { ...opts, db });
  }

  /**
   * pg-boss's background errors: while stopping, or when the database itself is shutting down
   * (its connections end with 57P01 on every stop of the embedded cluster), not an error of ours:
   * debug while stopping, a warning otherwise; anything else is an error.
   */
  private onError(err: Error & { code?: string }): void {
    const shutdown = SHUTDOWN_CODES.has(err.code ?? '') || /terminating connection due to administrator command/.test(err.message);
    const entry = { err: { message: err.message, code: err.code } };
    if (this.stopping) this.log.debug(entry, 'job queue error while stopping');
    else if (shutdown) this.log.warn(entry, 'job queue: the database is shutting down');
    else this.log.error(entry, 'job queue error');
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await this.boss.stop({ graceful: true, timeout: 5000, wait: true });
    this.log.debug('job workers stopped');
  }
}
