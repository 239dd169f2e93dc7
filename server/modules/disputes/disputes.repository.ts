import type { EntityManager } from 'typeorm';
import type { AppAbility } from '../../core/abilities';
import { andAccessible, whereAccessible } from '../../core/abilities-sql';
import { pageInOneStatement, type Page, type PageRequest } from '../../core/pagination';
import { SqlWhere, updateRows } from '../../core/sql';
import { DisputeDisclosure } from './dispute-disclosure.entity';
import { DisputeHistory } from './dispute-history.entity';
import { DisputeMessage } from './dispute-message.entity';
import { Dispute } from './dispute.entity';

/** A list filter; `overdueOn` is today's PRC date when the caller asks for overdue cases only. */
export interface DisputeListFilter {
  status?: string;
  storeId?: string;
  claimType?: string;
  assigneeId?: string;
  /** An order or after-sales number (exact). */
  number?: string;
  overdueOn?: string;
}

/** A dispute as the list shows it: the row plus the store's and the assignee's names. */
export interface DisputeListRow {
  id: string;
  storeId: string;
  storeName: string;
  orderNumber: string;
  afterSalesNumber: string;
  claimType: string;
  amountClaimed: string;
  status: string;
  responseDueOn: string | null;
  deadlineMissed: boolean;
  resolution: string | null;
  assigneeId: string | null;
  assigneeName: string | null;
  latestMessageAt: Date;
  messageCount: number;
  createdAt: Date;
  rowVersion: number;
  buyerNameEnc: string;
  buyerMobileEnc: string;
}

/** The fields of a store's approved identity that a disclosure may carry, encrypted as stored. */
export interface IdentityColumns {
  subject_type: string;
  real_name_enc: string;
  company_name: string | null;
  id_number_enc: string;
  contact_address_enc: string;
  contact_mobile_enc: string;
  merchant_account_id: string;
}

/** Disputes, their messages, history and disclosure requests. Row rules (CASL) are applied in SQL. */
export class DisputesRepository {
  constructor(private readonly em: EntityManager) {}

  // ---------------------------------------------------------------- disputes

  /**
   * Inserts a dispute unless its after-sales number exists (the intake's idempotency key; the
   * unique index decides between concurrent intakes). @returns the new id, or null when it existed.
   */
  async insertIfNew(row: Partial<Dispute>): Promise<string | null> {
    const rows: { id: string }[] = await this.em.query(
      `INSERT INTO dispute (store_id, order_number, after_sales_number, claim_type, amount_claimed, description, buyer_name_enc, buyer_mobile_enc, buyer_address_enc, source, opened_by, status, latest_message_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'open', now())
       ON CONFLICT (after_sales_number) DO NOTHING RETURNING id::text`,
      [row.storeId, row.orderNumber, row.afterSalesNumber, row.claimType, row.amountClaimed, row.description, row.buyerNameEnc, row.buyerMobileEnc, row.buyerAddressEnc, row.source, row.openedBy],
    );
    return rows[0]?.id ?? null;
  }

  byAfterSalesNumber(afterSalesNumber: string): Promise<Dispute | null> {
    return this.em.getRepository(Dispute).findOne({ where: { afterSalesNumber } });
  }

  storeExists(storeId: string): Promise<boolean> {
    return this.em.query('SELECT 1 FROM store WHERE id = $1', [storeId]).then((r: unknown[]) => r.length > 0);
  }

  /** The dispute if the ability may `action` it (row rules in SQL), else null. */
  findAccessible(ability: AppAbility, id: string, action: 'read' | 'update' = 'read'): Promise<Dispute | null> {
    const qb = whereAccessible(this.em.getRepository(Dispute).createQueryBuilder('d'), ability, action, 'Dispute', { storeId: 'd.store_id' });
    return qb.andWhere('d.id = :id', { id }).getOne();
  }

  lock(id: string): Promise<Dispute | null> {
    return this.em.getRepository(Dispute).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** Sets columns that are not part of the lifecycle (assignee), guarded by the version read. @returns whether it applied. */
  async setAssignee(id: string, version: number, assigneeId: string | null): Promise<boolean> {
    const { count } = await updateRows(this.em, 'UPDATE dispute SET assignee_id = $3, row_version = row_version + 1, updated_at = now() WHERE id = $1 AND row_version = $2', [id, version, assigneeId]);
    return count === 1;
  }

  /**
   * One page of the disputes the ability may read and their capped count, in one statement
   * (pageInOneStatement), whatever the page size or depth. Sort fields: latestMessageAt (default,
   * DESC: a column kept on the row, so each dispute appears once whatever its messages), createdAt, id.
   */
  list(ability: AppAbility, f: DisputeListFilter, page: PageRequest): Promise<Page<DisputeListRow>> {
    const where = andAccessible(new SqlWhere(), ability, 'read', 'Dispute', { storeId: 'd.store_id' });
    if (f.status) where.and(`d.status = ${where.param(f.status)}`);
    if (f.storeId) where.and(`d.store_id = ${where.param(f.storeId)}`);
    if (f.claimType) where.and(`d.claim_type = ${where.param(f.claimType)}`);
    if (f.assigneeId) where.and(`d.assignee_id = ${where.param(f.assigneeId)}`);
    if (f.number) {
      const n = where.param(f.number);
      where.and(`(d.after_sales_number = ${n} OR d.order_number = ${n})`);
    }
    if (f.overdueOn) where.and(`d.status = 'awaiting_merchant' AND d.response_due_on < ${where.param(f.overdueOn)}`);
    return pageInOneStatement<DisputeListRow>(
      this.em.connection,
      {
        from: 'dispute d',
        where,
        sortable: { latestMessageAt: 'd.latest_message_at', createdAt: 'd.created_at', id: 'd.id' },
        dflt: { field: 'latestMessageAt', order: 'DESC' },
        idColumn: 'd.id',
      },
      page,
      `SELECT d.id::text AS id, d.store_id::text AS "storeId", s.name AS "storeName", d.order_number AS "orderNumber", d.after_sales_number AS "afterSalesNumber",
              d.claim_type AS "claimType", d.amount_claimed::text AS "amountClaimed", d.status, to_char(d.response_due_on, 'YYYY-MM-DD') AS "responseDueOn",
              d.deadline_missed AS "deadlineMissed", d.resolution, d.assignee_id::text AS "assigneeId", a.display_name AS "assigneeName",
              d.latest_message_at AS "latestMessageAt", d.message_count AS "messageCount", d.created_at AS "createdAt", d.row_version AS "rowVersion",
              d.buyer_name_enc AS "buyerNameEnc", d.buyer_mobile_enc AS "buyerMobileEnc", page.k AS __k, page.id AS __id
         FROM page JOIN dispute d ON d.id = page.id JOIN store s ON s.id = d.store_id LEFT JOIN account a ON a.id = d.assignee_id`,
    );
  }

  /** Store and assignee names of one dispute. */
  async names(d: Dispute): Promise<{ storeName: string; assigneeName: string | null }> {
    const [r] = await this.em.query('SELECT s.name AS "storeName", a.display_name AS "assigneeName" FROM store s LEFT JOIN account a ON a.id = $2 WHERE s.id = $1', [d.storeId, d.assigneeId]);
    return r;
  }

  /** Disputes awaiting the merchant whose last answer day is before `today` (PRC date): the deadline passed. */
  async missedDeadlines(today: string, limit: number): Promise<string[]> {
    const rows: { id: string }[] = await this.em.query(`SELECT id::text FROM dispute WHERE status = 'awaiting_merchant' AND response_due_on < $1 ORDER BY response_due_on, id LIMIT $2`, [
      today,
      limit,
    ]);
    return rows.map((r) => r.id);
  }

  /** Disputes awaiting the merchant, not yet reminded, due on or before `by` (PRC date), not yet past. */
  async dueForReminder(today: string, by: string, limit: number): Promise<string[]> {
    const rows: { id: string }[] = await this.em.query(
      `SELECT id::text FROM dispute WHERE status = 'awaiting_merchant' AND reminded_at IS NULL AND response_due_on >= $1 AND response_due_on <= $2 ORDER BY response_due_on, id LIMIT $3`,
      [today, by, limit],
    );
    return rows.map((r) => r.id);
  }

  /** Marks a reminder sent, once (a concurrent sweep gets false). */
  async markReminded(id: string): Promise<boolean> {
    const { count } = await updateRows(this.em, `UPDATE dispute SET reminded_at = now() WHERE id = $1 AND reminded_at IS NULL AND status = 'awaiting_merchant'`, [id]);
    return count === 1;
  }

  /** Display names of accounts, by id. */
  async displayNames(ids: (string | null)[]): Promise<Map<string, string>> {
    const wanted = [...new Set(ids.filter((i): i is string => !!i))];
    if (!wanted.length) return new Map();
    const rows: { id: string; name: string }[] = await this.em.query('SELECT id::text, display_name AS name FROM account WHERE id = ANY($1::bigint[])', [wanted]);
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  /** Whether the account is an active staff member who works disputes (support or ops_lead). */
  async isDisputeAgent(accountId: string): Promise<boolean> {
    const rows = await this.em.query(`SELECT 1 FROM account WHERE id = $1 AND kind = 'staff' AND status = 'active' AND platform_roles && ARRAY['support', 'ops_lead']::text[]`, [accountId]);
    return rows.length > 0;
  }

  // ---------------------------------------------------------------- messages

  /**
   * Appends a message; a message both sides see moves the dispute's latest-message time and count
   * (without touching its version: a buyer's message must not make staff's open form stale).
   */
  async addMessage(row: Pick<DisputeMessage, 'disputeId' | 'authorKind' | 'authorAccountId' | 'body' | 'internal'>): Promise<DisputeMessage> {
    const m = await this.em.getRepository(DisputeMessage).save(this.em.getRepository(DisputeMessage).create(row));
    if (!row.internal) await this.em.query('UPDATE dispute SET latest_message_at = $2, message_count = message_count + 1 WHERE id = $1', [row.disputeId, m.at]);
    return m;
  }

  message(id: string): Promise<DisputeMessage | null> {
    return this.em.getRepository(DisputeMessage).findOne({ where: { id } });
  }

  /** A dispute's thread in order; internal notes only when `withInternal` (staff). */
  messages(disputeId: string, withInternal: boolean): Promise<DisputeMessage[]> {
    return this.em.getRepository(DisputeMessage).find({ where: withInternal ? { disputeId } : { disputeId, internal: false }, order: { id: 'ASC' } });
  }

  history(disputeId: string): Promise<DisputeHistory[]> {
    return this.em.getRepository(DisputeHistory).find({ where: { disputeId }, order: { at: 'ASC', id: 'ASC' } });
  }

  // ---------------------------------------------------------------- disclosures

  /** The store's approved identity (the current submission of its approved verification case), or null. */
  async identityOf(storeId: string): Promise<IdentityColumns | null> {
    const [row] = await this.em.query(
      `SELECT s.subject_type, s.real_name_enc, s.company_name, s.id_number_enc, s.contact_address_enc, s.contact_mobile_enc, m.account_id::text AS merchant_account_id
         FROM verification_case c JOIN verification_submission s ON s.id = c.submission_id
         JOIN store st ON st.id = c.store_id JOIN merchant m ON m.id = st.merchant_id
        WHERE c.store_id = $1 AND c.status = 'approved'`,
      [storeId],
    );
    return row ?? null;
  }

  /** The account of the store's owner (the merchant). */
  async ownerAccountOf(storeId: string): Promise<string | null> {
    const [row] = await this.em.query('SELECT m.account_id::text AS id FROM store s JOIN merchant m ON m.id = s.merchant_id WHERE s.id = $1', [storeId]);
    return row?.id ?? null;
  }

  insertDisclosure(row: Partial<DisputeDisclosure>): Promise<DisputeDisclosure> {
    return this.em.getRepository(DisputeDisclosure).save(this.em.getRepository(DisputeDisclosure).create(row));
  }

  lockDisclosure(id: string): Promise<DisputeDisclosure | null> {
    return this.em.getRepository(DisputeDisclosure).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  lockDisclosureByToken(tokenHash: string): Promise<DisputeDisclosure | null> {
    return this.em.getRepository(DisputeDisclosure).findOne({ where: { tokenHash }, lock: { mode: 'pessimistic_write' } });
  }

  /** A dispute's disclosure requests the ability may read, oldest first. */
  disclosuresOf(ability: AppAbility, disputeId: string): Promise<DisputeDisclosure[]> {
    const qb = whereAccessible(this.em.getRepository(DisputeDisclosure).createQueryBuilder('x'), ability, 'read', 'DisputeDisclosure', { storeId: 'x.store_id', status: 'x.status' });
    return qb.andWhere('x.dispute_id = :disputeId', { disputeId }).orderBy('x.id', 'ASC').getMany();
  }

  appendHistory(row: Partial<DisputeHistory>): Promise<unknown> {
    return this.em.getRepository(DisputeHistory).insert(row);
  }

  /** Sets a new one-time code (keyed hash) and its expiry; counts it and clears the failures. */
  async setCode(id: string, codeHash: string, codeExpiresAt: Date): Promise<void> {
    await this.em.query('UPDATE dispute_disclosure SET code_hash = $2, code_expires_at = $3, codes_sent = codes_sent + 1, code_failures = 0 WHERE id = $1', [id, codeHash, codeExpiresAt]);
  }

  /** Counts a wrong code; at `max` failures the code is void. */
  async countCodeFailure(id: string, max: number): Promise<void> {
    await this.em.query('UPDATE dispute_disclosure SET code_failures = code_failures + 1, code_hash = CASE WHEN code_failures + 1 >= $2 THEN NULL ELSE code_hash END WHERE id = $1', [id, max]);
  }

  /** Counts a view (the row is locked by the caller). */
  async countView(id: string): Promise<void> {
    await this.em.query('UPDATE dispute_disclosure SET view_count = view_count + 1 WHERE id = $1', [id]);
  }

  /** Approved disclosures whose link has expired by `at`. */
  async expiredDisclosures(at: Date, limit: number): Promise<string[]> {
    const rows: { id: string }[] = await this.em.query(`SELECT id::text FROM dispute_disclosure WHERE status = 'approved' AND expires_at <= $1 ORDER BY expires_at LIMIT $2`, [at, limit]);
    return rows.map((r) => r.id);
  }
}
