import type { EntityManager, SelectQueryBuilder } from 'typeorm';
import { whereAccessible } from '../../core/abilities-sql';
import type { AppAbility } from '../../core/abilities';
import { paginate, type Page, type PageRequest } from '../../core/pagination';
import { PenaltyAppeal } from './penalty-appeal.entity';

/** Appeals of penalties. Row rules (CASL) are applied in SQL. */
export class PenaltyAppealsRepository {
  constructor(private readonly em: EntityManager) {}

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
  /** Whether an appeal of the penalty is pending (at most one is: penalty_appeal_one_pending_uq). */
  hasPending(penaltyId: string): Promise<boolean> {
    return this.em.getRepository(PenaltyAppeal).exists({ where: { penaltyId, status: 'pending' } });
  }
  /** Inserts an appeal; @returns it. Fails with 23505 when another appeal of the penalty is pending. */
  insert(row: Partial<PenaltyAppeal>): Promise<PenaltyAppeal> {
    return this.em.getRepository(PenaltyAppeal).save(row as PenaltyAppeal);
  }
}
