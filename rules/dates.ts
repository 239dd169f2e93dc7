/**
 * Calendar dates and instants, shared by the server and the UI (pure): PRC calendar dates are
 * `YYYY-MM-DD` in Asia/Shanghai, instants are UTC.
 */

/** PRC calendar date (`YYYY-MM-DD`, Asia/Shanghai) of an instant; independent of the server's time zone. */
export function prcDate(instant: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
}

/** Whether `s` is a real calendar date written YYYY-MM-DD (2026-02-30 is not). */
export function isCalendarDate(s: unknown): s is string {
  if (typeof s !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** A `YYYY-MM-DD` date as the UTC instant of its midnight (for weekday and day arithmetic). @throws RangeError for a non-date. */
export function toUtc(date: string): Date {
  if (!isCalendarDate(date)) throw new RangeError(`not a calendar date: ${date}`);
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d));
}

/** `date` plus `days` calendar days (both `YYYY-MM-DD`). */
export function addCalendarDays(date: string, days: number): string {
  const d = toUtc(date);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Adds whole years to a `YYYY-MM-DD` date (29 February becomes 28 February when needed). */
function plusYears(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const day = m === 2 && d === 29 && !isCalendarDate(`${y + years}-02-29`) ? 28 : d;
  return `${String(y + years).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * The sensible range of every kind of date or instant a client may send, declared once here and
 * applied by `@IsCalendarDate(kind)` / `@IsInstant(kind)` (graphql/validators.ts); outside it the
 * input is BAD_USER_INPUT naming the field. Bounds are PRC calendar dates, inclusive, relative to
 * today's PRC date where they say `yearsAhead` / `yearsBack`.
 * - `birth`: a person's birth date, 1900-01-01 .. today (nobody is born tomorrow);
 * - `documentValidity`: last day of an ID document's validity, 2000-01-01 .. 2100-12-31;
 * - `filter`: list and report filters, 2000-01-01 .. 2100-12-31 (before the console's data begins
 *   or after the century, a filter is a typo);
 * - `effective`: when a policy version takes effect, 2000-01-01 .. 5 years ahead;
 * - `calendar`: a working-day override, 2000-01-01 .. 10 years ahead (calendars are published a
 *   year ahead; corrections of past years stay possible);
 * - `sanctionStart`: when a penalty's sanction starts, 2000-01-01 (a past start is the moment of
 *   issue, penalties.service) .. 1 year ahead.
 */
export const DATE_RANGES = {
  birth: { min: '1900-01-01', max: { yearsAhead: 0 } },
  documentValidity: { min: '2000-01-01', max: '2100-12-31' },
  filter: { min: '2000-01-01', max: '2100-12-31' },
  effective: { min: '2000-01-01', max: { yearsAhead: 5 } },
  calendar: { min: '2000-01-01', max: { yearsAhead: 10 } },
  sanctionStart: { min: '2000-01-01', max: { yearsAhead: 1 } },
} as const satisfies Record<string, { min: string; max: string | { yearsAhead: number } }>;

export type DateKind = keyof typeof DATE_RANGES;

/** The inclusive `[min, max]` PRC dates of a kind of date, today (`now` by default). */
export function dateRange(kind: DateKind, now: Date = new Date()): [string, string] {
  const { min, max } = DATE_RANGES[kind];
  return [min, typeof max === 'string' ? max : plusYears(prcDate(now), max.yearsAhead)];
}

/** Whether a `YYYY-MM-DD` date (or an instant, by its PRC date) lies within the range of its kind. */
export function inDateRange(kind: DateKind, value: string | Date, now?: Date): boolean {
  const date = typeof value === 'string' ? value : Number.isNaN(value.getTime()) ? '' : prcDate(value);
  const [min, max] = dateRange(kind, now);
  return date.length === 10 && date >= min && date <= max;
}
