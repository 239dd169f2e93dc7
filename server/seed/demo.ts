import type { App } from '../core/app';
import type { PlatformRole } from '../core/abilities';
import { checkPasswordPolicy, DEMO_PASSWORD, hashPassword, NO_PASSWORD } from '../modules/accounts/password';
import { appendAuditEvents } from '../core/audit/audit-writer';
import type { EntityManager } from 'typeorm';
import { makePerson, rng, type Person } from './people';
import { DEMO_IMAGE_PNG } from './demo-image';
import { DEMO_SUB_ACCOUNT, seedDemoSubAccounts } from './sub-accounts';
import { seedDemoDisputesAndRewards } from './disputes-rewards';

/** Demo sign-ins, printed at start and listed in the README. Never seeded when NODE_ENV=production. */
export { DEMO_PASSWORD };
const STAFF: [string, string, PlatformRole[]][] = [
  ['reviewer', '审核员 小王', ['ops_reviewer']],
  ['lead', '审核主管 老李', ['ops_lead']],
  ['legal', '法务 陈律师', ['legal']],
  ['legal2', '法务 周律师', ['legal']],
  ['support', '客服 小赵', ['support']],
  ['finance', '财务 孙会计', ['finance']],
  ['auditor', '审计 吴审计', ['auditor']],
  ['admin', '管理员', ['admin']],
  ['admin2', '管理员 二号', ['admin']],
];
const OWNERS = ['owner1', 'owner2'];
export const DEMO_PASSWORDS: Record<string, string> = Object.fromEntries([...STAFF.map(([l]) => l), ...OWNERS, DEMO_SUB_ACCOUNT].map((l) => [l, DEMO_PASSWORD]));

/**
 * Seeds, once: one staff account per role (two for legal and two admins, for maker-checker), two store owners
 * with password sign-in, owner1's store roles and sub-account `staff1` (客服), and `merchants` generated merchants (realistic names, valid resident IDs,
 * +86 mobiles, addresses; they sign in through the platform, not with a password here).
 * @throws Error in production.
 */
export async function seedDemo(app: App, opts: { merchants: number }): Promise<boolean> {
  if (app.config.env === 'production') throw new Error('demo data is refused in production');
  return app.dataSource.transaction(async (em) => {
    const [{ exists }] = await em.query(`SELECT EXISTS (SELECT 1 FROM account WHERE login_name = 'admin') AS exists`);
    if (exists) return false;
    for (const login of Object.keys(DEMO_PASSWORDS)) checkPasswordPolicy(DEMO_PASSWORD, { loginName: login, production: false });
    const hash = await hashPassword(DEMO_PASSWORD);
    const next = rng(20261129);
    for (const [login, name, roles] of STAFF) {
      const p = makePerson(next, 0);
      await em.query(`INSERT INTO account (kind, login_name, display_name, password_hash, platform_roles, mobile_enc) VALUES ('staff', $1, $2, $3, $4, $5)`, [
        login,
        name,
        hash,
        roles,
        app.cipher.encrypt(p.mobile),
      ]);
    }
    const owners = OWNERS.map((login, i) => ({ login, person: makePerson(next, i + 1), status: i === 0 ? 'open' : 'pending_verification', password: hash }));
    const generated = Array.from({ length: opts.merchants }, (_, i) => {
      const person = makePerson(next, i + 3);
      return { login: `m${String(i + 1).padStart(6, '0')}`, person, status: next() < 0.7 ? 'open' : next() < 0.5 ? 'pending_verification' : 'suspended', password: NO_PASSWORD };
    });
    const all = [...owners, ...generated];
    for (let i = 0; i < all.length; i += 500) {
      const chunk = all.slice(i, i + 500);
      const rows = await em.query(
        `INSERT INTO account (kind, login_name, display_name, password_hash)
         SELECT 'merchant', l, d, p FROM unnest($1::text[], $2::text[], $3::text[]) AS t(l, d, p) RETURNING id, login_name`,
        [chunk.map((c) => c.login), chunk.map((c) => c.person.shopName), chunk.map((c) => c.password)],
      );
      const ids = new Map<string, string>(rows.map((r: { id: string; login_name: string }) => [r.login_name, String(r.id)]));
      const merchants = await em.query(
        `INSERT INTO merchant (account_id, platform_account_id, account_name, nickname, mobile_enc, mobile_hash)
         SELECT a, p, n, n, me, mh FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[]) AS t(a, p, n, me, mh) RETURNING id, account_id`,
        [
          chunk.map((c) => ids.get(c.login)),
          chunk.map((_, k) => `KS${String(3_000_000_000 + i + k).padStart(12, '0')}`),
          chunk.map((c) => c.person.shopName),
          chunk.map((c) => app.cipher.encrypt(c.person.mobile)),
          chunk.map((c) => app.cipher.blindIndex('mobile', c.person.mobile)),
        ],
      );
      const byAccount = new Map<string, string>(merchants.map((m: { id: string; account_id: string }) => [String(m.account_id), String(m.id)]));
      await em.query(
        `INSERT INTO store (merchant_id, name, status, opened_at)
         SELECT m, n, s, CASE WHEN s <> 'pending_verification' THEN now() END FROM unnest($1::bigint[], $2::text[], $3::text[]) AS t(m, n, s)`,
        [chunk.map((c) => byAccount.get(ids.get(c.login)!)), chunk.map((c) => c.person.shopName), chunk.map((c) => c.status)],
      );
    }
    await seedVerifications(app, em, [owners[0], ...generated]);
    await seedDemoSubAccounts(em, app, hash);
    await seedDemoDisputesAndRewards(em, app);
    await appendAuditEvents(em, app, undefined, [{ action: 'demo.seed', after: { staff: STAFF.length, owners: OWNERS.length, merchants: opts.merchants } }]);
    return true;
  });
}

/**
 * Verification cases for demo stores, on the people generated for them (valid resident IDs,
 * encrypted): open and suspended stores have an approved case, stores awaiting verification a
 * submitted one. All share one stored demo image.
 */
async function seedVerifications(app: App, em: EntityManager, people: { login: string; person: Person; status: string }[]): Promise<void> {
  const imageKey = await app.storage.put(DEMO_IMAGE_PNG, { contentType: 'image/png' });
  const enc = (v: string) => app.cipher.encrypt(v);
  for (const { login, person: p, status } of people) {
    const [store] = await em.query(`SELECT s.id AS store_id, a.id AS account_id FROM account a JOIN merchant m ON m.account_id = a.id JOIN store s ON s.merchant_id = m.id WHERE a.login_name = $1`, [
      login,
    ]);
    const caseStatus = status === 'pending_verification' ? 'submitted' : 'approved';
    const [c] = await em.query(
      `INSERT INTO verification_case (store_id, status, subject_type, submitted_at, submission_count, decided_at)
       VALUES ($1, $2::varchar, 'individual', now() - make_interval(hours => $3), 1, CASE WHEN $2::varchar = 'approved' THEN now() END) RETURNING id`,
      [store.store_id, caseStatus, Math.floor(Math.random() * 96)],
    );
    const [sub] = await em.query(
      `INSERT INTO verification_submission (case_id, store_id, submitted_by, subject_type, real_name_enc, id_doc_type, id_number_enc, id_number_hash, birth_date,
         id_front_key, id_back_key, handheld_key, contact_name_enc, contact_mobile_enc, contact_address_enc, cs_phone_enc, return_name_enc, return_mobile_enc,
         return_address_enc, third_party_consent)
       VALUES ($1, $2, $3, 'individual', $4, 'resident_id', $5, $6, $7, $8, $8, $8, $4, $9, $10, $9, $4, $9, $10, true) RETURNING id`,
      [c.id, store.store_id, store.account_id, enc(p.realName), enc(p.residentId), app.cipher.blindIndex('id_number', p.residentId), p.birthDate, imageKey, enc(p.mobile), enc(p.address)],
    );
    await em.query(`UPDATE verification_case SET submission_id = $1 WHERE id = $2`, [sub.id, c.id]);
    await em.query(`INSERT INTO verification_transition (case_id, action, to_status, actor_kind) VALUES ($1, 'submit', 'submitted', 'merchant')`, [c.id]);
    if (caseStatus === 'approved')
      await em.query(`INSERT INTO verification_transition (case_id, action, from_status, to_status, actor_kind) VALUES ($1, 'approve', 'in_review', 'approved', 'system')`, [c.id]);
  }
}
