import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { PROJECT_ROOT } from '../../config';
import type { App } from '../../core/app';
import type { RequestContext } from '../../core/context';
import { alreadyExists, notFound } from '../../core/errors';
import { prcDate } from '../../../rules/dates';
import { readRepo, transaction } from '../../core/transaction';
import { parsePolicy } from '../../../rules/policies/policy-parser';
import { SEED_DOCUMENTS } from './policy-seed-documents';
import { PolicyVersionsService } from './policy-versions.service';
import { PoliciesRepository } from './policies.repository';
import type { CreatePolicyDocumentInput, PolicyDocumentSummary, PublicPolicyDocument } from './policies.types';

export const MERCHANT_PRIVACY_POLICY = 'merchant-privacy-policy';
/** The platform's real merchant privacy policy, imported as published version 1 (policy chapter 8). */
export const MERCHANT_PRIVACY_POLICY_FILE = path.join(PROJECT_ROOT, 'data', 'merchant-privacy-policy.zh-CN.txt');

/**
 * Policy documents (policy chapter 8): the public list of documents with their version in force
 * and published history, legal's document list and new documents, and the import of version 1.
 * Their versions and workflow: policy-versions.service.ts.
 */
export class PoliciesService {
  constructor(private readonly app: App) {}

  private get repo(): PoliciesRepository {
    return readRepo(this.app, PoliciesRepository);
  }

  // ------------------------------------------------------------ public

  /** Public: every document with its version in force and its published history. */
  async publicDocuments(): Promise<PublicPolicyDocument[]> {
    const repo = this.repo;
    const docs = await repo.allDocuments();
    return Promise.all(docs.map(async (d) => this.publicDocumentOf(repo, d.id, d)));
  }

  /** Public: one document by code. @throws NOT_FOUND for an unknown code. */
  async publicDocument(code: string): Promise<PublicPolicyDocument> {
    const repo = this.repo;
    const doc = await repo.documentByCode(code);
    if (!doc) throw notFound('Policy document');
    return this.publicDocumentOf(repo, doc.id, doc);
  }

  private async publicDocumentOf(repo: PoliciesRepository, id: string, d: { code: string; titleZh: string; titleEn: string }): Promise<PublicPolicyDocument> {
    const history = (await repo.publicVersions(id)).map(PolicyVersionsService.versionView);
    return { id, code: d.code, titleZh: d.titleZh, titleEn: d.titleEn, current: history.find((v) => v.status === 'published'), history };
  }

  // ------------------------------------------------------------ import and seed

  /**
   * Imports the real merchant privacy policy as published version 1, text preserved as is, with its
   * clause structure recovered, and seeds the platform rules and the third-party data-sharing list
   * with a short published version 1 each. Does nothing for a document that exists. Audited as a
   * system action; history: `publish` (null -> published, note `imported`).
   */
  async importMerchantPrivacyPolicy(ctx: RequestContext): Promise<void> {
    const text = await readFile(MERCHANT_PRIVACY_POLICY_FILE, 'utf8');
    const docs = [{ code: MERCHANT_PRIVACY_POLICY, titleZh: '快手小店商家隐私政策', titleEn: 'Merchant Privacy Policy', bodyZh: text, bodyEn: null as string | null }, ...SEED_DOCUMENTS];
    for (const d of docs) {
      await transaction(ctx, async (tx) => {
        const repo = tx.repo(PoliciesRepository);
        if (await repo.documentByCode(d.code)) return;
        const doc = await repo.saveDocument({ code: d.code, titleZh: d.titleZh, titleEn: d.titleEn });
        const v = await repo.saveVersion({
          documentId: doc.id,
          versionNo: 1,
          status: 'published',
          bodyZh: d.bodyZh,
          bodyEn: d.bodyEn,
          structure: parsePolicy(d.bodyZh),
          changeSummary: '首次发布 / First published version',
          publishedAt: new Date(),
          effectiveDate: prcDate(),
        });
        await repo.addTransition({ versionId: v.id, action: 'publish', fromStatus: null, toStatus: 'published', actorAccountId: null, actorKind: 'system', note: 'imported' });
        tx.audit({ action: 'policy.import', targetType: 'PolicyVersion', targetId: v.id, after: { code: doc.code, versionNo: 1 } });
      });
    }
  }

  // ------------------------------------------------------------ legal

  /** Every document with version counts and the version in force. */
  documents(_ctx: RequestContext): Promise<PolicyDocumentSummary[]> {
    return this.repo.documentSummaries().then((rows) => rows.map((r) => ({ ...r, currentVersionId: r.currentVersionId ?? undefined, currentVersionNo: r.currentVersionNo ?? undefined })));
  }

  /** A new document (no versions yet). @throws CONFLICT `ALREADY_EXISTS` when the code is taken. */
  async createDocument(ctx: RequestContext, input: CreatePolicyDocumentInput): Promise<PolicyDocumentSummary> {
    return transaction(ctx, async (tx) => {
      const repo = tx.repo(PoliciesRepository);
      if (await repo.documentByCode(input.code)) throw alreadyExists('A document with this code exists');
      const d = await repo.saveDocument({ code: input.code, titleZh: input.titleZh.trim(), titleEn: input.titleEn.trim() });
      tx.emit({ type: 'publicContent.changed', module: 'policies' });
      tx.audit({ action: 'policy.createDocument', targetType: 'PolicyDocument', targetId: d.id, after: { code: d.code } });
      return { id: d.id, code: d.code, titleZh: d.titleZh, titleEn: d.titleEn, versionCount: 0, openCount: 0 };
    });
  }
}
