import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The policy version machine (issue 11): `policy_version_transition` takes the one history shape
 * (core/transition-record.ts), keeping its rows: wider action/status columns, `actor_kind`
 * (backfilled: `system` where no account acted, else `staff`, since only legal moved versions) and
 * `reason`. It stays append-only, now through the shared `history_append_only()` trigger function.
 */
export class PoliciesKernel1796320000000 implements MigrationInterface {
  name = 'PoliciesKernel1796320000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER policy_version_transition_no_change ON "policy_version_transition"`);
    await q.query(`DROP FUNCTION policy_version_transition_append_only()`);
    await q.query(`ALTER TABLE "policy_version_transition" ALTER COLUMN "action" TYPE character varying(32)`);
    await q.query(`ALTER TABLE "policy_version_transition" ALTER COLUMN "from_status" TYPE character varying(32)`);
    await q.query(`ALTER TABLE "policy_version_transition" ALTER COLUMN "to_status" TYPE character varying(32)`);
    await q.query(`ALTER TABLE "policy_version_transition" ADD "actor_kind" character varying(16)`);
    await q.query(`UPDATE "policy_version_transition" SET "actor_kind" = CASE WHEN "actor_account_id" IS NULL THEN 'system' ELSE 'staff' END`);
    await q.query(`ALTER TABLE "policy_version_transition" ALTER COLUMN "actor_kind" SET NOT NULL`);
    await q.query(`ALTER TABLE "policy_version_transition" ADD "reason" text`);
    await q.query(`CREATE TRIGGER policy_version_transition_no_change BEFORE UPDATE OR DELETE ON "policy_version_transition" FOR EACH ROW EXECUTE FUNCTION history_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER policy_version_transition_no_change ON "policy_version_transition"`);
    await q.query(`ALTER TABLE "policy_version_transition" DROP COLUMN "reason"`);
    await q.query(`ALTER TABLE "policy_version_transition" DROP COLUMN "actor_kind"`);
    await q.query(`ALTER TABLE "policy_version_transition" ALTER COLUMN "to_status" TYPE character varying(16)`);
    await q.query(`ALTER TABLE "policy_version_transition" ALTER COLUMN "from_status" TYPE character varying(16)`);
    await q.query(`ALTER TABLE "policy_version_transition" ALTER COLUMN "action" TYPE character varying(16)`);
    await q.query(`CREATE FUNCTION policy_version_transition_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'policy_version_transition is append-only' USING ERRCODE = 'insufficient_privilege'; END $$`);
    await q.query(`CREATE TRIGGER policy_version_transition_no_change BEFORE UPDATE OR DELETE ON policy_version_transition FOR EACH ROW EXECUTE FUNCTION policy_version_transition_append_only()`);
  }
}
