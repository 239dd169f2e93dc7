/** Texts of the payout account module, zh and en (PRC local times in messages). */

/** `2026-12-04 15:00` in PRC time (UTC+8). */
export function prcMinute(at: Date): string {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(at)
      .map((x) => [x.type, x.value]),
  );
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

/** The confirmation code SMS (sendSms adds the 【商家后台】 signature). */
export function changeCodeSms(code: string, ttlMinutes: number): string {
  return `您正在修改店铺收款账户（支付宝），验证码 ${code}，${ttlMinutes}分钟内有效。如非本人操作，请勿泄露并立即修改密码。`;
}

/** The notice after a confirmed change: inbox, and its SMS copy. */
export function changedNotice(holdUntil: Date, maskedLogin: string) {
  const until = prcMinute(holdUntil);
  return {
    titleZh: '收款账户已修改',
    titleEn: 'Your payout account was changed',
    bodyZh: `店铺收款账户已改为 ${maskedLogin}。为保障资金安全，打款暂停至 ${until}（北京时间）。如非本人操作，请立即联系平台。`,
    bodyEn: `Your store's payout account was changed to ${maskedLogin}. Payouts are held until ${until} (Beijing time). If you did not do this, contact the platform at once.`,
  };
}
