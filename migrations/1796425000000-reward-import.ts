import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reward CSV imports (issue 13): one row per uploaded file (unique by its SHA-256 and the
 * skip-invalid option, so the same file twice is one import), and the daily payout
 * reconciliation of a PRC date (one row per date, the latest run).
 */
export class RewardImport1796425000000 implements MigrationInterface {
  name = 'RewardImport1796425000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "payout_reconciliation" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "date" date NOT NULL, "run_at" TIMESTAMP WITH TIME ZONE NOT NULL, "ledger_count" integer NOT NULL, "provider_count" integer NOT NULL, "differences" jsonb NOT NULL, CONSTRAINT "PK_ce4667cd87c2b4a4f737d8e9ab7" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE UNIQUE INDEX "payout_reconciliation_date_uq" ON "payout_reconciliation" ("date")`);
    await q.query(
      `CREATE TABLE "reward_import" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "file_name" character varying(200) NOT NULL, "sha256" character(64) NOT NULL, "skip_invalid_rows" boolean NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'validating', "rows_total" integer NOT NULL DEFAULT '0', "rows_valid" integer NOT NULL DEFAULT '0', "rows_imported" integer NOT NULL DEFAULT '0', "progress" integer NOT NULL DEFAULT '0', "error_count" integer NOT NULL DEFAULT '0', "errors" jsonb NOT NULL, "content" bytea, "created_by" bigint NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "finished_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "reward_import_progress_range" CHECK (progress >= 0 AND progress <= 100), CONSTRAINT "PK_52170b9f53ffd839bda5601729a" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "reward_import_created_idx" ON "reward_import" ("created_at", "id")`);
    await q.query(`CREATE UNIQUE INDEX "reward_import_file_uq" ON "reward_import" ("sha256", "skip_invalid_rows")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."reward_import_file_uq"`);
    await q.query(`DROP INDEX "public"."reward_import_created_idx"`);
    await q.query(`DROP TABLE "reward_import"`);
    await q.query(`DROP INDEX "public"."payout_reconciliation_date_uq"`);
    await q.query(`DROP TABLE "payout_reconciliation"`);
  }
}
