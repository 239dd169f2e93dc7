import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Rewards and payouts (issue 13; policy 2.3.5, 2.3.6): programmes with budgets (CHECK: approvals
 * never exceed them), rewards, their history (append-only), payouts with unique business numbers
 * and the payout ledger (append-only). Money in integer fen (bigint).
 */
export class Rewards1796420000000 implements MigrationInterface {
  name = 'Rewards1796420000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "payout_ledger" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "payout_id" bigint NOT NULL, "store_id" bigint NOT NULL, "business_number" character varying(32) NOT NULL, "amount" bigint NOT NULL, "provider_ref" character varying(64) NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_d1b5ba09d5f7a500ba6da0e6c46" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "payout_ledger_at_idx" ON "payout_ledger" ("at")`);
    await q.query(`CREATE UNIQUE INDEX "payout_ledger_payout_uq" ON "payout_ledger" ("payout_id")`);
    await q.query(
      `CREATE TABLE "reward_programme" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "code" character varying(48) NOT NULL, "name_zh" character varying(100) NOT NULL, "name_en" character varying(100) NOT NULL, "budget" bigint NOT NULL, "approved_total" bigint NOT NULL DEFAULT '0', "active" boolean NOT NULL DEFAULT true, "created_by" bigint, "row_version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "reward_programme_within_budget" CHECK (approved_total >= 0 AND approved_total <= budget), CONSTRAINT "PK_95e01ac49ea469eb730e6af65f1" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE UNIQUE INDEX "reward_programme_code_uq" ON "reward_programme" ("code")`);
    await q.query(
      `CREATE TABLE "reward" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "programme_id" bigint NOT NULL, "store_id" bigint NOT NULL, "amount" bigint NOT NULL, "reason" text NOT NULL, "period_start" date NOT NULL, "period_end" date NOT NULL, "status" character varying(24) NOT NULL DEFAULT 'proposed', "proposed_by" bigint NOT NULL, "first_approver_id" bigint, "approved_by" bigint, "approved_at" TIMESTAMP WITH TIME ZONE, "decision_reason" text, "import_id" bigint, "import_row" integer, "row_version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "reward_amount_positive" CHECK (amount > 0), CONSTRAINT "PK_a90ea606c229e380fb341838036" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE UNIQUE INDEX "reward_import_row_uq" ON "reward" ("import_id", "import_row")`);
    await q.query(`CREATE INDEX "reward_amount_idx" ON "reward" ("amount", "id")`);
    await q.query(`CREATE INDEX "reward_programme_status_idx" ON "reward" ("programme_id", "status")`);
    await q.query(`CREATE INDEX "reward_store_created_idx" ON "reward" ("store_id", "created_at", "id")`);
    await q.query(`CREATE INDEX "reward_status_created_idx" ON "reward" ("status", "created_at", "id")`);
    await q.query(
      `CREATE TABLE "payout" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "reward_id" bigint NOT NULL, "store_id" bigint NOT NULL, "business_number" character varying(32) NOT NULL, "amount" bigint NOT NULL, "status" character varying(16) NOT NULL, "hold_reason" character varying(24), "held_until" TIMESTAMP WITH TIME ZONE, "provider_ref" character varying(64), "attempts" integer NOT NULL DEFAULT '0', "last_error" character varying(200), "paid_at" TIMESTAMP WITH TIME ZONE, "row_version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "REL_f6391c72133819cdddfb55ebdd" UNIQUE ("reward_id"), CONSTRAINT "payout_amount_positive" CHECK (amount > 0), CONSTRAINT "PK_1cb73ce021dc6618a3818b0a474" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "payout_store_idx" ON "payout" ("store_id", "id")`);
    await q.query(`CREATE INDEX "payout_status_idx" ON "payout" ("status", "id")`);
    await q.query(`CREATE UNIQUE INDEX "payout_business_number_uq" ON "payout" ("business_number")`);
    await q.query(`CREATE UNIQUE INDEX "payout_reward_uq" ON "payout" ("reward_id")`);
    await q.query(
      `CREATE TABLE "reward_history" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "action" character varying(32) NOT NULL, "from_status" character varying(32), "to_status" character varying(32) NOT NULL, "actor_account_id" bigint, "actor_kind" character varying(16) NOT NULL, "reason" text, "note" text, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "reward_id" bigint NOT NULL, "subject" character varying(16) NOT NULL, CONSTRAINT "PK_1790d3b4570b3f09a5d486b8193" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "reward_history_reward_idx" ON "reward_history" ("reward_id", "at", "id")`);
    await q.query(`ALTER TABLE "reward" ADD CONSTRAINT "reward_programme_fk" FOREIGN KEY ("programme_id") REFERENCES "reward_programme"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "reward" ADD CONSTRAINT "reward_store_fk" FOREIGN KEY ("store_id") REFERENCES "store"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "payout" ADD CONSTRAINT "payout_reward_fk" FOREIGN KEY ("reward_id") REFERENCES "reward"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`CREATE TRIGGER reward_history_no_change BEFORE UPDATE OR DELETE ON "reward_history" FOR EACH ROW EXECUTE FUNCTION history_append_only()`);
    await q.query(`CREATE TRIGGER payout_ledger_no_change BEFORE UPDATE OR DELETE ON "payout_ledger" FOR EACH ROW EXECUTE FUNCTION history_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "payout" DROP CONSTRAINT "payout_reward_fk"`);
    await q.query(`ALTER TABLE "reward" DROP CONSTRAINT "reward_store_fk"`);
    await q.query(`ALTER TABLE "reward" DROP CONSTRAINT "reward_programme_fk"`);
    await q.query(`DROP INDEX "public"."reward_history_reward_idx"`);
    await q.query(`DROP TABLE "reward_history"`);
    await q.query(`DROP INDEX "public"."payout_reward_uq"`);
    await q.query(`DROP INDEX "public"."payout_business_number_uq"`);
    await q.query(`DROP INDEX "public"."payout_status_idx"`);
    await q.query(`DROP INDEX "public"."payout_store_idx"`);
    await q.query(`DROP TABLE "payout"`);
    await q.query(`DROP INDEX "public"."reward_status_created_idx"`);
    await q.query(`DROP INDEX "public"."reward_store_created_idx"`);
    await q.query(`DROP INDEX "public"."reward_programme_status_idx"`);
    await q.query(`DROP INDEX "public"."reward_amount_idx"`);
    await q.query(`DROP INDEX "public"."reward_import_row_uq"`);
    await q.query(`DROP TABLE "reward"`);
    await q.query(`DROP INDEX "public"."reward_programme_code_uq"`);
    await q.query(`DROP TABLE "reward_programme"`);
    await q.query(`DROP INDEX "public"."payout_ledger_payout_uq"`);
    await q.query(`DROP INDEX "public"."payout_ledger_at_idx"`);
    await q.query(`DROP TABLE "payout_ledger"`);
  }
}
