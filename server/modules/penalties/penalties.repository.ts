import type { EntityManager, SelectQueryBuilder } from 'typeorm';
import { whereAccessible } from '../../core/abilities-sql';
import type { AppAbility } from '../../core/abilities';
import { cappedCount, pageInOneStatement, paginate, sortOf, type Page, type PageRequest } from '../../core/pagination';
import { SqlWhere } from '../../core/sql';
import { PenaltyAppeal } from './penalty-appeal.entity';
import { PenaltyFile } from './penalty-file.entity';
import { PenaltyNotice } from './penalty-notice.entity';
import { Penalty } from './penalty.entity';
import { SanctionType } from './sanction-type.entity';
import { ViolationCategory } from './violation-category.entity';

/** A penalty with what its views show: store, merchant, category and sanction type (one query). */
export interface PenaltyRow extends Penalty {
  store_name: string;
  store_status: string;
  merchant_account_id: string;
  platform_account_id: string;
  nickname: string;
}

export interface PenaltyListFilter {
  status?: string;
  storeId?: string;
  categoryIds?: string[];
  sanctionTypeId?: string;
  issuedFrom?: string;
  issuedTo?: string;
}

/** Queries of the penalties module. Row rules (CASL) are applied in SQL. */
export class PenaltiesRepository {
  constructor(private readonly em: EntityManager) {}

  // ---------------------------------------------------------------- catalogue
  categories(): Promise<ViolationCategory[]> {
    return this.em.getRepository(ViolationCategory).find({ order: { sortOrder: 'ASC', code: 'ASC' } });
  }
  /**
   * `lock`: `share` (FOR SHARE) while a penalty is drafted under the category, `write` (FOR UPDATE)
   * while a child is added to it; the two exclude each other, so a category never becomes a group
   * while a penalty is being filed under it.
   */
  categoryByCode(code: string, lock?: 'share' | 'write'): Promise<ViolationCategory | null> {
    const mode = lock === 'share' ? ('pessimistic_read' as const) : lock === 'write' ? ('pessimistic_write' as const) : undefined;
    return this.em.getRepository(ViolationCategory).findOne({ where: { code }, ...(mode ? { lock: { mode } } : {}) });
  }
  /** Whether any penalty (draft, issued or revoked) cites the category. */
  isCited(categoryId: string): Promise<boolean> {
    return this.em.getRepository(Penalty).exists({ where: { categoryId } });
  }
  categoryById(id: string, lock = false): Promise<ViolationCategory | null> {
    return this.em.getRepository(ViolationCategory).findOne({ where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  }
  async hasChildren(id: string): Promise<boolean> {
    return this.em.getRepository(ViolationCategory).exists({ where: { parentId: id } });
  }
  sanctionTypes(): Promise<SanctionType[]> {
    return this.em.getRepository(SanctionType).find({ order: { id: 'ASC' } });
  }
  sanctionByCode(code: string): Promise<SanctionType | null> {
    return this.em.getRepository(SanctionType).findOne({ where: { code } });
  }
  sanctionById(id: string, lock = false): Promise<SanctionType | null> {
    return this.em.getRepository(SanctionType).findOne({ where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  }

  // ---------------------------------------------------------------- penalties
  private penaltyQuery(ability: AppAbility | null): SelectQueryBuilder<Penalty> {
    const qb = this.em
      .getRepository(Penalty)
      .createQueryBuilder('p')
      .innerJoin('store', 's', 's.id = p.store_id')
      .innerJoin('merchant', 'm', 'm.id = s.merchant_id')
      .leftJoinAndSelect('p.category', 'c')
      .leftJoinAndSelect('p.sanctionType', 'st')
      .addSelect(['s.name AS store_name', 's.status AS store_status', 'm.account_id AS merchant_account_id', 'm.platform_account_id AS platform_account_id', 'm.nickname AS nickname']);
    return ability ? whereAccessible(qb, ability, 'read', 'Penalty', { storeId: 'p.store_id', status: 'p.status' }) : qb;
  }

  private static withRaw(entities: Penalty[], raw: Record<string, unknown>[]): PenaltyRow[] {
    // getRawAndEntities keeps entity and raw rows in the same order for non-joined-many queries.
    return entities.map((e, i) => Object.assign(e, {
      store_name: String(raw[i].store_name),
      store_status: String(raw[i].store_status),
      merchant_account_id: String(raw[i].merchant_account_id),
      platform_account_id: String(raw[i].platform_account_id),
      nickname: String(raw[i].nickname),
    }));
  }

  /** One page of the penalties the ability may read: count, page and (by the caller) files: a constant number of statements. */
  async list(ability: AppAbility, filter: PenaltyListFilter, page: PageRequest): Promise<Page<PenaltyRow>> {
    const qb = this.penaltyQuery(ability);
    if (filter.status) qb.andWhere('p.status = :status', { status: filter.status });
    if (filter.storeId) qb.andWhere('p.store_id = :storeId', { storeId: filter.storeId });
    if (filter.categoryIds) qb.andWhere('p.category_id = ANY(:cats)', { cats: filter.categoryIds });
    if (filter.sanctionTypeId) qb.andWhere('p.sanction_type_id = :st', { st: filter.sanctionTypeId });
    if (filter.issuedFrom) qb.andWhere('p.issued_on >= :from', { from: filter.issuedFrom });
    if (filter.issuedTo) qb.andWhere('p.issued_on <= :to', { to: filter.issuedTo });
    const { expr, dir } = sortOf(page, { createdAt: 'p.created_at', issuedAt: 'p.issued_at', id: 'p.id' }, { field: 'createdAt', order: 'DESC' });
    qb.orderBy(expr, dir, 'NULLS LAST').addOrderBy('p.id', dir);
    const [res, count] = await Promise.all([qb.clone().offset((page.page - 1) * page.perPage).limit(page.perPage).getRawAndEntities(), cappedCount(qb)]);
    return { items: PenaltiesRepository.withRaw(res.entities, res.raw), ...count };
  }

  /** A penalty the ability may read (`null` also when it exists but is not readable: no existence leak). */
  async findVisible(ability: AppAbility | null, id: string): Promise<PenaltyRow | null> {
    const res = await this.penaltyQuery(ability).andWhere('p.id = :id', { id }).getRawAndEntities();
    return res.entities.length ? PenaltiesRepository.withRaw(res.entities, res.raw)[0] : null;
  }

  lockPenalty(id: string): Promise<Penalty | null> {
    return this.em.getRepository(Penalty).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** Points of a store's issued penalties: in total and issued since `yearStart` (PRC date). */
  async points(storeId: string, yearStart: string): Promise<{ total: number; thisYear: number }> {
    const [r] = await this.em.query(
      `SELECT COALESCE(sum(points), 0)::int AS total, COALESCE(sum(points) FILTER (WHERE issued_on >= $2), 0)::int AS this_year
       FROM penalty WHERE store_id = $1 AND status = 'issued'`,
      [storeId, yearStart],
    );
    return { total: r.total, thisYear: r.this_year };
  }

  // ---------------------------------------------------------------- files
  filesOfPenalties(ids: string[]): Promise<PenaltyFile[]> {
    if (!ids.length) return Promise.resolve([]);
    return this.em.getRepository(PenaltyFile).createQueryBuilder('f').where('f.penalty_id = ANY(:ids)', { ids }).andWhere(`f.purpose = 'evidence'`).orderBy('f.created_at').getMany();
  }
  filesOfAppeals(ids: string[]): Promise<PenaltyFile[]> {
    if (!ids.length) return Promise.resolve([]);
    return this.em.getRepository(PenaltyFile).createQueryBuilder('f').where('f.appeal_id = ANY(:ids)', { ids }).orderBy('f.created_at').getMany();
  }
  file(id: string): Promise<PenaltyFile | null> {
    return this.em.getRepository(PenaltyFile).findOne({ where: { id } });
  }
  /** Files of `ids` uploaded by `accountId` for `purpose`, locked, that no other record cites yet (or cited by `penaltyId`). */
  claimableFiles(ids: string[], accountId: string, purpose: string, penaltyId?: string): Promise<PenaltyFile[]> {
    if (!ids.length) return Promise.resolve([]);
    return this.em
      .getRepository(PenaltyFile)
      .createQueryBuilder('f')
      .setLock('pessimistic_write')
      .where('f.id = ANY(:ids::uuid[])', { ids })
      .andWhere('f.uploaded_by = :a AND f.purpose = :purpose AND f.appeal_id IS NULL', { a: accountId, purpose })
      .andWhere(penaltyId ? '(f.penalty_id IS NULL OR f.penalty_id = :pid)' : 'f.penalty_id IS NULL', { pid: penaltyId })
      .getMany();
  }

  // ---------------------------------------------------------------- appeals
  private appealQuery(ability: AppAbility): SelectQueryBuilder<PenaltyAppeal> {
    const qb = this.em.getRepository(PenaltyAppeal).createQueryBuilder('a');
    return whereAccessible(qb, ability, 'read', 'PenaltyAppeal', { storeId: 'a.store_id' });
  }
  listAppeals(ability: AppAbility, filter: { status?: string; penaltyId?: string; storeId?: string }, page: PageRequest): Promise<Page<PenaltyAppeal>> {
    const qb = this.appealQuery(ability);
    if (filter.status) qb.andWhere('a.status = :status', { status: filter.status });
    if (filter.penaltyId) qb.andWhere('a.penalty_id = :pid', { pid: filter.penaltyId });
    if (filter.storeId) qb.andWhere('a.store_id = :sid', { sid: filter.storeId });
    return paginate(qb, page, { submittedAt: 'a.submitted_at', id: 'a.id' }, { field: 'submittedAt', order: 'DESC' }, 'a.id');
  }
  findAppeal(ability: AppAbility, id: string): Promise<PenaltyAppeal | null> {
    return this.appealQuery(ability).andWhere('a.id = :id', { id }).getOne();
  }
  lockAppeal(id: string): Promise<PenaltyAppeal | null> {
    return this.em.getRepository(PenaltyAppeal).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  // ---------------------------------------------------------------- public notices
  /**
   * One page of public notices: reads `penalty_notice` only, on its indexes; the page and its
   * capped count in one SQL statement whatever the page size or depth (see pageInOneStatement).
   */
  publicNotices(filter: { categoryCodes?: string[]; issuedFrom?: string; issuedTo?: string }, page: PageRequest): Promise<Page<PenaltyNotice>> {
    const where = new SqlWhere();
    if (filter.categoryCodes) where.and(`n.category_code = ANY(${where.param(filter.categoryCodes)})`);
    if (filter.issuedFrom) where.and(`n.issued_on >= ${where.param(filter.issuedFrom)}`);
    if (filter.issuedTo) where.and(`n.issued_on <= ${where.param(filter.issuedTo)}`);
    return pageInOneStatement<PenaltyNotice>(
      this.em.connection,
      { from: 'penalty_notice n', where, sortable: { issuedOn: 'n.issued_on' }, dflt: { field: 'issuedOn', order: 'DESC' }, idColumn: 'n.id' },
      page,
      `SELECT n.id::text AS id, n.platform_account_id AS "platformAccountId", n.nickname, n.category_code AS "categoryCode", n.category_name_zh AS "categoryNameZh",
              n.category_name_en AS "categoryNameEn", n.sanction_code AS "sanctionCode", n.sanction_name_zh AS "sanctionNameZh", n.sanction_name_en AS "sanctionNameEn",
              n.sanction_days AS "sanctionDays", n.issued_on::text AS "issuedOn", n.starts_on::text AS "startsOn", n.ends_on::text AS "endsOn", n.status,
              n.withdrawn_on::text AS "withdrawnOn", page.k AS __k, page.id AS __id
         FROM page JOIN penalty_notice n ON n.id = page.id`,
    );
  }
}
