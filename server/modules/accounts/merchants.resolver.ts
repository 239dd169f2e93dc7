import { Arg, Args, Ctx, ID, Query, Resolver } from 'type-graphql';
import type { App } from '../../core/app';
import type { RequestContext } from '../../core/context';
import { Can } from '../../graphql/authorize';
import { servicesOf } from '../services';
import { MerchantList, MerchantListArgs, MerchantView } from './merchants.types';

@Resolver()
export class MerchantsResolver {
  constructor(private readonly app: App) {}
  private get service() {
    return servicesOf(this.app).merchants;
  }

  @Can('read', 'Merchant')
  @Query(() => MerchantList, { description: 'Merchants the actor may read; sort fields: createdAt (default, DESC), nickname, id.' })
  merchants(@Ctx() ctx: RequestContext, @Args() args: MerchantListArgs) {
    return this.service.list(ctx, args.filter, args);
  }

  @Can('read', 'Merchant')
  @Query(() => MerchantView)
  merchant(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string): Promise<MerchantView> {
    return this.service.get(ctx, id);
  }
}
