import { Args, Ctx, Query, Resolver } from 'type-graphql';
import type { App } from '../../core/app';
import type { RequestContext } from '../../core/context';
import { Can } from '../../graphql/authorize';
import { servicesOf } from '../services';
import { DataRecipientView, DataSharingEntryList, DataSharingListArgs } from './data-sharing.types';

@Resolver()
export class DataSharingResolver {
  constructor(private readonly app: App) {}
  private get service() {
    return servicesOf(this.app).dataSharing;
  }

  @Can('read', 'DataSharingEntry')
  @Query(() => DataSharingEntryList, { description: "The data-sharing register, newest first (sort field: id); a merchant: its own store's entries. Policy 4.1, 4.4." })
  dataSharingEntries(@Ctx() ctx: RequestContext, @Args() args: DataSharingListArgs) {
    return this.service.search(ctx, args);
  }

  @Can('read', 'DataSharingEntry')
  @Query(() => [DataRecipientView], { description: 'The managed list of third parties that receive merchants’ data, with their minimum field sets.' })
  dataRecipients(): Promise<DataRecipientView[]> {
    return this.service.recipients();
  }
}
