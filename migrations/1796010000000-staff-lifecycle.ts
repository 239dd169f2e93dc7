import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Staff lifecycle and sign-in lock-out (issue 10, items 6 and 7):
 * - `account.must_change_password`: set for accounts created by an admin (temporary password);
 *   the actor-change trigger now also fires on it, so the cached actor follows at once;
 * - `staff_role_grant`: every platform-role grant (immediate or maker-checker), one pending grant
 *   per account and role;
 * - `sign_in_lockout`: the lock-out counters move off `account` into a table keyed by the login
 *   name's blind index, so an unknown name locks and counts down exactly like a real account.
 *   Locks in force at migration time are dropped (they last minutes).
 */
export class StaffLifecycle1796010000000 implements MigrationInterface {
  name = 'StaffLifecycle1796010000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "account" ADD "must_change_password" boolean NOT NULL DEFAULT false`);
    await q.query(`ALTER TABLE "account" DROP COLUMN "failed_sign_ins", DROP COLUMN "last_failed_at", DROP COLUMN "locked_until"`);
    await q.query(`DROP TRIGGER account_actor_changed ON "account"`);
    await q.query(
      `CREATE TRIGGER account_actor_changed AFTER UPDATE OF status, kind, login_name, platform_roles, store_id, must_change_password OR DELETE OR TRUNCATE ON "account" FOR EACH STATEMENT EXECUTE FUNCTION notify_actor_changed()`,
    );
    await q.query(`CREATE TABLE "sign_in_lockout" (
      "login_key" character(64) NOT NULL, "failed_sign_ins" integer NOT NULL DEFAULT 0,
      "last_failed_at" TIMESTAMP WITH TIME ZONE, "locked_until" TIMESTAMP WITH TIME ZONE,
      CONSTRAINT "sign_in_lockout_pk" PRIMARY KEY ("login_key"))`);
    await q.query(`CREATE TABLE "staff_role_grant" (
      "id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "account_id" bigint NOT NULL, "role" character varying(32) NOT NULL,
      "status" character varying(16) NOT NULL, "requested_by" bigint NOT NULL, "decided_by" bigint,
      "requested_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "decided_at" TIMESTAMP WITH TIME ZONE,
      CONSTRAINT "staff_role_grant_pk" PRIMARY KEY ("id"),
      CONSTRAINT "staff_role_grant_account_fk" FOREIGN KEY ("account_id") REFERENCES "account"("id"))`);
    await q.query(`CREATE UNIQUE INDEX "staff_role_grant_pending_uq" ON "staff_role_grant" ("account_id", "role") WHERE "status" = 'pending'`);
    await q.query(`CREATE INDEX "staff_role_grant_status_idx" ON "staff_role_grant" ("status", "requested_at", "id")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "staff_role_grant"`);
    await q.query(`DROP TABLE "sign_in_lockout"`);
    await q.query(`DROP TRIGGER account_actor_changed ON "account"`);
    await q.query(
      `CREATE TRIGGER account_actor_changed AFTER UPDATE OF status, kind, login_name, platform_roles, store_id OR DELETE OR TRUNCATE ON "account" FOR EACH STATEMENT EXECUTE FUNCTION notify_actor_changed()`,
    );
    await q.query(`ALTER TABLE "account" ADD "failed_sign_ins" integer NOT NULL DEFAULT '0', ADD "last_failed_at" TIMESTAMP WITH TIME ZONE, ADD "locked_until" TIMESTAMP WITH TIME ZONE`);
    await q.query(`ALTER TABLE "account" DROP COLUMN "must_change_password"`);
  }
}
