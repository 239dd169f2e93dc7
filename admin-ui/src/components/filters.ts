/** A GraphQL filter built from react-admin's filter values. */
export type Filter = Record<string, unknown>;

/** Drops empty filter values (undefined, null, ''); undefined when nothing is left, so the server sees no filter. */
export function compact(o: Filter): Filter | undefined {
  const out = Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null && v !== ''));
  return Object.keys(out).length ? out : undefined;
}

/** A calendar day of a filter form (`YYYY-MM-DD`, local time) -> the UTC instant of its start (or of the start `plusDays` later). */
export function dayStart(day: unknown, plusDays = 0): string | undefined {
  if (typeof day !== 'string' || !day) return undefined;
  const d = new Date(`${day.slice(0, 10)}T00:00:00`);
  d.setDate(d.getDate() + plusDays);
  return d.toISOString();
}
