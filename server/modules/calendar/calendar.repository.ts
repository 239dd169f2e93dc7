import type { EntityManager } from 'typeorm';
import { WorkingDayOverride } from './working-day-override.entity';

/** One override day: `date` a PRC calendar date `YYYY-MM-DD`. */
export interface OverrideRow {
  date: string;
  isWorkday: boolean;
  name: string | null;
}

/** Reads and writes of the working-day overrides (the calendar itself: core/working-days.ts). */
export class CalendarRepository {
  constructor(private readonly em: EntityManager) {}

  /** The overrides of one calendar year, by day. */
  async overridesOfYear(year: number): Promise<OverrideRow[]> {
    const rows: { day: string; is_workday: boolean; name: string | null }[] = await this.em.query(
      `SELECT to_char(day, 'YYYY-MM-DD') AS day, is_workday, name FROM working_day_override WHERE day >= make_date($1, 1, 1) AND day < make_date($1 + 1, 1, 1) ORDER BY day`,
      [year],
    );
    return rows.map((r) => ({ date: r.day, isWorkday: r.is_workday, name: r.name }));
  }

  byDay(day: string): Promise<WorkingDayOverride | null> {
    return this.em.getRepository(WorkingDayOverride).findOne({ where: { day } });
  }

  /** Inserts or replaces one day's override. */
  async save(row: Pick<WorkingDayOverride, 'day' | 'isWorkday' | 'name' | 'updatedBy'>): Promise<void> {
    await this.em.getRepository(WorkingDayOverride).save(row);
  }

  /** @returns whether a row was removed. */
  async remove(day: string): Promise<boolean> {
    const res = await this.em.getRepository(WorkingDayOverride).delete({ day });
    return !!res.affected;
  }
}
