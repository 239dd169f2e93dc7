import type { App } from '../../core/app';
import { actorOf, type RequestContext } from '../../core/context';
import { badInput } from '../../core/errors';
import { transaction } from '../../core/transaction';
import { dateRange, inDateRange, isCalendarDate } from '../../../rules/dates';
import { loadWorkingDayCalendar } from '../../core/working-days';
import { WorkingDayOverride } from './working-day-override.entity';
import type { SetWorkingDayOverrideInput, WorkingDayOverrideView, WorkingDayYear } from './calendar.types';

/** The override table of the PRC working-day calendar (core/working-days.ts). */
export class CalendarService {
  constructor(private readonly app: App) {}

  async year(year: number): Promise<WorkingDayYear> {
    if (!Number.isInteger(year) || year < 2000 || year > 2100) throw badInput('a year between 2000 and 2100', 'year');
    const cal = await loadWorkingDayCalendar(this.app.dataSource);
    const rows: { day: string; is_workday: boolean; name: string | null }[] = await this.app.dataSource.query(
      `SELECT to_char(day, 'YYYY-MM-DD') AS day, is_workday, name FROM working_day_override WHERE day >= make_date($1, 1, 1) AND day < make_date($1 + 1, 1, 1) ORDER BY day`,
      [year],
    );
    return { year, covered: cal.covers(year), overrides: rows.map((r) => ({ date: r.day, isWorkday: r.is_workday, name: r.name ?? undefined })) };
  }

  /** Sets (or replaces) one day. Audited. */
  set(ctx: RequestContext, input: SetWorkingDayOverrideInput): Promise<WorkingDayOverrideView> {
    if (!isCalendarDate(input.date)) throw badInput('not a calendar date', 'input.date');
    return transaction(ctx, async (tx) => {
      const repo = tx.em.getRepository(WorkingDayOverride);
      const before = await repo.findOne({ where: { day: input.date } });
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
      const res = await tx.em.getRepository(WorkingDayOverride).delete({ day: date });
      if (res.affected) tx.audit({ action: 'workingDay.remove', targetType: 'WorkingDayOverride', targetId: date });
      return !!res.affected;
    });
  }
}
