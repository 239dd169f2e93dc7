import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `actor_changed` notifications (server/core/change-feed.ts): sent by every statement that can
 * change who a session token stands for, so each process's cache of signed-in actors
 * (server/modules/accounts/actor-cache.ts) forgets them at once, whoever made the change.
 * Not sent for a session's sliding expiry (last_seen_at, expires_at only ever move forward there)
 * nor for sign-in bookkeeping on the account (failed attempts, lock-out).
 */
const TRIGGERS: [table: string, events: string][] = [
  ['session', 'UPDATE OF revoked_at, account_id OR DELETE OR TRUNCATE'],
  ['account', 'UPDATE OF status, kind, login_name, platform_roles, store_id OR DELETE OR TRUNCATE'],
  ['merchant', 'INSERT OR UPDATE OF account_id OR DELETE OR TRUNCATE'],
  ['store', 'INSERT OR UPDATE OF merchant_id OR DELETE OR TRUNCATE'],
  ['store_role', 'UPDATE OF permissions, store_id OR DELETE OR TRUNCATE'],
  ['sub_account_role', 'INSERT OR UPDATE OR DELETE OR TRUNCATE'],
];

export class ActorChangeNotify1795990000000 implements MigrationInterface {
  name = 'ActorChangeNotify1795990000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE FUNCTION notify_actor_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('actor_changed', TG_TABLE_NAME);
        RETURN NULL;
      END $$`);
    for (const [table, events] of TRIGGERS) {
      await q.query(`CREATE TRIGGER ${table}_actor_changed AFTER ${events} ON "${table}" FOR EACH STATEMENT EXECUTE FUNCTION notify_actor_changed()`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const [table] of TRIGGERS) await q.query(`DROP TRIGGER ${table}_actor_changed ON "${table}"`);
    await q.query(`DROP FUNCTION notify_actor_changed()`);
  }
}
