/**
 * Record ids are PostgreSQL bigints, exposed as decimal strings. `ID_PATTERN` is the shape every
 * id argument must have before it reaches SQL (anything else is simply "not found").
 */
export const ID_PATTERN = /^\d{1,18}$/;

export function isId(value: unknown): value is string {
  return typeof value === 'string' && ID_PATTERN.test(value);
}

/** Session ids, upload keys and invitation ids are UUIDs. */
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID_PATTERN.test(value);
}
