import type { EntityManager, SelectQueryBuilder } from 'typeorm';
import { whereAccessible } from '../../core/abilities-sql';
import type { AppAbility } from '../../core/abilities';
import { cappedCount, sortOf, type Page, type PageRequest } from '../../core/pagination';
import { Store } from '../stores/store.entity';
import { PenaltyHistory } from './penalty-history.entity';
import { Penalty, type EffectState } from './penalty.entity';
import { type SanctionEffect } from '../../../rules/penalties/sanctions';

/** A penalty with what its views show: store, merchant, category and sanction type (one query). */
export interface PenaltyRow extends Penalty {
  store_name: string;
  store_status: string;
  merchant_account_id: string;
  platform_account_id: string;
  nickname: string;
}

/** A penalty whose sanction's effect on its store is pending or applied (sanctions.ts). */
export interface EffectRow {
  id: string;
  effect_state: EffectState;
  starts_at: Date;
  ends_at: Date | null;
  store_status_before: string | null;
  effect: SanctionEffect;
}

export interface PenaltyListFilter {
  status?: string;
  storeId?: string;
  categoryIds?: string[];
  sanctionTypeId?: string;
  issuedFrom?: string;
  issuedTo?: string;
}

/** Penalties and their history and sanction effects. Row rules (CASL) are applied in SQL. */
export class PenaltiesRepository {
  constructor(private readonly em: EntityManager) {}

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
    return entities.map((e, i) =>
      Object.assign(e, {
        store_name: String(raw[i].store_name),
        store_status: String(raw[i].store_status),
        merchant_account_id: String(raw[i].merchant_account_id),
        platform_account_id: String(raw[i].platform_account_id),
        nickname: String(raw[i].nickname),
      }),
    );
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
    const [res, count] = await Promise.all([
      qb
        .clone()
        .offset((page.page - 1) * page.perPage)
        .limit(page.perPage)
        .getRawAndEntities(),
      cappedCount(qb),
    ]);
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

  /** Whether the store exists. */
  storeExists(storeId: string): Promise<boolean> {
    return this.em.getRepository(Store).exists({ where: { id: storeId } });
  }

  /** The merchant owning the store: its account (for notifications) and what a public notice shows. */
  async merchantOfStore(storeId: string): Promise<{ accountId: string; platformAccountId: string; nickname: string }> {
    const [m] = await this.em.query(`SELECT m.account_id, m.platform_account_id, m.nickname FROM store s JOIN merchant m ON m.id = s.merchant_id WHERE s.id = $1`, [storeId]);
    return { accountId: String(m.account_id), platformAccountId: m.platform_account_id, nickname: m.nickname };
  }

  /** Inserts a draft; @returns it. */
  insert(row: Partial<Penalty>): Promise<Penalty> {
    return this.em.getRepository(Penalty).save(row as Penalty);
  }

  /** Edits a draft read at `rowVersion` (bumping it). @returns whether the row was still at that version. */
  async updateDraft(id: string, rowVersion: number, changes: Partial<Penalty>): Promise<boolean> {
    const r = await this.em.getRepository(Penalty).update({ id, rowVersion }, { ...changes, rowVersion: rowVersion + 1 });
    return r.affected === 1;
  }

  /** Counts one more appeal of the penalty. */
  async countAppeal(id: string): Promise<void> {
    await this.em.getRepository(Penalty).increment({ id }, 'appealCount', 1);
  }

  /** A history row a machine action does not write: the creation of a penalty (`draft`) or of an appeal (`submit`). */
  async appendHistory(row: Pick<PenaltyHistory, 'penaltyId' | 'subject' | 'action' | 'toStatus' | 'actorAccountId' | 'actorKind'> & { appealId?: string }): Promise<void> {
    await this.em.getRepository(PenaltyHistory).insert(row);
  }

  // ---------------------------------------------------------------- sanction effects (sanctions.ts)
  /** The store's issued penalties whose effect is pending or applied, with their sanction's effect, locked (`FOR UPDATE OF p`), by start. */
  effectRows(storeId: string): Promise<EffectRow[]> {
    return this.em.query(
      `SELECT p.id, p.effect_state, p.starts_at, p.ends_at, p.store_status_before, st.effect
       FROM penalty p JOIN sanction_type st ON st.id = p.sanction_type_id
       WHERE p.store_id = $1 AND p.status = 'issued' AND p.effect_state IN ('pending', 'applied')
       ORDER BY p.starts_at, p.id FOR UPDATE OF p`,
      [storeId],
    );
  }

  /** Sets a penalty's effect state (and, when given, the store status from before it). */
  async setEffect(id: string, effectState: EffectState, storeStatusBefore?: string | null): Promise<void> {
    await this.em.getRepository(Penalty).update({ id }, { effectState, ...(storeStatusBefore !== undefined ? { storeStatusBefore } : {}) });
  }

  /** Stores with a due start or end of a sanction at `at` (on the partial indexes), at most 500 of each. */
  async storesWithDueEffects(at: Date): Promise<string[]> {
    const rows: { store_id: string }[] = await this.em.query(
      `SELECT DISTINCT store_id FROM (
         (SELECT store_id FROM penalty WHERE effect_state = 'pending' AND starts_at <= $1 LIMIT 500)
         UNION ALL
         (SELECT store_id FROM penalty WHERE effect_state = 'applied' AND ends_at <= $1 LIMIT 500)) d`,
      [at],
    );
    return rows.map((r) => String(r.store_id));
  }
}
