import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The verification machine's history in the one history shape (issue 11, core/transition-record.ts),
 * keeping its rows: `actor_id` -> `actor_account_id`, `applicant_comment` -> `reason` (shown to the
 * merchant), `internal_note` -> `note` (staff only), statuses up to 32 characters, and `actor_kind`
 * (rows before this migration: `staff` when a staff member acted, `merchant` for submissions,
 * `system` otherwise). The table becomes append-only (`history_append_only`, migration 1796200000000).
 */
export class VerificationKernel1796310000000 implements MigrationInterface {
  name = 'VerificationKernel1796310000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "verification_transition" RENAME COLUMN "actor_id" TO "actor_account_id"`);
    await q.query(`ALTER TABLE "verification_transition" RENAME COLUMN "applicant_comment" TO "reason"`);
    await q.query(`ALTER TABLE "verification_transition" RENAME COLUMN "internal_note" TO "note"`);
    await q.query(`ALTER TABLE "verification_transition" ALTER COLUMN "from_status" TYPE character varying(32), ALTER COLUMN "to_status" TYPE character varying(32)`);
    await q.query(`ALTER TABLE "verification_transition" ADD "actor_kind" character varying(16)`);
    await q.query(
      `UPDATE "verification_transition" SET "actor_kind" = CASE WHEN "actor_account_id" IS NOT NULL THEN 'staff' WHEN "action" IN ('submit', 'resubmit') THEN 'merchant' ELSE 'system' END`,
    );
    await q.query(`ALTER TABLE "verification_transition" ALTER COLUMN "actor_kind" SET NOT NULL`);
    await q.query(`CREATE TRIGGER verification_transition_no_change BEFORE UPDATE OR DELETE ON "verification_transition" FOR EACH ROW EXECUTE FUNCTION history_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER verification_transition_no_change ON "verification_transition"`);
    await q.query(`ALTER TABLE "verification_transition" DROP COLUMN "actor_kind"`);
    await q.query(`ALTER TABLE "verification_transition" ALTER COLUMN "from_status" TYPE character varying(24), ALTER COLUMN "to_status" TYPE character varying(24)`);
    await q.query(`ALTER TABLE "verification_transition" RENAME COLUMN "note" TO "internal_note"`);
    await q.query(`ALTER TABLE "verification_transition" RENAME COLUMN "reason" TO "applicant_comment"`);
    await q.query(`ALTER TABLE "verification_transition" RENAME COLUMN "actor_account_id" TO "actor_id"`);
  }
}
