import type { EntityManager, SelectQueryBuilder } from 'typeorm';
import { paginate, type Page, type PageRequest } from '../../core/pagination';
import { AuditEvent } from './audit-event.entity';
import type { AuditFilter } from './audit.types';

/**
 * Queries on the audit log (read-only: rows are only ever appended, by core/audit/audit-writer.ts;
 * the chain is verified by core/audit/audit-chain.ts).
 */
export class AuditRepository {
  constructor(private readonly em: EntityManager) {}

  /** `filter` is checked by the service (an `actorAccountId` is an id). */
  private filtered(filter: AuditFilter = {}): SelectQueryBuilder<AuditEvent> {
    const qb = this.em.getRepository(AuditEvent).createQueryBuilder('e');
    if (filter.actorAccountId) qb.andWhere('e.actor_account_id = :actor', { actor: filter.actorAccountId });
    if (filter.action) {
      if (filter.action.endsWith('.')) qb.andWhere('e.action LIKE :action', { action: `${filter.action.replace(/[%_\\]/g, '\\$&')}%` });
      else qb.andWhere('e.action = :action', { action: filter.action });
    }
    if (filter.targetType) qb.andWhere('e.target_type = :tt', { tt: filter.targetType });
    if (filter.targetId) qb.andWhere('e.target_id = :tid', { tid: filter.targetId });
    if (filter.outcome) qb.andWhere('e.outcome = :outcome', { outcome: filter.outcome });
    if (filter.from) qb.andWhere('e.occurred_at >= :from', { from: filter.from });
    if (filter.to) qb.andWhere('e.occurred_at < :to', { to: filter.to });
    return qb;
  }

  list(filter: AuditFilter | undefined, page: PageRequest): Promise<Page<AuditEvent>> {
    return paginate(this.filtered(filter), page, { occurredAt: 'e.occurred_at', chainSeq: 'e.chain_seq' }, { field: 'occurredAt', order: 'DESC' }, 'e.id');
  }

  forExport(filter: AuditFilter | undefined, limit: number): Promise<AuditEvent[]> {
    return this.filtered(filter).orderBy('e.chain_seq', 'ASC').limit(limit).getMany();
  }
}
