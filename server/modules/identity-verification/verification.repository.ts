import type { EntityManager } from 'typeorm';
import { VerificationReasonCode } from './reason-code.entity';
import { VerificationCase } from './verification-case.entity';
import { VerificationSubmission } from './verification-submission.entity';
import { VerificationTransition } from './verification-transition.entity';

/** Store facts a case view and a notification need. */
export interface StoreInfo {
  store_name: string;
  nickname: string;
  store_status: string;
  owner_account_id: string;
}

/**
 * Verification cases, their submissions and history, and the managed reason codes. Status changes
 * go through the verification machine (verification.machine.ts, core applyAction), never here.
 */
export class VerificationRepository {
  constructor(private readonly em: EntityManager) {}

  /** The case, or null; `lock` takes it `FOR UPDATE` for the rest of the transaction. */
  findCase(id: string, lock = false): Promise<VerificationCase | null> {
    return this.em.getRepository(VerificationCase).findOne({ where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  }

  /** The store's case (one per store), or null; `lock` takes it `FOR UPDATE`. */
  findCaseByStore(storeId: string, lock = false): Promise<VerificationCase | null> {
    return this.em.getRepository(VerificationCase).findOne({ where: { storeId }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  }

  /** Inserts a store's first case (its first submission then moves it by the machine's `submit`). */
  createCase(c: Pick<VerificationCase, 'storeId' | 'status' | 'subjectType' | 'submittedAt'>): Promise<VerificationCase> {
    return this.em.getRepository(VerificationCase).save(c);
  }

  /** Inserts one submission (personal fields already encrypted by the caller). */
  insertSubmission(s: Partial<VerificationSubmission>): Promise<VerificationSubmission> {
    return this.em.getRepository(VerificationSubmission).save(s);
  }

  findSubmission(id: string): Promise<VerificationSubmission | null> {
    return this.em.getRepository(VerificationSubmission).findOne({ where: { id } });
  }

  /** Store name, nickname, store status and the owner's account id, for a store. */
  async storeInfo(storeId: string): Promise<StoreInfo | null> {
    const [row] = await this.em.query(
      `SELECT s.name AS store_name, m.nickname, s.status AS store_status, m.account_id AS owner_account_id FROM store s JOIN merchant m ON m.id = s.merchant_id WHERE s.id = $1`,
      [storeId],
    );
    return row ?? null;
  }

  /** Whether another store has a submission with this ID-number hash (keyed hash; nothing decrypted). */
  async idUsedByAnotherStore(idNumberHash: string, storeId: string): Promise<boolean> {
    const [row] = await this.em.query('SELECT EXISTS (SELECT 1 FROM verification_submission WHERE id_number_hash = $1 AND store_id <> $2) AS used', [idNumberHash, storeId]);
    return row.used;
  }

  /**
   * Adds `duplicate_id` to the undecided cases (submitted, in review) of other stores whose current
   * submission has this ID-number hash, bumping their `row_version` so a decision taken on the
   * unflagged state fails with CONFLICT `STALE_VERSION`. Call under the ID number's advisory lock.
   * @returns the ids and stores of the cases flagged now.
   */
  async flagDuplicatesOf(idNumberHash: string, storeId: string): Promise<{ id: string; store_id: string }[]> {
    const [rows] = await this.em.query(
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
  duplicateStores(submissionId: string, storeId: string): Promise<{ store_id: string; store_name: string; case_id: string }[]> {
    return this.em.query(
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

  /** The case's history, oldest first. */
  history(caseId: string): Promise<VerificationTransition[]> {
    return this.em.getRepository(VerificationTransition).find({ where: { caseId }, order: { at: 'ASC', id: 'ASC' } });
  }

  /** Display names of staff accounts by id (one query for a whole history or page). */
  async staffNames(ids: (string | null)[]): Promise<Map<string, string>> {
    const unique = [...new Set(ids.filter((x): x is string => !!x))];
    if (!unique.length) return new Map();
    const rows = await this.em.query(`SELECT id, display_name FROM account WHERE id = ANY($1::bigint[]) AND kind = 'staff'`, [unique]);
    return new Map(rows.map((r: { id: string; display_name: string }) => [String(r.id), r.display_name]));
  }

  /** Every reason code, active or not, in display order. */
  reasonCodes(): Promise<VerificationReasonCode[]> {
    return this.em.getRepository(VerificationReasonCode).find({ order: { sortOrder: 'ASC', code: 'ASC' } });
  }

  reasonCode(code: string): Promise<VerificationReasonCode | null> {
    return this.em.getRepository(VerificationReasonCode).findOne({ where: { code } });
  }

  /** Inserts or updates a reason code (by `code`). */
  saveReasonCode(r: VerificationReasonCode): Promise<VerificationReasonCode> {
    return this.em.getRepository(VerificationReasonCode).save(r);
  }

  /** Who revealed which personal field of the case, newest first (from the audit trail; 500 at most). */
  revealLog(caseId: string): Promise<{ at: Date; actor_label: string | null; field: string; purpose: string | null; outcome: string }[]> {
    return this.em.query(
      `SELECT occurred_at AS at, actor_label, after->>'field' AS field, purpose, outcome FROM audit_event
        WHERE action = 'personalData.reveal' AND target_type = 'Verification' AND target_id = $1 ORDER BY chain_seq DESC LIMIT 500`,
      [caseId],
    );
  }

  /** One stored (encrypted) column of the case's current submission, with its store; `column` comes from the revealable list, never from input. */
  async submissionColumn(caseId: string, column: string): Promise<{ store_id: string; value: string | null } | null> {
    const [row] = await this.em.query(`SELECT c.store_id, s.${column}::text AS value FROM verification_case c JOIN verification_submission s ON s.id = c.submission_id WHERE c.id = $1`, [caseId]);
    return row ?? null;
  }
}
