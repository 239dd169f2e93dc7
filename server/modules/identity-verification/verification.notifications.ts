import type { Tx } from '../../core/transaction';
import { notify } from '../notifications/notifications.service';
import type { VerificationReasonCode } from './reason-code.entity';
import type { VerificationStatus } from './verification-case.entity';
import { VerificationRepository } from './verification.repository';

/** Notification texts per outcome (policy 2.4: identity verification results). */
const OUTCOME_TEXT: Partial<Record<VerificationStatus, { zh: string; en: string; bodyZh: string; bodyEn: string }>> = {
  submitted: {
    zh: '实名认证资料已提交',
    en: 'Identity verification submitted',
    bodyZh: '我们已收到您的开店资料，将尽快审核。',
    bodyEn: 'We received your store-opening details and will review them shortly.',
  },
  approved: { zh: '实名认证已通过', en: 'Identity verification approved', bodyZh: '您的店铺已开通。', bodyEn: 'Your store is now open.' },
  resubmission_requested: {
    zh: '实名认证需补充修改',
    en: 'Identity verification: please fix and resubmit',
    bodyZh: '请根据驳回原因修改后重新提交。',
    bodyEn: 'Please fix the points below and resubmit.',
  },
  rejected: { zh: '实名认证未通过', en: 'Identity verification rejected', bodyZh: '您的开店申请未通过审核。', bodyEn: 'Your store-opening application was rejected.' },
};

/**
 * Tells the store's owner the case's new status (`verification_result`, in the caller's
 * transaction, with its SMS), naming the reasons and the applicant comment. Statuses without a
 * text (in review, awaiting a second approval: never shown as such) notify nobody.
 */
export async function notifyOutcome(tx: Tx, storeId: string, status: VerificationStatus, caseId: string, reasons: VerificationReasonCode[] = [], comment?: string | null): Promise<void> {
  const text = OUTCOME_TEXT[status];
  if (!text) return;
  const info = await tx.repo(VerificationRepository).storeInfo(storeId);
  if (!info) return;
  const zhReasons = reasons.length ? `原因：${reasons.map((r) => r.labelZh).join('；')}。` : '';
  const enReasons = reasons.length ? ` Reasons: ${reasons.map((r) => r.labelEn).join('; ')}.` : '';
  await notify(tx, {
    accountId: String(info.owner_account_id),
    kind: 'verification_result',
    titleZh: text.zh,
    titleEn: text.en,
    bodyZh: `${text.bodyZh}${zhReasons}${comment ? `说明：${comment}` : ''}`,
    bodyEn: `${text.bodyEn}${enReasons}${comment ? ` Note: ${comment}` : ''}`,
    link: `/verification/${caseId}`,
  });
}
