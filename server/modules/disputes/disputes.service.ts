import { prcDate } from '../../../rules/dates';
import { MISSED_DEADLINE_OUTCOME, refundOf, type Resolution } from '../../../rules/disputes/disputes';
import { hasRole, target } from '../../core/abilities';
import type { App } from '../../core/app';
import { now } from '../../core/clock';
import { actorOf, systemContext, type RequestContext } from '../../core/context';
import { badInput, CoreErrors, fieldRefusal, notFound } from '../../core/errors';
import { isId, isUuid } from '../../core/ids';
import type { Page, PageRequest } from '../../core/pagination';
import { applyAction } from '../../core/state-machine';
import { auditNow, readRepo, transaction, type Tx } from '../../core/transaction';
import { loadWorkingDayCalendar, recentWorkingDayCalendar } from '../../core/working-days';
import { FilesRepository } from '../files/files.repository';
import { notify, sendSms } from '../notifications/notifications.service';
import { servicesOf } from '../services';
import type { Dispute } from './dispute.entity';
import { DisputeHistory } from './dispute-history.entity';
import type { MessageAuthorKind } from './dispute-message.entity';
import { DisputeErrors } from './disputes.errors';
import { DISPUTE_MACHINE } from './disputes.machine';
import { answerReminder, answerRequested, buyerSms, deadlineMissed, disputeOutcome } from './disputes.notifications';
import { DisputesRepository, type DisputeListRow } from './disputes.repository';
import type {
  AssignDisputeInput,
  BuyerMessageInput,
  DisputeFilter,
  DisputeIntakeResult,
  DisputeMessageInput,
  DisputeStepInput,
  DisputeView,
  OpenDisputeInput,
  ResolveDisputeInput,
  UploadDisputeEvidenceInput,
  DisputeFileView,
} from './disputes.types';
import { disclosureView, disputeFileView, disputeView } from './disputes.views';

/** Largest evidence file, in bytes. */
const MAX_EVIDENCE_BYTES = 1024 * 1024;

/** The largest claim a dispute takes, integer fen (¥10,000,000.00): beyond, it is a court matter, not an after-sales case. */
const MAX_CLAIM_FEN = 1_000_000_000;

/** A message must say something: not only spaces and line breaks. */
function checkBody(body: string, field: string): void {
  if (!body.trim()) throw badInput('must not be blank', field);
}

/** Steps that need a reason. */
const REASON_REQUIRED = new Set(['escalate', 'withdraw']);

/**
 * Disputes with buyers (纠纷, policy 4.1 i): intake (idempotent by after-sales number), the
 * lifecycle of DISPUTE_MACHINE, the thread (internal notes for staff only), evidence, the
 * response deadline in PRC working days and its job. Money in integer fen.
 */
export class DisputesService {
  constructor(private readonly app: App) {}

  private get read() {
    return readRepo(this.app, DisputesRepository);
  }

  // ================================================================ reading

  /**
   * One page of the disputes the actor may read (a store: its own). Staff-only filters (store,
   * assignee) are refused to merchants. Sort fields: latestMessageAt (default DESC), createdAt, id.
   * @throws BAD_USER_INPUT `filter.storeId` / `filter.assigneeId` for a merchant; `sort.field`.
   */
  async list(ctx: RequestContext, filter: DisputeFilter = {}, page: PageRequest): Promise<Page<DisputeView>> {
    const staff = actorOf(ctx).kind === 'staff';
    if (!staff && filter.storeId) throw badInput('only staff filter by store', 'filter.storeId');
    if (!staff && filter.assigneeId) throw badInput('only staff filter by assignee', 'filter.assigneeId');
    const today = prcDate(now(this.app));
    const [res, calendar] = await Promise.all([this.read.list(ctx.ability, { ...filter, overdueOn: filter.overdue ? today : undefined }, page), recentWorkingDayCalendar(this.app.dataSource)]);
    return { ...res, items: res.items.map((r) => disputeView(this.app, r, calendar, today)) };
  }

  /**
   * One dispute with its thread (internal notes for staff only), disclosures the actor may read
   * and (staff) its history. @throws NOT_FOUND for another store's dispute.
   */
  async get(ctx: RequestContext, id: string): Promise<DisputeView> {
    const d = isId(id) ? await this.read.findAccessible(ctx.ability, id) : null;
    if (!d) throw notFound('Dispute');
    const staff = actorOf(ctx).kind === 'staff';
    const repo = this.read;
    const [names, messages, disclosures, history, calendar] = await Promise.all([
      repo.names(d),
      repo.messages(d.id, staff),
      repo.disclosuresOf(ctx.ability, d.id),
      staff ? repo.history(d.id) : Promise.resolve([] as DisputeHistory[]),
      recentWorkingDayCalendar(this.app.dataSource),
    ]);
    const files = await readRepo(this.app, FilesRepository).attachedTo(
      'dispute_evidence',
      messages.map((m) => m.id),
    );
    const people = await repo.displayNames([...messages.map((m) => m.authorAccountId), ...disclosures.flatMap((x) => [x.requestedBy, x.decidedBy]), ...history.map((h) => h.actorAccountId)]);
    const row: DisputeListRow & { buyerAddressEnc: string | null } = { ...d, ...names, responseDueOn: d.responseDueOn, buyerAddressEnc: d.buyerAddressEnc };
    return {
      ...disputeView(this.app, row, calendar, prcDate(now(this.app))),
      description: d.description,
      proposedResolution: d.proposedResolution ?? undefined,
      refundAmount: d.refundAmount === null ? undefined : Number(d.refundAmount),
      resolutionReason: d.resolutionReason ?? undefined,
      resolvedAt: d.resolvedAt ?? undefined,
      source: staff ? d.source : undefined,
      messages: messages.map((m) => ({
        id: m.id,
        authorKind: m.authorKind,
        authorName: m.authorAccountId && m.authorKind !== 'buyer' ? people.get(m.authorAccountId) : undefined,
        body: m.body,
        internal: m.internal,
        files: files.filter((f) => f.attachedId === m.id).map(disputeFileView),
        at: m.at,
      })),
      disclosures: disclosures.map((x) => disclosureView(x, people, staff)),
      history: staff
        ? history.map((h) => ({
            id: h.id,
            action: h.action,
            fromStatus: h.fromStatus ?? undefined,
            toStatus: h.toStatus,
            subject: h.subject,
            actorName: h.actorAccountId ? people.get(h.actorAccountId) : undefined,
            actorKind: h.actorKind,
            reason: h.reason ?? undefined,
            at: h.at,
          }))
        : undefined,
    };
  }

  // ================================================================ intake

  /**
   * Opens a dispute (support, or a service account with `dispute.intake`), idempotent by the
   * after-sales number: the same number again answers the existing dispute (`created: false`),
   * also when 20 arrive at once (the unique index decides). Buyer details are stored encrypted.
   * @throws BAD_USER_INPUT `input.amountClaimed` (not above 0, or above MAX_CLAIM_FEN), `NO_SUCH_STORE`; CONFLICT
   *   `AFTER_SALES_NUMBER_TAKEN` when the number belongs to another store or order.
   */
  async open(ctx: RequestContext, input: OpenDisputeInput): Promise<DisputeIntakeResult> {
    const actor = actorOf(ctx);
    if (input.amountClaimed <= 0 || input.amountClaimed > MAX_CLAIM_FEN) throw badInput(`must be above 0 and at most ${MAX_CLAIM_FEN} fen (¥10,000,000.00)`, 'input.amountClaimed');
    const enc = (v: string) => this.app.cipher.encrypt(v.trim());
    return transaction(ctx, async (tx) => {
      const repo = tx.repo(DisputesRepository);
      if (!(await repo.storeExists(input.storeId))) throw fieldRefusal(DisputeErrors.NO_SUCH_STORE, 'input.storeId');
      const id = await repo.insertIfNew({
        storeId: input.storeId,
        orderNumber: input.orderNumber,
        afterSalesNumber: input.afterSalesNumber,
        claimType: input.claimType as Dispute['claimType'],
        amountClaimed: String(input.amountClaimed),
        description: input.description,
        buyerNameEnc: enc(input.buyerName),
        buyerMobileEnc: enc(input.buyerMobile),
        buyerAddressEnc: input.buyerAddress ? enc(input.buyerAddress) : null,
        source: actor.kind === 'staff' ? 'support' : 'intake',
        openedBy: actor.accountId,
      });
      if (!id) {
        const existing = (await repo.byAfterSalesNumber(input.afterSalesNumber))!;
        if (existing.storeId !== input.storeId || existing.orderNumber !== input.orderNumber) throw fieldRefusal(DisputeErrors.AFTER_SALES_NUMBER_TAKEN, 'input.afterSalesNumber');
        return { disputeId: existing.id, afterSalesNumber: existing.afterSalesNumber, status: existing.status, created: false };
      }
      await repo.appendHistory({ disputeId: id, subject: 'dispute', action: 'open', fromStatus: null, toStatus: 'open', actorAccountId: actor.accountId, actorKind: actor.kind });
      tx.audit({
        action: 'dispute.open',
        targetType: 'Dispute',
        targetId: id,
        storeId: input.storeId,
        after: { afterSalesNumber: input.afterSalesNumber, claimType: input.claimType, amountClaimed: input.amountClaimed },
      });
      tx.emit({ type: 'transition', machine: DISPUTE_MACHINE.name, action: 'open', id, from: null, to: 'open', storeId: input.storeId });
      return { disputeId: id, afterSalesNumber: input.afterSalesNumber, status: 'open', created: true };
    });
  }

  /**
   * Relays a buyer's message from the after-sales system (service account), by after-sales number.
   * @throws NOT_FOUND; CONFLICT `DISPUTE_FINISHED`.
   */
  async buyerMessage(ctx: RequestContext, input: BuyerMessageInput): Promise<DisputeIntakeResult> {
    checkBody(input.body, 'input.body');
    return transaction(ctx, async (tx) => {
      const repo = tx.repo(DisputesRepository);
      const found = await repo.byAfterSalesNumber(input.afterSalesNumber);
      const d = found && (await repo.lock(found.id));
      if (!d) throw notFound('Dispute');
      await this.append(tx, d, 'buyer', input.body, false, []);
      return { disputeId: d.id, afterSalesNumber: d.afterSalesNumber, status: d.status, created: false };
    });
  }

  // ================================================================ thread

  /** Uploads an evidence file (staff working disputes, or a store that may answer them: `create DisputeMessage`), to cite in a message. */
  async uploadEvidence(ctx: RequestContext, input: UploadDisputeEvidenceInput): Promise<DisputeFileView> {
    const f = await servicesOf(this.app).files.storeBase64(ctx, input, {
      maxBytes: MAX_EVIDENCE_BYTES,
      pdf: true,
      purpose: 'dispute_evidence',
      audit: { action: 'disputeFile.upload', targetType: 'DisputeFile' },
    });
    return disputeFileView(f);
  }

  /**
   * An evidence file's content: staff who read disputes; the store for files on messages of its
   * own disputes that are not internal notes. Audited. @throws NOT_FOUND otherwise.
   */
  async fileContent(ctx: RequestContext, id: string): Promise<{ id: string; fileName: string; contentType: string; contentBase64: string }> {
    const f = isUuid(id) ? await readRepo(this.app, FilesRepository).byKey(id) : null;
    const message = f?.purpose === 'dispute_evidence' && f.attachedId ? await this.read.message(f.attachedId) : null;
    const staff = actorOf(ctx).kind === 'staff';
    const d = message && (staff || !message.internal) ? await this.read.findAccessible(ctx.ability, message.disputeId) : null;
    if (!f || !d) throw notFound('File');
    const { bytes } = await this.app.storage.get(f.key);
    await auditNow(ctx, { action: 'disputeFile.read', targetType: 'DisputeFile', targetId: f.key, storeId: d.storeId });
    return { id: f.key, fileName: f.fileName ?? '', contentType: f.contentType, contentBase64: bytes.toString('base64') };
  }

  /**
   * Adds a message to a dispute's thread. Staff who work disputes write replies or internal notes;
   * the store (owner, or a sub-account with `disputes.respond`) writes replies with evidence, and
   * its first reply while awaiting it answers the dispute (-> awaiting_platform).
   * @throws NOT_FOUND for another store's dispute; FORBIDDEN for a store account without
   *   `disputes.respond`; BAD_USER_INPUT `input.internal` for a store; CONFLICT `DISPUTE_FINISHED`;
   *   BAD_USER_INPUT `FILE_NOT_CLAIMABLE`.
   */
  async addMessage(ctx: RequestContext, input: DisputeMessageInput): Promise<DisputeView> {
    const actor = actorOf(ctx);
    const staff = actor.kind === 'staff';
    if (!staff && input.internal) throw badInput('only staff write internal notes', 'input.internal');
    checkBody(input.body, 'input.body');
    await transaction(ctx, async (tx) => {
      const repo = tx.repo(DisputesRepository);
      const visible = await repo.findAccessible(ctx.ability, input.disputeId);
      if (!visible) throw notFound('Dispute');
      const allowed = staff ? ctx.ability.can('decide', 'Dispute') : ctx.ability.can('update', target('Dispute', { storeId: visible.storeId }));
      if (!allowed) throw DisputeErrors.DISPUTE_READ_ONLY();
      const d = (await repo.lock(visible.id))!;
      await this.append(tx, d, staff ? 'staff' : 'merchant', input.body, input.internal, input.fileIds);
      if (!staff && d.status === 'awaiting_merchant') await applyAction(tx, DISPUTE_MACHINE, d, 'respond', { storeId: d.storeId, history: { subject: 'dispute' } });
    });
    return this.get(ctx, input.disputeId);
  }

  /** Appends a message (files claimed and attached) and audits it (never its text). */
  private async append(tx: Tx, d: Dispute, author: MessageAuthorKind, body: string, internal: boolean, fileIds: string[]): Promise<void> {
    if (d.status === 'closed' || d.status === 'withdrawn') throw DisputeErrors.DISPUTE_FINISHED();
    const actor = tx.ctx.actor;
    const keys = [...new Set(fileIds)];
    const files = tx.repo(FilesRepository);
    if (keys.length && (!actor || (await files.claimable(keys, actor.accountId, 'dispute_evidence')).length !== keys.length)) throw fieldRefusal(DisputeErrors.FILE_NOT_CLAIMABLE, 'input.fileIds');
    const m = await tx.repo(DisputesRepository).addMessage({ disputeId: d.id, authorKind: author, authorAccountId: actor?.accountId ?? null, body, internal });
    if (keys.length) await files.attach('dispute_evidence', m.id, keys);
    tx.audit({ action: internal ? 'dispute.note' : 'dispute.message', targetType: 'Dispute', targetId: d.id, storeId: d.storeId, after: { messageId: m.id, author, files: keys.length } });
  }

  // ================================================================ lifecycle (staff)

  /**
   * A staff step: send to the merchant (deadline = PRC working days from today, config
   * `disputes.responseWorkingDays`; the store is told by inbox and SMS), escalate, close or
   * withdraw (both sides told). @throws CONFLICT `STALE_VERSION` | `INVALID_TRANSITION`;
   * BAD_USER_INPUT `input.reason` when required; NOT_FOUND.
   */
  async step(ctx: RequestContext, input: DisputeStepInput): Promise<DisputeView> {
    if (REASON_REQUIRED.has(input.step) && !input.reason) throw badInput('give a reason', 'input.reason');
    await transaction(ctx, async (tx) => {
      const d = await this.lockForStaff(tx, input.id);
      const set: Record<string, unknown> = {};
      if (input.step === 'sendToMerchant') {
        const calendar = await loadWorkingDayCalendar(tx.em);
        Object.assign(set, { responseDueOn: calendar.addWorkingDays(prcDate(now(this.app)), this.app.config.disputes.responseWorkingDays), remindedAt: null });
      }
      await applyAction(tx, DISPUTE_MACHINE, d, input.step, { expectedVersion: input.version, set, reason: input.reason, storeId: d.storeId, history: { subject: 'dispute' } });
      const owner = await tx.repo(DisputesRepository).ownerAccountOf(d.storeId);
      if (input.step === 'sendToMerchant' && owner) await notify(tx, answerRequested(owner, d, d.responseDueOn!));
      if (input.step === 'withdraw') await this.tellBothSides(tx, d, input.reason!);
    });
    return this.get(ctx, input.id);
  }

  /**
   * Decides a dispute awaiting the platform (support or ops_lead; an escalated one: ops_lead only):
   * refund in full (the claim), in part (0 < amount <= claim, integer fen) or reject; both sides
   * are told. @throws FORBIDDEN `ESCALATED_NEEDS_LEAD`; BAD_USER_INPUT `REFUND_OUT_OF_RANGE`
   * (`input.refundAmount`); CONFLICT `STALE_VERSION` | `INVALID_TRANSITION`.
   */
  async resolve(ctx: RequestContext, input: ResolveDisputeInput): Promise<DisputeView> {
    const actor = actorOf(ctx);
    await transaction(ctx, async (tx) => {
      const d = await this.lockForStaff(tx, input.id);
      if (d.status === 'escalated' && !hasRole(actor, 'ops_lead')) throw DisputeErrors.ESCALATED_NEEDS_LEAD();
      if (input.resolution !== 'refund_partial' && input.refundAmount != null) throw badInput('an amount is given only for refund_partial', 'input.refundAmount');
      let refund: number;
      try {
        refund = refundOf(input.resolution as Resolution, Number(d.amountClaimed), input.refundAmount);
      } catch {
        throw fieldRefusal(DisputeErrors.REFUND_OUT_OF_RANGE, 'input.refundAmount');
      }
      await applyAction(tx, DISPUTE_MACHINE, d, 'resolve', {
        expectedVersion: input.version,
        set: { resolution: input.resolution, refundAmount: String(refund), resolutionReason: input.reason, resolvedBy: actor.accountId, resolvedAt: now(this.app) },
        reason: input.reason,
        storeId: d.storeId,
        history: { subject: 'dispute' },
        audit: { after: { status: 'resolved', resolution: input.resolution, refundAmount: refund } },
      });
      await this.tellBothSides(tx, d, input.reason);
    });
    return this.get(ctx, input.id);
  }

  /**
   * Assigns the dispute to a staff member who works disputes (or unassigns). Audited.
   * @throws BAD_USER_INPUT `input.assigneeId`; CONFLICT `STALE_VERSION`; NOT_FOUND.
   */
  async assign(ctx: RequestContext, input: AssignDisputeInput): Promise<DisputeView> {
    await transaction(ctx, async (tx) => {
      const repo = tx.repo(DisputesRepository);
      const d = await this.lockForStaff(tx, input.id);
      if (input.assigneeId && !(await repo.isDisputeAgent(input.assigneeId))) throw badInput('not a staff member who works disputes', 'input.assigneeId');
      if (d.rowVersion !== input.version || !(await repo.setAssignee(d.id, input.version, input.assigneeId ?? null))) throw CoreErrors.STALE_VERSION();
      tx.audit({ action: 'dispute.assign', targetType: 'Dispute', targetId: d.id, storeId: d.storeId, before: { assigneeId: d.assigneeId }, after: { assigneeId: input.assigneeId ?? null } });
    });
    return this.get(ctx, input.id);
  }

  private async lockForStaff(tx: Tx, id: string): Promise<Dispute> {
    const d = isId(id) ? await tx.repo(DisputesRepository).lock(id) : null;
    if (!d || !tx.ctx.ability.can('decide', 'Dispute')) throw notFound('Dispute');
    return d;
  }

  /** The store's owner by inbox and SMS, the buyer by SMS, of an outcome. */
  private async tellBothSides(tx: Tx, d: Dispute, reason: string): Promise<void> {
    const owner = await tx.repo(DisputesRepository).ownerAccountOf(d.storeId);
    if (owner) await notify(tx, disputeOutcome(owner, d, reason));
    await sendSms(tx, d.buyerMobileEnc, buyerSms.outcome(d));
  }

  // ================================================================ deadlines (job)

  /**
   * The deadline step, run by the DISPUTE_DEADLINE_QUEUE job (and by tests): each dispute awaiting
   * its store past the last answer day (PRC date before today) moves to awaiting_platform with a
   * full refund proposed (MISSED_DEADLINE_OUTCOME), both sides told; each due by the next working
   * day gets its one reminder. Each dispute in its own transaction, the row locked and re-checked,
   * so overlapping runs act once. @returns how many moved and how many were reminded.
   */
  async sweepDeadlines(at: Date = now(this.app)): Promise<{ missed: number; reminded: number }> {
    const today = prcDate(at);
    const calendar = await loadWorkingDayCalendar(this.app.dataSource);
    const ctx = systemContext(this.app, 'job:dispute-deadlines');
    let missed = 0;
    let reminded = 0;
    for (const id of await this.read.missedDeadlines(today, 1000)) {
      const moved = await transaction(ctx, async (tx) => {
        const d = await tx.repo(DisputesRepository).lock(id);
        if (!d || d.status !== 'awaiting_merchant' || !d.responseDueOn || d.responseDueOn >= today) return false;
        await applyAction(tx, DISPUTE_MACHINE, d, 'missDeadline', {
          set: { deadlineMissed: true, proposedResolution: MISSED_DEADLINE_OUTCOME },
          reason: `no answer by ${d.responseDueOn}`,
          storeId: d.storeId,
          history: { subject: 'dispute' },
        });
        await tx.repo(DisputesRepository).addMessage({
          disputeId: d.id,
          authorKind: 'system',
          authorAccountId: null,
          body: `商家未在${d.responseDueOn}前回复，平台介入处理（建议全额退款）。The store did not answer by ${d.responseDueOn}; the platform now decides (full refund proposed).`,
          internal: false,
        });
        const owner = await tx.repo(DisputesRepository).ownerAccountOf(d.storeId);
        if (owner) await notify(tx, deadlineMissed(owner, d));
        await sendSms(tx, d.buyerMobileEnc, buyerSms.missed(d));
        return true;
      });
      if (moved) missed++;
    }
    for (const id of await this.read.dueForReminder(today, calendar.addWorkingDays(today, 1), 1000)) {
      const sent = await transaction(ctx, async (tx) => {
        const repo = tx.repo(DisputesRepository);
        const d = await repo.lock(id);
        if (!d || !(await repo.markReminded(id))) return false;
        const owner = await repo.ownerAccountOf(d.storeId);
        if (owner) await notify(tx, answerReminder(owner, d));
        tx.audit({ action: 'dispute.remind', targetType: 'Dispute', targetId: d.id, storeId: d.storeId, after: { responseDueOn: d.responseDueOn } });
        return true;
      });
      if (sent) reminded++;
    }
    return { missed, reminded };
  }
}
