import type { EntityManager } from 'typeorm';
import type { App } from '../core/app';
import { normaliseKeys, STORE_ROLE_TEMPLATES } from '../modules/sub-accounts/store-permissions';
import { makePerson, rng } from './people';

/** The demo sub-account of owner1's store (customer service 客服). */
export const DEMO_SUB_ACCOUNT = 'staff1';

/**
 * Demo store roles and one sub-account for owner1 (policy 2.3.4): the 客服 template copied into a
 * role, a custom role 售后专员 (after-sales: orders view + refund, chat, disputes), and `staff1`
 * holding 客服. Runs inside the demo seed's transaction.
 */
export async function seedDemoSubAccounts(em: EntityManager, app: App, passwordHash: string): Promise<void> {
  const [store] = await em.query(`SELECT s.id, m.account_id FROM store s JOIN merchant m ON m.id = s.merchant_id JOIN account a ON a.id = m.account_id WHERE a.login_name = 'owner1'`);
  if (!store) return;
  const cs = STORE_ROLE_TEMPLATES.find((t) => t.code === 'customer_service')!;
  const [csRole] = await em.query(`INSERT INTO store_role (store_id, name, description, permissions, template_code, created_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`, [
    store.id,
    cs.nameZh,
    '从模板复制 copied from the template',
    normaliseKeys(cs.permissions),
    cs.code,
    store.account_id,
  ]);
  await em.query(`INSERT INTO store_role (store_id, name, description, permissions, created_by) VALUES ($1, $2, $3, $4, $5)`, [
    store.id,
    '售后专员',
    '售后：查看订单、退款、买家咨询、纠纷 after-sales',
    normaliseKeys(['orders.view', 'orders.refund', 'service.chat', 'disputes']),
    store.account_id,
  ]);
  const mobile = makePerson(rng(4), 0).mobile;
  const [acc] = await em.query(`INSERT INTO account (kind, login_name, display_name, password_hash, store_id, mobile_enc) VALUES ('sub_account', $1, $2, $3, $4, $5) RETURNING id`, [
    DEMO_SUB_ACCOUNT,
    '客服 小刘',
    passwordHash,
    store.id,
    app.cipher.encrypt(mobile),
  ]);
  await em.query(`INSERT INTO sub_account (account_id, store_id, mobile_hash) VALUES ($1, $2, $3)`, [acc.id, store.id, app.cipher.blindIndex('mobile', mobile)]);
  await em.query(`INSERT INTO sub_account_role (account_id, role_id, granted_by) VALUES ($1, $2, $3)`, [acc.id, csRole.id, store.account_id]);
}
