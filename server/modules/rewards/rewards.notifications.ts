import type { NotifyInput } from '../notifications/notifications.service';
import { formatYuan } from '../../../rules/money';
import type { Payout } from './payout.entity';

/** The merchant is told a reward was paid (policy 2.4: reward notices). Inbox and SMS. */
export function rewardPaid(accountId: string, p: Payout): NotifyInput {
  return {
    accountId,
    kind: 'reward_penalty_warning',
    titleZh: `平台奖励已到账：${formatYuan(p.amount)}`,
    titleEn: `Platform reward paid: ${formatYuan(p.amount)}`,
    bodyZh: `平台奖励${formatYuan(p.amount)}已转入您的支付宝收款账户（业务单号${p.businessNumber}）。`,
    bodyEn: `A platform reward of ${formatYuan(p.amount)} was paid into your Alipay account (business number ${p.businessNumber}).`,
    link: `/rewards/${p.rewardId}/show`,
  };
}
