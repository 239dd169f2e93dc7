import { formatYuan } from '../../../rules/money';
import type { NotifyInput } from '../notifications/notifications.service';
import type { Dispute } from './dispute.entity';

const CLAIM_EN: Record<string, string> = {
  not_received: 'not received',
  not_as_described: 'not as described',
  quality: 'quality problem',
  counterfeit: 'suspected counterfeit',
  refund_refused: 'refund refused',
  other: 'other',
};
const CLAIM_ZH: Record<string, string> = { not_received: '未收到货', not_as_described: '与描述不符', quality: '质量问题', counterfeit: '疑似假冒', refund_refused: '拒绝退款', other: '其他' };
const FIELD_ZH: Record<string, string> = { name: '姓名/名称', idNumber: '证件号码', address: '地址', contact: '联系方式' };
const FIELD_EN: Record<string, string> = { name: 'name', idNumber: 'ID number', address: 'address', contact: 'contact' };
const RESOLUTION_ZH: Record<string, string> = { refund_full: '全额退款', refund_partial: '部分退款', rejected: '驳回买家诉求' };
const RESOLUTION_EN: Record<string, string> = { refund_full: 'full refund', refund_partial: 'partial refund', rejected: 'claim rejected' };

/** The store is asked to answer by the last PRC date `due` (inbox and SMS). */
export function answerRequested(accountId: string, d: Dispute, due: string): NotifyInput {
  return {
    accountId,
    kind: 'dispute',
    titleZh: '纠纷待处理',
    titleEn: `Dispute to answer: order ${d.orderNumber}`,
    bodyZh: `买家就订单${d.orderNumber}发起纠纷（${CLAIM_ZH[d.claimType] ?? d.claimType}，${formatYuan(d.amountClaimed)}）。请于${due}前回复并提交凭证，逾期平台将按全额退款处理。`,
    bodyEn: `A buyer opened a dispute on order ${d.orderNumber} (${CLAIM_EN[d.claimType] ?? d.claimType}, ${formatYuan(d.amountClaimed)}). Answer with evidence by ${due}; after that the platform proposes a full refund.`,
    link: `/disputes/${d.id}/show`,
  };
}

/** One working day before the deadline. */
export function answerReminder(accountId: string, d: Dispute): NotifyInput {
  return {
    accountId,
    kind: 'dispute',
    titleZh: '纠纷即将逾期',
    titleEn: `Dispute due soon: order ${d.orderNumber}`,
    bodyZh: `订单${d.orderNumber}的纠纷请于${d.responseDueOn}前回复，逾期平台将按全额退款处理。`,
    bodyEn: `Answer the dispute on order ${d.orderNumber} by ${d.responseDueOn}; after that the platform proposes a full refund.`,
    link: `/disputes/${d.id}/show`,
  };
}

/** The deadline passed without an answer. */
export function deadlineMissed(accountId: string, d: Dispute): NotifyInput {
  return {
    accountId,
    kind: 'dispute',
    titleZh: '纠纷已逾期',
    titleEn: `Dispute deadline passed: order ${d.orderNumber}`,
    bodyZh: `您未在${d.responseDueOn}前回复订单${d.orderNumber}的纠纷，平台将按全额退款（${formatYuan(d.amountClaimed)}）介入处理。`,
    bodyEn: `You did not answer the dispute on order ${d.orderNumber} by ${d.responseDueOn}; the platform now decides it, with a full refund (${formatYuan(d.amountClaimed)}) proposed.`,
    link: `/disputes/${d.id}/show`,
  };
}

/** The platform decided (or the buyer withdrew). */
export function disputeOutcome(accountId: string, d: Dispute, reason: string): NotifyInput {
  const withdrawn = d.status === 'withdrawn';
  const r = d.resolution ?? '';
  return {
    accountId,
    kind: 'dispute',
    titleZh: withdrawn ? '纠纷已撤回' : `纠纷处理结果：${RESOLUTION_ZH[r] ?? r}`,
    titleEn: withdrawn ? `Dispute withdrawn: order ${d.orderNumber}` : `Dispute decided: ${RESOLUTION_EN[r] ?? r}`,
    bodyZh: withdrawn
      ? `订单${d.orderNumber}的纠纷已撤回。说明：${reason}`
      : `订单${d.orderNumber}的纠纷结果：${RESOLUTION_ZH[r] ?? r}${d.refundAmount ? `（${formatYuan(d.refundAmount)}）` : ''}。理由：${reason}`,
    bodyEn: withdrawn
      ? `The dispute on order ${d.orderNumber} was withdrawn. Note: ${reason}`
      : `The dispute on order ${d.orderNumber} was decided: ${RESOLUTION_EN[r] ?? r}${d.refundAmount ? ` (${formatYuan(d.refundAmount)})` : ''}. Reason: ${reason}`,
    link: `/disputes/${d.id}/show`,
  };
}

/**
 * The merchant is told its data was disclosed to the buyer (policy 4.1 i): which fields, to whom
 * (masked) and why. Inbox and SMS.
 */
export function disclosedToBuyer(accountId: string, d: Dispute, fields: string[], buyerMasked: string, reason: string): NotifyInput {
  return {
    accountId,
    kind: 'security',
    titleZh: '您的信息已向买家披露',
    titleEn: 'Your details were disclosed to a buyer',
    bodyZh: `因订单${d.orderNumber}的纠纷，平台依据隐私政策4.1(i)，应买家（${buyerMasked}）请求向其披露了您的${fields.map((f) => FIELD_ZH[f] ?? f).join('、')}。理由：${reason}`,
    bodyEn: `For the dispute on order ${d.orderNumber}, under clause 4.1 (i) of the privacy policy the platform disclosed your ${fields.map((f) => FIELD_EN[f] ?? f).join(', ')} to the buyer (${buyerMasked}) at their request. Reason: ${reason}`,
    link: `/disputes/${d.id}/show`,
  };
}

/** SMS texts to the buyer (no account: sent with sendSms). */
export const buyerSms = {
  missed: (d: Dispute) => `您就订单${d.orderNumber}发起的纠纷，商家未在期限内回复，平台已介入处理。`,
  outcome: (d: Dispute) =>
    d.status === 'withdrawn'
      ? `您就订单${d.orderNumber}发起的纠纷已撤回。`
      : `您就订单${d.orderNumber}发起的纠纷已处理：${RESOLUTION_ZH[d.resolution ?? ''] ?? ''}${d.refundAmount && d.refundAmount !== '0' ? `，退款${formatYuan(d.refundAmount)}` : ''}。`,
  link: (d: Dispute, url: string, hours: number) => `您申请的订单${d.orderNumber}商家信息已获批准，请在${hours}小时内打开 ${url} 查看（需短信验证码）。`,
  code: (code: string) => `您查看商家信息的验证码为${code}，10分钟内有效。请勿告知他人。`,
};
