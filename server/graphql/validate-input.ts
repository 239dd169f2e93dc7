import { getMetadataStorage, validate, type ValidationError, type ValidatorOptions } from 'class-validator';
import { ArgumentValidationError } from 'type-graphql';
import { normaliseNewlines, refusedCharacter } from '../core/text';
import { isMultiLine } from './validators';

const OPTIONS: ValidatorOptions = { forbidUnknownValues: false, skipMissingProperties: true, validationError: { target: false, value: false } };

/** Fields whose surrounding whitespace is meaningful and kept: passwords, codes typed by people, Markdown bodies. */
const KEEP_WHITESPACE = /password|^body/i;

/**
 * Longest string, in characters, of any argument or input field that declares no longer limit
 * itself: a field with `@Length(min, max)` or `@MaxLength(max)` gets its own `max` (free text such
 * as notes, reasons and policy bodies declares one); every other string, bare arguments and list
 * items included, gets this one. Checked before anything else looks at the value (docs/operations.md).
 */
export const DEFAULT_MAX_STRING_LENGTH = 200;

const declaredMaxByClass = new Map<Function, Map<string, number>>();
/** The longest length `@Length`/`@MaxLength` declare for `property` of the input class of `obj`, if any. */
function declaredMaxLength(obj: object, property: string): number | undefined {
  const cls = obj.constructor;
  let byProperty = declaredMaxByClass.get(cls);
  if (!byProperty) {
    byProperty = new Map();
    for (const m of getMetadataStorage().getTargetValidationMetadatas(cls, '', true, false)) {
      const max = m.name === 'maxLength' ? m.constraints[0] : m.name === 'isLength' ? m.constraints[1] : undefined;
      if (typeof max === 'number') byProperty.set(m.propertyName, Math.max(max, byProperty.get(m.propertyName) ?? 0));
    }
    declaredMaxByClass.set(cls, byProperty);
  }
  return byProperty.get(property);
}

/**
 * Checks a string of `obj[key]` against its limit. @returns undefined when within it, else the
 * value cut to limit + 1 characters, so the rules that still run (class-validator's) stay cheap and
 * still fail; a default-limit violation is added to `errors` (a declared one is reported by
 * class-validator's own `@Length`/`@MaxLength`).
 */
function overLength(obj: object, key: string, value: string, errors: ValidationError[]): string | undefined {
  const declared = declaredMaxLength(obj, key);
  const max = declared ?? DEFAULT_MAX_STRING_LENGTH;
  if (value.length <= max) return undefined;
  if (declared === undefined) errors.push(tooLong(key, max));
  return value.slice(0, max + 1);
}

const tooLong = (property: string, max: number): ValidationError => ({ property, constraints: { maxLength: `${property} must be at most ${max} characters` }, children: [] });

const isInputObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date);

const refusal = (property: string, char: string): ValidationError => ({
  property,
  constraints: { noControlCharacters: `${property} contains a control or invisible character (${char})` },
  children: [],
});

/**
 * One string field: refused characters (core/text.ts, by Unicode category; line feeds and tabs only
 * in `@MultiLine` fields) give an error; otherwise the normalised value (trimmed unless its
 * whitespace is meaningful, CR LF as LF in multi-line fields).
 */
function checkString(owner: object, key: string, value: string): { value: string } | { error: ValidationError } {
  const multiLine = isMultiLine(owner, key);
  const text = multiLine ? normaliseNewlines(value) : value;
  const bad = refusedCharacter(text, { multiLine });
  if (bad) return { error: refusal(key, bad) };
  return { value: KEEP_WHITESPACE.test(key) ? text : text.trim() };
}

/**
 * One string of `owner[key]` (the field itself or an item of its list): the length first (an
 * over-long value is cut, see overLength), then the characters (checkString). Pushes any refusal
 * to `errors`. @returns the value to keep: cut, normalised, or as sent when refused.
 */
function cleanString(owner: object, key: string, value: string, errors: ValidationError[]): string {
  const cut = overLength(owner, key, value, errors);
  if (cut !== undefined) return cut;
  const r = checkString(owner, key, value);
  if ('error' in r) {
    errors.push(r.error);
    return value;
  }
  return r.value;
}

/**
 * Normalises and checks one input object, recursively, whatever decorators its classes carry:
 * trims surrounding whitespace (so a blank "purpose" fails its length rule), refuses control and
 * invisible characters (checkString), and validates nested input objects too (class-validator
 * alone skips them without @ValidateNested).
 */
async function check(obj: Record<string, unknown>): Promise<ValidationError[]> {
  const extra: ValidationError[] = [];
  for (const [key, value] of Object.entries(obj)) {
    if (typeof value === 'string') obj[key] = cleanString(obj, key, value, extra);
    else if (Array.isArray(value)) {
      for (const [i, item] of value.entries()) {
        if (typeof item === 'string') value[i] = cleanString(obj, key, item, extra);
        else if (isInputObject(item)) {
          const children = await check(item);
          if (children.length) extra.push({ property: `${key}.${i}`, children });
        }
      }
    }
  }
  // A field whose characters are refused is not validated further (one clear message per field).
  const own = (await validate(obj, OPTIONS)).filter((e) => !extra.some((x) => x.property === e.property));
  const nested: ValidationError[] = [];
  for (const [key, value] of Object.entries(obj)) {
    if (isInputObject(value) && !own.some((e) => e.property === key)) {
      const children = await check(value);
      if (children.length) nested.push({ property: key, children });
    }
  }
  return [...own, ...extra, ...nested];
}

/**
 * type-graphql's `validateFn`: every argument goes through `check` (string lengths first, see
 * DEFAULT_MAX_STRING_LENGTH); failures become BAD_USER_INPUT naming the field path.
 */
export async function validateInput(argValue: unknown): Promise<void> {
  const strings = typeof argValue === 'string' ? [argValue] : Array.isArray(argValue) ? argValue.filter((v): v is string => typeof v === 'string') : [];
  for (const s of strings) {
    if (s.length > DEFAULT_MAX_STRING_LENGTH) throw new ArgumentValidationError([tooLong('argument', DEFAULT_MAX_STRING_LENGTH)]);
    const bad = refusedCharacter(s);
    if (bad) throw new ArgumentValidationError([refusal('argument', bad)]);
  }
  const items = Array.isArray(argValue) ? argValue.filter(isInputObject) : isInputObject(argValue) ? [argValue] : [];
  const errors = (await Promise.all(items.map(check))).flat();
  if (errors.length) throw new ArgumentValidationError(errors);
}
