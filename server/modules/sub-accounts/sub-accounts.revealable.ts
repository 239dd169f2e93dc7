import type { Revealable } from '../personal-data/revealable';
import { isId } from '../../core/ids';

/**
 * A sub-account's verified mobile (policy 2.3.4, 5.1.2): masked everywhere; only the store owner
 * reveals it (`reveal SubAccount` comes from the owner-only store permission
 * `team.subaccounts.revealMobile`, conditioned on the store; "manage sub-accounts" does not give it,
 * see store-permissions.ts), with a purpose, audited.
 */
export const subAccountsRevealable: Revealable[] = [
  {
    subject: 'SubAccount',
    field: 'mobile',
    mask: 'mobile',
    async load(em, id) {
      if (!isId(id)) return null;
      const [row] = await em.query('SELECT sa.account_id, sa.store_id, a.mobile_enc FROM sub_account sa JOIN account a ON a.id = sa.account_id WHERE sa.account_id = $1', [id]);
      return row ? { encrypted: row.mobile_enc, attributes: { id: String(row.account_id), storeId: String(row.store_id) }, storeId: String(row.store_id) } : null;
    },
  },
];
