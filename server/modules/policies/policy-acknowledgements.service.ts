import { subject } from '@casl/ability';
import type { App } from '../../core/app';
import { actorOf, type RequestContext } from '../../core/context';
import { badInput, notFound } from '../../core/errors';
import { prcDate } from '../../../rules/dates';
import { readRepo, transaction } from '../../core/transaction';
import { PolicyErrors } from './policies.errors';
import { PoliciesRepository } from './policies.repository';
import type { ExportNonAcknowledgersInput, MyPolicyStatus, NonAcknowledgersExport, PolicyAcknowledgementStats, PolicyAcknowledgementView } from './policies.types';
import type { PolicyVersion } from './policy-version.entity';
import { isId } from '../../core/ids';

/** A CSV field: quoted when needed; a leading = + - @ is neutralised (spreadsheet formula injection). */
function csvField(v: string | null | undefined): string {
  let s = v ?? '';
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * Acknowledgements of policy versions (policy 8.2: a material change is acknowledged again by
 * every merchant). An acknowledgement is recorded once per store (merchant) and exact version,
 * also for a version already superseded. A store must acknowledge while the last material version
 * published is newer than every version it acknowledged; acknowledging the version in force
 * settles it (it contains every earlier change).
 */
export class PolicyAcknowledgementsService {
  constructor(private readonly app: App) {}

  private get repo() {
    return readRepo(this.app, PoliciesRepository);
  }

  /** The merchant (store owner record) the actor acts for, and its store; null for staff. */
  private async merchantOf(ctx: RequestContext): Promise<{ merchantId: string; storeId: string | null } | null> {
    const a = actorOf(ctx);
    if (a.kind === 'merchant' && a.merchantId) return { merchantId: a.merchantId, storeId: a.storeId ?? (await this.repo.storeOfMerchant(a.merchantId)) };
    if (a.kind === 'sub_account' && a.storeId) {
      const merchantId = await this.repo.merchantOfStore(a.storeId);
      return merchantId ? { merchantId, storeId: a.storeId } : null;
    }
    return null;
  }

  private mayAcknowledge(ctx: RequestContext, m: { merchantId: string; storeId: string | null }): boolean {
    return ctx.ability.can('create', subject('PolicyAcknowledgement', { merchantId: m.merchantId, storeId: m.storeId } as Record<string, unknown>));
  }

  /**
   * Per document: whether the actor's store must acknowledge (the banner). Staff get an empty list.
   */
  async myStatus(ctx: RequestContext): Promise<MyPolicyStatus[]> {
    const m = await this.merchantOf(ctx);
    if (!m) return [];
    const can = this.mayAcknowledge(ctx, m);
    const rows = await this.repo.policyStatusRows(m.merchantId);
    return rows.map((r) => ({
      documentId: r.documentId,
      code: r.code,
      titleZh: r.titleZh,
      titleEn: r.titleEn,
      currentVersionId: r.currentId ?? undefined,
      currentVersionNo: r.currentNo ?? undefined,
      mustAcknowledge: r.currentId !== null && r.lastMaterialNo !== null && (r.ackNo === null || r.ackNo < r.lastMaterialNo),
      materialVersionNo: r.lastMaterialNo ?? undefined,
      acknowledgedCurrentAt: r.ackCurrentAt ?? undefined,
      canAcknowledge: can,
    }));
  }

  /**
   * Records the store's acknowledgement of one published (or superseded) version; idempotent.
   * @throws NOT_FOUND for an unknown or unpublished version; FORBIDDEN `NOT_A_STORE` for an actor who
   *   may not acknowledge for a store (staff, a sub-account without the permission).
   */
  async acknowledge(ctx: RequestContext, versionId: string): Promise<PolicyAcknowledgementView> {
    const m = await this.merchantOf(ctx);
    if (!m || !this.mayAcknowledge(ctx, m)) throw PolicyErrors.NOT_A_STORE();
    const v = isId(versionId) ? await this.repo.versionById(versionId) : null;
    if (!v || (v.status !== 'published' && v.status !== 'superseded')) throw notFound('Policy version');
    const actor = actorOf(ctx);
    return transaction(ctx, async (tx) => {
      const { row, created } = await tx.repo(PoliciesRepository).acknowledge(v.id, m.merchantId, actor.accountId);
      if (created) {
        tx.audit({
          action: 'policy.acknowledge',
          targetType: 'PolicyVersion',
          targetId: v.id,
          storeId: m.storeId,
          after: { merchantId: m.merchantId, versionNo: v.versionNo, isMaterial: v.isMaterial },
        });
      }
      return { versionId: v.id, merchantId: m.merchantId, accountId: row.accountId, acknowledgedAt: row.acknowledgedAt, newlyRecorded: created };
    });
  }

  private async publishedVersion(versionId: string): Promise<PolicyVersion> {
    const v = isId(versionId) ? await this.repo.versionById(versionId) : null;
    if (!v || !v.publishedAt || (v.status !== 'published' && v.status !== 'superseded')) throw notFound('Policy version');
    return v;
  }

  /**
   * Acknowledgement rate of a published version: overall and per PRC day since publication (at
   * most the last 366 days), against the active merchant accounts now.
   */
  async stats(_ctx: RequestContext, versionId: string): Promise<PolicyAcknowledgementStats> {
    const v = await this.publishedVersion(versionId);
    const repo = this.repo;
    const [merchants, acknowledged] = await Promise.all([repo.activeMerchantCount(), repo.acknowledgementCount(v.id)]);
    const to = prcDate();
    let from = prcDate(v.publishedAt!);
    const earliest = prcDate(new Date(Date.now() - 365 * 86_400_000));
    if (from < earliest) from = earliest;
    const days = await repo.acknowledgementsPerDay(v.id, from, to);
    return {
      versionId: v.id,
      versionNo: v.versionNo,
      isMaterial: v.isMaterial,
      merchants,
      acknowledged,
      rate: merchants ? acknowledged / merchants : 0,
      daily: days.map((d) => ({ ...d, rate: merchants ? d.cumulative / merchants : 0 })),
    };
  }

  /**
   * One page (keyset by merchant id) of the stores that have not acknowledged a version, as CSV,
   * for legal to follow up. Audited with the purpose given (policy 5.1.2).
   * @throws BAD_USER_INPUT `after`; NOT_FOUND for an unpublished version.
   */
  async exportNonAcknowledgers(ctx: RequestContext, input: ExportNonAcknowledgersInput): Promise<NonAcknowledgersExport> {
    if (input.after !== undefined && input.after !== null && !isId(input.after)) throw badInput('not a merchant id', 'after');
    if (input.purpose.trim().length < 4) throw badInput('say why the list is exported', 'purpose');
    const v = await this.publishedVersion(input.versionId);
    return transaction(ctx, async (tx) => {
      const rows = await tx.repo(PoliciesRepository).nonAcknowledgers(v.id, input.after ?? '0', input.limit);
      const lines = ['merchant_id,platform_account_id,nickname,store_name,store_status'];
      for (const r of rows) lines.push([r.merchantId, r.platformAccountId, r.nickname, r.storeName, r.storeStatus].map(csvField).join(','));
      const nextAfter = rows.length === input.limit ? rows[rows.length - 1].merchantId : undefined;
      tx.audit({
        action: 'policy.exportNonAcknowledgers',
        targetType: 'PolicyVersion',
        targetId: v.id,
        purpose: input.purpose.trim(),
        after: { rows: rows.length, after: input.after ?? null, versionNo: v.versionNo },
      });
      return { csv: `${lines.join('\r\n')}\r\n`, rowCount: rows.length, nextAfter };
    });
  }
}
