import { describe, expect, it } from 'vitest';
import { REFUSED_SAMPLES } from '../../test/helpers/refused-characters';
import { refusedCharacter } from './text';

describe('refusedCharacter (one rule for every string input)', () => {
  for (const [name, ch] of Object.entries(REFUSED_SAMPLES)) {
    it(`refuses ${name}, wherever it stands`, () => {
      for (const text of [`a${ch}b`, `${ch}ab`, `ab${ch}`]) expect(refusedCharacter(text), JSON.stringify(text)).toMatch(/^U\+[0-9A-F]{4,5}$/);
      expect(refusedCharacter(`a${ch}b`, { multiLine: true })).toBeDefined();
    });
  }

  it('names the offending code point', () => {
    expect(refusedCharacter('ab\u202ecd')).toBe('U+202E');
    expect(refusedCharacter('x\u{e0041}')).toBe('U+E0041');
  });

  it('line feed and tab only in multi-line text; CR never (normalised before)', () => {
    expect(refusedCharacter('a\nb')).toBe('U+000A');
    expect(refusedCharacter('a\tb')).toBe('U+0009');
    expect(refusedCharacter('a\nb\tc', { multiLine: true })).toBeUndefined();
    expect(refusedCharacter('a\rb', { multiLine: true })).toBe('U+000D');
  });

  it('keeps what people write: CJK, accents, emoji sequences, keycaps, ideographic variants', () => {
    for (const ok of ['张三 Zhāng Sān', 'Crème brûlée', '👨‍👩‍👧', '👩🏽‍💻', '❤️', '1️⃣', '葛\u{e0100}', '🇨🇳', 'a b', '(＾▽＾)']) {
      expect(refusedCharacter(ok), ok).toBeUndefined();
    }
  });
});
