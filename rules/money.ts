/**
 * Money is integer fen (分) everywhere: `bigint` in PostgreSQL (read as decimal strings), the
 * `Money` GraphQL scalar, never a float. This formats an amount for people: 123456 -> `¥1,234.56`.
 */
export function formatYuan(fen: string | number | bigint): string {
  const n = BigInt(fen);
  const sign = n < 0n ? '-' : '';
  const abs = n < 0n ? -n : n;
  return `${sign}¥${(abs / 100n).toLocaleString('en-US')}.${String(abs % 100n).padStart(2, '0')}`;
}
