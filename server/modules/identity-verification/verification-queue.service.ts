import { target } from '../../core/abilities';
import type { App } from '../../core/app';
import { actorOf, type RequestContext } from '../../core/context';
import { maskIdNumber } from '../../core/crypto/masking';
import { badInput, CoreErrors, forbidden, notFound } from '../../core/errors';
import { isId } from '../../core/ids';
import { mapPage, type Page, type PageRequest } from '../../core/pagination';
import { auditNow, readRepo, transaction } from '../../core/transaction';
import type { VerificationStatus } from './verification-case.entity';
import { applyReviewAction, caseAsRead } from './verification-case-actions';
import { VerificationErrors } from './verification.errors';
import { storedStatuses, VERIFICATION_MACHINE, visibleStatus } from './verification.machine';
import { VerificationQueueRepository } from './verification-queue.repository';
import { VerificationRepository } from './verification.repository';
import type { VerificationCaseView, VerificationQueueFilter, VerificationQueueItem } from './verification.types';
import { ageHours, caseView } from './verification.views';

/**
 * The review queue (policy 2.2.1, 5.1.2): lists and status counts (a store owner gets only its own
 * case, by the row rule), one case with its reveal log, and who holds a case: a reviewer claims
 * and releases, an ops_lead assigns in bulk. Holding changes go through the verification machine.
 */
export class VerificationQueueService {
  constructor(private readonly app: App) {}

  /**
   * The queue, oldest submission first (SLA order). Review internals (flags, who holds the case)
   * are staff-only, as on the case page: a merchant's items carry no flags and no holder, and
   * filtering by them is refused, since which filter finds one's own case would tell its flags.
   * Searching by ID number uses the keyed hash, needs the look-up permission and is audited.
   * @throws FORBIDDEN `REVIEW_INTERNALS_STAFF_ONLY` when a merchant filters by flags, holder or a
   * hidden status; FORBIDDEN for an ID-number search without the permission.
   */
  async queue(ctx: RequestContext, filter: VerificationQueueFilter = {}, page: PageRequest): Promise<Page<VerificationQueueItem>> {
    const staff = this.seesReviewInternals(ctx, filter);
    const idNumberHash = await this.idNumberFilter(ctx, filter);
    const res = await readRepo(this.app, VerificationQueueRepository).queue(ctx.ability, { ...this.storedFilter(filter, staff), idNumberHash }, page);
    return mapPage(res, (r) => ({
      id: String(r.id),
      storeId: String(r.store_id),
      storeName: r.store_name,
      nickname: r.nickname,
      subjectType: r.subject_type,
      status: visibleStatus(r.status as VerificationStatus, staff),
      flags: staff ? r.flags : [],
      submittedAt: r.submitted_at,
      ageHours: ageHours(r.submitted_at, r.decided_at),
      assignee: staff && r.assignee_id ? { id: String(r.assignee_id), displayName: r.assignee_name ?? '' } : undefined,
      rowVersion: r.row_version,
    }));
  }

  /** Status counts under the queue's filter (as the actor is shown statuses). @throws as `queue`. */
  async statusCounts(ctx: RequestContext, filter: VerificationQueueFilter = {}) {
    const staff = this.seesReviewInternals(ctx, filter);
    const idNumberHash = await this.idNumberFilter(ctx, filter);
    const counts = await readRepo(this.app, VerificationQueueRepository).statusCounts(ctx.ability, { ...this.storedFilter(filter, staff), idNumberHash });
    if (staff) return counts;
    // Statuses as the merchant sees them: hidden ones are counted under the status they show as.
    const shown = new Map<string, { status: string; count: number; exact: boolean }>();
    for (const c of counts) {
      const status = visibleStatus(c.status as VerificationStatus, false);
      const s = shown.get(status) ?? { status, count: 0, exact: true };
      shown.set(status, { status, count: s.count + c.count, exact: s.exact && c.exact });
    }
    return [...shown.values()];
  }

  /**
   * Whether the actor sees review internals (staff); refuses a non-staff filter on them: flags,
   * holder, and statuses a merchant is never shown (which filter finds one's case would tell).
   */
  private seesReviewInternals(ctx: RequestContext, filter: VerificationQueueFilter): boolean {
    const staff = ctx.actor?.kind === 'staff';
    const hiddenStatus = filter.statuses?.some((s) => visibleStatus(s as VerificationStatus, false) !== s);
    if (!staff && (filter.flags?.length || filter.flagged !== undefined || filter.assigneeId || filter.unassigned || hiddenStatus)) {
      throw VerificationErrors.REVIEW_INTERNALS_STAFF_ONLY();
    }
    return staff;
  }

  /** A non-staff filter by shown statuses, as stored statuses (`in_review` also finds cases awaiting a second approval). */
  private storedFilter(filter: VerificationQueueFilter, staff: boolean): VerificationQueueFilter {
    return staff || !filter.statuses ? filter : { ...filter, statuses: storedStatuses(filter.statuses as VerificationStatus[]) };
  }

  /** The keyed hash of the searched ID number (audited either way). @throws FORBIDDEN without the look-up permission. */
  private async idNumberFilter(ctx: RequestContext, filter: VerificationQueueFilter): Promise<string | undefined> {
    if (!filter.idNumber) return undefined;
    if (!ctx.ability.can('read', 'VerificationByIdNumber')) {
      await auditNow(ctx, { action: 'verification.searchByIdNumber', outcome: 'denied', targetType: 'Verification' });
      throw forbidden();
    }
    const hash = this.app.cipher.blindIndex('id_number', filter.idNumber);
    await auditNow(ctx, { action: 'verification.searchByIdNumber', targetType: 'Verification', after: { idNumber: maskIdNumber(filter.idNumber) } });
    return hash;
  }

  /** One case with masked data and its history. Merchants see only their store's (NOT_FOUND otherwise) and no internal notes. */
  async get(ctx: RequestContext, id: string): Promise<VerificationCaseView> {
    const c = isId(id) ? await readRepo(this.app, VerificationRepository).findCase(id) : null;
    if (!c || !ctx.ability.can('read', target('Verification', { storeId: c.storeId }))) throw notFound('Verification case');
    return caseView(this.app, ctx, c);
  }

  /** Who viewed which personal field of the case, when and why (newest first). */
  async revealLog(_ctx: RequestContext, caseId: string) {
    if (!isId(caseId)) throw notFound('Verification case');
    const rows = await readRepo(this.app, VerificationRepository).revealLog(caseId);
    return rows.map((r) => ({ at: r.at, actorLabel: r.actor_label ?? undefined, field: r.field, purpose: r.purpose ?? undefined, outcome: r.outcome }));
  }

  /** A reviewer takes a submitted case. @throws CONFLICT `STALE_VERSION` when someone else took it first or changed it, `INVALID_TRANSITION` when it is not waiting. */
  async claim(ctx: RequestContext, id: string, version: number): Promise<VerificationCaseView> {
    const actor = actorOf(ctx);
    await transaction(ctx, async (tx) => {
      const c = await caseAsRead(tx, id, version);
      await applyReviewAction(tx, c, 'claim', { set: { assigneeId: actor.accountId, assignedAt: new Date() } });
    });
    return caseView(this.app, ctx, id);
  }

  /** Gives a claimed case back to the queue (its holder or an ops_lead). @throws CONFLICT `HELD_BY_ANOTHER`, `STALE_VERSION`, `INVALID_TRANSITION`. */
  async release(ctx: RequestContext, id: string, version: number): Promise<VerificationCaseView> {
    const actor = actorOf(ctx);
    await transaction(ctx, async (tx) => {
      const c = await caseAsRead(tx, id, version);
      if (c.assigneeId !== actor.accountId && !ctx.ability.can('assign', 'Verification')) throw VerificationErrors.HELD_BY_ANOTHER();
      await applyReviewAction(tx, c, 'release', { set: { assigneeId: null, assignedAt: null } });
    });
    return caseView(this.app, ctx, id);
  }

  /**
   * ops_lead: assigns 1 to 100 cases to a reviewer, all or none (one transaction). @returns the cases.
   * @throws BAD_USER_INPUT for malformed ids, `ASSIGNEE_NOT_REVIEWER`; NOT_FOUND; CONFLICT `INVALID_TRANSITION` naming a case that is decided.
   */
  async assign(ctx: RequestContext, ids: string[], assigneeId: string): Promise<VerificationCaseView[]> {
    if (!ids.length || ids.length > 100 || ids.some((x) => !isId(x))) throw badInput('give 1 to 100 case ids', 'ids');
    if (!isId(assigneeId)) throw badInput('not a staff account', 'assigneeId');
    if (!(await readRepo(this.app, VerificationQueueRepository).isActiveReviewer(assigneeId)))
      throw VerificationErrors.ASSIGNEE_NOT_REVIEWER(undefined, { fields: [{ field: 'assigneeId', message: 'the assignee must be an active reviewer or lead' }] });
    await transaction(ctx, async (tx) => {
      for (const id of ids) {
        const c = await tx.repo(VerificationRepository).findCase(id, true);
        if (!c) throw notFound('Verification case');
        if (!VERIFICATION_MACHINE.can('assign', c.status)) throw CoreErrors.INVALID_TRANSITION(`Case ${id} is ${c.status} and cannot be assigned`, { status: c.status });
        await applyReviewAction(tx, c, 'assign', { set: { assigneeId, assignedAt: new Date() } });
      }
    });
    return Promise.all(ids.map((id) => caseView(this.app, ctx, id)));
  }

  /** The staff an ops_lead can assign cases to (active ops_reviewer or ops_lead). */
  async reviewers(): Promise<{ id: string; displayName: string }[]> {
    return (await readRepo(this.app, VerificationQueueRepository).reviewers()).map((r) => ({ id: r.id, displayName: r.display_name }));
  }
}
