import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { App } from '../../core/app';
import type { RequestContext } from '../../core/context';
import { Can } from '../../graphql/authorize';
import { servicesOf } from '../services';
import { ConfirmPayoutAccountChangeInput, PayoutAccountView, RequestPayoutAccountChangeInput } from './payout-accounts.types';

@Resolver()
export class PayoutAccountsResolver {
  constructor(private readonly app: App) {}
  private get service() {
    return servicesOf(this.app).payoutAccounts;
  }

  @Can('update', 'PayoutAccount')
  @Query(() => PayoutAccountView, { description: "Store owner: its store's Alipay payout account, masked, with the hold and the name check, and a pending change" })
  myPayoutAccount(@Ctx() ctx: RequestContext): Promise<PayoutAccountView> {
    return this.service.mine(ctx);
  }

  @Can('read', 'PayoutAccount')
  @Query(() => PayoutAccountView, { description: "finance (any store) or the store owner (its own): a store's payout account, masked. NOT_FOUND for another store's." })
  payoutAccount(@Ctx() ctx: RequestContext, @Arg('storeId', () => ID) storeId: string): Promise<PayoutAccountView> {
    return this.service.ofStore(ctx, storeId);
  }

  @Can('update', 'PayoutAccount')
  @Mutation(() => PayoutAccountView, {
    description: "Store owner only: asks to set or change the payout account; a 6-digit code goes by SMS to the owner's mobile (10 minutes, 5 codes an hour). TOO_MANY_REQUESTS PAYOUT_CODE_LIMIT.",
  })
  requestPayoutAccountChange(@Ctx() ctx: RequestContext, @Arg('input') input: RequestPayoutAccountChangeInput): Promise<PayoutAccountView> {
    return this.service.requestChange(ctx, input);
  }

  @Can('update', 'PayoutAccount')
  @Mutation(() => PayoutAccountView, {
    description:
      'Store owner only: confirms the pending change with the code; payouts are then held 24 hours. BAD_USER_INPUT PAYOUT_CODE_WRONG (attemptsLeft); CONFLICT PAYOUT_CHANGE_VOIDED after 5 wrong codes, PAYOUT_CODE_EXPIRED, PAYOUT_NO_PENDING_CHANGE.',
  })
  confirmPayoutAccountChange(@Ctx() ctx: RequestContext, @Arg('input') input: ConfirmPayoutAccountChangeInput): Promise<PayoutAccountView> {
    return this.service.confirmChange(ctx, input);
  }

  @Can('update', 'PayoutAccount')
  @Mutation(() => PayoutAccountView, { description: 'Store owner only: drops the pending change. CONFLICT PAYOUT_NO_PENDING_CHANGE.' })
  cancelPayoutAccountChange(@Ctx() ctx: RequestContext): Promise<PayoutAccountView> {
    return this.service.cancelChange(ctx);
  }
}
