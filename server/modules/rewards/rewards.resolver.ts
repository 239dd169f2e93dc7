import { Arg, Args, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { App } from '../../core/app';
import type { RequestContext } from '../../core/context';
import { Can } from '../../graphql/authorize';
import { servicesOf } from '../services';
import { CreateProgrammeInput, PayoutDecisionInput, ProgrammeView, ProposeRewardInput, RewardDecisionInput, RewardFilter, RewardList, RewardListArgs, RewardTotal, RewardView } from './rewards.types';

@Resolver()
export class RewardsResolver {
  constructor(private readonly app: App) {}
  private get service() {
    return servicesOf(this.app).rewards;
  }

  @Can('read', 'RewardProgramme')
  @Query(() => [ProgrammeView], { description: 'Reward programmes with budget, approved total and what is left (integer fen).' })
  rewardProgrammes(): Promise<ProgrammeView[]> {
    return this.service.programmes();
  }

  @Can('create', 'RewardProgramme')
  @Mutation(() => ProgrammeView, { description: 'finance: adds a programme with its budget (integer fen). Audited.' })
  createRewardProgramme(@Ctx() ctx: RequestContext, @Arg('input') input: CreateProgrammeInput): Promise<ProgrammeView> {
    return this.service.createProgramme(ctx, input);
  }

  @Can('read', 'Reward')
  @Query(() => RewardList, { description: 'Rewards the actor may read (a store: its own, with finance.rewards.view). Sort fields: createdAt (default DESC), amount (numeric), id.' })
  rewards(@Ctx() ctx: RequestContext, @Args() args: RewardListArgs) {
    return this.service.list(ctx, args.filter, args);
  }

  @Can('read', 'Reward')
  @Query(() => [RewardTotal], { description: 'Count and exact sum (integer fen, summed in SQL) per status, for the same filter as `rewards`.' })
  rewardTotals(@Ctx() ctx: RequestContext, @Arg('filter', () => RewardFilter, { nullable: true }) filter?: RewardFilter): Promise<RewardTotal[]> {
    return this.service.totals(ctx, filter);
  }

  @Can('read', 'Reward')
  @Query(() => RewardView, { description: "One reward with its payout; NOT_FOUND for another store's." })
  reward(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string): Promise<RewardView> {
    return this.service.get(ctx, id);
  }

  @Can('create', 'Reward')
  @Mutation(() => RewardView, { description: 'ops_reviewer / finance: proposes a reward (integer fen, PRC-date period). Audited.' })
  proposeReward(@Ctx() ctx: RequestContext, @Arg('input') input: ProposeRewardInput): Promise<RewardView> {
    return this.service.propose(ctx, input);
  }

  @Can('approve', 'Reward')
  @Mutation(() => RewardView, {
    description:
      'ops_lead / finance by the thresholds (finance at or above the first; two different people above the second), never the proposer; within the budget. The final approval creates the payout.',
  })
  approveReward(@Ctx() ctx: RequestContext, @Arg('input') input: RewardDecisionInput): Promise<RewardView> {
    return this.service.approve(ctx, input);
  }

  @Can('approve', 'Reward')
  @Mutation(() => RewardView, { description: 'An approver (not the proposer) rejects a proposal with a reason.' })
  rejectReward(@Ctx() ctx: RequestContext, @Arg('input') input: RewardDecisionInput): Promise<RewardView> {
    return this.service.reject(ctx, input);
  }

  @Can('create', 'Reward')
  @Mutation(() => RewardView, { description: 'The proposer withdraws its proposal.' })
  cancelReward(@Ctx() ctx: RequestContext, @Arg('input') input: RewardDecisionInput): Promise<RewardView> {
    return this.service.cancel(ctx, input);
  }

  @Can('decide', 'Payout')
  @Mutation(() => RewardView, { description: 'finance: sends a failed payout again (the same business number: never paid twice).' })
  retryPayout(@Ctx() ctx: RequestContext, @Arg('input') input: PayoutDecisionInput): Promise<RewardView> {
    return this.service.retryPayout(ctx, input);
  }

  @Can('decide', 'Payout')
  @Mutation(() => RewardView, { description: 'finance: cancels a failed or held payout with a reason.' })
  cancelPayout(@Ctx() ctx: RequestContext, @Arg('input') input: PayoutDecisionInput): Promise<RewardView> {
    return this.service.cancelPayout(ctx, input);
  }
}
