import { storeHold, type HoldReason } from '../../../rules/rewards/approval';
import type { App } from '../../core/app';
import { now } from '../../core/clock';
import { systemContext } from '../../core/context';
import { PayoutTimeout, type QueryResult } from '../../core/payout-provider';
import { applyAction } from '../../core/state-machine';
import { readRepo, transaction, type Tx } from '../../core/transaction';
import { notify } from '../notifications/notifications.service';
import { servicesOf } from '../services';
import type { Reward } from './reward.entity';
import { PAYOUT_QUEUE } from './rewards.jobs';
import { PAYOUT_MACHINE } from './rewards.machine';
import { rewardPaid } from './rewards.notifications';
import { RewardsRepository } from './rewards.repository';

/** A payout untouched this long while queued or sending has lost its job or its worker: the sweep sends it again. */
const STALE_SECONDS = 120;

/** The business number of a reward's payout: unique, stable, the provider's idempotency key. */
export function businessNumberOf(rewardId: string): string {
  return `RW${rewardId.padStart(14, '0')}`;
}

/** Where a payout can go now: the account (encrypted) or why it waits. */
type Target = { ok: true; alipayLoginEnc: string; payeeNameEnc: string } | { ok: false; reason: HoldReason; until?: Date };

async function targetOf(tx: Tx, storeId: string, at: Date): Promise<Target> {
  const status = await tx.repo(RewardsRepository).storeStatus(storeId);
  const hold = storeHold(status ?? '');
  if (hold) return { ok: false, reason: hold };
  return servicesOf(tx.ctx.app).payoutAccounts.payoutTarget(tx, storeId, at);
}

/** Creates the payout of a reward just approved (in the approval's transaction): queued with its job, or held with the reason. */
export async function createPayout(tx: Tx, r: Reward): Promise<void> {
  const repo = tx.repo(RewardsRepository);
  const p = await repo.insertPayout({ rewardId: r.id, storeId: r.storeId, businessNumber: businessNumberOf(r.id), amount: r.amount, status: 'queued' });
  await repo.appendHistory({ rewardId: r.id, subject: 'payout', action: 'create', toStatus: 'queued', actorAccountId: tx.ctx.actor?.accountId ?? null, actorKind: tx.ctx.actor?.kind ?? 'system' });
  await tx.enqueue(PAYOUT_QUEUE, { payoutId: p.id }, { singletonKey: `payout-${p.id}` });
}

/**
 * Job: sends one payout, exactly once.
 * 1. In a transaction: a `queued` payout whose store or account cannot be paid becomes `held`
 *    (with the reason); otherwise `sending` (committed before the call, so a crash leaves a trace).
 * 2. A payout found `sending` (its earlier answer was lost, or its worker died) is first settled by
 *    querying the provider by business number; only a `not_found` sends again (the provider is
 *    idempotent by that number too).
 * 3. The answer is recorded in a transaction: `succeeded` with the ledger row (unique per payout),
 *    the data-sharing entry (payment institution, fields sent) and the merchant's notice, or
 *    `failed` with the provider's reason (finance retries or cancels). A timeout leaves it
 *    `sending` and throws, so pg-boss retries the job, which then queries first.
 */
export async function runPayout(app: App, payoutId: string): Promise<void> {
  const ctx = systemContext(app, 'job:reward-payout');
  const started = await transaction(ctx, async (tx) => {
    const repo = tx.repo(RewardsRepository);
    const p = await repo.lockPayout(payoutId);
    if (!p || (p.status !== 'queued' && p.status !== 'sending')) return null;
    const target = await targetOf(tx, p.storeId, now(app));
    if (!target.ok) {
      if (p.status === 'queued')
        await applyAction(tx, PAYOUT_MACHINE, p, 'hold', {
          set: { holdReason: target.reason, heldUntil: target.until ?? null },
          reason: target.reason,
          storeId: p.storeId,
          history: { rewardId: p.rewardId, subject: 'payout' },
        });
      if (p.status !== 'sending') return null;
    }
    const resend = p.status === 'sending';
    if (!resend)
      await applyAction(tx, PAYOUT_MACHINE, p, 'send', { set: { holdReason: null, heldUntil: null }, storeId: p.storeId, history: { rewardId: p.rewardId, subject: 'payout' }, audit: false });
    await repo.countAttempt(p.id, null);
    return { payout: p, target: target.ok ? target : null, resend };
  });
  if (!started) return;
  const { payout: p, target, resend } = started;
  let answer: QueryResult = { status: 'not_found' };
  if (resend) answer = await app.payouts.query(p.businessNumber);
  if (answer.status === 'not_found') {
    if (!target) {
      // Never paid and no longer payable: held until it is (the sweep releases it).
      const hold = await transaction(ctx, async (tx) => {
        const locked = await tx.repo(RewardsRepository).lockPayout(p.id);
        const why = await targetOf(tx, p.storeId, now(app));
        if (locked?.status === 'sending' && !why.ok)
          await applyAction(tx, PAYOUT_MACHINE, locked, 'hold', {
            set: { holdReason: why.reason, heldUntil: why.until ?? null },
            reason: why.reason,
            storeId: p.storeId,
            history: { rewardId: p.rewardId, subject: 'payout' },
          });
      });
      return hold;
    }
    try {
      answer = await app.payouts.transfer({
        businessNumber: p.businessNumber,
        amountFen: Number(p.amount),
        payeeLogin: app.cipher.decrypt(target.alipayLoginEnc),
        payeeName: app.cipher.decrypt(target.payeeNameEnc),
      });
    } catch (e) {
      if (e instanceof PayoutTimeout) await transaction(ctx, (tx) => tx.repo(RewardsRepository).countAttempt(p.id, 'timeout: settled by a status query on the next attempt'));
      throw e;
    }
  }
  await record(app, p.id, answer);
}

/** Records the provider's answer on a payout still `sending` (a concurrent run that recorded it first wins). */
async function record(app: App, payoutId: string, answer: Exclude<QueryResult, { status: 'not_found' }>): Promise<void> {
  await transaction(systemContext(app, 'job:reward-payout'), async (tx) => {
    const repo = tx.repo(RewardsRepository);
    const p = await repo.lockPayout(payoutId);
    if (!p || p.status !== 'sending') return;
    const history = { rewardId: p.rewardId, subject: 'payout' };
    if (answer.status === 'failed') {
      await applyAction(tx, PAYOUT_MACHINE, p, 'fail', { set: { lastError: `${answer.code}: ${answer.message}`.slice(0, 200) }, reason: answer.code, storeId: p.storeId, history });
      return;
    }
    const at = now(app);
    await applyAction(tx, PAYOUT_MACHINE, p, 'succeed', {
      set: { providerRef: answer.providerRef, paidAt: at },
      storeId: p.storeId,
      history,
      audit: { after: { status: 'succeeded', amount: Number(p.amount), businessNumber: p.businessNumber } },
    });
    await repo.insertLedger({ payoutId: p.id, storeId: p.storeId, businessNumber: p.businessNumber, amount: p.amount, providerRef: answer.providerRef, at });
    const owner = await repo.ownerAccountOf(p.storeId);
    await servicesOf(app).dataSharing.record(tx, {
      recipientKey: 'alipay',
      storeId: p.storeId,
      accountId: owner ?? undefined,
      purpose: `reward payout ${p.businessNumber}`,
      legalGround: '4.1a',
      fields: ['payee_name', 'payout_account', 'amount', 'business_number'],
      cause: { kind: 'payout', id: p.id },
    });
    if (owner) await notify(tx, rewardPaid(owner, p));
  });
}

/**
 * Sweep: a held payout whose hold cleared goes back to the queue; a queued or sending payout
 * untouched for STALE_SECONDS gets its job again (its job was lost or its worker died; the job
 * settles a `sending` one by a query first). @returns how many were enqueued.
 */
export async function sweepPayouts(app: App): Promise<number> {
  const ctx = systemContext(app, 'job:reward-payout-sweep');
  let n = 0;
  for (const row of await readRepo(app, RewardsRepository).payoutsToRevisit(STALE_SECONDS, 1000)) {
    const sent = await transaction(ctx, async (tx) => {
      const repo = tx.repo(RewardsRepository);
      const p = await repo.lockPayout(row.id);
      if (!p) return false;
      if (p.status === 'held') {
        const target = await targetOf(tx, p.storeId, now(app));
        if (!target.ok) return false;
        await applyAction(tx, PAYOUT_MACHINE, p, 'release', { set: { holdReason: null, heldUntil: null }, storeId: p.storeId, history: { rewardId: p.rewardId, subject: 'payout' } });
      } else if (p.status === 'queued' || p.status === 'sending') await repo.touch(p.id);
      else return false;
      await tx.enqueue(PAYOUT_QUEUE, { payoutId: p.id }, { singletonKey: `payout-${p.id}` });
      return true;
    });
    if (sent) n++;
  }
  return n;
}
