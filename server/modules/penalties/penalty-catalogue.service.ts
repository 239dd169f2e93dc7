import type { App } from '../../core/app';
import type { RequestContext } from '../../core/context';
import { alreadyExists, badInput, CoreErrors, notFound } from '../../core/errors';
import { isId } from '../../core/ids';
import { readRepo, transaction } from '../../core/transaction';
import { PenaltyErrors } from './penalties.errors';
import type {
  CreateSanctionTypeInput,
  CreateViolationCategoryInput,
  PublicViolationCategory,
  SanctionTypeView,
  UpdateSanctionTypeInput,
  UpdateViolationCategoryInput,
  ViolationCategoryView,
} from './penalties.types';
import { PenaltyCatalogueRepository } from './penalty-catalogue.repository';
import { sanctionView } from './penalty-views';
import { type SanctionEffect } from '../../../rules/penalties/sanctions';
import type { SanctionType } from './sanction-type.entity';
import type { ViolationCategory } from './violation-category.entity';

function categoryViews(cats: ViolationCategory[], sanctions: SanctionType[]): ViolationCategoryView[] {
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
    version: c.rowVersion,
  }));
}

/** The violation catalogue: categories (a tree, in both languages) and sanction types (policy 2.3.4). */
export class PenaltyCatalogueService {
  constructor(private readonly app: App) {}

  private get read() {
    return readRepo(this.app, PenaltyCatalogueRepository);
  }

  async categories(): Promise<ViolationCategoryView[]> {
    const [cats, sanctions] = await Promise.all([this.read.categories(), this.read.sanctionTypes()]);
    return categoryViews(cats, sanctions);
  }

  async publicCategories(): Promise<PublicViolationCategory[]> {
    const cats = await this.read.categories();
    const byId = new Map(cats.map((c) => [c.id, c.code]));
    return cats.filter((c) => c.active).map((c) => ({ code: c.code, parentCode: c.parentId ? byId.get(c.parentId) : undefined, nameZh: c.nameZh, nameEn: c.nameEn }));
  }

  async sanctionTypes(): Promise<SanctionTypeView[]> {
    return (await this.read.sanctionTypes()).map(sanctionView);
  }

  /** The ids of the category `code` and of all its descendants; empty for an unknown code. */
  async categoryIdsFor(code: string): Promise<string[]> {
    const cats = await this.read.categories();
    const root = cats.find((c) => c.code === code);
    if (!root) return [];
    const ids = [root.id];
    for (let i = 0; i < ids.length; i++) for (const c of cats) if (c.parentId === ids[i]) ids.push(c.id);
    return ids;
  }

  /** The codes of the category `code` and of all its descendants (`[code]` for an unknown code). */
  async categoryCodesFor(code: string): Promise<string[]> {
    const [cats, ids] = await Promise.all([this.read.categories(), this.categoryIdsFor(code)]);
    return ids.length ? cats.filter((c) => ids.includes(c.id)).map((c) => c.code) : [code];
  }

  private async categoryView(repo: PenaltyCatalogueRepository, id: string): Promise<ViolationCategoryView> {
    return categoryViews(await repo.categories(), await repo.sanctionTypes()).find((c) => c.id === id)!;
  }

  /**
   * Adds a category (ops_lead). Audited; drops the public caches (category list, notice filters).
   * @throws BAD_USER_INPUT for an unknown parent or sanction; CONFLICT `ALREADY_EXISTS` when the code
   * is taken, and CONFLICT `CATEGORY_CITED` when the parent is cited by penalties (a child would
   * turn the cited category into a group, which no penalty may have: penalties cite leaves).
   */
  createCategory(ctx: RequestContext, input: CreateViolationCategoryInput): Promise<ViolationCategoryView> {
    return transaction(ctx, async (tx) => {
      const repo = tx.repo(PenaltyCatalogueRepository);
      if (await repo.categoryByCode(input.code)) throw alreadyExists('That category code is taken');
      const parent = input.parentCode ? await repo.categoryByCode(input.parentCode, 'write') : null;
      if (input.parentCode && !parent) throw badInput('no such category', 'input.parentCode');
      if (parent && (await repo.isCited(parent.id))) throw PenaltyErrors.CATEGORY_CITED();
      const sanction = input.defaultSanctionCode ? await repo.sanctionByCode(input.defaultSanctionCode) : null;
      if (input.defaultSanctionCode && !sanction) throw badInput('no such sanction type', 'input.defaultSanctionCode');
      const id = await repo.insertCategory({
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
      tx.audit({ action: 'violationCategory.create', targetType: 'ViolationCategory', targetId: id, after: { ...input } });
      return this.categoryView(repo, id);
    });
  }

  /** Edits a category (ops_lead). Audited. @throws NOT_FOUND; CONFLICT `STALE_VERSION`. */
  updateCategory(ctx: RequestContext, input: UpdateViolationCategoryInput): Promise<ViolationCategoryView> {
    return transaction(ctx, async (tx) => {
      const repo = tx.repo(PenaltyCatalogueRepository);
      const c = isId(input.id) ? await repo.categoryById(input.id, true) : null;
      if (!c) throw notFound('Violation category');
      if (c.rowVersion !== input.version) throw CoreErrors.STALE_VERSION('This category was changed meanwhile; reload it and try again');
      const { rowVersion: _v, ...before } = c;
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
      await repo.saveCategory(c);
      const { parent: _p, defaultSanctionType: _s, createdAt: _c, updatedAt: _u, rowVersion, ...after } = c;
      tx.emit({ type: 'publicContent.changed', module: 'penalties' }); // public category list and notice filters
      tx.audit({
        action: 'violationCategory.update',
        targetType: 'ViolationCategory',
        targetId: c.id,
        before: { ...before, version: input.version, createdAt: undefined, updatedAt: undefined },
        after: { ...after, version: rowVersion },
      });
      return this.categoryView(repo, c.id);
    });
  }

  /** Adds a sanction type on one of the fixed effects (ops_lead). Audited. @throws CONFLICT `ALREADY_EXISTS`. */
  createSanctionType(ctx: RequestContext, input: CreateSanctionTypeInput): Promise<SanctionTypeView> {
    return transaction(ctx, async (tx) => {
      const repo = tx.repo(PenaltyCatalogueRepository);
      if (await repo.sanctionByCode(input.code)) throw alreadyExists('That sanction type code is taken');
      const id = await repo.insertSanctionType({ code: input.code, nameZh: input.nameZh, nameEn: input.nameEn, effect: input.effect as SanctionEffect });
      tx.audit({ action: 'sanctionType.create', targetType: 'SanctionType', targetId: id, after: { ...input } });
      return sanctionView((await repo.sanctionById(id))!);
    });
  }

  /** Renames or (de)activates a sanction type (ops_lead). Audited. @throws NOT_FOUND; CONFLICT `STALE_VERSION`. */
  updateSanctionType(ctx: RequestContext, input: UpdateSanctionTypeInput): Promise<SanctionTypeView> {
    return transaction(ctx, async (tx) => {
      const repo = tx.repo(PenaltyCatalogueRepository);
      const s = isId(input.id) ? await repo.sanctionById(input.id, true) : null;
      if (!s) throw notFound('Sanction type');
      if (s.rowVersion !== input.version) throw CoreErrors.STALE_VERSION('This sanction type was changed meanwhile; reload it and try again');
      const before = sanctionView(s);
      // A null leaves a field as it is, like an omitted one (none of them can be cleared).
      if (input.nameZh != null) s.nameZh = input.nameZh;
      if (input.nameEn != null) s.nameEn = input.nameEn;
      if (input.active != null) s.active = input.active;
      await repo.saveSanctionType(s);
      tx.audit({ action: 'sanctionType.update', targetType: 'SanctionType', targetId: s.id, before: { ...before }, after: { ...sanctionView(s) } });
      return sanctionView(s);
    });
  }
}
