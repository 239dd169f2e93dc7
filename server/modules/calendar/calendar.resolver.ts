import { Arg, Ctx, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { App } from '../../core/app';
import type { RequestContext } from '../../core/context';
import { Can } from '../../graphql/authorize';
import { servicesOf } from '../services';
import { SetWorkingDayOverrideInput, WorkingDayOverrideView, WorkingDayYear } from './calendar.types';

@Resolver()
export class CalendarResolver {
  constructor(private readonly app: App) {}
  private get service() {
    return servicesOf(this.app).calendar;
  }

  @Can('read', 'WorkingDayCalendar')
  @Query(() => WorkingDayYear, { description: 'The PRC working-day calendar of a year: whether data covers it, and the days set by hand.' })
  workingDayYear(@Arg('year', () => Int) year: number): Promise<WorkingDayYear> {
    return this.service.year(year);
  }

  @Can('update', 'WorkingDayCalendar')
  @Mutation(() => WorkingDayOverrideView, { description: 'Sets one day as working or not (a year the package lacks, or a correction). Audited.' })
  setWorkingDayOverride(@Ctx() ctx: RequestContext, @Arg('input') input: SetWorkingDayOverrideInput): Promise<WorkingDayOverrideView> {
    return this.service.set(ctx, input);
  }

  @Can('update', 'WorkingDayCalendar')
  @Mutation(() => Boolean, { description: 'Removes the override of one day (PRC calendar date YYYY-MM-DD). Audited.' })
  removeWorkingDayOverride(@Ctx() ctx: RequestContext, @Arg('date') date: string): Promise<boolean> {
    return this.service.remove(ctx, date);
  }
}
