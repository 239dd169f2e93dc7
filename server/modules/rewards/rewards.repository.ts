import type { EntityManager } from 'typeorm';
import type { AppAbility } from '../../core/abilities';
import { andAccessible, whereAccessible } from '../../core/abilities-sql';
import { pageInOneStatement, type Page, type PageRequest } from '../../core/pagination';
import { SqlWhere, updateRows } from '../../core/sql';
import { PayoutLedgerEntry } from './payout-ledger.entity';
import { Payout } from './payout.entity';
import { RewardHistory } from './reward-history.entity';
import { RewardProgramme } from './reward-programme.entity';
import { Reward } from './reward.entity';

export interface RewardFilterSql {
  status?: string;
  payoutStatus?: string;
  storeId?: string;
  programmeCode?: string;
}

/** A reward as lists show it, with its store, programme, people and payout (one statement per page). */
export interface RewardRow {
  id: string;
  storeId: string;
  storeName: string;
  programmeCode: string;
  programmeNameZh: string;
  programmeNameEn: string;
  amount: string;
  reason: string;
  periodStart: string;
  periodEnd: string;
  status: string;
  proposedByName: string | null;
  firstApproverName: string | null;
  approvedByName: string | null;
  approvedAt: Date | null;
  decisionReason: string | null;
  createdAt: Date;
  rowVersion: number;
  payoutId: string | null;
  businessNumber: string | null;
  payoutStatus: string | null;
  holdReason: string | null;
  heldUntil: Date | null;
  attempts: number | null;
  lastError: string | null;
  paidAt: Date | null;
  payoutVersion: number | null;
}

const ITEMS = `SELECT r.id::text AS id, r.store_id::text AS "storeId", s.name AS "storeName", g.code AS "programmeCode", g.name_zh AS "programmeNameZh", g.name_en AS "programmeNameEn",
       r.amount::text AS amount, r.reason, to_char(r.period_start, 'YYYY-MM-DD') AS "periodStart", to_char(r.period_end, 'YYYY-MM-DD') AS "periodEnd", r.status,
       pa.display_name AS "proposedByName", fa.display_name AS "firstApproverName", aa.display_name AS "approvedByName", r.approved_at AS "approvedAt", r.decision_reason AS "decisionReason",
       r.created_at AS "createdAt", r.row_version AS "rowVersion", p.id::text AS "payoutId", p.business_number AS "businessNumber", p.status AS "payoutStatus", p.hold_reason AS "holdReason",
       p.held_until AS "heldUntil", p.attempts, p.last_error AS "lastError", p.paid_at AS "paidAt", p.row_version AS "payoutVersion"`;
const JOINS = `JOIN store s ON s.id = r.store_id JOIN reward_programme g ON g.id = r.programme_id LEFT JOIN payout p ON p.reward_id = r.id
       LEFT JOIN account pa ON pa.id = r.proposed_by LEFT JOIN account fa ON fa.id = r.first_approver_id LEFT JOIN account aa ON aa.id = r.approved_by`;

/** Rewards, programmes, payouts and the ledger. Row rules (CASL) are applied in SQL. */
export class RewardsRepository {
  constructor(private readonly em: EntityManager) {}

  // ---------------------------------------------------------------- programmes
  programmes(): Promise<RewardProgramme[]> {
    return this.em.getRepository(RewardProgramme).find({ order: { code: 'ASC' } });
  }
  programmeByCode(code: string): Promise<RewardProgramme | null> {
    return this.em.getRepository(RewardProgramme).findOne({ where: { code } });
  }
  lockProgramme(id: string): Promise<RewardProgramme | null> {
    return this.em.getRepository(RewardProgramme).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }
  insertProgramme(row: Partial<RewardProgramme>): Promise<RewardProgramme> {
    return this.em.getRepository(RewardProgramme).save(this.em.getRepository(RewardProgramme).create(row));
  }
  /** Adds `amount` fen to the programme's approved total (the caller holds its row lock; the CHECK refuses going beyond the budget). */
  async addApproved(programmeId: string, amount: string): Promise<void> {
    await this.em.query('UPDATE reward_programme SET approved_total = approved_total + $2::bigint WHERE id = $1', [programmeId, amount]);
  }

  // ---------------------------------------------------------------- rewards
  storeStatus(storeId: string): Promise<string | null> {
    return this.em.query('SELECT status FROM store WHERE id = $1', [storeId]).then((r: { status: string }[]) => r[0]?.status ?? null);
  }
  insertReward(row: Partial<Reward>): Promise<Reward> {
    return this.em.getRepository(Reward).save(this.em.getRepository(Reward).create(row));
  }
  lockReward(id: string): Promise<Reward | null> {
    return this.em.getRepository(Reward).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }
  appendHistory(row: Partial<RewardHistory>): Promise<unknown> {
    return this.em.getRepository(RewardHistory).insert(row);
  }
  history(rewardId: string): Promise<RewardHistory[]> {
    return this.em.getRepository(RewardHistory).find({ where: { rewardId }, order: { at: 'ASC', id: 'ASC' } });
  }

  private where(ability: AppAbility, f: RewardFilterSql): SqlWhere {
    const where = andAccessible(new SqlWhere(), ability, 'read', 'Reward', { storeId: 'r.store_id' });
    if (f.status) where.and(`r.status = ${where.param(f.status)}`);
    if (f.storeId) where.and(`r.store_id = ${where.param(f.storeId)}`);
    if (f.programmeCode) where.and(`r.programme_id = (SELECT id FROM reward_programme WHERE code = ${where.param(f.programmeCode)})`);
    if (f.payoutStatus) where.and(`EXISTS (SELECT 1 FROM payout px WHERE px.reward_id = r.id AND px.status = ${where.param(f.payoutStatus)})`);
    return where;
  }

  /** One page of the rewards the ability may read and its capped count, in one statement. Sort fields: createdAt (default DESC), amount (numeric), id. */
  list(ability: AppAbility, f: RewardFilterSql, page: PageRequest): Promise<Page<RewardRow>> {
    return pageInOneStatement<RewardRow>(
      this.em.connection,
      { from: 'reward r', where: this.where(ability, f), sortable: { createdAt: 'r.created_at', amount: 'r.amount', id: 'r.id' }, dflt: { field: 'createdAt', order: 'DESC' }, idColumn: 'r.id' },
      page,
      `${ITEMS}, page.k AS __k, page.id AS __id FROM page JOIN reward r ON r.id = page.id ${JOINS}`,
    );
  }

  /** Count and exact sum (integer fen, as text) per status of the rewards the ability may read. */
  totals(ability: AppAbility, f: RewardFilterSql): Promise<{ status: string; count: number; amount: string }[]> {
    const where = this.where(ability, f);
    return this.em.query(`SELECT r.status, count(*)::int AS count, sum(r.amount)::text AS amount FROM reward r WHERE ${where.sql} GROUP BY r.status ORDER BY r.status`, where.params);
  }

  async one(ability: AppAbility, id: string): Promise<RewardRow | null> {
    const where = this.where(ability, {});
    where.and(`r.id = ${where.param(id)}`);
    const rows: RewardRow[] = await this.em.query(`${ITEMS} FROM reward r ${JOINS} WHERE ${where.sql}`, where.params);
    return rows[0] ?? null;
  }

  /** Whether the ability may read the reward (row rules). */
  readable(ability: AppAbility, id: string): Promise<boolean> {
    return whereAccessible(this.em.getRepository(Reward).createQueryBuilder('r'), ability, 'read', 'Reward', { storeId: 'r.store_id' }).andWhere('r.id = :id', { id }).getExists();
  }

  // ---------------------------------------------------------------- payouts
  insertPayout(row: Partial<Payout>): Promise<Payout> {
    return this.em.getRepository(Payout).save(this.em.getRepository(Payout).create(row));
  }
  lockPayout(id: string): Promise<Payout | null> {
    return this.em.getRepository(Payout).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }
  /** Counts an attempt on a payout being sent (not a lifecycle change: no version bump). */
  async countAttempt(id: string, error: string | null): Promise<void> {
    await this.em.query('UPDATE payout SET attempts = attempts + 1, last_error = $2 WHERE id = $1', [id, error]);
  }
  insertLedger(row: Partial<PayoutLedgerEntry>): Promise<unknown> {
    return this.em.getRepository(PayoutLedgerEntry).insert(row);
  }
  /** Payouts to look at again: held ones (has the hold cleared?), and queued or sending ones untouched for `staleSeconds` (their job was lost or their worker died). */
  async payoutsToRevisit(staleSeconds: number, limit: number): Promise<{ id: string; status: string }[]> {
    return this.em.query(`SELECT id::text, status FROM payout WHERE status = 'held' OR (status IN ('queued', 'sending') AND updated_at < now() - make_interval(secs => $1)) ORDER BY id LIMIT $2`, [
      staleSeconds,
      limit,
    ]);
  }
  /** Touches a payout so the sweep leaves it alone for a while (a job was enqueued for it). */
  async touch(id: string): Promise<void> {
    await updateRows(this.em, 'UPDATE payout SET updated_at = now() WHERE id = $1', [id]);
  }
  ledger(): Promise<PayoutLedgerEntry[]> {
    return this.em.getRepository(PayoutLedgerEntry).find({ order: { id: 'ASC' } });
  }
  ownerAccountOf(storeId: string): Promise<string | null> {
    return this.em.query('SELECT m.account_id::text AS id FROM store s JOIN merchant m ON m.id = s.merchant_id WHERE s.id = $1', [storeId]).then((r: { id: string }[]) => r[0]?.id ?? null);
  }
}
