import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Policy versions (issue 6, policy chapter 8): lifecycle columns on policy_version, the transition
 * history, acknowledgements per exact version, the resumable notification fan-out. Table DDL
 * generated from the entities (the drift test keeps them equal); the triggers written by hand:
 * published and superseded versions are immutable (only published -> superseded is allowed, and
 * nothing else changes), and the transition history is append-only.
 */
export class PolicyVersions1764600000000 implements MigrationInterface {
  name = 'PolicyVersions1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "policy_acknowledgement" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "version_id" bigint NOT NULL, "merchant_id" bigint NOT NULL, "account_id" bigint NOT NULL, "acknowledged_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_8c214359a334f716ea16c9fb57b" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "policy_acknowledgement_merchant_idx" ON "policy_acknowledgement"  ("merchant_id", "version_id")`);
    await q.query(`CREATE INDEX "policy_acknowledgement_version_at_idx" ON "policy_acknowledgement"  ("version_id", "acknowledged_at")`);
    await q.query(`CREATE UNIQUE INDEX "policy_acknowledgement_version_merchant_uq" ON "policy_acknowledgement"  ("version_id", "merchant_id")`);
    await q.query(
      `CREATE TABLE "policy_fan_out" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "version_id" bigint NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'pending', "with_sms" boolean NOT NULL, "total" integer NOT NULL, "done" integer NOT NULL DEFAULT '0', "chunks" integer NOT NULL DEFAULT '0', "chunk_size" integer NOT NULL, "cursor_account_id" bigint NOT NULL DEFAULT '0', "until_account_id" bigint NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "started_at" TIMESTAMP WITH TIME ZONE, "finished_at" TIMESTAMP WITH TIME ZONE, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_8c8b3e4697c59f6364e0667caa0" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE UNIQUE INDEX "policy_fan_out_version_uq" ON "policy_fan_out"  ("version_id")`);
    await q.query(`CREATE INDEX "policy_fan_out_status_idx" ON "policy_fan_out"  ("status", "updated_at")`);
    await q.query(
      `CREATE TABLE "policy_version_transition" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "version_id" bigint NOT NULL, "action" character varying(16) NOT NULL, "from_status" character varying(16), "to_status" character varying(16) NOT NULL, "actor_account_id" bigint, "note" text, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_d6c6e6ae46e76378cb81b8a059c" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "policy_version_transition_version_idx" ON "policy_version_transition"  ("version_id", "at")`);
    await q.query(`ALTER TABLE "policy_version" ADD "publish_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(`ALTER TABLE "policy_version" ADD "previous_version_id" bigint`);
    await q.query(`ALTER TABLE "policy_version" ADD "last_edited_by" bigint`);
    await q.query(`ALTER TABLE "policy_version" ADD "approved_by" bigint`);
    await q.query(`ALTER TABLE "policy_version" ADD "approved_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(`ALTER TABLE "policy_version" ADD "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()`);
    await q.query(`CREATE INDEX "policy_version_due_idx" ON "policy_version"  ("publish_at") WHERE status = 'scheduled'`);
    await q.query(`CREATE UNIQUE INDEX "policy_version_one_published_uq" ON "policy_version"  ("document_id") WHERE status = 'published'`);
    await q.query(
      `ALTER TABLE "policy_acknowledgement" ADD CONSTRAINT "policy_acknowledgement_version_fk" FOREIGN KEY ("version_id") REFERENCES "policy_version"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "policy_acknowledgement" ADD CONSTRAINT "policy_acknowledgement_merchant_fk" FOREIGN KEY ("merchant_id") REFERENCES "merchant"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(`ALTER TABLE "policy_fan_out" ADD CONSTRAINT "policy_fan_out_version_fk" FOREIGN KEY ("version_id") REFERENCES "policy_version"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(
      `ALTER TABLE "policy_version_transition" ADD CONSTRAINT "policy_version_transition_version_fk" FOREIGN KEY ("version_id") REFERENCES "policy_version"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );

    await q.query(`CREATE FUNCTION policy_version_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.status IN ('published', 'superseded') THEN
          IF TG_OP = 'DELETE' THEN
            RAISE EXCEPTION 'published policy versions are immutable' USING ERRCODE = 'insufficient_privilege';
          END IF;
          IF NOT (NEW.status = OLD.status OR (OLD.status = 'published' AND NEW.status = 'superseded'))
             OR (to_jsonb(NEW) - 'status' - 'row_version' - 'updated_at') IS DISTINCT FROM (to_jsonb(OLD) - 'status' - 'row_version' - 'updated_at') THEN
            RAISE EXCEPTION 'published policy versions are immutable' USING ERRCODE = 'insufficient_privilege';
          END IF;
        END IF;
        IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER policy_version_immutable BEFORE UPDATE OR DELETE ON policy_version FOR EACH ROW EXECUTE FUNCTION policy_version_immutable()`);
    await q.query(`CREATE FUNCTION policy_version_transition_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'policy_version_transition is append-only' USING ERRCODE = 'insufficient_privilege'; END $$`);
    await q.query(`CREATE TRIGGER policy_version_transition_no_change BEFORE UPDATE OR DELETE ON policy_version_transition FOR EACH ROW EXECUTE FUNCTION policy_version_transition_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER policy_version_transition_no_change ON policy_version_transition`);
    await q.query(`DROP FUNCTION policy_version_transition_append_only()`);
    await q.query(`DROP TRIGGER policy_version_immutable ON policy_version`);
    await q.query(`DROP FUNCTION policy_version_immutable()`);
    await q.query(`ALTER TABLE "policy_version_transition" DROP CONSTRAINT "policy_version_transition_version_fk"`);
    await q.query(`ALTER TABLE "policy_fan_out" DROP CONSTRAINT "policy_fan_out_version_fk"`);
    await q.query(`ALTER TABLE "policy_acknowledgement" DROP CONSTRAINT "policy_acknowledgement_merchant_fk"`);
    await q.query(`ALTER TABLE "policy_acknowledgement" DROP CONSTRAINT "policy_acknowledgement_version_fk"`);
    await q.query(`DROP INDEX "public"."policy_version_one_published_uq"`);
    await q.query(`DROP INDEX "public"."policy_version_due_idx"`);
    await q.query(`ALTER TABLE "policy_version" DROP COLUMN "updated_at"`);
    await q.query(`ALTER TABLE "policy_version" DROP COLUMN "approved_at"`);
    await q.query(`ALTER TABLE "policy_version" DROP COLUMN "approved_by"`);
    await q.query(`ALTER TABLE "policy_version" DROP COLUMN "last_edited_by"`);
    await q.query(`ALTER TABLE "policy_version" DROP COLUMN "previous_version_id"`);
    await q.query(`ALTER TABLE "policy_version" DROP COLUMN "publish_at"`);
    await q.query(`DROP INDEX "public"."policy_version_transition_version_idx"`);
    await q.query(`DROP TABLE "policy_version_transition"`);
    await q.query(`DROP INDEX "public"."policy_fan_out_status_idx"`);
    await q.query(`DROP INDEX "public"."policy_fan_out_version_uq"`);
    await q.query(`DROP TABLE "policy_fan_out"`);
    await q.query(`DROP INDEX "public"."policy_acknowledgement_version_merchant_uq"`);
    await q.query(`DROP INDEX "public"."policy_acknowledgement_version_at_idx"`);
    await q.query(`DROP INDEX "public"."policy_acknowledgement_merchant_idx"`);
    await q.query(`DROP TABLE "policy_acknowledgement"`);
  }
}
