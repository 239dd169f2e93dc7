import type { MaskKind } from '../../core/crypto/masking';
import { isId } from '../../core/ids';
import type { Revealable } from '../personal-data/revealable';

/** The buyer's details on a dispute: field -> column, mask. Revealed by staff who work disputes, with a purpose, audited. */
const FIELDS: [string, string, MaskKind][] = [
  ['buyerName', 'buyer_name_enc', 'name'],
  ['buyerMobile', 'buyer_mobile_enc', 'mobile'],
  ['buyerAddress', 'buyer_address_enc', 'address'],
];

export const disputesRevealable: Revealable[] = FIELDS.map(([field, column, mask]) => ({
  subject: 'Dispute',
  field,
  mask,
  async load(em, id) {
    if (!isId(id)) return null;
    const [row] = await em.query(`SELECT store_id::text AS store_id, ${column} AS value FROM dispute WHERE id = $1`, [id]);
    return row ? { encrypted: row.value, attributes: { storeId: row.store_id }, storeId: row.store_id } : null;
  },
}));
