import { createHash } from 'node:crypto';
import type { App } from '../../core/app';
import { now } from '../../core/clock';
import { systemContext, actorOf, type RequestContext } from '../../core/context';
import { isCalendarDate, prcDate } from '../../../rules/dates';
import { alreadyExists, badInput, conflict, forbidden, notFound } from '../../core/errors';
import { defineQueue } from '../../core/jobs/jobs';
import { mapPage, type Page, type PageRequest } from '../../core/pagination';
import { auditNow, transaction, type Tx } from '../../core/transaction';
import { loadWorkingDayCalendar } from '../../core/working-days';
import { notify } from '../notifications/notifications.service';
import { decodeUpload } from './penalty-files';
import { APPEAL_TRANSITIONS, applyTransition, PENALTY_TRANSITIONS, refused } from './penalty-lifecycle';
import { PenaltyAppeal } from './penalty-appeal.entity';
import { PenaltyFile, type PenaltyFilePurpose } from './penalty-file.entity';
import { PenaltyNotice } from './penalty-notice.entity';
import { Penalty } from './penalty.entity';
import { PenaltiesRepository, type PenaltyRow } from './penalties.repository';
import { MAKER_CHECKER_EFFECTS, PERIOD_EFFECTS, type SanctionEffect } from '../../../rules/penalties/sanctions';
import type { SanctionType } from './sanction-type.entity';
import { syncStoreSanctions } from './sanctions';
import type {
  CreateSanctionTypeInput,
  CreateViolationCategoryInput,
  DecidePenaltyAppealInput,
  DraftPenaltyInput,
  PenaltyAppealFilter,
  PenaltyAppealView,
  PenaltyFileContent,
  PenaltyFileView,
  PenaltyFilter,
  PenaltyTransitionInput,
  PenaltyView,
  PublicPenaltyNotice,
  PublicPenaltyNoticeFilter,
  PublicViolationCategory,
  SanctionTypeView,
  StorePenaltyPoints,
  SubmitPenaltyAppealInput,
  UpdatePenaltyDraftInput,
  UpdateSanctionTypeInput,
  UpdateViolationCategoryInput,
  UploadPenaltyFileInput,
  ViolationCategoryView,
} from './penalties.types';
import type { ViolationCategory } from './violation-category.entity';
import { isId, isUuid } from '../../core/ids';

const DAY_MS = 24 * 3600 * 1000;
/** Staff answer an appeal within 15 working days (policy 6.5). */
export const APPEAL_RESPONSE_WORKING_DAYS = 15;

/** Brings one store's sanction effects up to date (scheduled at each penalty's start and end). */
export const SANCTION_SYNC_QUEUE = defineQueue<{ storeId: string }>('penalty-sanction-sync', (app, data) => runSanctionSync(app, data.storeId));
/** Every minute: catches any start or end whose scheduled job was missed. */
export const SANCTION_SWEEP_QUEUE = defineQueue<Record<string, never>>('penalty-sanction-sweep', (app) => sweepSanctions(app).then(() => undefined), {
  cron: '* * * * *',
  retryLimit: 2,
});

/** Job handler: applies due starts and ends of one store's sanctions, as the system, audited. */
export async function runSanctionSync(app: App, storeId: string): Promise<void> {
  const ctx = systemContext(app, 'job:penalty-sanction-sync');
  await transaction(ctx, (tx) => syncStoreSanctions(tx, storeId, now(app)));
}

/** Job handler: finds stores with a due start or end (partial indexes) and syncs each. Returns how many. */
export async function sweepSanctions(app: App): Promise<number> {
  const at = now(app);
  const rows: { store_id: string }[] = await app.dataSource.query(
    `SELECT DISTINCT store_id FROM (
       (SELECT store_id FROM penalty WHERE effect_state = 'pending' AND starts_at <= $1 LIMIT 500)
       UNION ALL
       (SELECT store_id FROM penalty WHERE effect_state = 'applied' AND ends_at <= $1 LIMIT 500)) d`,
    [at],
  );
  for (const r of rows) await runSanctionSync(app, String(r.store_id));
  return rows.length;
}

const CODE = /^[A-Z][A-Z0-9_]{1,47}$/;

/**
 * Checks a list filter (nested input objects are not validated by the argument validator).
 * @throws BAD_USER_INPUT naming `filter.<field>`.
 */
function checkFilter(filter: Record<string, unknown>): void {
  for (const [k, v] of Object.entries(filter)) {
    if (v === undefined || v === null) continue;
    const ok =
      k === 'issuedFrom' || k === 'issuedTo' ? typeof v === 'string' && isCalendarDate(v)
      : k === 'categoryCode' || k === 'sanctionCode' ? typeof v === 'string' && CODE.test(v)
      : k === 'storeId' || k === 'penaltyId' ? typeof v === 'string' && isId(v)
      : k === 'status' ? typeof v === 'string' && /^[a-z_]{1,16}$/.test(v)
      : true;
    if (!ok) throw badInput(k.startsWith('issued') ? 'must be a PRC calendar date YYYY-MM-DD' : 'invalid value', `filter.${k}`);
  }
}

function fileView(f: PenaltyFile): PenaltyFileView {
  return { id: f.id, purpose: f.purpose, fileName: f.fileName, contentType: f.contentType, sizeBytes: f.sizeBytes, sha256: f.sha256, createdAt: f.createdAt };
}

function sanctionView(s: SanctionType): SanctionTypeView {
  return { id: s.id, code: s.code, nameZh: s.nameZh, nameEn: s.nameEn, effect: s.effect, active: s.active, version: s.version };
}

/** Penalties, appeals, the violation catalogue and public notices (issue 5; policy 2.4, 4.3, 6.5). */
export class PenaltiesService {
  constructor(private readonly app: App) {}

  private repo(em = this.app.dataSource.manager) {
    return new PenaltiesRepository(em);
  }

  // ================================================================ catalogue

  async categories(): Promise<ViolationCategoryView[]> {
    const [cats, sanctions] = await Promise.all([this.repo().categories(), this.repo().sanctionTypes()]);
    return this.categoryViews(cats, sanctions);
  }

  private categoryViews(cats: ViolationCategory[], sanctions: SanctionType[]): ViolationCategoryView[] {
    const byId = new Map(cats.map((c) => [c.id, c]));
    const sanctionCode = new Map(sanctions.map((s) => [s.id, s.code]));
    const parents = new Set(cats.map((c) => c.parentId).filter(Boolean));
    return cats.map((c) => ({
      id: c.id,
      code: c.code,
      parentCode: c.parentId ? byId.get(c.parentId)?.code : undefined,
      nameZh: c.nameZh,
      nameEn: c.nameEn,
      ruleRef: c.ruleRef ?? undefined,
      defaultSanctionCode: c.defaultSanctionTypeId ? sanctionCode.get(c.defaultSanctionTypeId) : undefined,
      defaultSanctionDays: c.defaultSanctionDays ?? undefined,
      defaultPoints: c.defaultPoints,
      active: c.active,
      sortOrder: c.sortOrder,
      leaf: !parents.has(c.id),
      version: c.version,
    }));
  }

  async publicCategories(): Promise<PublicViolationCategory[]> {
    const cats = await this.repo().categories();
    const byId = new Map(cats.map((c) => [c.id, c.code]));
    return cats.filter((c) => c.active).map((c) => ({ code: c.code, parentCode: c.parentId ? byId.get(c.parentId) : undefined, nameZh: c.nameZh, nameEn: c.nameEn }));
  }

  async sanctionTypes(): Promise<SanctionTypeView[]> {
    return (await this.repo().sanctionTypes()).map(sanctionView);
  }

  private async categoryView(repo: PenaltiesRepository, id: string): Promise<ViolationCategoryView> {
    return this.categoryViews(await repo.categories(), await repo.sanctionTypes()).find((c) => c.id === id)!;
  }

  /**
   * @throws BAD_USER_INPUT for an unknown parent or sanction; CONFLICT when the code is taken, and
   * CONFLICT `CATEGORY_CITED` when the parent is cited by penalties (a child would turn the cited
   * category into a group, which no penalty may have: penalties cite leaves, resolveSanction).
   */
  createCategory(ctx: RequestContext, input: CreateViolationCategoryInput): Promise<ViolationCategoryView> {
    return transaction(ctx, async (tx) => {
      const repo = this.repo(tx.em);
      if (await repo.categoryByCode(input.code)) throw alreadyExists('That category code is taken');
      const parent = input.parentCode ? await repo.categoryByCode(input.parentCode, 'write') : null;
      if (input.parentCode && !parent) throw badInput('no such category', 'input.parentCode');
      if (parent && (await repo.isCited(parent.id)))
        throw conflict('Penalties cite this category: it cannot be given sub-categories (create a sibling category instead)', 'CATEGORY_CITED');
      const sanction = input.defaultSanctionCode ? await repo.sanctionByCode(input.defaultSanctionCode) : null;
      if (input.defaultSanctionCode && !sanction) throw badInput('no such sanction type', 'input.defaultSanctionCode');
      const r = await tx.em.getRepository('ViolationCategory').save({
        code: input.code,
        parentId: parent?.id ?? null,
        nameZh: input.nameZh,
        nameEn: input.nameEn,
        ruleRef: input.ruleRef ?? null,
        defaultSanctionTypeId: sanction?.id ?? null,
        defaultSanctionDays: input.defaultSanctionDays ?? null,
        defaultPoints: input.defaultPoints,
        sortOrder: input.sortOrder,
      });
      tx.emit({ type: 'publicContent.changed', module: 'penalties' }); // public category list and notice filters
      tx.audit({ action: 'violationCategory.create', targetType: 'ViolationCategory', targetId: r.id, after: { ...input } });
      return this.categoryView(repo, r.id);
    });
  }

  /** @throws NOT_FOUND; CONFLICT on a stale version. */
  updateCategory(ctx: RequestContext, input: UpdateViolationCategoryInput): Promise<ViolationCategoryView> {
    return transaction(ctx, async (tx) => {
      const repo = this.repo(tx.em);
      const c = isId(input.id) ? await repo.categoryById(input.id, true) : null;
      if (!c) throw notFound('Violation category');
      if (c.version !== input.version) throw conflict('This category was changed meanwhile; reload it and try again', 'STALE_VERSION');
      const before = { ...c };
      // Columns that cannot be cleared: a null leaves them as they are, like an omitted field.
      if (input.nameZh != null) c.nameZh = input.nameZh;
      if (input.nameEn != null) c.nameEn = input.nameEn;
      if (input.ruleRef !== undefined) c.ruleRef = input.ruleRef || null;
      if (input.defaultSanctionCode !== undefined) {
        const s = input.defaultSanctionCode ? await repo.sanctionByCode(input.defaultSanctionCode) : null;
        if (input.defaultSanctionCode && !s) throw badInput('no such sanction type', 'input.defaultSanctionCode');
        c.defaultSanctionTypeId = s?.id ?? null;
      }
      if (input.defaultSanctionDays !== undefined) c.defaultSanctionDays = input.defaultSanctionDays;
      if (input.defaultPoints != null) c.defaultPoints = input.defaultPoints;
      if (input.active != null) c.active = input.active;
      if (input.sortOrder != null) c.sortOrder = input.sortOrder;
      c.version += 1;
      await tx.em.save(c);
      const { parent: _p, defaultSanctionType: _s, createdAt: _c, updatedAt: _u, ...after } = c;
      tx.emit({ type: 'publicContent.changed', module: 'penalties' }); // public category list and notice filters
      tx.audit({ action: 'violationCategory.update', targetType: 'ViolationCategory', targetId: c.id, before: { ...before, createdAt: undefined, updatedAt: undefined }, after });
      return this.categoryView(repo, c.id);
    });
  }

  createSanctionType(ctx: RequestContext, input: CreateSanctionTypeInput): Promise<SanctionTypeView> {
    return transaction(ctx, async (tx) => {
      const repo = this.repo(tx.em);
      if (await repo.sanctionByCode(input.code)) throw alreadyExists('That sanction type code is taken');
      const s = await tx.em.getRepository('SanctionType').save({ code: input.code, nameZh: input.nameZh, nameEn: input.nameEn, effect: input.effect });
      tx.audit({ action: 'sanctionType.create', targetType: 'SanctionType', targetId: s.id, after: { ...input } });
      return sanctionView((await repo.sanctionById(s.id))!);
    });
  }

  updateSanctionType(ctx: RequestContext, input: UpdateSanctionTypeInput): Promise<SanctionTypeView> {
    return transaction(ctx, async (tx) => {
      const repo = this.repo(tx.em);
      const s = isId(input.id) ? await repo.sanctionById(input.id, true) : null;
      if (!s) throw notFound('Sanction type');
      if (s.version !== input.version) throw conflict('This sanction type was changed meanwhile; reload it and try again', 'STALE_VERSION');
      const before = sanctionView(s);
      // A null leaves a field as it is, like an omitted one (none of them can be cleared).
      if (input.nameZh != null) s.nameZh = input.nameZh;
      if (input.nameEn != null) s.nameEn = input.nameEn;
      if (input.active != null) s.active = input.active;
      s.version += 1;
      await tx.em.save(s);
      tx.audit({ action: 'sanctionType.update', targetType: 'SanctionType', targetId: s.id, before: { ...before }, after: { ...sanctionView(s) } });
      return sanctionView(s);
    });
  }

  // ================================================================ files

  /**
   * Stores an evidence file (staff) or appeal proof (merchant), encrypted; the type is detected
   * from the bytes. Audited. @throws BAD_USER_INPUT `input.contentBase64` / `input.fileName`.
   */
  async uploadFile(ctx: RequestContext, purpose: PenaltyFilePurpose, input: UploadPenaltyFileInput): Promise<PenaltyFileView> {
    const actor = actorOf(ctx);
    if (/[\\/\x00-\x1f]/.test(input.fileName)) throw badInput('must be a plain file name', 'input.fileName');
    const { bytes, contentType } = await decodeUpload(input.contentBase64);
    const storageKey = await this.app.storage.put(bytes, { contentType });
    return transaction(ctx, async (tx) => {
      const f = await tx.em.getRepository(PenaltyFile).save({
        purpose,
        storageKey,
        fileName: input.fileName,
        contentType,
        sizeBytes: bytes.length,
        sha256: createHash('sha256').update(bytes).digest('hex'),
        uploadedBy: actor.accountId,
        storeId: actor.kind === 'staff' ? null : actor.storeId ?? null,
      });
      tx.audit({ action: 'penaltyFile.upload', targetType: 'PenaltyFile', targetId: f.id, storeId: f.storeId, after: { purpose, contentType, sizeBytes: f.sizeBytes, sha256: f.sha256 } });
      return fileView(f);
    });
  }

  /**
   * A file's content. Staff who read penalties read every file; a merchant reads the proofs of its
   * own store's appeals and the evidence of its own issued penalties (it must see what it is
   * accused of to appeal). Audited. @throws NOT_FOUND otherwise (no existence leak).
   */
  async fileContent(ctx: RequestContext, id: string): Promise<PenaltyFileContent> {
    const f = isUuid(id) ? await this.repo().file(id) : null;
    const actor = actorOf(ctx);
    const staff = actor.kind === 'staff' && ctx.ability.can('read', 'Penalty');
    const ownProof = f && f.purpose === 'appeal_proof' && f.storeId && ctx.ability.can('read', { __caslSubjectType__: 'PenaltyAppeal', storeId: f.storeId } as never);
    const ownEvidence = !!f && !staff && f.purpose === 'evidence' && !!f.penaltyId && (await this.get(ctx, f.penaltyId).then(() => true, () => false));
    if (!f || !(staff || ownProof || ownEvidence)) throw notFound('File');
    const { bytes } = await this.app.storage.get(f.storageKey);
    await auditNow(ctx, { action: 'penaltyFile.read', targetType: 'PenaltyFile', targetId: f.id, storeId: f.storeId });
    return { id: f.id, fileName: f.fileName, contentType: f.contentType, contentBase64: bytes.toString('base64') };
  }

  // ================================================================ penalties: reading

  private async penaltyViews(ctx: RequestContext, rows: PenaltyRow[]): Promise<PenaltyView[]> {
    const files = await this.repo().filesOfPenalties(rows.map((r) => r.id));
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
      issuedBy: staff ? p.issuedBy ?? undefined : undefined,
      issuedAt: p.issuedAt ?? undefined,
      issuedOn: p.issuedOn ?? undefined,
      appealDeadline: p.appealDeadline ?? undefined,
      appealCount: p.appealCount,
      appealsAllowed: this.app.config.penalties.maxAppeals,
      revokedAt: p.revokedAt ?? undefined,
      revokeReason: p.revokeReason ?? undefined,
      noticeId: p.noticeId ?? undefined,
      evidence: files.filter((f) => f.penaltyId === p.id).map(fileView),
      version: p.version,
      createdAt: p.createdAt,
    }));
  }

  private async categoryIdsFor(code: string): Promise<string[]> {
    const cats = await this.repo().categories();
    const root = cats.find((c) => c.code === code);
    if (!root) return [];
    const ids = [root.id];
    for (let i = 0; i < ids.length; i++) for (const c of cats) if (c.parentId === ids[i]) ids.push(c.id);
    return ids;
  }

  /** Penalties the actor may read (merchants: their store's issued and revoked ones). Four statements per page. */
  async list(ctx: RequestContext, filter: PenaltyFilter = {}, page: PageRequest): Promise<Page<PenaltyView>> {
    checkFilter({ ...filter });
    const categoryIds = filter.categoryCode ? await this.categoryIdsFor(filter.categoryCode) : undefined;
    const sanction = filter.sanctionCode ? await this.repo().sanctionByCode(filter.sanctionCode) : undefined;
    const res = await this.repo().list(ctx.ability, { ...filter, categoryIds, sanctionTypeId: filter.sanctionCode ? sanction?.id ?? '0' : undefined }, page);
    return { ...res, items: await this.penaltyViews(ctx, res.items) };
  }

  /** @throws NOT_FOUND when it does not exist or the actor may not read it (another store's). */
  async get(ctx: RequestContext, id: string): Promise<PenaltyView> {
    const p = isId(id) ? await this.repo().findVisible(ctx.ability, id) : null;
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
    const r = await this.repo().points(id, `${today.slice(0, 4)}-01-01`);
    return { storeId: id, totalPoints: r.total, pointsThisYear: r.thisYear, year: Number(today.slice(0, 4)) };
  }

  // ================================================================ penalties: drafting

  private async resolveSanction(
    repo: PenaltiesRepository,
    input: { categoryCode?: string; sanctionCode?: string; sanctionDays?: number; points?: number },
    current?: Penalty,
  ): Promise<{ category: ViolationCategory; sanction: SanctionType; days: number | null; points: number }> {
    // FOR SHARE: no child can be added to the category until this penalty's transaction ends (createCategory).
    const category = input.categoryCode ? await repo.categoryByCode(input.categoryCode, 'share') : current ? await repo.categoryById(current.categoryId) : null;
    if (!category || !category.active) throw badInput('no such active violation category', 'input.categoryCode');
    if (await repo.hasChildren(category.id)) throw badInput('choose a specific category, not a group', 'input.categoryCode');
    const sanctionId = input.sanctionCode ? undefined : input.categoryCode || !current ? category.defaultSanctionTypeId : current.sanctionTypeId;
    const sanction = input.sanctionCode ? await repo.sanctionByCode(input.sanctionCode) : sanctionId ? await repo.sanctionById(sanctionId) : null;
    if (!sanction || !sanction.active) throw badInput(input.sanctionCode ? 'no such active sanction type' : 'the category has no default sanction; give one', 'input.sanctionCode');
    const effect = sanction.effect as SanctionEffect;
    let days: number | null = input.sanctionDays ?? (input.sanctionCode || input.categoryCode || !current ? (sanction.id === category.defaultSanctionTypeId ? category.defaultSanctionDays : null) : current.sanctionDays);
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

  private async claimEvidence(tx: Tx, ids: string[], penaltyId: string, field: string): Promise<void> {
    const unique = [...new Set(ids)];
    if (unique.some((id) => !isUuid(id))) throw badInput('unknown file', field);
    const files = await this.repo(tx.em).claimableFiles(unique, actorOf(tx.ctx).accountId, 'evidence', penaltyId);
    if (files.length !== unique.length) throw badInput('each file must be an evidence file you uploaded and not used elsewhere', field);
    await tx.em.query(`UPDATE penalty_file SET penalty_id = NULL WHERE penalty_id = $1 AND purpose = 'evidence' AND NOT (id = ANY($2::uuid[]))`, [penaltyId, unique]);
    if (unique.length) await tx.em.query(`UPDATE penalty_file SET penalty_id = $1 WHERE id = ANY($2::uuid[])`, [penaltyId, unique]);
  }

  /** Drafts a penalty. Audited. @throws BAD_USER_INPUT naming the field (nothing stored); NOT_FOUND for an unknown store. */
  draft(ctx: RequestContext, input: DraftPenaltyInput): Promise<PenaltyView> {
    const actor = actorOf(ctx);
    const id = transaction(ctx, async (tx) => {
      const repo = this.repo(tx.em);
      const [store] = await tx.em.query(`SELECT id FROM store WHERE id = $1`, [input.storeId]);
      if (!store) throw badInput('no such store', 'input.storeId');
      const s = await this.resolveSanction(repo, input);
      const p = await tx.em.getRepository(Penalty).save({
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
      await tx.em.query(
        `INSERT INTO penalty_history (penalty_id, subject, transition, to_status, actor_account_id, actor_kind) VALUES ($1, 'penalty', 'draft', 'draft', $2, $3)`,
        [p.id, actor.accountId, actor.kind],
      );
      tx.audit({
        action: 'penalty.draft',
        targetType: 'Penalty',
        targetId: p.id,
        storeId: p.storeId,
        after: { category: s.category.code, sanction: s.sanction.code, days: s.days, points: s.points, evidence: input.evidenceFileIds.length },
      });
      return p.id;
    });
    return id.then((pid) => this.get(ctx, pid));
  }

  /** Edits a draft; only its drafter may. @throws FORBIDDEN for others; CONFLICT on a stale version or a non-draft. */
  updateDraft(ctx: RequestContext, input: UpdatePenaltyDraftInput): Promise<PenaltyView> {
    const actor = actorOf(ctx);
    return transaction(ctx, async (tx) => {
      const repo = this.repo(tx.em);
      const p = isId(input.id) ? await repo.lockPenalty(input.id) : null;
      if (!p) throw notFound('Penalty');
      if (p.draftedBy !== actor.accountId) throw forbidden('Only the drafter may edit a draft');
      if (p.version !== input.version) throw conflict('This record was changed meanwhile; reload it and try again', 'STALE_VERSION');
      if (p.status !== 'draft') throw refused('INVALID_TRANSITION', `cannot edit a penalty that is ${p.status}`);
      const s = await this.resolveSanction(repo, input, p);
      const changes = {
        categoryId: s.category.id,
        sanctionTypeId: s.sanction.id,
        sanctionDays: s.days,
        points: s.points,
        facts: input.facts ?? p.facts,
        startsAt: input.startsAt !== undefined ? input.startsAt : p.startsAt,
        version: p.version + 1,
      };
      await tx.em.getRepository(Penalty).update({ id: p.id, version: p.version }, changes);
      if (input.evidenceFileIds) await this.claimEvidence(tx, input.evidenceFileIds, p.id, 'input.evidenceFileIds');
      tx.audit({
        action: 'penalty.updateDraft',
        targetType: 'Penalty',
        targetId: p.id,
        storeId: p.storeId,
        before: { categoryId: p.categoryId, sanctionTypeId: p.sanctionTypeId, days: p.sanctionDays, points: p.points, version: p.version },
        after: { categoryId: s.category.id, sanctionTypeId: s.sanction.id, days: s.days, points: s.points, version: p.version + 1 },
      });
      return p.id;
    }).then((pid) => this.get(ctx, pid));
  }

  /** Cancels a draft (its drafter, or a lead). */
  cancelDraft(ctx: RequestContext, input: PenaltyTransitionInput): Promise<PenaltyView> {
    const actor = actorOf(ctx);
    return transaction(ctx, async (tx) => {
      const p = isId(input.id) ? await this.repo(tx.em).lockPenalty(input.id) : null;
      if (!p) throw notFound('Penalty');
      if (p.draftedBy !== actor.accountId && !ctx.ability.can('approve', 'Penalty')) throw forbidden('Only the drafter or a lead may cancel a draft');
      await applyTransition(tx, { table: 'penalty', row: p, expectedVersion: input.version, name: 'cancel', ...PENALTY_TRANSITIONS.cancel, penaltyId: p.id, reason: input.reason, storeId: p.storeId });
      return p.id;
    }).then((pid) => this.get(ctx, pid));
  }

  // ================================================================ penalties: issue and revoke

  /**
   * Issues a draft (ops_lead). Maker-checker: a suspension or closure must be issued by someone
   * other than its drafter (refusal audited). In one transaction: the transition; start and end
   * of the sanction fixed (start = now when unset or past); the appeal deadline (PRC working
   * days); the public notice (policy 4.3); the merchant's penalty warning, inbox + SMS (policy
   * 2.4); the store status effect when it starts now; jobs at start and end.
   */
  async issue(ctx: RequestContext, input: PenaltyTransitionInput): Promise<PenaltyView> {
    const actor = actorOf(ctx);
    const at = now(this.app);
    const pid = await transaction(ctx, async (tx) => {
      const repo = this.repo(tx.em);
      const p = isId(input.id) ? await repo.lockPenalty(input.id) : null;
      if (!p) throw notFound('Penalty');
      const sanction = (await repo.sanctionById(p.sanctionTypeId))!;
      const category = (await repo.categoryById(p.categoryId))!;
      if (MAKER_CHECKER_EFFECTS.includes(sanction.effect) && p.draftedBy === actor.accountId) {
        await auditNow(ctx, { action: 'penalty.issue', outcome: 'denied', targetType: 'Penalty', targetId: p.id, storeId: p.storeId, after: { reason: 'maker_checker' } });
        throw forbidden('A suspension or closure must be issued by someone other than its drafter', 'MAKER_CHECKER');
      }
      const startsAt = p.startsAt && p.startsAt > at ? p.startsAt : at;
      const endsAt = p.sanctionDays && PERIOD_EFFECTS.includes(sanction.effect) ? new Date(startsAt.getTime() + p.sanctionDays * DAY_MS) : null;
      const issuedOn = prcDate(at);
      const calendar = await loadWorkingDayCalendar(tx.em);
      const appealDeadline = calendar.addWorkingDays(issuedOn, this.app.config.penalties.appealWorkingDays);
      const [m] = await tx.em.query(`SELECT m.account_id, m.platform_account_id, m.nickname FROM store s JOIN merchant m ON m.id = s.merchant_id WHERE s.id = $1`, [p.storeId]);
      tx.emit({ type: 'publicContent.changed', module: 'penalties' }); // the public notices board shows it
      const notice = await tx.em.getRepository(PenaltyNotice).save({
        platformAccountId: m.platform_account_id,
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
        status: 'published',
      });
      const hasEffect = sanction.effect !== 'none' && sanction.effect !== 'points';
      await applyTransition(tx, {
        table: 'penalty',
        row: p,
        expectedVersion: input.version,
        name: 'issue',
        ...PENALTY_TRANSITIONS.issue,
        changes: {
          issued_by: actor.accountId,
          issued_at: at,
          issued_on: issuedOn,
          appeal_deadline: appealDeadline,
          starts_at: startsAt,
          ends_at: endsAt,
          effect_state: hasEffect ? 'pending' : 'none',
          notice_id: notice.id,
        },
        penaltyId: p.id,
        reason: input.reason,
        storeId: p.storeId,
      });
      tx.audit({ action: 'penaltyNotice.publish', targetType: 'PenaltyNotice', targetId: notice.id, storeId: p.storeId, after: { penaltyId: p.id } });
      const days = p.sanctionDays ? `${p.sanctionDays}天` : '';
      await notify(tx, {
        accountId: String(m.account_id),
        kind: 'reward_penalty_warning',
        titleZh: `处罚通知：${category.nameZh}`,
        titleEn: `Penalty notice: ${category.nameEn}`,
        bodyZh: `您的店铺因"${category.nameZh}"被处以${sanction.nameZh}${days}${p.points ? `，扣${p.points}分` : ''}，自${prcDate(startsAt)}起生效。如有异议，请于${appealDeadline}前申诉。`,
        bodyEn: `Your store received a ${sanction.nameEn.toLowerCase()}${p.sanctionDays ? ` of ${p.sanctionDays} days` : ''}${p.points ? ` and ${p.points} points` : ''} for ${category.nameEn}, effective ${prcDate(startsAt)}. You may appeal until ${appealDeadline}.`,
        link: `/penalties/${p.id}`,
      });
      if (hasEffect) {
        await syncStoreSanctions(tx, p.storeId, at);
        if (startsAt > at) await tx.enqueue(SANCTION_SYNC_QUEUE, { storeId: p.storeId }, { startAfter: startsAt });
        if (endsAt) await tx.enqueue(SANCTION_SYNC_QUEUE, { storeId: p.storeId }, { startAfter: endsAt });
      }
      return p.id;
    });
    return this.get(ctx, pid);
  }

  /** Revokes an issued penalty (also the effect of an appeal decided `revoke`): lifts the sanction, withdraws the notice. */
  private async revokeLocked(tx: Tx, p: Penalty, expectedVersion: number, reason: string, appealId?: string): Promise<void> {
    const at = now(this.app);
    await applyTransition(tx, {
      table: 'penalty',
      row: p,
      expectedVersion,
      name: 'revoke',
      ...PENALTY_TRANSITIONS.revoke,
      changes: { revoked_at: at, revoke_reason: reason, effect_state: p.effectState === 'none' ? 'none' : 'lifted' },
      penaltyId: p.id,
      appealId,
      reason,
      storeId: p.storeId,
    });
    if (p.noticeId) {
      tx.emit({ type: 'publicContent.changed', module: 'penalties' }); // the public notices board shows it withdrawn
      await tx.em.query(`UPDATE penalty_notice SET status = 'withdrawn', withdrawn_on = $2 WHERE id = $1`, [p.noticeId, prcDate(at)]);
      tx.audit({ action: 'penaltyNotice.withdraw', targetType: 'PenaltyNotice', targetId: p.noticeId, storeId: p.storeId, after: { penaltyId: p.id } });
    }
    if (p.effectState === 'applied') await syncStoreSanctions(tx, p.storeId, at, p);
  }

  /** Revokes an issued penalty directly (ops_lead), with a reason. @throws CONFLICT while an appeal is pending (decide it instead). */
  async revoke(ctx: RequestContext, input: PenaltyTransitionInput): Promise<PenaltyView> {
    if (!input.reason) throw badInput('give a reason', 'input.reason');
    const pid = await transaction(ctx, async (tx) => {
      const p = isId(input.id) ? await this.repo(tx.em).lockPenalty(input.id) : null;
      if (!p) throw notFound('Penalty');
      const [pending] = await tx.em.query(`SELECT id FROM penalty_appeal WHERE penalty_id = $1 AND status = 'pending'`, [p.id]);
      if (pending) throw refused('APPEAL_PENDING', 'An appeal is pending: decide the appeal instead');
      await this.revokeLocked(tx, p, input.version, input.reason!);
      await this.notifyDecision(tx, p, 'revoked', input.reason!);
      return p.id;
    });
    return this.get(ctx, pid);
  }

  private async notifyDecision(tx: Tx, p: Penalty, outcome: 'revoked' | 'upheld', reason: string): Promise<void> {
    const [m] = await tx.em.query(`SELECT m.account_id FROM store s JOIN merchant m ON m.id = s.merchant_id WHERE s.id = $1`, [p.storeId]);
    await notify(tx, {
      accountId: String(m.account_id),
      kind: 'reward_penalty_warning',
      titleZh: outcome === 'revoked' ? '处罚已撤销' : '申诉结果：维持处罚',
      titleEn: outcome === 'revoked' ? 'Penalty revoked' : 'Appeal decided: penalty upheld',
      bodyZh: `处罚（编号${p.id}）${outcome === 'revoked' ? '已撤销，相关限制已解除，公示已撤回' : '经复核维持原决定'}。理由：${reason}`,
      bodyEn: `Penalty ${p.id} ${outcome === 'revoked' ? 'was revoked; its restrictions are lifted and its notice withdrawn' : 'was upheld on review'}. Reason: ${reason}`,
      link: `/penalties/${p.id}`,
      sms: true,
    });
  }

  // ================================================================ appeals

  private async appealViews(rows: PenaltyAppeal[]): Promise<PenaltyAppealView[]> {
    const files = await this.repo().filesOfAppeals(rows.map((a) => a.id));
    return rows.map((a) => ({
      id: a.id,
      penaltyId: a.penaltyId,
      storeId: a.storeId,
      reason: a.reason,
      status: a.status,
      submittedAt: a.submittedAt,
      respondBy: a.respondBy,
      decidedAt: a.decidedAt ?? undefined,
      decisionReason: a.decisionReason ?? undefined,
      proofs: files.filter((f) => f.appealId === a.id).map(fileView),
      version: a.version,
    }));
  }

  async listAppeals(ctx: RequestContext, filter: PenaltyAppealFilter = {}, page: PageRequest): Promise<Page<PenaltyAppealView>> {
    checkFilter({ ...filter });
    const res = await this.repo().listAppeals(ctx.ability, filter, page);
    return { ...res, items: await this.appealViews(res.items) };
  }

  async getAppeal(ctx: RequestContext, id: string): Promise<PenaltyAppealView> {
    const a = isId(id) ? await this.repo().findAppeal(ctx.ability, id) : null;
    if (!a) throw notFound('Appeal');
    return (await this.appealViews([a]))[0];
  }

  /**
   * Appeals an issued penalty of the actor's store, within the appeal window (PRC working days
   * after issue) and the per-penalty limit; one pending appeal at a time. The answer is due 15
   * working days after receipt (policy 6.5).
   * @throws NOT_FOUND for another store's penalty; CONFLICT `APPEAL_WINDOW_CLOSED`,
   *   `APPEAL_LIMIT_REACHED`, `APPEAL_PENDING`, `INVALID_TRANSITION` (not issued).
   */
  async submitAppeal(ctx: RequestContext, input: SubmitPenaltyAppealInput): Promise<PenaltyAppealView> {
    const actor = actorOf(ctx);
    const at = now(this.app);
    const today = prcDate(at);
    const id = await transaction(ctx, async (tx) => {
      const repo = this.repo(tx.em);
      const visible = isId(input.penaltyId) ? await repo.findVisible(ctx.ability, input.penaltyId) : null;
      if (!visible || !ctx.ability.can('create', { __caslSubjectType__: 'PenaltyAppeal', storeId: visible.storeId } as never)) throw notFound('Penalty');
      const p = (await repo.lockPenalty(visible.id))!;
      if (p.status !== 'issued') throw refused('INVALID_TRANSITION', `cannot appeal a penalty that is ${p.status}`);
      if (!p.appealDeadline || today > p.appealDeadline) throw refused('APPEAL_WINDOW_CLOSED', `the appeal window closed on ${p.appealDeadline}`);
      if (p.appealCount >= this.app.config.penalties.maxAppeals) throw refused('APPEAL_LIMIT_REACHED', `at most ${this.app.config.penalties.maxAppeals} appeals per penalty`);
      const [pending] = await tx.em.query(`SELECT id FROM penalty_appeal WHERE penalty_id = $1 AND status = 'pending'`, [p.id]);
      if (pending) throw refused('APPEAL_PENDING', 'an appeal of this penalty is already pending');
      const proofIds = [...new Set(input.proofFileIds)];
      if (proofIds.some((f) => !isUuid(f))) throw badInput('unknown file', 'input.proofFileIds');
      const files = await repo.claimableFiles(proofIds, actor.accountId, 'appeal_proof');
      if (files.length !== proofIds.length) throw badInput('each file must be a proof you uploaded and not used elsewhere', 'input.proofFileIds');
      const calendar = await loadWorkingDayCalendar(tx.em);
      const a = await tx.em.getRepository(PenaltyAppeal).save({
        penaltyId: p.id,
        storeId: p.storeId,
        reason: input.reason,
        status: 'pending',
        submittedBy: actor.accountId,
        submittedAt: at,
        respondBy: calendar.addWorkingDays(today, APPEAL_RESPONSE_WORKING_DAYS),
      });
      if (proofIds.length) await tx.em.query(`UPDATE penalty_file SET appeal_id = $1, penalty_id = $2 WHERE id = ANY($3::uuid[])`, [a.id, p.id, proofIds]);
      await tx.em.query(`UPDATE penalty SET appeal_count = appeal_count + 1 WHERE id = $1`, [p.id]);
      await tx.em.query(
        `INSERT INTO penalty_history (penalty_id, appeal_id, subject, transition, to_status, actor_account_id, actor_kind) VALUES ($1, $2, 'appeal', 'submit', 'pending', $3, $4)`,
        [p.id, a.id, actor.accountId, actor.kind],
      );
      tx.audit({ action: 'penaltyAppeal.submit', targetType: 'PenaltyAppeal', targetId: a.id, storeId: p.storeId, after: { penaltyId: p.id, proofs: proofIds.length, respondBy: a.respondBy } });
      return a.id;
    });
    return this.getAppeal(ctx, id);
  }

  /**
   * Decides a pending appeal (ops_lead): `uphold` keeps the penalty; `revoke` revokes it (lifts the
   * sanction, withdraws the notice). The merchant is told. Concurrent decisions: one wins, the
   * other gets CONFLICT.
   */
  async decideAppeal(ctx: RequestContext, input: DecidePenaltyAppealInput): Promise<PenaltyAppealView> {
    const actor = actorOf(ctx);
    const at = now(this.app);
    const id = await transaction(ctx, async (tx) => {
      const repo = this.repo(tx.em);
      const a = isId(input.id) ? await repo.lockAppeal(input.id) : null;
      if (!a) throw notFound('Appeal');
      const p = (await repo.lockPenalty(a.penaltyId))!;
      const t = input.decision === 'revoke' ? 'revoke' : 'uphold';
      await applyTransition(tx, {
        table: 'penalty_appeal',
        row: a,
        expectedVersion: input.version,
        name: t,
        ...APPEAL_TRANSITIONS[t],
        changes: { decided_by: actor.accountId, decided_at: at, decision_reason: input.reason },
        penaltyId: p.id,
        appealId: a.id,
        reason: input.reason,
        storeId: a.storeId,
      });
      if (t === 'revoke') await this.revokeLocked(tx, p, p.version, input.reason, a.id);
      await this.notifyDecision(tx, p, t === 'revoke' ? 'revoked' : 'upheld', input.reason);
      return a.id;
    });
    return this.getAppeal(ctx, id);
  }

  // ================================================================ public notices

  /** Public notices, newest first; reads the notice table only (policy 4.3). */
  async publicNotices(filter: PublicPenaltyNoticeFilter = {}, page: PageRequest): Promise<Page<PublicPenaltyNotice>> {
    checkFilter({ ...filter });
    const codes = filter.categoryCode ? await this.categoryCodesFor(filter.categoryCode) : undefined;
    return mapPage(await this.repo().publicNotices({ ...filter, categoryCodes: codes }, page), (n) => ({
      id: n.id,
      platformAccountId: n.platformAccountId,
      nickname: n.nickname,
      category: { code: n.categoryCode, nameZh: n.categoryNameZh, nameEn: n.categoryNameEn },
      sanction: { code: n.sanctionCode, nameZh: n.sanctionNameZh, nameEn: n.sanctionNameEn, days: n.sanctionDays ?? undefined },
      issuedOn: n.issuedOn,
      startsOn: n.startsOn,
      endsOn: n.endsOn ?? undefined,
      status: n.status,
      withdrawnOn: n.withdrawnOn ?? undefined,
    }));
  }

  private async categoryCodesFor(code: string): Promise<string[]> {
    const cats = await this.repo().categories();
    const ids = await this.categoryIdsFor(code);
    return ids.length ? cats.filter((c) => ids.includes(c.id)).map((c) => c.code) : [code];
  }
}
