import { createRequire } from 'node:module';
import { addCalendarDays, toUtc } from '../../rules/dates';
import { own } from '../../rules/own';

/**
 * PRC working-day calendar for deadlines (policy 6.3, 6.5, 9: "within 15 working days").
 *
 * A day is a working day when, in this order:
 *  1. the override table (`working_day_override`) says so: operators add days for years the
 *     package does not cover yet, or correct a day;
 *  2. the `chinese-days` package covers its year: statutory holidays are off, official make-up
 *     workdays (调休上班日) are on, other weekends off;
 *  3. otherwise Monday to Friday (a year nobody has entered yet; `covers(year)` tells).
 *
 * All dates are PRC calendar dates `YYYY-MM-DD`; the arithmetic is on calendar days and never
 * depends on the server's time zone.
 */

interface ChineseDaysData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}
// The package's own data file (the JS API parses dates in the server's local time zone).
const data = createRequire(__filename)('chinese-days/dist/chinese-days.json') as ChineseDaysData;
const PACKAGE_YEARS = new Set(Object.keys(data.holidays).map((d) => Number(d.slice(0, 4))));

/** One row of the override table. */
export interface WorkingDayOverride {
  /** PRC calendar date `YYYY-MM-DD`. */
  date: string;
  isWorkday: boolean;
  name?: string | null;
}

export class WorkingDayCalendar {
  private readonly overrides = new Map<string, WorkingDayOverride>();

  constructor(overrides: Iterable<WorkingDayOverride> = []) {
    for (const o of overrides) this.overrides.set(o.date, o);
  }

  /** Whether the package or the override table describes `year` (else weekends-only is assumed). */
  covers(year: number): boolean {
    return PACKAGE_YEARS.has(year) || [...this.overrides.keys()].some((d) => d.startsWith(`${year}-`));
  }

  /** Whether `date` (PRC calendar date) is a working day. */
  isWorkday(date: string): boolean {
    const o = this.overrides.get(date);
    if (o) return o.isWorkday;
    const year = Number(date.slice(0, 4));
    const weekday = toUtc(date).getUTCDay();
    const weekend = weekday === 0 || weekday === 6;
    if (PACKAGE_YEARS.has(year)) {
      if (own(data.workdays, date)) return true;
      if (own(data.holidays, date)) return false;
    }
    return !weekend;
  }

  /**
   * The deadline `n` working days after `received`: counting starts the working day after
   * receipt (the day of receipt never counts, even when it is a working day).
   * @param n whole number >= 1
   */
  addWorkingDays(received: string, n: number): string {
    if (!Number.isInteger(n) || n < 1) throw new RangeError('n must be a whole number >= 1');
    let d = received;
    let left = n;
    for (let guard = 0; guard < 3660; guard++) {
      d = addCalendarDays(d, 1);
      if (this.isWorkday(d) && --left === 0) return d;
    }
    throw new RangeError('no working day found within ten years');
  }

  /** How many working days lie after `from` up to and including `until` (0 when `until <= from`). */
  workingDaysBetween(from: string, until: string): number {
    let n = 0;
    for (let d = addCalendarDays(from, 1); d <= until; d = addCalendarDays(d, 1)) if (this.isWorkday(d)) n++;
    return n;
  }
}

/** Anything that runs SQL: a DataSource, an EntityManager. */
export interface SqlRunner {
  query(sql: string, params?: unknown[]): Promise<any>;
}

/** The calendar with the override table loaded (a few rows a year: read whole). */
export async function loadWorkingDayCalendar(db: SqlRunner): Promise<WorkingDayCalendar> {
  const rows: { day: string; is_workday: boolean; name: string | null }[] = await db.query(`SELECT to_char(day, 'YYYY-MM-DD') AS day, is_workday, name FROM working_day_override`);
  return new WorkingDayCalendar(rows.map((r) => ({ date: r.day, isWorkday: r.is_workday, name: r.name })));
}

/** How long `recentWorkingDayCalendar` reuses a read of the override table, in milliseconds. */
export const CALENDAR_REUSE_MS = 10_000;
const recent = new WeakMap<object, { readAt: number; calendar: Promise<WorkingDayCalendar> }>();

/**
 * The calendar for display (working days left on a list page): the override table read at most
 * once every CALENDAR_REUSE_MS per database, so a list page costs its one list statement. A new
 * override shows within that time. Deadlines are fixed with `loadWorkingDayCalendar` in their own
 * transaction, never from this copy.
 */
export function recentWorkingDayCalendar(db: SqlRunner & object, nowMs: number = Date.now()): Promise<WorkingDayCalendar> {
  const hit = recent.get(db);
  if (hit && nowMs - hit.readAt < CALENDAR_REUSE_MS) return hit.calendar;
  const calendar = loadWorkingDayCalendar(db);
  recent.set(db, { readAt: nowMs, calendar });
  calendar.catch(() => recent.delete(db));
  return calendar;
}
