import { ValidateBy, type ValidationOptions } from 'class-validator';
import { dateRange, inDateRange, isCalendarDate, type DateKind } from '../../rules/dates';

/**
 * A PRC calendar date `YYYY-MM-DD` that exists and lies within the range of its kind
 * (core/dates.ts DATE_RANGES); BAD_USER_INPUT naming the field and the range otherwise.
 */
export function IsCalendarDate(kind: DateKind, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCalendarDate',
      constraints: [kind],
      validator: {
        validate: (v) => isCalendarDate(v) && inDateRange(kind, v),
        defaultMessage: (a) => `${a?.property} must be a real date YYYY-MM-DD from ${dateRange(kind).join(' to ')}`,
      },
    },
    options,
  );
}

/** A UTC instant (DateTimeISO) whose PRC date lies within the range of its kind (core/dates.ts DATE_RANGES). */
export function IsInstant(kind: DateKind, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isInstant',
      constraints: [kind],
      validator: {
        validate: (v) => v instanceof Date && inDateRange(kind, v),
        defaultMessage: (a) => `${a?.property} must be an instant from ${dateRange(kind).join(' to ')} (PRC dates)`,
      },
    },
    options,
  );
}

const multiLine = new WeakMap<object, Set<string>>();

/**
 * Marks a text field as multi-line: it may hold line feeds and tabs (CR LF is stored as LF):
 * Markdown bodies, notes, facts, reasons. Every other string input is single-line (core/text.ts
 * says which characters are refused).
 */
export function MultiLine(): PropertyDecorator {
  return (target, property) => {
    const set = multiLine.get(target) ?? new Set<string>();
    set.add(String(property));
    multiLine.set(target, set);
  };
}

/** Whether `property` of an input object (an instance of an input class) is declared `@MultiLine`. */
export function isMultiLine(obj: object, property: string): boolean {
  for (let proto = Object.getPrototypeOf(obj); proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
    if (multiLine.get(proto)?.has(property)) return true;
  }
  return false;
}
