import { ValidateBy, type ValidationOptions } from 'class-validator';
import { isCalendarDate } from '../core/dates';

/** A PRC calendar date `YYYY-MM-DD` that exists (BAD_USER_INPUT naming the field otherwise). */
export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy({ name: 'isCalendarDate', validator: { validate: isCalendarDate, defaultMessage: (a) => `${a?.property} must be a real date YYYY-MM-DD` } }, options);
}
