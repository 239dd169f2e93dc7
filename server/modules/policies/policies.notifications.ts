import type { PolicyDocument } from './policy-document.entity';
import type { PolicyVersion } from './policy-version.entity';

/** The in-app route of a version (also keys the chunk's SMS deliveries). */
export const versionLink = (code: string, versionNo: number) => `/policies/${code}/versions/${versionNo}`;

/**
 * The inbox (and SMS) message announcing a published version (policy 8.1): a material change asks
 * for review and acknowledgement (8.2). `effectiveDate` is a PRC calendar date; the change summary
 * is cut to 120 characters.
 */
export function fanOutMessage(doc: PolicyDocument, v: PolicyVersion): { titleZh: string; titleEn: string; bodyZh: string; bodyEn: string; link: string } {
  const summary = (v.changeSummary ?? '').slice(0, 120);
  const eff = v.effectiveDate ?? '';
  return v.isMaterial
    ? {
        titleZh: `《${doc.titleZh}》重大变更，请查看并确认`,
        titleEn: `Material change to the ${doc.titleEn}: please review and acknowledge`,
        bodyZh: `《${doc.titleZh}》第 ${v.versionNo} 版已发布${eff ? `，${eff} 起生效` : ''}。${summary}`,
        bodyEn: `Version ${v.versionNo} of the ${doc.titleEn} is published${eff ? `, effective ${eff}` : ''}. ${summary}`,
        link: versionLink(doc.code, v.versionNo),
      }
    : {
        titleZh: `《${doc.titleZh}》已更新`,
        titleEn: `The ${doc.titleEn} was updated`,
        bodyZh: `《${doc.titleZh}》第 ${v.versionNo} 版已发布${eff ? `，${eff} 起生效` : ''}。${summary}`,
        bodyEn: `Version ${v.versionNo} of the ${doc.titleEn} is published${eff ? `, effective ${eff}` : ''}. ${summary}`,
        link: versionLink(doc.code, v.versionNo),
      };
}
