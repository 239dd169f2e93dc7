import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Foundation: accounts, merchants, stores, sessions, sign-in attempts, the append-only hash-chained
 * audit log, notifications with outbound deliveries, policy documents and versions.
 * Table DDL generated from the entities (the drift test keeps them equal); triggers and the
 * C-collated prefix index written by hand.
 */
export class Foundation1764400000000 implements MigrationInterface {
  name = 'Foundation1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "account" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "kind" character varying(16) NOT NULL, "login_name" character varying(64) NOT NULL, "display_name" character varying(64) NOT NULL, "password_hash" text NOT NULL, "platform_roles" text array NOT NULL DEFAULT '{}', "status" character varying(16) NOT NULL DEFAULT 'active', "store_id" bigint, "mobile_enc" text, "failed_sign_ins" integer NOT NULL DEFAULT '0', "last_failed_at" TIMESTAMP WITH TIME ZONE, "locked_until" TIMESTAMP WITH TIME ZONE, "locale" character varying(8) NOT NULL DEFAULT 'zh-CN', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_54115ee388cdb6d86bb4bf5b2ea" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE UNIQUE INDEX "account_login_name_uq" ON "account"("login_name") `);
    await q.query(`CREATE INDEX "account_store_id_idx" ON "account"("store_id") `);
    await q.query(
      `CREATE TABLE "merchant" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "account_id" bigint NOT NULL, "platform_account_id" character varying(32) NOT NULL, "account_name" character varying(64) NOT NULL, "nickname" character varying(64) NOT NULL, "mobile_enc" text NOT NULL, "mobile_hash" character(64) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_9a3850e0537d869734fc9bff5d6" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE UNIQUE INDEX "merchant_account_id_uq" ON "merchant"("account_id") `);
    await q.query(`CREATE UNIQUE INDEX "merchant_platform_account_id_uq" ON "merchant"("platform_account_id") `);
    await q.query(`CREATE INDEX "merchant_nickname_idx" ON "merchant"("nickname") `);
    await q.query(`CREATE INDEX "merchant_mobile_hash_idx" ON "merchant"("mobile_hash") `);
    await q.query(`CREATE INDEX "merchant_created_idx" ON "merchant"("created_at", "id") `);
    await q.query(
      `CREATE TABLE "session" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "account_id" bigint NOT NULL, "token_hash" character(64) NOT NULL, "ip" character varying(64), "user_agent" character varying(256), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_seen_at" TIMESTAMP WITH TIME ZONE NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_f55da76ac1c3ac420f444d2ff11" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE UNIQUE INDEX "session_token_hash_uq" ON "session"("token_hash") `);
    await q.query(`CREATE INDEX "session_account_idx" ON "session"("account_id", "created_at") `);
    await q.query(
      `CREATE TABLE "sign_in_attempt" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "login_name" character varying(64) NOT NULL, "ip" character varying(64) NOT NULL, "succeeded" boolean NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_7708f8d7d88593210f3d359f81d" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "sign_in_attempt_ip_idx" ON "sign_in_attempt"("ip", "at") `);
    await q.query(
      `CREATE TABLE "audit_event" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "chain_seq" bigint NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(), "actor_account_id" bigint, "actor_kind" character varying(16) NOT NULL, "actor_label" character varying(64), "action" character varying(64) NOT NULL, "outcome" character varying(16) NOT NULL DEFAULT 'success', "target_type" character varying(64), "target_id" character varying(64), "store_id" bigint, "purpose" text, "request_id" character varying(64), "ip" character varying(64), "before" jsonb, "after" jsonb, "prev_hash" character(64) NOT NULL, "hash" character(64) NOT NULL, CONSTRAINT "PK_481efbe8b0a403efe3f47a6528f" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE UNIQUE INDEX "audit_event_chain_seq_uq" ON "audit_event"("chain_seq") `);
    await q.query(`CREATE INDEX "audit_event_store_idx" ON "audit_event"("store_id", "occurred_at") `);
    await q.query(`CREATE INDEX "audit_event_action_idx" ON "audit_event"("action", "occurred_at") `);
    await q.query(`CREATE INDEX "audit_event_target_idx" ON "audit_event"("target_type", "target_id", "occurred_at") `);
    await q.query(`CREATE INDEX "audit_event_actor_idx" ON "audit_event"("actor_account_id", "occurred_at") `);
    await q.query(`CREATE INDEX "audit_event_occurred_idx" ON "audit_event"("occurred_at", "id") `);
    await q.query(
      `CREATE TABLE "notification" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "account_id" bigint NOT NULL, "kind" character varying(32) NOT NULL, "title_zh" character varying(200) NOT NULL, "title_en" character varying(200) NOT NULL, "body_zh" text NOT NULL, "body_en" text NOT NULL, "link" character varying(200), "read_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_705b6c7cdf9b2c2ff7ac7872cb7" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "notification_unread_idx" ON "notification"("account_id") WHERE read_at IS NULL`);
    await q.query(`CREATE INDEX "notification_account_idx" ON "notification"("account_id", "created_at", "id") `);
    await q.query(
      `CREATE TABLE "outbound_delivery" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "notification_id" bigint NOT NULL, "channel" character varying(8) NOT NULL, "recipient_enc" text NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'pending', "attempts" integer NOT NULL DEFAULT '0', "sent_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_c387a8333c7fc97e88fd8bedd9d" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "outbound_delivery_notification_idx" ON "outbound_delivery"("notification_id") `);
    await q.query(
      `CREATE TABLE "policy_document" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "code" character varying(64) NOT NULL, "title_zh" character varying(200) NOT NULL, "title_en" character varying(200) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_bcf61e29dc9154db3e3d0d7ba6f" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE UNIQUE INDEX "policy_document_code_uq" ON "policy_document"("code") `);
    await q.query(
      `CREATE TABLE "policy_version" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "document_id" bigint NOT NULL, "version_no" integer NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'draft', "body_zh" text NOT NULL, "body_en" text, "change_summary" text, "effective_date" date, "published_at" TIMESTAMP WITH TIME ZONE, "structure" jsonb NOT NULL, "is_material" boolean NOT NULL DEFAULT false, "material_categories" text array NOT NULL DEFAULT '{}', "created_by" bigint, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "row_version" integer NOT NULL DEFAULT '1', CONSTRAINT "PK_3f434bba531e04026bd90fcf7c5" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "policy_version_doc_status_idx" ON "policy_version"("document_id", "status", "published_at") `);
    await q.query(`CREATE UNIQUE INDEX "policy_version_doc_no_uq" ON "policy_version"("document_id", "version_no") `);
    await q.query(
      `CREATE TABLE "store" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "merchant_id" bigint NOT NULL, "name" character varying(64) NOT NULL, "status" character varying(24) NOT NULL DEFAULT 'pending_verification', "opened_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_f3172007d4de5ae8e7692759d79" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE UNIQUE INDEX "store_merchant_id_uq" ON "store"("merchant_id") `);
    await q.query(`CREATE INDEX "store_status_created_idx" ON "store"("status", "created_at") `);
    await q.query(`ALTER TABLE "merchant" ADD CONSTRAINT "merchant_account_fk" FOREIGN KEY ("account_id") REFERENCES "account"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "session" ADD CONSTRAINT "session_account_fk" FOREIGN KEY ("account_id") REFERENCES "account"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "policy_version" ADD CONSTRAINT "policy_version_document_fk" FOREIGN KEY ("document_id") REFERENCES "policy_document"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "store" ADD CONSTRAINT "store_merchant_fk" FOREIGN KEY ("merchant_id") REFERENCES "merchant"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);

    // Prefix search on nicknames, byte-ordered so LIKE 'x%' uses the index in any database locale.
    await q.query(`CREATE INDEX "merchant_nickname_prefix_idx" ON "merchant" ((nickname COLLATE "C"))`);

    // Audit log: hash chain filled by a trigger, append-only enforced by triggers (policy 2.6.1, 5.1.2).
    await q.query(`CREATE FUNCTION audit_event_digest(prev text, e audit_event) RETURNS text LANGUAGE sql STABLE AS $$
      SELECT encode(sha256(convert_to(jsonb_build_array(
        prev, e.chain_seq, to_char(e.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'),
        e.actor_account_id, e.actor_kind, e.actor_label, e.action, e.outcome, e.target_type, e.target_id,
        e.store_id, e.purpose, e.request_id, e.ip, e.before, e.after)::text, 'UTF8')), 'hex')
    $$`);
    await q.query(`CREATE FUNCTION audit_event_chain() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE last_seq bigint; last_hash text;
      BEGIN
        -- Serialise appends: the lock is held to commit, so the next append sees this row.
        PERFORM pg_advisory_xact_lock(72431500);
        SELECT chain_seq, hash INTO last_seq, last_hash FROM audit_event ORDER BY chain_seq DESC LIMIT 1;
        NEW.chain_seq := COALESCE(last_seq, 0) + 1;
        NEW.prev_hash := COALESCE(last_hash, repeat('0', 64));
        NEW.occurred_at := clock_timestamp();
        NEW.hash := audit_event_digest(NEW.prev_hash, NEW);
        RETURN NEW;
      END $$`);
    await q.query(`CREATE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'audit_event is append-only' USING ERRCODE = 'insufficient_privilege'; END $$`);
    await q.query(`CREATE TRIGGER audit_event_chain BEFORE INSERT ON audit_event FOR EACH ROW EXECUTE FUNCTION audit_event_chain()`);
    await q.query(`CREATE TRIGGER audit_event_no_change BEFORE UPDATE OR DELETE ON audit_event FOR EACH ROW EXECUTE FUNCTION audit_event_append_only()`);
    await q.query(`CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER audit_event_no_truncate ON audit_event`);
    await q.query(`DROP TRIGGER audit_event_no_change ON audit_event`);
    await q.query(`DROP TRIGGER audit_event_chain ON audit_event`);
    await q.query(`DROP FUNCTION audit_event_append_only()`);
    await q.query(`DROP FUNCTION audit_event_chain()`);
    await q.query(`DROP FUNCTION audit_event_digest(text, audit_event)`);
    await q.query(`DROP INDEX "merchant_nickname_prefix_idx"`);
    await q.query(`ALTER TABLE "store" DROP CONSTRAINT "store_merchant_fk"`);
    await q.query(`ALTER TABLE "policy_version" DROP CONSTRAINT "policy_version_document_fk"`);
    await q.query(`ALTER TABLE "session" DROP CONSTRAINT "session_account_fk"`);
    await q.query(`ALTER TABLE "merchant" DROP CONSTRAINT "merchant_account_fk"`);
    await q.query(`DROP INDEX "public"."store_status_created_idx"`);
    await q.query(`DROP INDEX "public"."store_merchant_id_uq"`);
    await q.query(`DROP TABLE "store"`);
    await q.query(`DROP INDEX "public"."policy_version_doc_no_uq"`);
    await q.query(`DROP INDEX "public"."policy_version_doc_status_idx"`);
    await q.query(`DROP TABLE "policy_version"`);
    await q.query(`DROP INDEX "public"."policy_document_code_uq"`);
    await q.query(`DROP TABLE "policy_document"`);
    await q.query(`DROP INDEX "public"."outbound_delivery_notification_idx"`);
    await q.query(`DROP TABLE "outbound_delivery"`);
    await q.query(`DROP INDEX "public"."notification_account_idx"`);
    await q.query(`DROP INDEX "public"."notification_unread_idx"`);
    await q.query(`DROP TABLE "notification"`);
    await q.query(`DROP INDEX "public"."audit_event_occurred_idx"`);
    await q.query(`DROP INDEX "public"."audit_event_actor_idx"`);
    await q.query(`DROP INDEX "public"."audit_event_target_idx"`);
    await q.query(`DROP INDEX "public"."audit_event_action_idx"`);
    await q.query(`DROP INDEX "public"."audit_event_store_idx"`);
    await q.query(`DROP INDEX "public"."audit_event_chain_seq_uq"`);
    await q.query(`DROP TABLE "audit_event"`);
    await q.query(`DROP INDEX "public"."sign_in_attempt_ip_idx"`);
    await q.query(`DROP TABLE "sign_in_attempt"`);
    await q.query(`DROP INDEX "public"."session_account_idx"`);
    await q.query(`DROP INDEX "public"."session_token_hash_uq"`);
    await q.query(`DROP TABLE "session"`);
    await q.query(`DROP INDEX "public"."merchant_created_idx"`);
    await q.query(`DROP INDEX "public"."merchant_mobile_hash_idx"`);
    await q.query(`DROP INDEX "public"."merchant_nickname_idx"`);
    await q.query(`DROP INDEX "public"."merchant_platform_account_id_uq"`);
    await q.query(`DROP INDEX "public"."merchant_account_id_uq"`);
    await q.query(`DROP TABLE "merchant"`);
    await q.query(`DROP INDEX "public"."account_store_id_idx"`);
    await q.query(`DROP INDEX "public"."account_login_name_uq"`);
    await q.query(`DROP TABLE "account"`);
  }
}
