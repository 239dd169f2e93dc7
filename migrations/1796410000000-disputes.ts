import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Disputes with buyers (issue 12; policy 4.1 i): disputes, their threads, history (append-only)
 * and disclosure requests; outbound deliveries may carry their own encrypted text (an SMS to a
 * buyer, who has no inbox).
 */
export class Disputes1796410000000 implements MigrationInterface {
  name = 'Disputes1796410000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "dispute" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "store_id" bigint NOT NULL, "order_number" character varying(64) NOT NULL, "after_sales_number" character varying(64) NOT NULL, "claim_type" character varying(24) NOT NULL, "amount_claimed" bigint NOT NULL, "description" text NOT NULL, "buyer_name_enc" text NOT NULL, "buyer_mobile_enc" text NOT NULL, "buyer_address_enc" text, "source" character varying(16) NOT NULL, "opened_by" bigint NOT NULL, "status" character varying(24) NOT NULL DEFAULT 'open', "response_due_on" date, "reminded_at" TIMESTAMP WITH TIME ZONE, "deadline_missed" boolean NOT NULL DEFAULT false, "proposed_resolution" character varying(16), "resolution" character varying(16), "refund_amount" bigint, "resolution_reason" text, "resolved_by" bigint, "resolved_at" TIMESTAMP WITH TIME ZONE, "assignee_id" bigint, "latest_message_at" TIMESTAMP WITH TIME ZONE NOT NULL, "message_count" integer NOT NULL DEFAULT '0', "row_version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_e2f1f4741f2094ce789b0a7c5b3" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "dispute_awaiting_due_idx" ON "dispute" ("response_due_on") WHERE status = 'awaiting_merchant'`);
    await q.query(`CREATE INDEX "dispute_status_latest_message_idx" ON "dispute" ("status", "latest_message_at", "id")`);
    await q.query(`CREATE INDEX "dispute_store_latest_message_idx" ON "dispute" ("store_id", "latest_message_at", "id")`);
    await q.query(`CREATE INDEX "dispute_latest_message_idx" ON "dispute" ("latest_message_at", "id")`);
    await q.query(`CREATE UNIQUE INDEX "dispute_after_sales_number_uq" ON "dispute" ("after_sales_number")`);
    await q.query(
      `CREATE TABLE "dispute_disclosure" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "dispute_id" bigint NOT NULL, "store_id" bigint NOT NULL, "requested_fields" text array NOT NULL, "approved_fields" text array, "legal_ground" character varying(8) NOT NULL, "reason" text NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'requested', "requested_by" bigint NOT NULL, "decided_by" bigint, "decided_at" TIMESTAMP WITH TIME ZONE, "decision_reason" text, "token_hash" character(64), "package_enc" text, "expires_at" TIMESTAMP WITH TIME ZONE, "max_views" integer NOT NULL DEFAULT '0', "view_count" integer NOT NULL DEFAULT '0', "code_hash" character(64), "code_expires_at" TIMESTAMP WITH TIME ZONE, "codes_sent" integer NOT NULL DEFAULT '0', "code_failures" integer NOT NULL DEFAULT '0', "closed_at" TIMESTAMP WITH TIME ZONE, "row_version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_5553ca03b2beb413bd1cb22225d" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "dispute_disclosure_open_expiry_idx" ON "dispute_disclosure" ("expires_at") WHERE status = 'approved'`);
    await q.query(`CREATE UNIQUE INDEX "dispute_disclosure_token_uq" ON "dispute_disclosure" ("token_hash")`);
    await q.query(`CREATE UNIQUE INDEX "dispute_disclosure_one_pending_uq" ON "dispute_disclosure" ("dispute_id") WHERE status = 'requested'`);
    await q.query(`CREATE INDEX "dispute_disclosure_status_idx" ON "dispute_disclosure" ("status", "id")`);
    await q.query(`CREATE INDEX "dispute_disclosure_dispute_idx" ON "dispute_disclosure" ("dispute_id", "id")`);
    await q.query(
      `CREATE TABLE "dispute_history" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "action" character varying(32) NOT NULL, "from_status" character varying(32), "to_status" character varying(32) NOT NULL, "actor_account_id" bigint, "actor_kind" character varying(16) NOT NULL, "reason" text, "note" text, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "dispute_id" bigint NOT NULL, "disclosure_id" bigint, "subject" character varying(16) NOT NULL, CONSTRAINT "PK_0b076f0de9a4794c94402d007ec" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "dispute_history_dispute_idx" ON "dispute_history" ("dispute_id", "at", "id")`);
    await q.query(
      `CREATE TABLE "dispute_message" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "dispute_id" bigint NOT NULL, "author_kind" character varying(16) NOT NULL, "author_account_id" bigint, "body" text NOT NULL, "internal" boolean NOT NULL DEFAULT false, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_449bd18f4af598d1beac5765fdf" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "dispute_message_dispute_idx" ON "dispute_message" ("dispute_id", "id")`);
    await q.query(`ALTER TABLE "outbound_delivery" ADD "body_enc" text`);
    await q.query(`ALTER TABLE "outbound_delivery" ALTER COLUMN "notification_id" DROP NOT NULL`);
    await q.query(`ALTER TABLE "dispute" ADD CONSTRAINT "dispute_store_fk" FOREIGN KEY ("store_id") REFERENCES "store"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "dispute_disclosure" ADD CONSTRAINT "dispute_disclosure_dispute_fk" FOREIGN KEY ("dispute_id") REFERENCES "dispute"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "dispute_message" ADD CONSTRAINT "dispute_message_dispute_fk" FOREIGN KEY ("dispute_id") REFERENCES "dispute"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`CREATE TRIGGER dispute_history_no_change BEFORE UPDATE OR DELETE ON "dispute_history" FOR EACH ROW EXECUTE FUNCTION history_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "dispute_message" DROP CONSTRAINT "dispute_message_dispute_fk"`);
    await q.query(`ALTER TABLE "dispute_disclosure" DROP CONSTRAINT "dispute_disclosure_dispute_fk"`);
    await q.query(`ALTER TABLE "dispute" DROP CONSTRAINT "dispute_store_fk"`);
    await q.query(`ALTER TABLE "outbound_delivery" ALTER COLUMN "notification_id" SET NOT NULL`);
    await q.query(`ALTER TABLE "outbound_delivery" DROP COLUMN "body_enc"`);
    await q.query(`DROP INDEX "public"."dispute_message_dispute_idx"`);
    await q.query(`DROP TABLE "dispute_message"`);
    await q.query(`DROP INDEX "public"."dispute_history_dispute_idx"`);
    await q.query(`DROP TABLE "dispute_history"`);
    await q.query(`DROP INDEX "public"."dispute_disclosure_dispute_idx"`);
    await q.query(`DROP INDEX "public"."dispute_disclosure_status_idx"`);
    await q.query(`DROP INDEX "public"."dispute_disclosure_one_pending_uq"`);
    await q.query(`DROP INDEX "public"."dispute_disclosure_token_uq"`);
    await q.query(`DROP INDEX "public"."dispute_disclosure_open_expiry_idx"`);
    await q.query(`DROP TABLE "dispute_disclosure"`);
    await q.query(`DROP INDEX "public"."dispute_after_sales_number_uq"`);
    await q.query(`DROP INDEX "public"."dispute_latest_message_idx"`);
    await q.query(`DROP INDEX "public"."dispute_store_latest_message_idx"`);
    await q.query(`DROP INDEX "public"."dispute_status_latest_message_idx"`);
    await q.query(`DROP INDEX "public"."dispute_awaiting_due_idx"`);
    await q.query(`DROP TABLE "dispute"`);
  }
}
