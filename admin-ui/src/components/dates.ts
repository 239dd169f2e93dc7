import { prcDate } from '../../../rules/dates';

/**
 * One format for instants and calendar dates across the console, whatever the UI language or the
 * browser's time zone: Beijing time (Asia/Shanghai, where merchants and staff work), ISO-like and
 * 24-hour, so "2026-03-04 09:05" can't be misread as 3 April or 4 March.
 */
export const CONSOLE_TIME_ZONE = 'Asia/Shanghai';

const parts = (d: Date, withTime: boolean, seconds: boolean) => {
  const fmt = new Intl.DateTimeFormat('en-GB', {
    timeZone: CONSOLE_TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    ...(withTime ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', ...(seconds ? { second: '2-digit' } : {}) } : {}),
  } as Intl.DateTimeFormatOptions);
  return Object.fromEntries(fmt.formatToParts(d).map((p) => [p.type, p.value])) as Record<string, string>;
};

const toDate = (v: unknown): Date | undefined => {
  if (v == null || v === '') return undefined;
  const d = v instanceof Date ? v : new Date(v as string | number);
  return Number.isNaN(d.getTime()) ? undefined : d;
};

/** "2026-11-29 21:19" (Beijing time); "—" for nothing. */
export function formatDateTime(v: unknown, opts: { seconds?: boolean } = {}): string {
  const d = toDate(v);
  if (!d) return '—';
  const p = parts(d, true, !!opts.seconds);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}${opts.seconds ? `:${p.second}` : ''}`;
}

/** "2026-11-29": the PRC calendar date of an instant; a bare "YYYY-MM-DD" string is returned as is. */
export function formatDate(v: unknown): string {
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) return v;
  const d = toDate(v);
  if (!d) return '—';
  const p = parts(d, false, false);
  return `${p.year}-${p.month}-${p.day}`;
}

/** Today's calendar date in the PRC (Asia/Shanghai), "YYYY-MM-DD": the shared rule the server counts days with. */
export const prcToday = (now = new Date()): string => prcDate(now);
