import { Arg, Args, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { prcDate } from '../../../rules/dates';
import type { App } from '../../core/app';
import { now } from '../../core/clock';
import type { RequestContext } from '../../core/context';
import { fieldRefusal } from '../../core/errors';
import { Can } from '../../graphql/authorize';
import { PageArgs } from '../../graphql/common.types';
import { servicesOf } from '../services';
import { RewardErrors } from './rewards.errors';
import { ImportRewardsInput, PayoutReconciliationView, ReconciliationDateArgs, RewardImportList, RewardImportView } from './rewards.import.types';
import { reconcilePayouts, reconciliationOf } from './rewards.reconciliation';

@Resolver()
export class RewardImportsResolver {
  constructor(private readonly app: App) {}
  private get service() {
    return servicesOf(this.app).rewardImports;
  }

  @Can('create', 'Reward')
  @Mutation(() => RewardImportView, {
    description:
      'ops_reviewer / finance: uploads a CSV of reward proposals; answers at once with status `validating` (poll `rewardImport`), then `imported` (rows proposed in one transaction) or `rejected` (nothing imported). The same bytes with the same option answer the existing import. Audited once per import (counts).',
  })
  importRewards(@Ctx() ctx: RequestContext, @Arg('input') input: ImportRewardsInput): Promise<RewardImportView> {
    return this.service.importRewards(ctx, input);
  }

  @Can('create', 'Reward')
  @Query(() => RewardImportView, { description: 'One CSV import with its progress and report (row, field, reason).' })
  rewardImport(@Arg('id', () => ID) id: string): Promise<RewardImportView> {
    return this.service.get(id);
  }

  @Can('create', 'Reward')
  @Query(() => RewardImportList, { description: 'CSV imports, newest first.' })
  rewardImports(@Args() args: PageArgs) {
    return this.service.list(args);
  }

  @Can('decide', 'Payout')
  @Mutation(() => PayoutReconciliationView, {
    description: "finance: reconciles a PRC date now (the payout ledger against the provider's records, by business number; integer fen) and stores the result. Audited.",
  })
  runPayoutReconciliation(@Ctx() ctx: RequestContext, @Args() args: ReconciliationDateArgs): Promise<PayoutReconciliationView> {
    if (args.date > prcDate(now(this.app))) throw fieldRefusal(RewardErrors.RECONCILIATION_DATE_AHEAD, 'date');
    return reconcilePayouts(this.app, args.date, ctx);
  }

  @Can('decide', 'Payout')
  @Query(() => PayoutReconciliationView, { nullable: true, description: 'finance: the latest reconciliation of a PRC date (null if none ran).' })
  payoutReconciliation(@Args() args: ReconciliationDateArgs): Promise<PayoutReconciliationView | null> {
    return reconciliationOf(this.app, args.date);
  }
}
