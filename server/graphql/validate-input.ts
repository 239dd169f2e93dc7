import { validate, type ValidationError, type ValidatorOptions } from 'class-validator';
import { ArgumentValidationError } from 'type-graphql';

const OPTIONS: ValidatorOptions = { forbidUnknownValues: false, skipMissingProperties: true, validationError: { target: false, value: false } };

/** Fields whose surrounding whitespace is meaningful and kept: passwords, codes typed by people, Markdown bodies. */
const KEEP_WHITESPACE = /password|^body/i;
// Control characters, and invisible format characters that disguise text (zero-width spaces, byte
// order marks, bidirectional overrides); the zero-width joiner of emoji sequences stays allowed.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u200b\u200c\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/;

const isInputObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date);

/**
 * Normalises and checks one input object, recursively, whatever decorators its classes carry:
 * trims surrounding whitespace (so a blank "purpose" fails its length rule), refuses control
 * characters (a NUL would otherwise reach PostgreSQL), and validates nested input objects too
 * (class-validator alone skips them without @ValidateNested).
 */
async function check(obj: Record<string, unknown>): Promise<ValidationError[]> {
  const extra: ValidationError[] = [];
  for (const [key, value] of Object.entries(obj)) {
    if (typeof value === 'string') {
      if (CONTROL.test(value)) {
        extra.push({ property: key, constraints: { noControlCharacters: `${key} contains control or invisible characters` }, children: [] });
        continue;
      }
      if (!KEEP_WHITESPACE.test(key)) obj[key] = value.trim();
    } else if (Array.isArray(value)) {
      for (const [i, item] of value.entries()) {
        if (typeof item === 'string') {
          if (CONTROL.test(item)) extra.push({ property: key, constraints: { noControlCharacters: `${key} contains control or invisible characters` }, children: [] });
          else value[i] = item.trim();
        } else if (isInputObject(item)) {
          const children = await check(item);
          if (children.length) extra.push({ property: `${key}.${i}`, children });
        }
      }
    }
  }
  const own = await validate(obj, OPTIONS);
  const nested: ValidationError[] = [];
  for (const [key, value] of Object.entries(obj)) {
    if (isInputObject(value) && !own.some((e) => e.property === key)) {
      const children = await check(value);
      if (children.length) nested.push({ property: key, children });
    }
  }
  return [...own, ...extra, ...nested];
}

/** type-graphql's `validateFn`: every argument goes through `check`; failures become BAD_USER_INPUT naming the field path. */
export async function validateInput(argValue: unknown): Promise<void> {
  if (typeof argValue === 'string') {
    if (CONTROL.test(argValue)) throw new ArgumentValidationError([{ property: 'argument', constraints: { noControlCharacters: 'contains control characters' }, children: [] }]);
    return;
  }
  const items = Array.isArray(argValue) ? argValue.filter(isInputObject) : isInputObject(argValue) ? [argValue] : [];
  const errors = (await Promise.all(items.map(check))).flat();
  if (errors.length) throw new ArgumentValidationError(errors);
}
