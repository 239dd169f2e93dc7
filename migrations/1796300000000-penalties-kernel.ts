import type { MigrationInterface, QueryRunner } from 'typeorm';

const VERSIONED = ['sanction_type', 'violation_category', 'penalty', 'penalty_appeal'];

/**
 * The penalties module on the kernel (issue 11):
 * - the optimistic-lock column is `row_version` on penalty, penalty_appeal, sanction_type and
 *   violation_category (renamed, values kept);
 * - `penalty_history` takes the one history shape (core/transition-record.ts): `transition` is
 *   renamed `action`, the statuses widen to 32 characters, `note` is added; rows are kept; the
 *   table becomes append-only (`history_append_only`);
 * - one file table (item 7): penalty evidence and appeal proofs move from `penalty_file` into
 *   `uploaded_file` (new columns purpose, file_name, sha256, attached_id: the penalty citing an
 *   evidence file, the appeal citing a proof); a file's id is now its storage key; `penalty_file`
 *   is dropped.
 */
export class PenaltiesKernel1796300000000 implements MigrationInterface {
  name = 'PenaltiesKernel1796300000000';

  async up(q: QueryRunner): Promise<void> {
    for (const t of VERSIONED) await q.query(`ALTER TABLE "${t}" RENAME COLUMN "version" TO "row_version"`);

    await q.query(`ALTER TABLE "penalty_history" RENAME COLUMN "transition" TO "action"`);
    await q.query(`ALTER TABLE "penalty_history" ALTER COLUMN "from_status" TYPE character varying(32)`);
    await q.query(`ALTER TABLE "penalty_history" ALTER COLUMN "to_status" TYPE character varying(32)`);
    await q.query(`ALTER TABLE "penalty_history" ADD "note" text`);
    await q.query(`CREATE TRIGGER penalty_history_no_change BEFORE UPDATE OR DELETE ON "penalty_history" FOR EACH ROW EXECUTE FUNCTION history_append_only()`);

    await q.query(`ALTER TABLE "uploaded_file" ADD "purpose" character varying(16)`);
    await q.query(`ALTER TABLE "uploaded_file" ADD "file_name" character varying(120)`);
    await q.query(`ALTER TABLE "uploaded_file" ADD "sha256" character(64)`);
    await q.query(`ALTER TABLE "uploaded_file" ADD "attached_id" bigint`);
    await q.query(`CREATE INDEX "uploaded_file_attached_idx" ON "uploaded_file"  ("purpose", "attached_id") `);
    await q.query(
      `INSERT INTO "uploaded_file" (key, owner_account_id, store_id, content_type, size_bytes, created_at, purpose, file_name, sha256, attached_id)
       SELECT storage_key::uuid, uploaded_by, store_id, content_type, size_bytes, created_at, purpose, file_name, sha256,
              CASE WHEN purpose = 'appeal_proof' THEN appeal_id ELSE penalty_id END
         FROM "penalty_file"`,
    );
    await q.query(`DROP TABLE "penalty_file"`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "penalty_file" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "purpose" character varying(16) NOT NULL, "storage_key" character varying(64) NOT NULL, "file_name" character varying(120) NOT NULL, "content_type" character varying(64) NOT NULL, "size_bytes" integer NOT NULL, "sha256" character(64) NOT NULL, "uploaded_by" bigint NOT NULL, "store_id" bigint, "penalty_id" bigint, "appeal_id" bigint, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_0a18829ab27e4033b6b16b416fa" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "penalty_file_uploader_idx" ON "penalty_file"  ("uploaded_by", "created_at")`);
    await q.query(`CREATE INDEX "penalty_file_appeal_idx" ON "penalty_file"  ("appeal_id")`);
    await q.query(`CREATE INDEX "penalty_file_penalty_idx" ON "penalty_file"  ("penalty_id")`);
    await q.query(
      `INSERT INTO "penalty_file" (id, purpose, storage_key, file_name, content_type, size_bytes, sha256, uploaded_by, store_id, penalty_id, appeal_id, created_at)
       SELECT f.key, f.purpose, f.key::text, f.file_name, f.content_type, f.size_bytes, f.sha256, f.owner_account_id, f.store_id,
              CASE WHEN f.purpose = 'evidence' THEN f.attached_id ELSE a.penalty_id END, CASE WHEN f.purpose = 'appeal_proof' THEN f.attached_id END, f.created_at
         FROM "uploaded_file" f LEFT JOIN "penalty_appeal" a ON f.purpose = 'appeal_proof' AND a.id = f.attached_id
        WHERE f.purpose IS NOT NULL`,
    );
    await q.query(`DELETE FROM "uploaded_file" WHERE purpose IS NOT NULL`);
    await q.query(`DROP INDEX "public"."uploaded_file_attached_idx"`);
    for (const c of ['attached_id', 'sha256', 'file_name', 'purpose']) await q.query(`ALTER TABLE "uploaded_file" DROP COLUMN "${c}"`);

    await q.query(`DROP TRIGGER penalty_history_no_change ON "penalty_history"`);
    await q.query(`ALTER TABLE "penalty_history" DROP COLUMN "note"`);
    await q.query(`ALTER TABLE "penalty_history" ALTER COLUMN "to_status" TYPE character varying(16)`);
    await q.query(`ALTER TABLE "penalty_history" ALTER COLUMN "from_status" TYPE character varying(16)`);
    await q.query(`ALTER TABLE "penalty_history" RENAME COLUMN "action" TO "transition"`);

    for (const t of VERSIONED) await q.query(`ALTER TABLE "${t}" RENAME COLUMN "row_version" TO "version"`);
  }
}
