import { approvalOutcome, type ApprovalThresholds } from '../../../rules/rewards/approval';
import type { App } from '../../core/app';
import { now } from '../../core/clock';
import { actorOf, type RequestContext } from '../../core/context';
import { badInput, fieldRefusal, isUniqueViolation, notFound } from '../../core/errors';
import { isId } from '../../core/ids';
import type { Page, PageRequest } from '../../core/pagination';
import { applyAction } from '../../core/state-machine';
import { readRepo, transaction } from '../../core/transaction';
import { RewardErrors } from './rewards.errors';
import { PAYOUT_MACHINE, REWARD_MACHINE } from './rewards.machine';
import { createPayout } from './rewards.payouts';
import { RewardsRepository, type RewardRow } from './rewards.repository';
import type { CreateProgrammeInput, PayoutDecisionInput, ProgrammeView, ProposeRewardInput, RewardDecisionInput, RewardFilter, RewardTotal, RewardView } from './rewards.types';
import type { RewardProgramme } from './reward-programme.entity';
import { PAYOUT_QUEUE } from './rewards.jobs';

const programmeView = (g: RewardProgramme): ProgrammeView => ({
  id: g.id,
  code: g.code,
  nameZh: g.nameZh,
  nameEn: g.nameEn,
  budget: Number(g.budget),
  approvedTotal: Number(g.approvedTotal),
  remaining: Number(BigInt(g.budget) - BigInt(g.approvedTotal)),
  active: g.active,
  version: g.rowVersion,
});

function rewardView(r: RewardRow): RewardView {
  return {
    id: r.id,
    storeId: r.storeId,
    storeName: r.storeName,
    programmeCode: r.programmeCode,
    programmeNameZh: r.programmeNameZh,
    programmeNameEn: r.programmeNameEn,
    amount: Number(r.amount),
    reason: r.reason,
    periodStart: r.periodStart,
    periodEnd: r.periodEnd,
    status: r.status,
    proposedByName: r.proposedByName ?? undefined,
    firstApproverName: r.firstApproverName ?? undefined,
    approvedByName: r.approvedByName ?? undefined,
    approvedAt: r.approvedAt ?? undefined,
    decisionReason: r.decisionReason ?? undefined,
    createdAt: r.createdAt,
    version: r.rowVersion,
    payout: r.payoutId
      ? {
          id: r.payoutId,
          businessNumber: r.businessNumber!,
          status: r.payoutStatus!,
          holdReason: r.holdReason ?? undefined,
          heldUntil: r.heldUntil ?? undefined,
          attempts: r.attempts ?? 0,
          lastError: r.lastError ?? undefined,
          paidAt: r.paidAt ?? undefined,
          version: r.payoutVersion!,
        }
      : undefined,
  };
}

/**
 * Platform rewards (平台奖励, policy 2.3.6): programmes with budgets, proposals, approvals by the
 * configured thresholds (rules/rewards/approval.ts), and the payout each approval creates
 * (rewards.payouts.ts). Money in integer fen: bigint in PostgreSQL, sums in SQL, never a float.
 */
export class RewardsService {
  constructor(private readonly app: App) {}

  private get read() {
    return readRepo(this.app, RewardsRepository);
  }

  private get thresholds(): ApprovalThresholds {
    return this.app.config.rewards;
  }

  // ================================================================ programmes

  async programmes(): Promise<ProgrammeView[]> {
    return (await this.read.programmes()).map(programmeView);
  }

  /** finance: adds a programme with its budget. @throws CONFLICT `PROGRAMME_CODE_TAKEN`; BAD_USER_INPUT `input.budget`. */
  async createProgramme(ctx: RequestContext, input: CreateProgrammeInput): Promise<ProgrammeView> {
    if (input.budget <= 0) throw badInput('must be above 0 fen', 'input.budget');
    return transaction(ctx, async (tx) => {
      try {
        const g = await tx.repo(RewardsRepository).insertProgramme({ code: input.code, nameZh: input.nameZh, nameEn: input.nameEn, budget: String(input.budget), createdBy: actorOf(ctx).accountId });
        tx.audit({ action: 'rewardProgramme.create', targetType: 'RewardProgramme', targetId: g.id, after: { code: g.code, budget: input.budget } });
        return programmeView(g);
      } catch (e) {
        if (isUniqueViolation(e)) throw fieldRefusal(RewardErrors.PROGRAMME_CODE_TAKEN, 'input.code');
        throw e;
      }
    });
  }

  // ================================================================ reading

  /** @throws BAD_USER_INPUT `filter.storeId` for a store account (it sees its own). */
  async list(ctx: RequestContext, filter: RewardFilter = {}, page: PageRequest): Promise<Page<RewardView>> {
    if (actorOf(ctx).kind !== 'staff' && filter.storeId) throw badInput('only staff filter by store', 'filter.storeId');
    const res = await this.read.list(ctx.ability, filter, page);
    return { ...res, items: res.items.map(rewardView) };
  }

  /** Count and exact sum per status (integer fen, summed in SQL). */
  async totals(ctx: RequestContext, filter: RewardFilter = {}): Promise<RewardTotal[]> {
    if (actorOf(ctx).kind !== 'staff' && filter.storeId) throw badInput('only staff filter by store', 'filter.storeId');
    return (await this.read.totals(ctx.ability, filter)).map((t) => ({ status: t.status, count: t.count, amount: Number(t.amount) }));
  }

  /** @throws NOT_FOUND for another store's reward. */
  async get(ctx: RequestContext, id: string): Promise<RewardView> {
    const r = isId(id) ? await this.read.one(ctx.ability, id) : null;
    if (!r) throw notFound('Reward');
    return rewardView(r);
  }

  // ================================================================ proposing and deciding

  /**
   * ops_reviewer or finance proposes a reward. Amount integer fen above 0; period PRC dates.
   * @throws BAD_USER_INPUT `PROGRAMME_UNAVAILABLE`, `NO_SUCH_STORE`, `PERIOD_REVERSED`, `input.amount`.
   */
  async propose(ctx: RequestContext, input: ProposeRewardInput): Promise<RewardView> {
    if (input.amount <= 0) throw badInput('must be above 0 fen', 'input.amount');
    if (input.periodEnd < input.periodStart) throw fieldRefusal(RewardErrors.PERIOD_REVERSED, 'input.periodEnd');
    const actor = actorOf(ctx);
    const id = await transaction(ctx, async (tx) => {
      const repo = tx.repo(RewardsRepository);
      const g = await repo.programmeByCode(input.programmeCode);
      if (!g || !g.active) throw fieldRefusal(RewardErrors.PROGRAMME_UNAVAILABLE, 'input.programmeCode');
      if (!(await repo.storeStatus(input.storeId))) throw fieldRefusal(RewardErrors.NO_SUCH_STORE, 'input.storeId');
      const r = await repo.insertReward({
        programmeId: g.id,
        storeId: input.storeId,
        amount: String(input.amount),
        reason: input.reason,
        periodStart: input.periodStart,
        periodEnd: input.periodEnd,
        status: 'proposed',
        proposedBy: actor.accountId,
      });
      await repo.appendHistory({ rewardId: r.id, subject: 'reward', action: 'propose', toStatus: 'proposed', actorAccountId: actor.accountId, actorKind: actor.kind });
      tx.audit({ action: 'reward.propose', targetType: 'Reward', targetId: r.id, storeId: r.storeId, after: { programme: g.code, amount: input.amount } });
      return r.id;
    });
    return this.get(ctx, id);
  }

  /**
   * Approves a reward by the thresholds: a first of two approvals, or the final one, which raises
   * the programme's approved total under its row lock (never beyond the budget, whatever runs at
   * once) and creates the payout (held or queued) in the same transaction.
   * @throws FORBIDDEN `PROPOSER_CANNOT_APPROVE`, `FINANCE_REQUIRED`, `SECOND_APPROVER_REQUIRED`,
   *   `NOT_AN_APPROVER`; CONFLICT `BUDGET_EXCEEDED`, `STALE_VERSION`, `INVALID_TRANSITION`; NOT_FOUND.
   */
  async approve(ctx: RequestContext, input: RewardDecisionInput): Promise<RewardView> {
    const actor = actorOf(ctx);
    await transaction(ctx, async (tx) => {
      const repo = tx.repo(RewardsRepository);
      const r = isId(input.id) ? await repo.lockReward(input.id) : null;
      if (!r) throw notFound('Reward');
      const outcome = approvalOutcome(
        { amountFen: Number(r.amount), proposerId: r.proposedBy, firstApproverId: r.firstApproverId, approverId: actor.accountId, approverRoles: actor.roles },
        this.thresholds,
      );
      if (outcome !== 'approved' && outcome !== 'first_approval') throw RewardErrors[outcome]();
      if (outcome === 'first_approval') {
        await applyAction(tx, REWARD_MACHINE, r, 'approve', {
          expectedVersion: input.version,
          to: 'pending_second_approval',
          set: { firstApproverId: actor.accountId },
          reason: input.reason,
          storeId: r.storeId,
          history: { subject: 'reward' },
        });
        return;
      }
      const g = (await repo.lockProgramme(r.programmeId))!;
      if (BigInt(g.approvedTotal) + BigInt(r.amount) > BigInt(g.budget)) throw RewardErrors.BUDGET_EXCEEDED();
      await applyAction(tx, REWARD_MACHINE, r, 'approve', {
        expectedVersion: input.version,
        to: 'approved',
        set: { approvedBy: actor.accountId, approvedAt: now(this.app), decisionReason: input.reason ?? null },
        reason: input.reason,
        storeId: r.storeId,
        history: { subject: 'reward' },
        audit: { after: { status: 'approved', amount: Number(r.amount) } },
      });
      await repo.addApproved(g.id, r.amount);
      await createPayout(tx, r);
    });
    return this.get(ctx, input.id);
  }

  /** An approver rejects a proposal with a reason. @throws BAD_USER_INPUT `input.reason`; FORBIDDEN `PROPOSER_CANNOT_APPROVE`; CONFLICT. */
  async reject(ctx: RequestContext, input: RewardDecisionInput): Promise<RewardView> {
    if (!input.reason) throw badInput('give a reason', 'input.reason');
    await transaction(ctx, async (tx) => {
      const r = isId(input.id) ? await tx.repo(RewardsRepository).lockReward(input.id) : null;
      if (!r) throw notFound('Reward');
      if (r.proposedBy === actorOf(ctx).accountId) throw RewardErrors.PROPOSER_CANNOT_APPROVE();
      await applyAction(tx, REWARD_MACHINE, r, 'reject', {
        expectedVersion: input.version,
        set: { decisionReason: input.reason },
        reason: input.reason,
        storeId: r.storeId,
        history: { subject: 'reward' },
      });
    });
    return this.get(ctx, input.id);
  }

  /** The proposer withdraws its proposal. @throws FORBIDDEN `NOT_PROPOSER`; CONFLICT. */
  async cancel(ctx: RequestContext, input: RewardDecisionInput): Promise<RewardView> {
    await transaction(ctx, async (tx) => {
      const r = isId(input.id) ? await tx.repo(RewardsRepository).lockReward(input.id) : null;
      if (!r || !(await tx.repo(RewardsRepository).readable(ctx.ability, r.id))) throw notFound('Reward');
      if (r.proposedBy !== actorOf(ctx).accountId) throw RewardErrors.NOT_PROPOSER();
      await applyAction(tx, REWARD_MACHINE, r, 'cancel', { expectedVersion: input.version, reason: input.reason, storeId: r.storeId, history: { subject: 'reward' } });
    });
    return this.get(ctx, input.id);
  }

  // ================================================================ payouts (finance)

  /** finance: sends a failed payout again (queued, its job enqueued). @throws CONFLICT; NOT_FOUND. */
  async retryPayout(ctx: RequestContext, input: PayoutDecisionInput): Promise<RewardView> {
    const rewardId = await transaction(ctx, async (tx) => {
      const p = isId(input.id) ? await tx.repo(RewardsRepository).lockPayout(input.id) : null;
      if (!p) throw notFound('Payout');
      await applyAction(tx, PAYOUT_MACHINE, p, 'retry', {
        expectedVersion: input.version,
        set: { lastError: null },
        reason: input.reason,
        storeId: p.storeId,
        history: { rewardId: p.rewardId, subject: 'payout' },
      });
      await tx.enqueue(PAYOUT_QUEUE, { payoutId: p.id }, { singletonKey: `payout-${p.id}` });
      return p.rewardId;
    });
    return this.get(ctx, rewardId);
  }

  /** finance: cancels a failed or held payout with a reason. @throws BAD_USER_INPUT `input.reason`; CONFLICT; NOT_FOUND. */
  async cancelPayout(ctx: RequestContext, input: PayoutDecisionInput): Promise<RewardView> {
    if (!input.reason) throw badInput('give a reason', 'input.reason');
    const rewardId = await transaction(ctx, async (tx) => {
      const p = isId(input.id) ? await tx.repo(RewardsRepository).lockPayout(input.id) : null;
      if (!p) throw notFound('Payout');
      await applyAction(tx, PAYOUT_MACHINE, p, 'cancel', { expectedVersion: input.version, reason: input.reason, storeId: p.storeId, history: { rewardId: p.rewardId, subject: 'payout' } });
      return p.rewardId;
    });
    return this.get(ctx, rewardId);
  }
}
