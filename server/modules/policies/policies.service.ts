import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { PROJECT_ROOT } from '../../config';
import type { App } from '../../core/app';
import type { RequestContext } from '../../core/context';
import { notFound } from '../../core/errors';
import { prcDate } from '../../core/dates';
import { transaction } from '../../core/transaction';
import { parsePolicy, type PolicyClause } from './policy-parser';
import { PoliciesRepository } from './policies.repository';
import type { PolicyClauseView, PublicPolicyDocument, PublicPolicyVersion } from './policies.types';
import type { PolicyVersion } from './policy-version.entity';

export const MERCHANT_PRIVACY_POLICY = 'merchant-privacy-policy';
/** The platform's real merchant privacy policy, imported as published version 1 (policy chapter 8). */
export const MERCHANT_PRIVACY_POLICY_FILE = path.join(PROJECT_ROOT, 'data', 'merchant-privacy-policy.zh-CN.txt');

function flatten(clauses: PolicyClause[], level = 1, out: PolicyClauseView[] = []): PolicyClauseView[] {
  for (const c of clauses) {
    out.push({ number: c.number, title: c.title, level, text: c.text, items: c.items });
    flatten(c.children, level + 1, out);
  }
  return out;
}

/** Policy documents and their versions; the public read side and the import of version 1. */
export class PoliciesService {
  constructor(private readonly app: App) {}

  static versionView(v: PolicyVersion): PublicPolicyVersion {
    return {
      id: v.id,
      versionNo: v.versionNo,
      status: v.status,
      effectiveDate: v.effectiveDate ?? undefined,
      publishedAt: v.publishedAt ?? undefined,
      changeSummary: v.changeSummary ?? undefined,
      isMaterial: v.isMaterial,
      materialCategories: v.materialCategories,
      title: v.structure.title,
      preamble: v.structure.preamble,
      clauses: flatten(v.structure.sections),
      body: v.bodyZh,
    };
  }

  /** Public: every document with its version in force and its published history. */
  async publicDocuments(): Promise<PublicPolicyDocument[]> {
    const repo = new PoliciesRepository(this.app.dataSource.manager);
    const docs = await repo.allDocuments();
    return Promise.all(docs.map(async (d) => this.publicDocumentOf(repo, d.id, d)));
  }

  /** Public: one document by code. @throws NOT_FOUND for an unknown code. */
  async publicDocument(code: string): Promise<PublicPolicyDocument> {
    const repo = new PoliciesRepository(this.app.dataSource.manager);
    const doc = await repo.documentByCode(code);
    if (!doc) throw notFound('Policy document');
    return this.publicDocumentOf(repo, doc.id, doc);
  }

  private async publicDocumentOf(repo: PoliciesRepository, id: string, d: { code: string; titleZh: string; titleEn: string }): Promise<PublicPolicyDocument> {
    const history = (await repo.publicVersions(id)).map(PoliciesService.versionView);
    return { id, code: d.code, titleZh: d.titleZh, titleEn: d.titleEn, current: history.find((v) => v.status === 'published'), history };
  }

  /**
   * Imports the real merchant privacy policy as published version 1, text preserved as is, with its
   * clause structure recovered. Does nothing when the document exists. Audited as a system action.
   */
  async importMerchantPrivacyPolicy(ctx: RequestContext): Promise<void> {
    const text = await readFile(MERCHANT_PRIVACY_POLICY_FILE, 'utf8');
    await transaction(ctx, async (tx) => {
      const repo = new PoliciesRepository(tx.em);
      if (await repo.documentByCode(MERCHANT_PRIVACY_POLICY)) return;
      const doc = await repo.saveDocument({ code: MERCHANT_PRIVACY_POLICY, titleZh: '快手小店商家隐私政策', titleEn: 'Merchant Privacy Policy' });
      const v = await repo.saveVersion({
        documentId: doc.id,
        versionNo: 1,
        status: 'published',
        bodyZh: text,
        structure: parsePolicy(text),
        changeSummary: '首次发布 / First published version',
        publishedAt: new Date(),
        effectiveDate: prcDate(),
      });
      tx.audit({ action: 'policy.import', targetType: 'PolicyVersion', targetId: v.id, after: { code: doc.code, versionNo: 1 } });
    });
  }
}
