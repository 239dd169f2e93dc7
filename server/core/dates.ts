/** PRC calendar date (`YYYY-MM-DD`, Asia/Shanghai) of an instant; independent of the server's time zone. */
export function prcDate(instant: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
}
