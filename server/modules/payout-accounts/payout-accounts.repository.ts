import type { EntityManager } from 'typeorm';
import { PayoutAccount } from './payout-account.entity';

/** The verified identity names of a store (its approved verification case), encrypted as stored. */
export interface VerifiedNames {
  subjectType: 'individual' | 'enterprise';
  realNameEnc: string | null;
  companyName: string | null;
}

/** Every statement of the payout accounts module; constructed on an EntityManager (`tx.repo`, `readRepo`). */
export class PayoutAccountsRepository {
  constructor(private readonly em: EntityManager) {}

  private get rows() {
    return this.em.getRepository(PayoutAccount);
  }

  find(storeId: string): Promise<PayoutAccount | null> {
    return this.rows.findOne({ where: { storeId } });
  }

  findById(id: string): Promise<PayoutAccount | null> {
    return this.rows.findOne({ where: { id } });
  }

  /** The store's row, created (`not_set`) when missing, locked FOR UPDATE until the transaction ends. */
  async lockOrCreate(storeId: string): Promise<PayoutAccount> {
    await this.em.query(`INSERT INTO payout_account (store_id) VALUES ($1) ON CONFLICT (store_id) DO NOTHING`, [storeId]);
    return (await this.lock(storeId))!;
  }

  /** The store's row locked FOR UPDATE, or null. */
  lock(storeId: string): Promise<PayoutAccount | null> {
    return this.rows.findOne({ where: { storeId }, lock: { mode: 'pessimistic_write' } });
  }

  save(row: PayoutAccount): Promise<PayoutAccount> {
    return this.rows.save(row);
  }

  /** Records a new name check result (only when it changed). */
  async setNameCheck(id: string, matches: boolean, at: Date): Promise<void> {
    await this.em.query(`UPDATE payout_account SET name_matches = $2, name_checked_at = $3 WHERE id = $1 AND name_matches IS DISTINCT FROM $2`, [id, matches, at]);
  }

  /** The store owner's account and mobile (encrypted), or null for an unknown store. */
  async ownerOf(storeId: string): Promise<{ accountId: string; mobileEnc: string | null; storeName: string } | null> {
    const [row] = await this.em.query(`SELECT m.account_id::text AS account_id, m.mobile_enc, s.name AS store_name FROM store s JOIN merchant m ON m.id = s.merchant_id WHERE s.id = $1`, [storeId]);
    return row ? { accountId: row.account_id, mobileEnc: row.mobile_enc ?? null, storeName: row.store_name } : null;
  }

  async storeExists(storeId: string): Promise<boolean> {
    const [row] = await this.em.query('SELECT 1 FROM store WHERE id = $1', [storeId]);
    return !!row;
  }

  /** The names of the store's approved identity verification, or null when it has none approved. */
  async verifiedNames(storeId: string): Promise<VerifiedNames | null> {
    const [row] = await this.em.query(
      `SELECT s.subject_type, s.real_name_enc, s.company_name
         FROM verification_case c JOIN verification_submission s ON s.id = c.submission_id
        WHERE c.store_id = $1 AND c.status = 'approved'`,
      [storeId],
    );
    return row ? { subjectType: row.subject_type, realNameEnc: row.real_name_enc ?? null, companyName: row.company_name ?? null } : null;
  }
}
