import { Arg, Args, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { App } from '../../core/app';
import type { RequestContext } from '../../core/context';
import { SignedIn } from '../../graphql/authorize';
import { servicesOf } from '../services';
import { InboxArgs, NotificationList } from './notifications.types';

@Resolver()
export class NotificationsResolver {
  constructor(private readonly app: App) {}
  private get service() {
    return servicesOf(this.app).notifications;
  }

  @SignedIn()
  @Query(() => NotificationList, { description: "The actor's own inbox, newest first." })
  myNotifications(@Ctx() ctx: RequestContext, @Args() args: InboxArgs) {
    return this.service.inbox(ctx, args);
  }

  @SignedIn()
  @Query(() => Int)
  unreadNotificationCount(@Ctx() ctx: RequestContext): Promise<number> {
    return this.service.unreadCount(ctx);
  }

  @SignedIn()
  @Mutation(() => Int, { description: 'Marks own notifications read (all when ids is omitted); returns how many changed.' })
  markNotificationsRead(@Ctx() ctx: RequestContext, @Arg('ids', () => [ID], { nullable: true }) ids?: string[]): Promise<number> {
    return this.service.markRead(ctx, ids ?? null);
  }
}
