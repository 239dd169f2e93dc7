import type { EntityManager } from 'typeorm';
import { prcDate } from '../../rules/dates';
import type { App } from '../core/app';
import { loadWorkingDayCalendar } from '../core/working-days';

/** Demo buyers (fictitious): name, mobile, address. */
const BUYERS: [string, string, string][] = [
  ['王小明', '13912345678', '浙江省杭州市西湖区文三路 100 号'],
  ['李丽', '13698765432', '广东省深圳市南山区科技园南路 8 号'],
  ['陈刚', '13511223344', '四川省成都市武侯区人民南路四段 12 号'],
];

/**
 * Demo disputes and rewards, so that a newcomer's lists are not empty: owner1's store has a dispute
 * awaiting its answer (deadline in working days as configured) and one awaiting the platform; two generated
 * stores have an open one; two reward programmes with their budgets (no rewards: ids of the generated permission tests stay free). Rows are
 * written as the flows would leave them (history included); no notification, payout or register
 * entry is faked.
 */
export async function seedDemoDisputesAndRewards(em: EntityManager, app: App): Promise<void> {
  const [owner] = await em.query(`SELECT s.id FROM account a JOIN merchant m ON m.account_id = a.id JOIN store s ON s.merchant_id = m.id WHERE a.login_name = 'owner1'`);
  const others: { id: string }[] = await em.query(`SELECT id FROM store WHERE status = 'open' AND id <> $1 ORDER BY id LIMIT 2`, [owner.id]);
  const [support] = await em.query(`SELECT id FROM account WHERE login_name = 'support'`);
  const [finance] = await em.query(`SELECT id FROM account WHERE login_name = 'finance'`);
  const enc = (v: string) => app.cipher.encrypt(v);
  const today = prcDate();
  const calendar = await loadWorkingDayCalendar(em);
  const cases = [
    {
      store: owner.id,
      status: 'awaiting_merchant',
      due: calendar.addWorkingDays(today, app.config.disputes.responseWorkingDays),
      claim: 'not_as_described',
      amount: 25900,
      text: '收到的鞋子颜色与商品详情页不符，要求退货退款。',
    },
    { store: owner.id, status: 'awaiting_platform', due: null, claim: 'quality', amount: 8800, text: '保温杯使用两天后漏水。' },
    ...others.map((s, i) => ({ store: s.id, status: 'open', due: null, claim: i ? 'not_received' : 'refund_refused', amount: 4500 + i * 1000, text: '物流显示已签收，但本人未收到包裹。' })),
  ];
  for (const [i, d] of cases.entries()) {
    const [b0, b1, b2] = BUYERS[i % BUYERS.length];
    const [row] = await em.query(
      `INSERT INTO dispute (store_id, order_number, after_sales_number, claim_type, amount_claimed, description, buyer_name_enc, buyer_mobile_enc, buyer_address_enc, source, opened_by, status, response_due_on, latest_message_at, message_count)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'support', $10, $11, $12, now(), $13) RETURNING id`,
      [d.store, `DEMO2026${1000 + i}`, `AS-DEMO-${1000 + i}`, d.claim, d.amount, d.text, enc(b0), enc(b1), enc(b2), support.id, d.status, d.due, d.status === 'awaiting_platform' ? 1 : 0],
    );
    await em.query(`INSERT INTO dispute_history (dispute_id, subject, action, to_status, actor_account_id, actor_kind) VALUES ($1, 'dispute', 'open', 'open', $2, 'staff')`, [row.id, support.id]);
    if (d.status !== 'open')
      await em.query(
        `INSERT INTO dispute_history (dispute_id, subject, action, from_status, to_status, actor_account_id, actor_kind) VALUES ($1, 'dispute', 'sendToMerchant', 'open', 'awaiting_merchant', $2, 'staff')`,
        [row.id, support.id],
      );
    if (d.status === 'awaiting_platform') {
      await em.query(`INSERT INTO dispute_message (dispute_id, author_kind, body) VALUES ($1, 'merchant', '商品出厂前均经过密封检测，请买家提供漏水照片。')`, [row.id]);
      await em.query(
        `INSERT INTO dispute_history (dispute_id, subject, action, from_status, to_status, actor_kind) VALUES ($1, 'dispute', 'respond', 'awaiting_merchant', 'awaiting_platform', 'merchant')`,
        [row.id],
      );
    }
  }
  await em.query(
    `INSERT INTO reward_programme (code, name_zh, name_en, budget, created_by) VALUES ('SERVICE_STAR', '服务之星', 'Service star', 10000000, $1), ('BUYER_SATISFACTION', '买家满意度', 'Buyer satisfaction', 5000000, $1) `,
    [finance.id],
  );
}
