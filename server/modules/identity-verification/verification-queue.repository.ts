import type { EntityManager } from 'typeorm';
import type { AppAbility } from '../../core/abilities';
import { andAccessible } from '../../core/abilities-sql';
import { isId } from '../../core/ids';
import { cappedCountOf, pageInOneStatement, type ListSource, type Page, type PageRequest } from '../../core/pagination';
import { SqlWhere } from '../../core/sql';
import { VERIFICATION_STATUSES } from './verification-case.entity';
import type { VerificationQueueFilter } from './verification.types';

export interface QueueRow {
  id: string;
  store_id: string;
  store_name: string;
  nickname: string;
  subject_type: string;
  status: string;
  flags: string[];
  submitted_at: Date;
  decided_at: Date | null;
  assignee_id: string | null;
  assignee_name: string | null;
  row_version: number;
}

/** The review queue (lists and counts, read on the pool) and the reviewers who may hold cases. */
export class VerificationQueueRepository {
  constructor(private readonly em: EntityManager) {}

  /**
   * Cases the ability may read (row rules in SQL), narrowed by the filter, as hand-written SQL (the
   * queue is the console's busiest list: see core/sql.ts). Reads `verification_case` alone (its
   * indexes serve the sort, the offset and the count) unless the search needs the store and
   * merchant names; every case has exactly one store and merchant (foreign keys), so the joins
   * never change which cases match.
   */
  private filtered(ability: AppAbility, filter: VerificationQueueFilter & { idNumberHash?: string }): ListSource {
    const where = new SqlWhere();
    const p = (value: unknown) => where.param(value);
    andAccessible(where, ability, 'read', 'Verification', { storeId: 'c.store_id' });
    // One status (a status chip, the usual view) as an equality: the (status, submitted_at, id)
    // indexes then return the page already in order; = ANY(...) would scan the submitted_at index and filter.
    if (filter.statuses?.length === 1) where.and(`c.status = ${p(filter.statuses[0])}`);
    else if (filter.statuses?.length) where.and(`c.status = ANY(${p(filter.statuses)})`);
    if (filter.subjectType) where.and(`c.subject_type = ${p(filter.subjectType)}`);
    if (filter.flags?.length) where.and(`c.flags && ${p(filter.flags)}::text[]`);
    if (filter.flagged === true) where.and(`c.flags <> '{}'`);
    if (filter.flagged === false) where.and(`c.flags = '{}'`);
    if (filter.submittedFrom) where.and(`c.submitted_at >= ${p(filter.submittedFrom)}`);
    if (filter.submittedTo) where.and(`c.submitted_at < ${p(filter.submittedTo)}`);
    if (filter.assigneeId) where.and(`c.assignee_id = ${p(filter.assigneeId)}`);
    if (filter.unassigned) where.and('c.assignee_id IS NULL');
    if (filter.q) {
      const q = filter.q.trim();
      const prefix = p(`${q.replace(/[%_\\]/g, '\\$&')}%`);
      const byId = isId(q) ? ` OR c.store_id = ${p(q)}` : '';
      where.and(`s.name COLLATE "C" LIKE ${prefix} OR m.nickname COLLATE "C" LIKE ${prefix}${byId}`);
    }
    if (filter.idNumberHash) {
      where.and(`c.id IN (SELECT vs.case_id FROM verification_submission vs WHERE vs.id_number_hash = ${p(filter.idNumberHash)})`);
    }
    return {
      from: filter.q ? 'verification_case c JOIN store s ON s.id = c.store_id JOIN merchant m ON m.id = s.merchant_id' : 'verification_case c',
      where,
      sortable: { submittedAt: 'c.submitted_at' },
      dflt: { field: 'submittedAt', order: 'ASC' },
      idColumn: 'c.id',
    };
  }

  /**
   * One queue page, oldest submission first by default (SLA order), in one SQL statement whatever
   * the page size or depth (see pageInOneStatement): sort and offset on the case indexes alone,
   * then the page's cases with their store, merchant and assignee, plus the capped count.
   * @throws BAD_USER_INPUT `sort.field` for a field that is not sortable.
   */
  queue(ability: AppAbility, filter: VerificationQueueFilter & { idNumberHash?: string }, page: PageRequest): Promise<Page<QueueRow>> {
    return pageInOneStatement<QueueRow>(
      this.em.connection,
      this.filtered(ability, filter),
      page,
      `SELECT c.id, c.store_id, s.name AS store_name, m.nickname, c.subject_type, c.status, c.flags, c.submitted_at, c.decided_at, c.assignee_id,
              a.display_name AS assignee_name, c.row_version, page.k AS __k, page.id AS __id
         FROM page JOIN verification_case c ON c.id = page.id JOIN store s ON s.id = c.store_id JOIN merchant m ON m.id = s.merchant_id
              LEFT JOIN account a ON a.id = c.assignee_id`,
    );
  }

  /** Cases per status under the same filter (its status part ignored), each count capped (see cappedCountOf). */
  statusCounts(ability: AppAbility, filter: VerificationQueueFilter & { idNumberHash?: string }): Promise<{ status: string; count: number; exact: boolean }[]> {
    return Promise.all(
      VERIFICATION_STATUSES.map(async (status) => {
        const { from, where } = this.filtered(ability, { ...filter, statuses: [status] });
        const { totalCount, totalCountExact } = await cappedCountOf(this.em.connection, from, where);
        return { status, count: totalCount, exact: totalCountExact };
      }),
    );
  }

  /** Active staff who may hold cases (ops_reviewer or ops_lead), by display name. */
  reviewers(): Promise<{ id: string; display_name: string }[]> {
    return this.em.query(
      `SELECT id::text, display_name FROM account WHERE kind = 'staff' AND status = 'active' AND platform_roles && ARRAY['ops_reviewer', 'ops_lead'] ORDER BY display_name LIMIT 500`,
    );
  }

  /** Whether `accountId` is an active staff member who may hold cases (ops_reviewer or ops_lead). */
  async isActiveReviewer(accountId: string): Promise<boolean> {
    const [row] = await this.em.query(`SELECT id FROM account WHERE id = $1 AND kind = 'staff' AND status = 'active' AND platform_roles && ARRAY['ops_reviewer','ops_lead']`, [accountId]);
    return !!row;
  }
}
