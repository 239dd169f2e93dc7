import type { App } from '../core/app';
import type { PlatformRole } from '../core/abilities';
import { hashPassword, NO_PASSWORD } from '../modules/accounts/password';
import { appendAuditEvents } from '../core/audit/audit-writer';
import { makePerson, rng } from './people';
import { DEMO_SUB_ACCOUNT, seedDemoSubAccounts } from './sub-accounts';

/** Demo sign-ins, printed at start and listed in the README. Never seeded when NODE_ENV=production. */
export const DEMO_PASSWORD = 'Demo@2026!';
const STAFF: [string, string, PlatformRole[]][] = [
  ['reviewer', '审核员 小王', ['ops_reviewer']],
  ['lead', '审核主管 老李', ['ops_lead']],
  ['legal', '法务 陈律师', ['legal']],
  ['legal2', '法务 周律师', ['legal']],
  ['support', '客服 小赵', ['support']],
  ['finance', '财务 孙会计', ['finance']],
  ['auditor', '审计 吴审计', ['auditor']],
  ['admin', '管理员', ['admin']],
];
const OWNERS = ['owner1', 'owner2'];
export const DEMO_PASSWORDS: Record<string, string> = Object.fromEntries([...STAFF.map(([l]) => l), ...OWNERS, DEMO_SUB_ACCOUNT].map((l) => [l, DEMO_PASSWORD]));

/**
 * Seeds, once: one staff account per role (two for legal, for maker-checker), two store owners
 * with password sign-in, owner1's store roles and sub-account `staff1` (客服), and `merchants` generated merchants (realistic names, valid resident IDs,
 * +86 mobiles, addresses; they sign in through the platform, not with a password here).
 * @throws Error in production.
 */
export async function seedDemo(app: App, opts: { merchants: number }): Promise<boolean> {
  if (app.config.env === 'production') throw new Error('demo data is refused in production');
  return app.dataSource.transaction(async (em) => {
    const [{ exists }] = await em.query(`SELECT EXISTS (SELECT 1 FROM account WHERE login_name = 'admin') AS exists`);
    if (exists) return false;
    const hash = await hashPassword(DEMO_PASSWORD);
    const next = rng(20261129);
    for (const [login, name, roles] of STAFF) {
      const p = makePerson(next, 0);
      await em.query(`INSERT INTO account (kind, login_name, display_name, password_hash, platform_roles, mobile_enc) VALUES ('staff', $1, $2, $3, $4, $5)`, [
        login, name, hash, roles, app.cipher.encrypt(p.mobile),
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
    await seedDemoSubAccounts(em, app, hash);
    await appendAuditEvents(em, undefined, [{ action: 'demo.seed', after: { staff: STAFF.length, owners: OWNERS.length, merchants: opts.merchants } }]);
    return true;
  });
}
