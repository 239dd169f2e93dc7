import type { Revealable } from '../personal-data/revealable';
import { isId } from '../../core/ids';

export const merchantsRevealable: Revealable[] = [
  {
    subject: 'Merchant',
    field: 'mobile',
    mask: 'mobile',
    async load(em, id) {
      if (!isId(id)) return null;
      const [row] = await em.query('SELECT m.id, m.mobile_enc, s.id AS store_id FROM merchant m LEFT JOIN store s ON s.merchant_id = m.id WHERE m.id = $1', [id]);
      return row ? { encrypted: row.mobile_enc, attributes: { id: String(row.id) }, storeId: row.store_id ? String(row.store_id) : null } : null;
    },
  },
];
