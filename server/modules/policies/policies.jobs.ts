import type { App } from '../../core/app';
import { systemContext } from '../../core/context';
import { defineQueue } from '../../core/jobs/jobs';
import { readRepo, transaction } from '../../core/transaction';
import { deliver } from '../notifications/notifications.jobs';
import { fanOutMessage } from './policies.notifications';
import { PoliciesRepository } from './policies.repository';
import type { PolicyFanOut } from './policy-fan-out.entity';
import { changeVersionStatus } from './policies.machine';

/**
 * The jobs of policy versions: publication and notification (policy 8.1, 8.2):
 *
 * - `policy-publish` {versionId}: enqueued when a version is scheduled, to start at `publishAt`.
 *   Publishes it if it is still scheduled and due: the version in force becomes `superseded` and
 *   the new one `published` in one transaction, which also creates the fan-out row and enqueues
 *   the fan-out job. Idempotent: a second run finds nothing to do.
 * - `policy-sweep` (every minute): publishes scheduled versions that are overdue (a lost or early
 *   job, a re-schedule) and restarts fan-outs that stopped moving (a crashed worker).
 * - `policy-fan-out` {fanOutId}: notifies every merchant account once, chunk by chunk (see
 *   `runFanOut`).
 * - `policy-sms-chunk` {link, minId, maxId}: sends the SMS copies of one chunk (material versions
 *   only), each through the exactly-once `deliver` of the notifications module.
 *
 * SMS at scale: a material change must reach merchants "prominently" (8.1), so each merchant gets
 * an inbox message and an SMS; a non-material change goes to the inbox only (no SMS: a million
 * texts for a typo fix would be noise and cost). SMS delivery rows are inserted set-based with the
 * chunk's notifications, and ONE job per chunk sends them (not one job per message), so the queue
 * holds total/chunkSize jobs, not a million.
 */
export const fanOutSettings = {
  /** Merchant accounts per chunk (one transaction each). */
  chunkSize: 5000,
  /** A fan-out not advanced for this long is restarted by the sweeper. */
  staleSeconds: 120,
};

/** Test hook: called inside each chunk's transaction after its rows are written; throwing rolls the chunk back (a crash). */
export const fanOutHooks: { afterChunk?: (chunkNo: number, fanOutId: string) => void } = {};

export const PUBLISH_QUEUE = defineQueue<{ versionId: string }>('policy-publish', async (app, data) => {
  await publishDue(app, data.versionId);
});
export const FAN_OUT_QUEUE = defineQueue<{ fanOutId: string }>('policy-fan-out', async (app, data) => {
  await runFanOut(app, data.fanOutId);
});
export const SMS_CHUNK_QUEUE = defineQueue<{ link: string; minId: string; maxId: string }>('policy-sms-chunk', async (app, data) => {
  await deliverSmsChunk(app, data);
});
export const SWEEP_QUEUE = defineQueue<Record<string, never>>(
  'policy-sweep',
  async (app) => {
    await sweep(app);
  },
  { cron: '* * * * *', retryLimit: 0 },
);

/**
 * Publishes a scheduled version whose time has come: supersedes the version in force and
 * publishes this one in one transaction, creates its fan-out and enqueues the fan-out job.
 * @returns false when there is nothing to do (not scheduled any more, or not yet due).
 */
export async function publishDue(app: App, versionId: string): Promise<boolean> {
  const ctx = systemContext(app, `policy-publish-${versionId}`);
  return transaction(ctx, async (tx) => {
    const repo = tx.repo(PoliciesRepository);
    const peek = await repo.versionById(versionId);
    if (!peek) return false;
    await repo.lockDocument(peek.documentId);
    const v = await repo.lockVersion(versionId);
    if (!v || v.status !== 'scheduled' || !v.publishAt || v.publishAt.getTime() > Date.now()) return false;
    const doc = (await repo.documentById(v.documentId))!;
    const current = await repo.lockCurrentVersion(v.documentId);
    // Audited once below, as the publication (the superseding is part of it).
    if (current) await changeVersionStatus(tx, current, 'supersede', { note: `by version ${v.versionNo}`, audit: false });
    await changeVersionStatus(tx, v, 'publish', { set: { publishedAt: new Date(), previousVersionId: current?.id ?? null }, audit: false });
    const untilAccountId = await repo.maxMerchantAccountId();
    const fanOut = await repo.createFanOut({
      versionId: v.id,
      status: 'pending',
      withSms: v.isMaterial,
      total: await repo.activeMerchantCount(untilAccountId),
      chunkSize: fanOutSettings.chunkSize,
      cursorAccountId: '0',
      untilAccountId,
    });
    await tx.enqueue(FAN_OUT_QUEUE, { fanOutId: fanOut.id });
    tx.audit({
      action: 'policy.publish',
      targetType: 'PolicyVersion',
      targetId: v.id,
      before: { status: 'scheduled', supersedes: current?.id ?? null },
      after: { status: v.status, code: doc.code, versionNo: v.versionNo, isMaterial: v.isMaterial, merchants: fanOut.total },
    });
    return true;
  });
}

/**
 * Runs a fan-out to the end, one chunk per transaction: lock the fan-out row, INSERT … SELECT the
 * next chunk of notifications (and SMS delivery rows) by account id after the cursor, move the
 * cursor, enqueue the chunk's SMS job, commit. A crash loses at most the chunk in progress (rolled
 * back, redone on resume); a committed chunk is never redone, since its cursor move committed
 * with it. Two runners of the same fan-out serialise on the row lock.
 */
export async function runFanOut(app: App, fanOutId: string): Promise<PolicyFanOut | null> {
  const ctx = systemContext(app, `policy-fan-out-${fanOutId}`);
  for (;;) {
    const finished = await transaction(ctx, async (tx) => {
      const repo = tx.repo(PoliciesRepository);
      const f = await repo.lockFanOut(fanOutId);
      if (!f || f.status === 'completed') return true;
      const v = (await repo.versionById(f.versionId))!;
      const doc = (await repo.documentById(v.documentId))!;
      const msg = fanOutMessage(doc, v);
      const r = await repo.fanOutChunk(f, msg);
      if (r.n === 0) {
        await repo.completeFanOut(f.id);
        tx.audit({ action: 'policy.fanOut.completed', targetType: 'PolicyVersion', targetId: v.id, after: { total: f.total, done: f.done, chunks: f.chunks, sms: f.withSms } });
        return true;
      }
      await repo.advanceFanOut(f.id, r.lastAccountId!, r.n);
      if (r.sms > 0) await tx.enqueue(SMS_CHUNK_QUEUE, { link: msg.link, minId: r.minId!, maxId: r.maxId! });
      fanOutHooks.afterChunk?.(f.chunks + 1, f.id);
      return false;
    });
    if (finished) return readRepo(app, PoliciesRepository).fanOutById(fanOutId);
  }
}

/** Sends the pending SMS copies of one chunk, each exactly once (delivery id = idempotency key). */
export async function deliverSmsChunk(app: App, data: { link: string; minId: string; maxId: string }): Promise<void> {
  const ids = await readRepo(app, PoliciesRepository).pendingChunkDeliveries(data.link, data.minId, data.maxId);
  for (const id of ids) await deliver(app, id);
}

/** The every-minute sweeper: overdue publications and stalled fan-outs. */
export async function sweep(app: App): Promise<{ published: number; restarted: number }> {
  const repo = readRepo(app, PoliciesRepository);
  let published = 0;
  for (const id of await repo.dueVersionIds()) if (await publishDue(app, id)) published++;
  const stalled = await repo.stalledFanOutIds(fanOutSettings.staleSeconds);
  for (const id of stalled) {
    await transaction(systemContext(app, 'policy-sweep'), (tx) => tx.enqueue(FAN_OUT_QUEUE, { fanOutId: id }));
  }
  return { published, restarted: stalled.length };
}

/**
 * Bench helper: fans a published version out to every merchant account now, in this process
 * (no job queue in between), and reports the time. Creates the fan-out row when the version has
 * none (e.g. a version published before the merchants were generated).
 */
export async function fanOutBenchmark(app: App, versionId: string, opts: { chunkSize?: number } = {}): Promise<{ total: number; done: number; chunks: number; ms: number; perSecond: number }> {
  const repo = readRepo(app, PoliciesRepository);
  let f = await repo.fanOutOf(versionId);
  if (!f) {
    const v = await repo.versionById(versionId);
    if (!v) throw new Error(`no version ${versionId}`);
    const untilAccountId = await repo.maxMerchantAccountId();
    f = await repo.createFanOut({
      versionId,
      status: 'pending',
      withSms: v.isMaterial,
      total: await repo.activeMerchantCount(untilAccountId),
      chunkSize: opts.chunkSize ?? fanOutSettings.chunkSize,
      cursorAccountId: '0',
      untilAccountId,
    });
  }
  const t0 = performance.now();
  const done = (await runFanOut(app, f.id))!;
  const ms = performance.now() - t0;
  return { total: done.total, done: done.done, chunks: done.chunks, ms: Math.round(ms), perSecond: Math.round(done.done / (ms / 1000)) };
}
