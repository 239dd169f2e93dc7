import type { MaskKind } from '../../core/crypto/masking';
import { isId } from '../../core/ids';
import type { Revealable } from '../personal-data/revealable';

/** A payout account's Alipay login and payee name (id: the payout account's id); revealed by the store owner, with a purpose, audited. */
const FIELDS: [string, string, MaskKind][] = [
  ['alipayLogin', 'alipay_login_enc', 'account'],
  ['payeeName', 'payee_name_enc', 'name'],
];

export const payoutAccountsRevealable: Revealable[] = FIELDS.map(([field, column, mask]) => ({
  subject: 'PayoutAccount',
  field,
  mask,
  async load(em, id) {
    if (!isId(id)) return null;
    const [row] = await em.query(`SELECT store_id::text AS store_id, ${column} AS value FROM payout_account WHERE id = $1`, [id]);
    return row ? { encrypted: row.value, attributes: { storeId: row.store_id }, storeId: row.store_id } : null;
  },
}));
