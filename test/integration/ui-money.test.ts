import { describe, expect, it } from 'vitest';
import { fenToYuanText, formatFen, parseYuan } from '../../admin-ui/src/components/money';

describe('money in the UI (integer fen)', () => {
  it('shows fen as ¥ with thousands separators and 2 decimals', () => {
    expect(formatFen(123456)).toBe('¥1,234.56');
    expect(formatFen(5)).toBe('¥0.05');
    expect(formatFen(0)).toBe('¥0.00');
    expect(formatFen(-100)).toBe('-¥1.00');
    expect(formatFen(Number.MAX_SAFE_INTEGER)).toBe('¥90,071,992,547,409.91');
    expect(formatFen(null)).toBe('—');
    expect(formatFen(1.5)).toBe('—');
    expect(fenToYuanText(123456)).toBe('1234.56');
    expect(fenToYuanText(7)).toBe('0.07');
  });

  it('parses typed yuan exactly into fen, without float rounding', () => {
    expect(parseYuan('1234.56')).toBe(123456);
    expect(parseYuan(' ¥1,234.5 ')).toBe(123450);
    expect(parseYuan('0.29')).toBe(29); // 0.29 * 100 = 28.999999999999996 in floating point
    expect(parseYuan('1.005')).toBeNull();
    expect(parseYuan('19.99')).toBe(1999);
    expect(parseYuan('12')).toBe(1200);
    expect(parseYuan('12.')).toBe(1200);
    for (const bad of ['', '-1', 'abc', '1e3', '.5', '1.2.3']) expect(parseYuan(bad)).toBeNull();
  });
});
