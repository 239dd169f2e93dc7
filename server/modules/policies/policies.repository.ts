import type { EntityManager } from 'typeorm';
import { In } from 'typeorm';
import { paginate, type Page, type PageRequest } from '../../core/pagination';
import { PolicyAcknowledgement } from './policy-acknowledgement.entity';
import { PolicyDocument } from './policy-document.entity';
import { PolicyFanOut } from './policy-fan-out.entity';
import { PolicyVersionTransition } from './policy-version-transition.entity';
import { PolicyVersion, type PolicyVersionStatus } from './policy-version.entity';

export interface DocumentSummaryRow {
  id: string;
  code: string;
  titleZh: string;
  titleEn: string;
  versionCount: number;
  openCount: number;
  currentVersionId: string | null;
  currentVersionNo: number | null;
}

/** Queries on policy documents, versions, their history, acknowledgements and fan-outs. */
export class PoliciesRepository {
  constructor(private readonly em: EntityManager) {}

  documentByCode(code: string): Promise<PolicyDocument | null> {
    return this.em.getRepository(PolicyDocument).findOne({ where: { code } });
  }

  documentById(id: string): Promise<PolicyDocument | null> {
    return this.em.getRepository(PolicyDocument).findOne({ where: { id } });
  }

  allDocuments(): Promise<PolicyDocument[]> {
    return this.em.getRepository(PolicyDocument).find({ order: { id: 'ASC' } });
  }

  /** Every document with its version counts and the version in force: one statement. */
  async documentSummaries(): Promise<DocumentSummaryRow[]> {
    const rows = await this.em.query(
      `SELECT d.id::text, d.code, d.title_zh AS "titleZh", d.title_en AS "titleEn",
              count(v.id)::int AS "versionCount",
              count(v.id) FILTER (WHERE v.status IN ('draft', 'in_review', 'approved', 'scheduled'))::int AS "openCount",
              (array_agg(v.id::text) FILTER (WHERE v.status = 'published'))[1] AS "currentVersionId",
              (array_agg(v.version_no) FILTER (WHERE v.status = 'published'))[1] AS "currentVersionNo"
         FROM policy_document d LEFT JOIN policy_version v ON v.document_id = d.id
        GROUP BY d.id ORDER BY d.id`,
    );
    return rows;
  }

  /** Published and superseded versions of a document, newest first. */
  publicVersions(documentId: string): Promise<PolicyVersion[]> {
    return this.em.getRepository(PolicyVersion).find({
      where: { documentId, status: In(['published', 'superseded']) },
      order: { versionNo: 'DESC' },
    });
  }

  publicVersionByNo(documentId: string, versionNo: number): Promise<PolicyVersion | null> {
    return this.em.getRepository(PolicyVersion).findOne({ where: { documentId, versionNo, status: In(['published', 'superseded']) } });
  }

  versionById(id: string): Promise<PolicyVersion | null> {
    return this.em.getRepository(PolicyVersion).findOne({ where: { id } });
  }

  /** The version in force of a document (at most one is `published`). */
  currentVersion(documentId: string): Promise<PolicyVersion | null> {
    return this.em.getRepository(PolicyVersion).findOne({ where: { documentId, status: 'published' } });
  }

  /** The version in force, locked until the end of the transaction (publication serialises on it). */
  async lockCurrentVersion(documentId: string): Promise<PolicyVersion | null> {
    return this.em.getRepository(PolicyVersion).findOne({ where: { documentId, status: 'published' }, lock: { mode: 'pessimistic_write' } });
  }

  /** Locks the document row: serialises version numbering and publication per document. */
  async lockDocument(documentId: string): Promise<void> {
    await this.em.query('SELECT 1 FROM policy_document WHERE id = $1 FOR UPDATE', [documentId]);
  }

  async nextVersionNo(documentId: string): Promise<number> {
    const [row] = await this.em.query('SELECT COALESCE(max(version_no), 0) + 1 AS n FROM policy_version WHERE document_id = $1', [documentId]);
    return Number(row.n);
  }

  /** Versions of a document; sort fields: versionNo (default, DESC), createdAt, updatedAt, status. */
  listVersions(documentId: string, status: PolicyVersionStatus[] | undefined, page: PageRequest): Promise<Page<PolicyVersion>> {
    const qb = this.em.getRepository(PolicyVersion).createQueryBuilder('v').where('v.document_id = :documentId', { documentId });
    if (status?.length) qb.andWhere('v.status = ANY(:status)', { status });
    return paginate(qb, page, { versionNo: 'v.version_no', createdAt: 'v.created_at', updatedAt: 'v.updated_at', status: 'v.status' }, { field: 'versionNo', order: 'DESC' }, 'v.id');
  }

  /** Ids of scheduled versions whose publication time has come (index policy_version_due_idx). */
  async dueVersionIds(limit = 100): Promise<string[]> {
    const rows = await this.em.query(`SELECT id::text FROM policy_version WHERE status = 'scheduled' AND publish_at <= now() ORDER BY publish_at LIMIT $1`, [limit]);
    return rows.map((r: { id: string }) => r.id);
  }

  /** A version locked for the rest of the transaction. */
  lockVersion(id: string): Promise<PolicyVersion | null> {
    return this.em.getRepository(PolicyVersion).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  saveDocument(doc: Partial<PolicyDocument>): Promise<PolicyDocument> {
    const repo = this.em.getRepository(PolicyDocument);
    return repo.save(repo.create(doc));
  }

  saveVersion(v: Partial<PolicyVersion>): Promise<PolicyVersion> {
    const repo = this.em.getRepository(PolicyVersion);
    return repo.save(repo.create(v));
  }

  /**
   * Updates a version only if its `row_version` is still `rowVersion` (bumping it): the version
   * check of every transition and edit. @returns the updated row, or null when it had changed.
   */
  async updateIfVersion(id: string, rowVersion: number, set: Record<string, unknown>): Promise<PolicyVersion | null> {
    const res = await this.em
      .createQueryBuilder()
      .update(PolicyVersion)
      .set({ ...set, updatedAt: () => 'now()' })
      .where('id = :id AND row_version = :rowVersion', { id, rowVersion })
      .execute();
    if (!res.affected) return null;
    return this.versionById(id);
  }

  async addTransition(t: Partial<PolicyVersionTransition>): Promise<void> {
    await this.em.getRepository(PolicyVersionTransition).insert(t);
  }

  transitionsOf(versionId: string): Promise<PolicyVersionTransition[]> {
    return this.em.getRepository(PolicyVersionTransition).find({ where: { versionId }, order: { at: 'ASC', id: 'ASC' } });
  }

  /** The published or superseded version that preceded `v` (lower number), for "what changed". */
  async predecessorOf(v: PolicyVersion): Promise<PolicyVersion | null> {
    if (v.previousVersionId) return this.versionById(v.previousVersionId);
    return this.em
      .getRepository(PolicyVersion)
      .createQueryBuilder('v')
      .where('v.document_id = :d AND v.version_no < :n AND v.status IN (:...s)', { d: v.documentId, n: v.versionNo, s: ['published', 'superseded'] })
      .orderBy('v.version_no', 'DESC')
      .getOne();
  }

  // ---- acknowledgements ----

  /** Records an acknowledgement once; @returns the stored one (new or earlier). */
  async acknowledge(versionId: string, merchantId: string, accountId: string): Promise<{ row: PolicyAcknowledgement; created: boolean }> {
    const inserted = await this.em.query(
      `INSERT INTO policy_acknowledgement (version_id, merchant_id, account_id) VALUES ($1, $2, $3)
       ON CONFLICT (version_id, merchant_id) DO NOTHING RETURNING id`,
      [versionId, merchantId, accountId],
    );
    const row = await this.em.getRepository(PolicyAcknowledgement).findOneOrFail({ where: { versionId, merchantId } });
    return { row, created: inserted.length > 0 };
  }

  /** The merchant of a store (for sub-accounts acknowledging on behalf of their store). */
  async merchantOfStore(storeId: string): Promise<string | null> {
    const [row] = await this.em.query('SELECT merchant_id::text AS id FROM store WHERE id = $1', [storeId]);
    return row?.id ?? null;
  }

  /** The store of a merchant, if any. */
  async storeOfMerchant(merchantId: string): Promise<string | null> {
    const [row] = await this.em.query('SELECT id::text FROM store WHERE merchant_id = $1', [merchantId]);
    return row?.id ?? null;
  }

  /**
   * Per document: the version in force, the last material version published (superseded ones
   * included) and the highest version number this merchant acknowledged. One statement.
   */
  async policyStatusRows(merchantId: string): Promise<
    {
      documentId: string;
      code: string;
      titleZh: string;
      titleEn: string;
      currentId: string | null;
      currentNo: number | null;
      currentMaterial: boolean | null;
      lastMaterialNo: number | null;
      lastMaterialId: string | null;
      ackNo: number | null;
      ackCurrentAt: Date | null;
    }[]
  > {
    return this.em.query(
      `SELECT d.id::text AS "documentId", d.code, d.title_zh AS "titleZh", d.title_en AS "titleEn",
              cur.id::text AS "currentId", cur.version_no AS "currentNo", cur.is_material AS "currentMaterial",
              mat.version_no AS "lastMaterialNo", mat.id::text AS "lastMaterialId",
              (SELECT max(v.version_no) FROM policy_acknowledgement a JOIN policy_version v ON v.id = a.version_id
                WHERE a.merchant_id = $1 AND v.document_id = d.id) AS "ackNo",
              (SELECT a.acknowledged_at FROM policy_acknowledgement a WHERE a.merchant_id = $1 AND a.version_id = cur.id) AS "ackCurrentAt"
         FROM policy_document d
         LEFT JOIN policy_version cur ON cur.document_id = d.id AND cur.status = 'published'
         LEFT JOIN LATERAL (SELECT id, version_no FROM policy_version m WHERE m.document_id = d.id AND m.is_material
                              AND m.status IN ('published', 'superseded') ORDER BY m.version_no DESC LIMIT 1) mat ON TRUE
        ORDER BY d.id`,
      [merchantId],
    );
  }

  /** Merchant accounts that can be notified / must acknowledge (active accounts). */
  async activeMerchantCount(untilAccountId?: string): Promise<number> {
    const [row] = await this.em.query(
      `SELECT count(*)::int AS n FROM merchant m JOIN account a ON a.id = m.account_id
        WHERE a.status = 'active' AND ($1::bigint IS NULL OR m.account_id <= $1::bigint)`,
      [untilAccountId ?? null],
    );
    return row.n;
  }

  /**
   * Acknowledgements of a version per PRC calendar day, from `from` to `to` (inclusive), with the
   * running total. Days without acknowledgements are listed with 0.
   */
  async acknowledgementsPerDay(versionId: string, from: string, to: string): Promise<{ date: string; count: number; cumulative: number }[]> {
    return this.em.query(
      `WITH days AS (SELECT generate_series($2::date, $3::date, interval '1 day')::date AS day),
            per AS (SELECT (acknowledged_at AT TIME ZONE 'Asia/Shanghai')::date AS day, count(*)::int AS n
                      FROM policy_acknowledgement WHERE version_id = $1 GROUP BY 1),
            before AS (SELECT count(*)::int AS n FROM policy_acknowledgement
                        WHERE version_id = $1 AND (acknowledged_at AT TIME ZONE 'Asia/Shanghai')::date < $2::date)
       SELECT to_char(days.day, 'YYYY-MM-DD') AS date, COALESCE(per.n, 0) AS count,
              ((SELECT n FROM before) + sum(COALESCE(per.n, 0)) OVER (ORDER BY days.day))::int AS cumulative
         FROM days LEFT JOIN per ON per.day = days.day ORDER BY days.day`,
      [versionId, from, to],
    );
  }

  async acknowledgementCount(versionId: string): Promise<number> {
    const [row] = await this.em.query('SELECT count(*)::int AS n FROM policy_acknowledgement WHERE version_id = $1', [versionId]);
    return row.n;
  }

  /**
   * One keyset page of merchants (active accounts) that have not acknowledged `versionId`,
   * ordered by merchant id, after `afterMerchantId`.
   */
  nonAcknowledgers(
    versionId: string,
    afterMerchantId: string,
    limit: number,
  ): Promise<{ merchantId: string; platformAccountId: string; nickname: string; storeName: string | null; storeStatus: string | null }[]> {
    return this.em.query(
      `SELECT m.id::text AS "merchantId", m.platform_account_id AS "platformAccountId", m.nickname,
              s.name AS "storeName", s.status AS "storeStatus"
         FROM merchant m JOIN account a ON a.id = m.account_id AND a.status = 'active'
         LEFT JOIN store s ON s.merchant_id = m.id
        WHERE m.id > $2::bigint
          AND NOT EXISTS (SELECT 1 FROM policy_acknowledgement k WHERE k.version_id = $1 AND k.merchant_id = m.id)
        ORDER BY m.id LIMIT $3`,
      [versionId, afterMerchantId, limit],
    );
  }

  // ---- fan-out ----

  fanOutOf(versionId: string): Promise<PolicyFanOut | null> {
    return this.em.getRepository(PolicyFanOut).findOne({ where: { versionId } });
  }

  fanOutById(id: string): Promise<PolicyFanOut | null> {
    return this.em.getRepository(PolicyFanOut).findOne({ where: { id } });
  }

  async lockFanOut(id: string): Promise<PolicyFanOut | null> {
    return this.em.getRepository(PolicyFanOut).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async createFanOut(f: Partial<PolicyFanOut>): Promise<PolicyFanOut> {
    const repo = this.em.getRepository(PolicyFanOut);
    return repo.save(repo.create(f));
  }

  /** The highest merchant account id now: the fan-out's upper bound. */
  async maxMerchantAccountId(): Promise<string> {
    const [row] = await this.em.query('SELECT COALESCE(max(account_id), 0)::text AS id FROM merchant');
    return row.id;
  }

  /**
   * One chunk of a fan-out, set-based: the next `size` active merchant accounts after the cursor
   * get an inbox notification (INSERT … SELECT) and, when `withSms`, an outbound SMS delivery row
   * to the merchant's (encrypted) mobile, all in one statement.
   * @returns how many were notified, the last account id, and the notification id range.
   */
  async fanOutChunk(
    f: { cursorAccountId: string; untilAccountId: string; chunkSize: number; withSms: boolean },
    msg: { titleZh: string; titleEn: string; bodyZh: string; bodyEn: string; link: string },
  ): Promise<{ n: number; lastAccountId: string | null; minId: string | null; maxId: string | null; sms: number }> {
    const [row] = await this.em.query(
      `WITH c AS (
         SELECT m.account_id, m.mobile_enc FROM merchant m JOIN account a ON a.id = m.account_id
          WHERE m.account_id > $1::bigint AND m.account_id <= $2::bigint AND a.status = 'active'
          ORDER BY m.account_id LIMIT $3),
       n AS (
         INSERT INTO notification (account_id, kind, title_zh, title_en, body_zh, body_en, link)
         SELECT account_id, 'policy_update', $5, $6, $7, $8, $9 FROM c ORDER BY account_id
         RETURNING id, account_id),
       d AS (
         INSERT INTO outbound_delivery (notification_id, channel, recipient_enc)
         SELECT n.id, 'sms', c.mobile_enc FROM n JOIN c USING (account_id) WHERE $4::boolean
         RETURNING 1)
       SELECT (SELECT count(*)::int FROM n) AS n, (SELECT max(account_id)::text FROM c) AS "lastAccountId",
              (SELECT min(id)::text FROM n) AS "minId", (SELECT max(id)::text FROM n) AS "maxId",
              (SELECT count(*)::int FROM d) AS sms`,
      [f.cursorAccountId, f.untilAccountId, f.chunkSize, f.withSms, msg.titleZh, msg.titleEn, msg.bodyZh, msg.bodyEn, msg.link],
    );
    return row;
  }

  async advanceFanOut(id: string, lastAccountId: string, n: number): Promise<void> {
    await this.em.query(
      `UPDATE policy_fan_out SET cursor_account_id = $2, done = done + $3, chunks = chunks + 1, status = 'running',
              started_at = COALESCE(started_at, now()), updated_at = now() WHERE id = $1`,
      [id, lastAccountId, n],
    );
  }

  async completeFanOut(id: string): Promise<void> {
    await this.em.query(`UPDATE policy_fan_out SET status = 'completed', started_at = COALESCE(started_at, now()), finished_at = now(), updated_at = now() WHERE id = $1`, [id]);
  }

  /** Fan-outs not completed and untouched for `staleSeconds` (a crashed job): the sweeper restarts them. */
  async stalledFanOutIds(staleSeconds: number): Promise<string[]> {
    const rows = await this.em.query(`SELECT id::text FROM policy_fan_out WHERE status <> 'completed' AND updated_at < now() - make_interval(secs => $1) ORDER BY id LIMIT 100`, [staleSeconds]);
    return rows.map((r: { id: string }) => r.id);
  }

  /** Pending SMS deliveries of one fan-out chunk (notifications `minId`..`maxId` with this link). */
  async pendingChunkDeliveries(link: string, minId: string, maxId: string): Promise<string[]> {
    const rows = await this.em.query(
      `SELECT d.id FROM outbound_delivery d JOIN notification n ON n.id = d.notification_id
        WHERE n.id BETWEEN $2::bigint AND $3::bigint AND n.link = $1 AND n.kind = 'policy_update' AND d.status = 'pending'
        ORDER BY n.id`,
      [link, minId, maxId],
    );
    return rows.map((r: { id: string }) => r.id);
  }
}
