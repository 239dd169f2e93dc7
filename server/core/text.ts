/**
 * Which characters a string input may hold: the ONE place the console decides it (applied to every
 * string argument and input field by graphql/validate-input.ts, and to upload file names).
 *
 * Refused by Unicode general category (Unicode 15, as Node's RegExp `\p{...}` knows it):
 * - Cc control characters (C0, DEL, C1), except TAB and LF in fields declared multi-line
 *   (`@MultiLine`); CR LF is normalised to LF before the check;
 * - Cf format characters: zero-width space/non-joiner, BOM, soft hyphen, bidi marks and overrides
 *   (U+200E/200F, U+202A-202E, U+2066-2069), tag characters (U+E0000-E007F), invisible operators;
 *   the zero-width joiner only between two emoji (family and profession emoji sequences);
 * - Co private use, Cn unassigned, Cs lone surrogates;
 * - Zl, Zp: line and paragraph separators (U+2028/2029);
 * - every other Default_Ignorable_Code_Point (Unicode's "render as nothing" property): letters and
 *   marks of other categories that show blank, such as the Hangul fillers U+3164, U+FFA0,
 *   U+115F/1160, the combining grapheme joiner U+034F, Khmer U+17B4/17B5, Mongolian U+180B-180F;
 * - variation selectors (Mn, U+FE00-FE0F, U+E0100-E01EF) where meaningless: allowed only right after
 *   an emoji or a CJK ideograph (their only use).
 * These characters disguise text (a name that reads as another, reversed file extensions) or break
 * storage and display; none belongs in anything a person types into the console.
 */
const REFUSED = /[\p{Cc}\p{Cf}\p{Co}\p{Cn}\p{Cs}\p{Zl}\p{Zp}\p{Default_Ignorable_Code_Point}]/u;
const ZWJ = '\u200d';
const VARIATION_SELECTOR = /[\ufe00-\ufe0f\u{e0100}-\u{e01ef}]/u;
const PICTOGRAPH = /\p{Extended_Pictographic}|\p{Emoji_Modifier}/u;
/** Characters a variation selector may follow: emoji (incl. keycap digits, ©) and CJK ideographs (ideographic variants). */
const VARIABLE = /\p{Emoji}|\p{Unified_Ideograph}/u;
const hex = (code: number) => `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;

/** Why `value` is refused (the first offending character, as `U+XXXX`), or undefined when it is acceptable. */
export function refusedCharacter(value: string, opts: { multiLine?: boolean } = {}): string | undefined {
  const chars = [...value];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i];
    const code = ch.codePointAt(0)!;
    if (opts.multiLine && (ch === '\n' || ch === '\t')) continue;
    if (ch === ZWJ) {
      // Between an emoji (possibly followed by its variation selector or skin tone) and another emoji.
      const prev = chars[i - 1] === '\ufe0f' ? chars[i - 2] : chars[i - 1];
      if (prev && PICTOGRAPH.test(prev) && chars[i + 1] && PICTOGRAPH.test(chars[i + 1])) continue;
    } else if (VARIATION_SELECTOR.test(ch)) {
      if (i > 0 && VARIABLE.test(chars[i - 1])) continue;
      return hex(code);
    }
    if (REFUSED.test(ch)) return hex(code);
  }
  return undefined;
}

/** CR LF and lone CR become LF (text pasted from Windows), for multi-line fields. */
export const normaliseNewlines = (value: string): string => value.replace(/\r\n?/g, '\n');
