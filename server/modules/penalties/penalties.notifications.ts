import type { NotifyInput } from '../notifications/notifications.service';
import type { Penalty } from './penalty.entity';
import type { SanctionType } from './sanction-type.entity';
import type { ViolationCategory } from './violation-category.entity';

/**
 * The merchant's penalty warning at issue (policy 2.4: inbox and SMS): what, for how long, from
 * when (PRC date), and the last PRC date to appeal.
 */
export function penaltyIssuedMessage(accountId: string, p: Penalty, category: ViolationCategory, sanction: SanctionType, startsOn: string, appealDeadline: string): NotifyInput {
  const days = p.sanctionDays ? `${p.sanctionDays}天` : '';
  return {
    accountId,
    kind: 'reward_penalty_warning',
    titleZh: `处罚通知：${category.nameZh}`,
    titleEn: `Penalty notice: ${category.nameEn}`,
    bodyZh: `您的店铺因"${category.nameZh}"被处以${sanction.nameZh}${days}${p.points ? `，扣${p.points}分` : ''}，自${startsOn}起生效。如有异议，请于${appealDeadline}前申诉。`,
    bodyEn: `Your store received a ${sanction.nameEn.toLowerCase()}${p.sanctionDays ? ` of ${p.sanctionDays} days` : ''}${p.points ? ` and ${p.points} points` : ''} for ${category.nameEn}, effective ${startsOn}. You may appeal until ${appealDeadline}.`,
    link: `/penalties/${p.id}`,
  };
}

/** The merchant is told a penalty was revoked (directly or on appeal) or upheld on appeal, with the reason (inbox and SMS). */
export function penaltyDecisionMessage(accountId: string, p: Penalty, outcome: 'revoked' | 'upheld', reason: string): NotifyInput {
  return {
    accountId,
    kind: 'reward_penalty_warning',
    titleZh: outcome === 'revoked' ? '处罚已撤销' : '申诉结果：维持处罚',
    titleEn: outcome === 'revoked' ? 'Penalty revoked' : 'Appeal decided: penalty upheld',
    bodyZh: `处罚（编号${p.id}）${outcome === 'revoked' ? '已撤销，相关限制已解除，公示已撤回' : '经复核维持原决定'}。理由：${reason}`,
    bodyEn: `Penalty ${p.id} ${outcome === 'revoked' ? 'was revoked; its restrictions are lifted and its notice withdrawn' : 'was upheld on review'}. Reason: ${reason}`,
    link: `/penalties/${p.id}`,
    sms: true,
  };
}
