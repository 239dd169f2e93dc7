import { validate, type ValidationError, type ValidatorOptions } from 'class-validator';
import { ArgumentValidationError } from 'type-graphql';
import { normaliseNewlines, refusedCharacter } from '../core/text';
import { isMultiLine } from './validators';

const OPTIONS: ValidatorOptions = { forbidUnknownValues: false, skipMissingProperties: true, validationError: { target: false, value: false } };

/** Fields whose surrounding whitespace is meaningful and kept: passwords, codes typed by people, Markdown bodies. */
const KEEP_WHITESPACE = /password|^body/i;

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
 * Normalises and checks one input object, recursively, whatever decorators its classes carry:
 * trims surrounding whitespace (so a blank "purpose" fails its length rule), refuses control and
 * invisible characters (checkString), and validates nested input objects too (class-validator
 * alone skips them without @ValidateNested).
 */
async function check(obj: Record<string, unknown>): Promise<ValidationError[]> {
  const extra: ValidationError[] = [];
  for (const [key, value] of Object.entries(obj)) {
    if (typeof value === 'string') {
      const r = checkString(obj, key, value);
      if ('error' in r) extra.push(r.error);
      else obj[key] = r.value;
    } else if (Array.isArray(value)) {
      for (const [i, item] of value.entries()) {
        if (typeof item === 'string') {
          const r = checkString(obj, key, item);
          if ('error' in r) extra.push(r.error);
          else value[i] = r.value;
        } else if (isInputObject(item)) {
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

/** type-graphql's `validateFn`: every argument goes through `check`; failures become BAD_USER_INPUT naming the field path. */
export async function validateInput(argValue: unknown): Promise<void> {
  const strings = typeof argValue === 'string' ? [argValue] : Array.isArray(argValue) ? argValue.filter((v): v is string => typeof v === 'string') : [];
  for (const s of strings) {
    const bad = refusedCharacter(s);
    if (bad) throw new ArgumentValidationError([refusal('argument', bad)]);
  }
  const items = Array.isArray(argValue) ? argValue.filter(isInputObject) : isInputObject(argValue) ? [argValue] : [];
  const errors = (await Promise.all(items.map(check))).flat();
  if (errors.length) throw new ArgumentValidationError(errors);
}
