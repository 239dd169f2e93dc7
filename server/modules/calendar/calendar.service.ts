import type { App } from '../../core/app';
import { actorOf, type RequestContext } from '../../core/context';
import { badInput } from '../../core/errors';
import { readRepo, transaction } from '../../core/transaction';
import { dateRange, inDateRange, isCalendarDate } from '../../../rules/dates';
import { loadWorkingDayCalendar } from '../../core/working-days';
import { CalendarRepository } from './calendar.repository';
import type { SetWorkingDayOverrideInput, WorkingDayOverrideView, WorkingDayYear } from './calendar.types';

/** The override table of the PRC working-day calendar (core/working-days.ts). */
export class CalendarService {
  constructor(private readonly app: App) {}

  async year(year: number): Promise<WorkingDayYear> {
    if (!Number.isInteger(year) || year < 2000 || year > 2100) throw badInput('a year between 2000 and 2100', 'year');
    const cal = await loadWorkingDayCalendar(this.app.dataSource);
    const rows = await readRepo(this.app, CalendarRepository).overridesOfYear(year);
    return { year, covered: cal.covers(year), overrides: rows.map((r) => ({ ...r, name: r.name ?? undefined })) };
  }

  /** Sets (or replaces) one day. Audited. */
  set(ctx: RequestContext, input: SetWorkingDayOverrideInput): Promise<WorkingDayOverrideView> {
    if (!isCalendarDate(input.date)) throw badInput('not a calendar date', 'input.date');
    return transaction(ctx, async (tx) => {
      const repo = tx.repo(CalendarRepository);
      const before = await repo.byDay(input.date);
      await repo.save({ day: input.date, isWorkday: input.isWorkday, name: input.name ?? null, updatedBy: actorOf(ctx).accountId });
      tx.audit({
        action: 'workingDay.set',
        targetType: 'WorkingDayOverride',
        targetId: input.date,
        before: before ? { isWorkday: before.isWorkday, name: before.name } : null,
        after: { isWorkday: input.isWorkday, name: input.name ?? null },
      });
      return { date: input.date, isWorkday: input.isWorkday, name: input.name };
    });
  }

  /** Removes one day's override (the package or the weekday rule applies again). Returns whether one existed. */
  remove(ctx: RequestContext, date: string): Promise<boolean> {
    // A scalar argument (no input class to carry @IsCalendarDate): the same rule, the same range.
    if (!isCalendarDate(date) || !inDateRange('calendar', date)) throw badInput(`must be a real date YYYY-MM-DD from ${dateRange('calendar').join(' to ')}`, 'date');
    return transaction(ctx, async (tx) => {
      const removed = await tx.repo(CalendarRepository).remove(date);
      if (removed) tx.audit({ action: 'workingDay.remove', targetType: 'WorkingDayOverride', targetId: date });
      return removed;
    });
  }
}
