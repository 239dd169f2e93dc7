import type { DataSource, EntityManager } from 'typeorm';
import type { AppAbility } from '../../core/abilities';
import { andAccessible } from '../../core/abilities-sql';
import { cappedCountOf, pageInOneStatement, type ListSource, type Page, type PageRequest } from '../../core/pagination';
import { SqlWhere } from '../../core/sql';
import { VerificationReasonCode } from './reason-code.entity';
import { VERIFICATION_STATUSES, VerificationCase } from './verification-case.entity';
import { VerificationSubmission } from './verification-submission.entity';
import { VerificationTransition } from './verification-transition.entity';
import type { VerificationQueueFilter } from './verification.types';
import { isId } from '../../core/ids';

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

/** Queries on verification cases, submissions, their history and reason codes. */
export class VerificationRepository {
  constructor(private readonly ds: DataSource) {}

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
      this.ds,
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
        const { totalCount, totalCountExact } = await cappedCountOf(this.ds, from, where);
        return { status, count: totalCount, exact: totalCountExact };
      }),
    );
  }

  findCase(em: EntityManager, id: string, lock = false): Promise<VerificationCase | null> {
    return em.getRepository(VerificationCase).findOne({ where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  }

  findCaseByStore(em: EntityManager, storeId: string, lock = false): Promise<VerificationCase | null> {
    return em.getRepository(VerificationCase).findOne({ where: { storeId }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  }

  findSubmission(em: EntityManager, id: string): Promise<VerificationSubmission | null> {
    return em.getRepository(VerificationSubmission).findOne({ where: { id } });
  }

  /** Store name, nickname, store status and the owner's account id, for a store. */
  async storeInfo(em: EntityManager, storeId: string): Promise<{ store_name: string; nickname: string; store_status: string; owner_account_id: string } | null> {
    const [row] = await em.query(
      `SELECT s.name AS store_name, m.nickname, s.status AS store_status, m.account_id AS owner_account_id FROM store s JOIN merchant m ON m.id = s.merchant_id WHERE s.id = $1`,
      [storeId],
    );
    return row ?? null;
  }

  /** Whether another store has a submission with this ID-number hash (keyed hash; nothing decrypted). */
  async idUsedByAnotherStore(em: EntityManager, idNumberHash: string, storeId: string): Promise<boolean> {
    const [row] = await em.query('SELECT EXISTS (SELECT 1 FROM verification_submission WHERE id_number_hash = $1 AND store_id <> $2) AS used', [idNumberHash, storeId]);
    return row.used;
  }

  /**
   * Adds `duplicate_id` to the undecided cases (submitted, in review) of other stores whose current
   * submission has this ID-number hash, bumping their `row_version` so a decision taken on the
   * unflagged state fails with CONFLICT. Call under the ID number's advisory lock.
   * @returns the ids and stores of the cases flagged now.
   */
  async flagDuplicatesOf(em: EntityManager, idNumberHash: string, storeId: string): Promise<{ id: string; store_id: string }[]> {
    const [rows] = await em.query(
      `UPDATE verification_case c SET flags = array_append(c.flags, 'duplicate_id'), row_version = c.row_version + 1, updated_at = now()
         FROM verification_submission s
        WHERE s.id = c.submission_id AND s.id_number_hash = $1 AND c.store_id <> $2
          AND c.status IN ('submitted', 'in_review') AND NOT ('duplicate_id' = ANY (c.flags))
        RETURNING c.id, c.store_id`,
      [idNumberHash, storeId],
    );
    return rows;
  }

  /** The other stores whose current submission has the same ID-number hash as `submissionId` (staff view of the duplicate flag). */
  async duplicateStores(em: EntityManager, submissionId: string, storeId: string): Promise<{ store_id: string; store_name: string; case_id: string }[]> {
    return em.query(
      `SELECT DISTINCT o.store_id, st.name AS store_name, oc.id AS case_id
         FROM verification_submission me
         JOIN verification_submission o ON o.id_number_hash = me.id_number_hash AND o.store_id <> $2
         JOIN verification_case oc ON oc.submission_id = o.id
         JOIN store st ON st.id = o.store_id
        WHERE me.id = $1
        ORDER BY o.store_id`,
      [submissionId, storeId],
    );
  }

  /**
   * Saves a case change only if nobody changed it meanwhile (`rowVersion` check).
   * @returns false when the version no longer matches.
   */
  async updateIfVersion(em: EntityManager, id: string, version: number, changes: Partial<VerificationCase>): Promise<boolean> {
    const res = await em
      .createQueryBuilder()
      .update(VerificationCase)
      .set({ ...changes, rowVersion: () => 'row_version + 1' } as never)
      .where('id = :id AND row_version = :version', { id, version })
      .execute();
    return res.affected === 1;
  }

  insertTransition(em: EntityManager, t: Partial<VerificationTransition>): Promise<unknown> {
    return em.getRepository(VerificationTransition).insert(t);
  }

  history(caseId: string): Promise<(VerificationTransition & { actor_name?: string })[]> {
    return this.ds.getRepository(VerificationTransition).find({ where: { caseId }, order: { at: 'ASC', id: 'ASC' } });
  }

  /** Display names of staff accounts by id (one query for a whole history or page). */
  async staffNames(ids: (string | null)[]): Promise<Map<string, string>> {
    const unique = [...new Set(ids.filter((x): x is string => !!x))];
    if (!unique.length) return new Map();
    const rows = await this.ds.query(`SELECT id, display_name FROM account WHERE id = ANY($1::bigint[]) AND kind = 'staff'`, [unique]);
    return new Map(rows.map((r: { id: string; display_name: string }) => [String(r.id), r.display_name]));
  }

  /** Active staff who may hold cases (ops_reviewer or ops_lead), by display name. */
  reviewers(): Promise<{ id: string; display_name: string }[]> {
    return this.ds.query(
      `SELECT id::text, display_name FROM account WHERE kind = 'staff' AND status = 'active' AND platform_roles && ARRAY['ops_reviewer', 'ops_lead'] ORDER BY display_name LIMIT 500`,
    );
  }

  reasonCodes(em: EntityManager = this.ds.manager): Promise<VerificationReasonCode[]> {
    return em.getRepository(VerificationReasonCode).find({ order: { sortOrder: 'ASC', code: 'ASC' } });
  }

  revealLog(caseId: string) {
    return this.ds.query(
      `SELECT occurred_at AS at, actor_label, after->>'field' AS field, purpose, outcome FROM audit_event
        WHERE action = 'personalData.reveal' AND target_type = 'Verification' AND target_id = $1 ORDER BY chain_seq DESC LIMIT 500`,
      [caseId],
    );
  }
}
