/**
 * The value `table` holds under `key` as its OWN property, or undefined. For every look-up keyed by
 * a string a client chose (a sort field, a filter value, a locale): a plain `table[key]` also finds
 * what every object inherits from `Object.prototype` (`constructor`, `toString`, `__proto__` ...),
 * and handing that on (e.g. `__proto__` as an ORDER BY map to TypeORM, which then writes into it)
 * poisons every object of the process (issue 10, item 1).
 */
export function own<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}
