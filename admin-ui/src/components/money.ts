/**
 * Money in the console is integer fen (分; 1 yuan = 100 fen), as the API's Money scalar carries it.
 * These are the one formatter and the one parser: no amount goes through a float multiplication.
 */

/** 123456 -> "¥1,234.56"; -100 -> "-¥1.00"; "—" for nothing. */
export function formatFen(fen: number | null | undefined): string {
  if (fen == null || !Number.isSafeInteger(fen)) return '—';
  const [yuan, cents] = split(Math.abs(fen));
  return `${fen < 0 ? '-' : ''}¥${yuan.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${cents}`;
}

/**
 * A yuan amount typed by a person ("1234.5", "1,234.56", "¥12") -> integer fen, parsed from the
 * string (never `Math.round(x * 100)`); null when it is not a non-negative amount with at most
 * 2 decimals.
 */
export function parseYuan(text: string): number | null {
  const s = text.trim().replace(/^¥\s*/, '').replace(/,/g, '');
  const m = /^(\d{1,13})(?:\.(\d{0,2}))?$/.exec(s);
  if (!m) return null;
  const fen = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return Number.isSafeInteger(fen) ? fen : null;
}

/** 12345 -> "123.45": an amount in fen as the yuan text an input shows. */
export function fenToYuanText(fen: number): string {
  const [yuan, cents] = split(Math.abs(fen));
  return `${fen < 0 ? '-' : ''}${yuan}.${cents}`;
}

/** Whole yuan and the 2 cent digits of a non-negative amount of fen, cut from its decimal digits. */
function split(fen: number): [string, string] {
  const digits = String(fen).padStart(3, '0');
  return [digits.slice(0, -2), digits.slice(-2)];
}
