import type { App } from '../../core/app';
import { now } from '../../core/clock';
import { actorOf, type RequestContext } from '../../core/context';
import { prcDate } from '../../../rules/dates';
import { badInput, CoreErrors, notFound, fieldRefusal } from '../../core/errors';
import { isId, isUuid } from '../../core/ids';
import type { Page, PageRequest } from '../../core/pagination';
import { applyAction } from '../../core/state-machine';
import { auditNow, readRepo, transaction, type Tx } from '../../core/transaction';
import { loadWorkingDayCalendar } from '../../core/working-days';
import { FilesRepository } from '../files/files.repository';
import type { FilePurpose } from '../files/uploaded-file.entity';
import { notify } from '../notifications/notifications.service';
import { servicesOf } from '../services';
import { PenaltyErrors } from './penalties.errors';
import { SANCTION_SYNC_QUEUE } from './penalties.jobs';
import { PENALTY_MACHINE } from './penalties.machine';
import { penaltyDecisionMessage, penaltyIssuedMessage } from './penalties.notifications';
import { PenaltiesRepository, type PenaltyRow } from './penalties.repository';
import type {
  DraftPenaltyInput,
  PenaltyFileContent,
  PenaltyFileView,
  PenaltyFilter,
  PenaltyTransitionInput,
  PenaltyView,
  StorePenaltyPoints,
  UpdatePenaltyDraftInput,
  UploadPenaltyFileInput,
} from './penalties.types';
import { PenaltyCatalogueRepository } from './penalty-catalogue.repository';
import { checkFilter, fileView } from './penalty-views';
import type { Penalty } from './penalty.entity';
import { MAKER_CHECKER_EFFECTS, PERIOD_EFFECTS, type SanctionEffect } from '../../../rules/penalties/sanctions';
import { type SanctionType } from './sanction-type.entity';
import { syncStoreSanctions } from './sanctions';
import type { ViolationCategory } from './violation-category.entity';

const DAY_MS = 24 * 3600 * 1000;
/** Largest evidence or proof file, in bytes (1 MiB; the JSON body limit is 2 MB with base64). */
export const MAX_FILE_BYTES = 1024 * 1024;

/** Penalties: drafting, issue, revocation, their evidence and the store's points (issue 5; policy 2.3.4, 2.4). */
export class PenaltiesService {
  constructor(private readonly app: App) {}

  private get read() {
    return readRepo(this.app, PenaltiesRepository);
  }

  // ================================================================ files

  /**
   * Stores an evidence file (staff) or appeal proof (merchant) through the files module's one
   * upload pipeline (type decided by decoding, re-encoded, encrypted, owned by the uploader).
   * Audited (`penaltyFile.upload`). @throws BAD_USER_INPUT `input.contentBase64` (not base64,
   * empty, over 1 MiB, not a whole JPEG/PNG/WebP/PDF) or `input.fileName`; nothing is stored then.
   */
  async uploadFile(ctx: RequestContext, purpose: FilePurpose, input: UploadPenaltyFileInput): Promise<PenaltyFileView> {
    const f = await servicesOf(this.app).files.storeBase64(ctx, input, {
      maxBytes: MAX_FILE_BYTES,
      pdf: true,
      purpose,
      audit: { action: 'penaltyFile.upload', targetType: 'PenaltyFile' },
    });
    return fileView(f);
  }

  /**
   * A file's content. Staff who read penalties read every file; a merchant reads the proofs of its
   * own store's appeals and the evidence of its own issued penalties (it must see what it is
   * accused of to appeal). Audited. @throws NOT_FOUND otherwise (no existence leak).
   */
  async fileContent(ctx: RequestContext, id: string): Promise<PenaltyFileContent> {
    const found = isUuid(id) ? await readRepo(this.app, FilesRepository).byKey(id) : null;
    const f = found?.purpose ? found : null;
    const actor = actorOf(ctx);
    const staff = actor.kind === 'staff' && ctx.ability.can('read', 'Penalty');
    const ownProof = f && f.purpose === 'appeal_proof' && f.storeId && ctx.ability.can('read', { __caslSubjectType__: 'PenaltyAppeal', storeId: f.storeId } as never);
    const ownEvidence =
      !!f &&
      !staff &&
      f.purpose === 'evidence' &&
      !!f.attachedId &&
      (await this.get(ctx, f.attachedId).then(
        () => true,
        () => false,
      ));
    if (!f || !(staff || ownProof || ownEvidence)) throw notFound('File');
    const { bytes } = await this.app.storage.get(f.key);
    await auditNow(ctx, { action: 'penaltyFile.read', targetType: 'PenaltyFile', targetId: f.key, storeId: f.storeId });
    return { id: f.key, fileName: f.fileName ?? '', contentType: f.contentType, contentBase64: bytes.toString('base64') };
  }

  // ================================================================ reading

  private async penaltyViews(ctx: RequestContext, rows: PenaltyRow[]): Promise<PenaltyView[]> {
    const files = await readRepo(this.app, FilesRepository).attachedTo(
      'evidence',
      rows.map((r) => r.id),
    );
    const staff = ctx.actor?.kind === 'staff';
    return rows.map((p) => ({
      id: p.id,
      store: { id: p.storeId, name: p.store_name, status: p.store_status, platformAccountId: p.platform_account_id, nickname: p.nickname },
      category: { code: p.category!.code, nameZh: p.category!.nameZh, nameEn: p.category!.nameEn },
      sanction: { code: p.sanctionType!.code, nameZh: p.sanctionType!.nameZh, nameEn: p.sanctionType!.nameEn, effect: p.sanctionType!.effect },
      sanctionDays: p.sanctionDays ?? undefined,
      points: p.points,
      facts: p.facts,
      startsAt: p.startsAt ?? undefined,
      endsAt: p.endsAt ?? undefined,
      status: p.status,
      effectState: p.effectState,
      draftedBy: staff ? p.draftedBy : undefined,
      issuedBy: staff ? (p.issuedBy ?? undefined) : undefined,
      issuedAt: p.issuedAt ?? undefined,
      issuedOn: p.issuedOn ?? undefined,
      appealDeadline: p.appealDeadline ?? undefined,
      appealCount: p.appealCount,
      appealsAllowed: this.app.config.penalties.maxAppeals,
      revokedAt: p.revokedAt ?? undefined,
      revokeReason: p.revokeReason ?? undefined,
      noticeId: p.noticeId ?? undefined,
      evidence: files.filter((f) => f.attachedId === p.id).map(fileView),
      version: p.rowVersion,
      createdAt: p.createdAt,
    }));
  }

  /** Penalties the actor may read (merchants: their store's issued and revoked ones). Four statements per page. */
  async list(ctx: RequestContext, filter: PenaltyFilter = {}, page: PageRequest): Promise<Page<PenaltyView>> {
    checkFilter({ ...filter });
    const categoryIds = filter.categoryCode ? await servicesOf(this.app).penaltyCatalogue.categoryIdsFor(filter.categoryCode) : undefined;
    const sanction = filter.sanctionCode ? await readRepo(this.app, PenaltyCatalogueRepository).sanctionByCode(filter.sanctionCode) : undefined;
    const res = await this.read.list(ctx.ability, { ...filter, categoryIds, sanctionTypeId: filter.sanctionCode ? (sanction?.id ?? '0') : undefined }, page);
    return { ...res, items: await this.penaltyViews(ctx, res.items) };
  }

  /** @throws NOT_FOUND when it does not exist or the actor may not read it (another store's). */
  async get(ctx: RequestContext, id: string): Promise<PenaltyView> {
    const p = isId(id) ? await this.read.findVisible(ctx.ability, id) : null;
    if (!p) throw notFound('Penalty');
    return (await this.penaltyViews(ctx, [p]))[0];
  }

  /** Points of a store (a merchant: its own; staff: any, `storeId` required). @throws NOT_FOUND for another store. */
  async points(ctx: RequestContext, storeId?: string): Promise<StorePenaltyPoints> {
    const actor = actorOf(ctx);
    const id = storeId ?? (actor.kind === 'staff' ? undefined : actor.storeId);
    if (!id) throw badInput('give the store', 'storeId');
    if (!isId(id)) throw notFound('Store');
    if (actor.kind !== 'staff' && id !== actor.storeId) throw notFound('Store');
    const today = prcDate(now(this.app));
    const r = await this.read.points(id, `${today.slice(0, 4)}-01-01`);
    return { storeId: id, totalPoints: r.total, pointsThisYear: r.thisYear, year: Number(today.slice(0, 4)) };
  }

  // ================================================================ drafting

  /**
   * The category, sanction type, days and points of a draft: the input's, else the current
   * draft's, else the category's defaults. A penalty cites a leaf category (locked FOR SHARE: no
   * child can be added until this transaction ends, createCategory).
   * @throws BAD_USER_INPUT naming the field.
   */
  private async resolveSanction(
    tx: Tx,
    input: { categoryCode?: string; sanctionCode?: string; sanctionDays?: number; points?: number },
    current?: Penalty,
  ): Promise<{ category: ViolationCategory; sanction: SanctionType; days: number | null; points: number }> {
    const repo = tx.repo(PenaltyCatalogueRepository);
    const category = input.categoryCode ? await repo.categoryByCode(input.categoryCode, 'share') : current ? await repo.categoryById(current.categoryId) : null;
    if (!category || !category.active) throw fieldRefusal(PenaltyErrors.CATEGORY_UNAVAILABLE, 'input.categoryCode');
    if (await repo.hasChildren(category.id)) throw fieldRefusal(PenaltyErrors.CATEGORY_IS_GROUP, 'input.categoryCode');
    const sanctionId = input.sanctionCode ? undefined : input.categoryCode || !current ? category.defaultSanctionTypeId : current.sanctionTypeId;
    const sanction = input.sanctionCode ? await repo.sanctionByCode(input.sanctionCode) : sanctionId ? await repo.sanctionById(sanctionId) : null;
    if (!sanction || !sanction.active) throw fieldRefusal(PenaltyErrors.SANCTION_UNAVAILABLE, 'input.sanctionCode', input.sanctionCode ? undefined : 'the category has no default sanction; give one');
    const effect = sanction.effect as SanctionEffect;
    let days: number | null =
      input.sanctionDays ?? (input.sanctionCode || input.categoryCode || !current ? (sanction.id === category.defaultSanctionTypeId ? category.defaultSanctionDays : null) : current.sanctionDays);
    if (PERIOD_EFFECTS.includes(effect)) {
      if (!days) throw badInput('give the number of days of this sanction', 'input.sanctionDays');
    } else {
      if (input.sanctionDays !== undefined) throw badInput('this sanction has no length in days', 'input.sanctionDays');
      days = null;
    }
    const points = input.points ?? (input.categoryCode || !current ? category.defaultPoints : current.points);
    if (effect === 'points' && points <= 0) throw badInput('a points deduction needs points > 0', 'input.points');
    return { category, sanction, days, points };
  }

  /** Makes `ids` the draft's evidence: each must be an unused evidence upload of the actor (or already the draft's). @throws BAD_USER_INPUT `FILE_NOT_CLAIMABLE`. */
  private async claimEvidence(tx: Tx, ids: string[], penaltyId: string, field: string): Promise<void> {
    const unique = [...new Set(ids)];
    if (unique.some((id) => !isUuid(id))) throw badInput('unknown file', field);
    const files = tx.repo(FilesRepository);
    const claimable = await files.claimable(unique, actorOf(tx.ctx).accountId, 'evidence', penaltyId);
    if (claimable.length !== unique.length) throw fieldRefusal(PenaltyErrors.FILE_NOT_CLAIMABLE, field, 'each file must be an evidence file you uploaded and not used elsewhere');
    await files.attach('evidence', penaltyId, unique);
  }

  /** Drafts a penalty. Audited. @throws BAD_USER_INPUT naming the field (nothing stored). */
  async draft(ctx: RequestContext, input: DraftPenaltyInput): Promise<PenaltyView> {
    const actor = actorOf(ctx);
    const pid = await transaction(ctx, async (tx) => {
      const repo = tx.repo(PenaltiesRepository);
      if (!(await repo.storeExists(input.storeId))) throw fieldRefusal(PenaltyErrors.NO_SUCH_STORE, 'input.storeId');
      const s = await this.resolveSanction(tx, input);
      const p = await repo.insert({
        storeId: input.storeId,
        categoryId: s.category.id,
        facts: input.facts,
        sanctionTypeId: s.sanction.id,
        sanctionDays: s.days,
        points: s.points,
        startsAt: input.startsAt ?? null,
        draftedBy: actor.accountId,
      });
      await this.claimEvidence(tx, input.evidenceFileIds, p.id, 'input.evidenceFileIds');
      await repo.appendHistory({ penaltyId: p.id, subject: 'penalty', action: 'draft', toStatus: 'draft', actorAccountId: actor.accountId, actorKind: actor.kind });
      tx.audit({
        action: 'penalty.draft',
        targetType: 'Penalty',
        targetId: p.id,
        storeId: p.storeId,
        after: { category: s.category.code, sanction: s.sanction.code, days: s.days, points: s.points, evidence: input.evidenceFileIds.length },
      });
      return p.id;
    });
    return this.get(ctx, pid);
  }

  /** Edits a draft; only its drafter may. @throws FORBIDDEN `NOT_DRAFTER`; CONFLICT `STALE_VERSION` | `INVALID_TRANSITION` (not a draft). */
  async updateDraft(ctx: RequestContext, input: UpdatePenaltyDraftInput): Promise<PenaltyView> {
    const actor = actorOf(ctx);
    const pid = await transaction(ctx, async (tx) => {
      const repo = tx.repo(PenaltiesRepository);
      const p = isId(input.id) ? await repo.lockPenalty(input.id) : null;
      if (!p) throw notFound('Penalty');
      if (p.draftedBy !== actor.accountId) throw PenaltyErrors.NOT_DRAFTER();
      if (p.rowVersion !== input.version) throw CoreErrors.STALE_VERSION();
      if (p.status !== 'draft') throw CoreErrors.INVALID_TRANSITION(`cannot edit a penalty that is ${p.status}`);
      const s = await this.resolveSanction(tx, input, p);
      const ok = await repo.updateDraft(p.id, p.rowVersion, {
        categoryId: s.category.id,
        sanctionTypeId: s.sanction.id,
        sanctionDays: s.days,
        points: s.points,
        facts: input.facts ?? p.facts,
        startsAt: input.startsAt !== undefined ? input.startsAt : p.startsAt,
      });
      if (!ok) throw CoreErrors.STALE_VERSION();
      if (input.evidenceFileIds) await this.claimEvidence(tx, input.evidenceFileIds, p.id, 'input.evidenceFileIds');
      tx.audit({
        action: 'penalty.updateDraft',
        targetType: 'Penalty',
        targetId: p.id,
        storeId: p.storeId,
        before: { categoryId: p.categoryId, sanctionTypeId: p.sanctionTypeId, days: p.sanctionDays, points: p.points, version: p.rowVersion },
        after: { categoryId: s.category.id, sanctionTypeId: s.sanction.id, days: s.days, points: s.points, version: p.rowVersion + 1 },
      });
      return p.id;
    });
    return this.get(ctx, pid);
  }

  /** Cancels a draft (its drafter, or a lead). @throws FORBIDDEN `CANCEL_NOT_ALLOWED`; CONFLICT `STALE_VERSION` | `INVALID_TRANSITION`. */
  async cancelDraft(ctx: RequestContext, input: PenaltyTransitionInput): Promise<PenaltyView> {
    const actor = actorOf(ctx);
    const pid = await transaction(ctx, async (tx) => {
      const p = isId(input.id) ? await tx.repo(PenaltiesRepository).lockPenalty(input.id) : null;
      if (!p) throw notFound('Penalty');
      if (p.draftedBy !== actor.accountId && !ctx.ability.can('approve', 'Penalty')) throw PenaltyErrors.CANCEL_NOT_ALLOWED();
      await applyAction(tx, PENALTY_MACHINE, p, 'cancel', { expectedVersion: input.version, reason: input.reason, storeId: p.storeId, history: { subject: 'penalty' } });
      return p.id;
    });
    return this.get(ctx, pid);
  }

  // ================================================================ issue and revoke

  /**
   * Issues a draft (ops_lead). Maker-checker: a suspension or closure must be issued by someone
   * other than its drafter (refusal audited). In one transaction: the transition; start and end
   * of the sanction fixed (start = now when unset or past); the appeal deadline (PRC working
   * days); the public notice (policy 4.3); the merchant's penalty warning, inbox + SMS (policy
   * 2.4); the store status effect when it starts now; jobs at start and end.
   * @throws FORBIDDEN `MAKER_CHECKER`; CONFLICT `STALE_VERSION` | `INVALID_TRANSITION`.
   */
  async issue(ctx: RequestContext, input: PenaltyTransitionInput): Promise<PenaltyView> {
    const actor = actorOf(ctx);
    const at = now(this.app);
    const pid = await transaction(ctx, async (tx) => {
      const repo = tx.repo(PenaltiesRepository);
      const catalogue = tx.repo(PenaltyCatalogueRepository);
      const p = isId(input.id) ? await repo.lockPenalty(input.id) : null;
      if (!p) throw notFound('Penalty');
      const sanction = (await catalogue.sanctionById(p.sanctionTypeId))!;
      const category = (await catalogue.categoryById(p.categoryId))!;
      if (MAKER_CHECKER_EFFECTS.includes(sanction.effect) && p.draftedBy === actor.accountId) {
        await auditNow(ctx, { action: 'penalty.issue', outcome: 'denied', targetType: 'Penalty', targetId: p.id, storeId: p.storeId, after: { reason: 'maker_checker' } });
        throw CoreErrors.MAKER_CHECKER('A suspension or closure must be issued by someone other than its drafter');
      }
      const startsAt = p.startsAt && p.startsAt > at ? p.startsAt : at;
      const endsAt = p.sanctionDays && PERIOD_EFFECTS.includes(sanction.effect) ? new Date(startsAt.getTime() + p.sanctionDays * DAY_MS) : null;
      const issuedOn = prcDate(at);
      const calendar = await loadWorkingDayCalendar(tx.em);
      const appealDeadline = calendar.addWorkingDays(issuedOn, this.app.config.penalties.appealWorkingDays);
      const m = await repo.merchantOfStore(p.storeId);
      const noticeId = await servicesOf(this.app).penaltyNotices.publish(tx, {
        platformAccountId: m.platformAccountId,
        nickname: m.nickname,
        categoryCode: category.code,
        categoryNameZh: category.nameZh,
        categoryNameEn: category.nameEn,
        sanctionCode: sanction.code,
        sanctionNameZh: sanction.nameZh,
        sanctionNameEn: sanction.nameEn,
        sanctionDays: p.sanctionDays,
        issuedOn,
        startsOn: prcDate(startsAt),
        endsOn: endsAt ? prcDate(endsAt) : null,
      });
      const hasEffect = sanction.effect !== 'none' && sanction.effect !== 'points';
      await applyAction(tx, PENALTY_MACHINE, p, 'issue', {
        expectedVersion: input.version,
        set: { issuedBy: actor.accountId, issuedAt: at, issuedOn, appealDeadline, startsAt, endsAt, effectState: hasEffect ? 'pending' : 'none', noticeId },
        reason: input.reason,
        storeId: p.storeId,
        history: { subject: 'penalty' },
      });
      tx.audit({ action: 'penaltyNotice.publish', targetType: 'PenaltyNotice', targetId: noticeId, storeId: p.storeId, after: { penaltyId: p.id } });
      await notify(tx, penaltyIssuedMessage(m.accountId, p, category, sanction, prcDate(startsAt), appealDeadline));
      if (hasEffect) {
        await syncStoreSanctions(tx, p.storeId, at);
        if (startsAt > at) await tx.enqueue(SANCTION_SYNC_QUEUE, { storeId: p.storeId }, { startAfter: startsAt });
        if (endsAt) await tx.enqueue(SANCTION_SYNC_QUEUE, { storeId: p.storeId }, { startAfter: endsAt });
      }
      return p.id;
    });
    return this.get(ctx, pid);
  }

  /**
   * Revokes an issued penalty locked by the caller (directly, or the effect of an appeal decided
   * `revoke`, then `appealId` is recorded in the history): lifts the sanction, withdraws the notice.
   * @throws CONFLICT `STALE_VERSION` | `INVALID_TRANSITION`.
   */
  async revokeLocked(tx: Tx, p: Penalty, expectedVersion: number, reason: string, appealId?: string): Promise<void> {
    const at = now(this.app);
    const effectBefore = p.effectState;
    await applyAction(tx, PENALTY_MACHINE, p, 'revoke', {
      expectedVersion,
      set: { revokedAt: at, revokeReason: reason, effectState: effectBefore === 'none' ? 'none' : 'lifted' },
      reason,
      storeId: p.storeId,
      history: { subject: 'penalty', appealId: appealId ?? null },
    });
    await servicesOf(this.app).penaltyNotices.withdraw(tx, p, at);
    if (effectBefore === 'applied') await syncStoreSanctions(tx, p.storeId, at, p);
  }

  /** Revokes an issued penalty directly (ops_lead), with a reason. @throws CONFLICT `APPEAL_PENDING` while an appeal is pending (decide it instead). */
  async revoke(ctx: RequestContext, input: PenaltyTransitionInput): Promise<PenaltyView> {
    if (!input.reason) throw badInput('give a reason', 'input.reason');
    const reason = input.reason;
    const pid = await transaction(ctx, async (tx) => {
      const p = isId(input.id) ? await tx.repo(PenaltiesRepository).lockPenalty(input.id) : null;
      if (!p) throw notFound('Penalty');
      if (await servicesOf(this.app).penaltyAppeals.hasPending(tx, p.id)) throw PenaltyErrors.APPEAL_PENDING();
      await this.revokeLocked(tx, p, input.version, reason);
      await this.notifyDecision(tx, p, 'revoked', reason);
      return p.id;
    });
    return this.get(ctx, pid);
  }

  /** Tells the merchant a penalty was revoked or upheld (inbox and SMS), in the caller's transaction. */
  async notifyDecision(tx: Tx, p: Penalty, outcome: 'revoked' | 'upheld', reason: string): Promise<void> {
    const m = await tx.repo(PenaltiesRepository).merchantOfStore(p.storeId);
    await notify(tx, penaltyDecisionMessage(m.accountId, p, outcome, reason));
  }
}
