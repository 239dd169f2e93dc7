import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Penalties (issue 5): sanction types and the violation-category tree (seeded from the starting
 * catalogue, both languages; data that ops_lead edits), penalties, appeals, evidence files, the
 * transition history, public penalty notices (only what policy 4.3 allows), and the working-day
 * override table of the PRC calendar. Table DDL generated from the entities (the drift test keeps
 * them equal); seed rows written by hand.
 */
export class Penalties1795954906660 implements MigrationInterface {
  name = 'Penalties1795954906660';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "working_day_override" ("day" date NOT NULL, "is_workday" boolean NOT NULL, "name" character varying(100), "updated_by" bigint, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_dafce60ee68844fedf82faa36a5" PRIMARY KEY ("day"))`,
    );
    await q.query(
      `CREATE TABLE "penalty_notice" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "platform_account_id" character varying(32) NOT NULL, "nickname" character varying(64) NOT NULL, "category_code" character varying(48) NOT NULL, "category_name_zh" character varying(100) NOT NULL, "category_name_en" character varying(200) NOT NULL, "sanction_code" character varying(48) NOT NULL, "sanction_name_zh" character varying(100) NOT NULL, "sanction_name_en" character varying(200) NOT NULL, "sanction_days" integer, "issued_on" date NOT NULL, "starts_on" date NOT NULL, "ends_on" date, "status" character varying(16) NOT NULL DEFAULT 'published', "withdrawn_on" date, CONSTRAINT "PK_71599b5a748a378f4b66496aa8c" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "penalty_notice_category_issued_idx" ON "penalty_notice"  ("category_code", "issued_on", "id")`);
    await q.query(`CREATE INDEX "penalty_notice_issued_idx" ON "penalty_notice"  ("issued_on", "id")`);
    await q.query(
      `CREATE TABLE "sanction_type" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "code" character varying(48) NOT NULL, "name_zh" character varying(100) NOT NULL, "name_en" character varying(200) NOT NULL, "effect" character varying(32) NOT NULL, "active" boolean NOT NULL DEFAULT true, "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_907a75ffd862c51e5521da638b4" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE UNIQUE INDEX "sanction_type_code_uq" ON "sanction_type"  ("code")`);
    await q.query(
      `CREATE TABLE "violation_category" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "code" character varying(48) NOT NULL, "parent_id" bigint, "name_zh" character varying(100) NOT NULL, "name_en" character varying(200) NOT NULL, "rule_ref" character varying(200), "default_sanction_type_id" bigint, "default_sanction_days" integer, "default_points" integer NOT NULL DEFAULT '0', "active" boolean NOT NULL DEFAULT true, "sort_order" integer NOT NULL DEFAULT '0', "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_0e0cfffede36ef7eb795eb61312" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE UNIQUE INDEX "violation_category_code_uq" ON "violation_category"  ("code")`);
    await q.query(`CREATE INDEX "violation_category_parent_idx" ON "violation_category"  ("parent_id", "sort_order")`);
    await q.query(
      `CREATE TABLE "penalty" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "store_id" bigint NOT NULL, "category_id" bigint NOT NULL, "facts" text NOT NULL, "sanction_type_id" bigint NOT NULL, "sanction_days" integer, "points" integer NOT NULL DEFAULT '0', "starts_at" TIMESTAMP WITH TIME ZONE, "ends_at" TIMESTAMP WITH TIME ZONE, "status" character varying(16) NOT NULL DEFAULT 'draft', "effect_state" character varying(16) NOT NULL DEFAULT 'none', "store_status_before" character varying(24), "drafted_by" bigint NOT NULL, "issued_by" bigint, "issued_at" TIMESTAMP WITH TIME ZONE, "issued_on" date, "appeal_deadline" date, "appeal_count" integer NOT NULL DEFAULT '0', "revoked_at" TIMESTAMP WITH TIME ZONE, "revoke_reason" text, "notice_id" bigint, "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_d92f1735fa0b36cba9ff8556a16" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE UNIQUE INDEX "penalty_notice_id_uq" ON "penalty"  ("notice_id")`);
    await q.query(`CREATE INDEX "penalty_effect_end_idx" ON "penalty"  ("ends_at") WHERE effect_state = 'applied'`);
    await q.query(`CREATE INDEX "penalty_effect_start_idx" ON "penalty"  ("starts_at") WHERE effect_state = 'pending'`);
    await q.query(`CREATE INDEX "penalty_category_created_idx" ON "penalty"  ("category_id", "created_at", "id")`);
    await q.query(`CREATE INDEX "penalty_store_created_idx" ON "penalty"  ("store_id", "created_at", "id")`);
    await q.query(`CREATE INDEX "penalty_status_created_idx" ON "penalty"  ("status", "created_at", "id")`);
    await q.query(
      `CREATE TABLE "penalty_appeal" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "penalty_id" bigint NOT NULL, "store_id" bigint NOT NULL, "reason" text NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'pending', "submitted_by" bigint NOT NULL, "submitted_at" TIMESTAMP WITH TIME ZONE NOT NULL, "respond_by" date NOT NULL, "decided_by" bigint, "decided_at" TIMESTAMP WITH TIME ZONE, "decision_reason" text, "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_3b976171e709cc9b59ac6c0f3b1" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE UNIQUE INDEX "penalty_appeal_one_pending_uq" ON "penalty_appeal"  ("penalty_id") WHERE status = 'pending'`);
    await q.query(`CREATE INDEX "penalty_appeal_penalty_idx" ON "penalty_appeal"  ("penalty_id")`);
    await q.query(`CREATE INDEX "penalty_appeal_store_submitted_idx" ON "penalty_appeal"  ("store_id", "submitted_at", "id")`);
    await q.query(`CREATE INDEX "penalty_appeal_status_submitted_idx" ON "penalty_appeal"  ("status", "submitted_at", "id")`);
    await q.query(
      `CREATE TABLE "penalty_file" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "purpose" character varying(16) NOT NULL, "storage_key" character varying(64) NOT NULL, "file_name" character varying(120) NOT NULL, "content_type" character varying(64) NOT NULL, "size_bytes" integer NOT NULL, "sha256" character(64) NOT NULL, "uploaded_by" bigint NOT NULL, "store_id" bigint, "penalty_id" bigint, "appeal_id" bigint, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_0a18829ab27e4033b6b16b416fa" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "penalty_file_uploader_idx" ON "penalty_file"  ("uploaded_by", "created_at")`);
    await q.query(`CREATE INDEX "penalty_file_appeal_idx" ON "penalty_file"  ("appeal_id")`);
    await q.query(`CREATE INDEX "penalty_file_penalty_idx" ON "penalty_file"  ("penalty_id")`);
    await q.query(
      `CREATE TABLE "penalty_history" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "penalty_id" bigint NOT NULL, "appeal_id" bigint, "subject" character varying(16) NOT NULL, "transition" character varying(32) NOT NULL, "from_status" character varying(16), "to_status" character varying(16) NOT NULL, "actor_account_id" bigint, "actor_kind" character varying(16) NOT NULL, "reason" text, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_62589220d18a7a44e08ed7c31b8" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "penalty_history_penalty_idx" ON "penalty_history"  ("penalty_id", "at", "id")`);
    await q.query(
      `ALTER TABLE "violation_category" ADD CONSTRAINT "violation_category_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "violation_category"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "violation_category" ADD CONSTRAINT "violation_category_sanction_fk" FOREIGN KEY ("default_sanction_type_id") REFERENCES "sanction_type"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(`ALTER TABLE "penalty" ADD CONSTRAINT "penalty_store_fk" FOREIGN KEY ("store_id") REFERENCES "store"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "penalty" ADD CONSTRAINT "penalty_category_fk" FOREIGN KEY ("category_id") REFERENCES "violation_category"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "penalty" ADD CONSTRAINT "penalty_sanction_type_fk" FOREIGN KEY ("sanction_type_id") REFERENCES "sanction_type"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "penalty" ADD CONSTRAINT "penalty_notice_fk" FOREIGN KEY ("notice_id") REFERENCES "penalty_notice"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "penalty_appeal" ADD CONSTRAINT "penalty_appeal_penalty_fk" FOREIGN KEY ("penalty_id") REFERENCES "penalty"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);

    // Seed: sanction types (处罚措施). Effects are code; types and names are data.
    await q.query(`INSERT INTO sanction_type (code, name_zh, name_en, effect) VALUES
      ('WARNING', '警告', 'Warning', 'none'),
      ('POINTS_DEDUCTION', '扣分', 'Points deduction', 'points'),
      ('LISTING_RESTRICTION', '限制发布商品', 'Listing restriction', 'listing_restriction'),
      ('WITHDRAWAL_RESTRICTION', '限制提现', 'Withdrawal restriction', 'withdrawal_restriction'),
      ('SUSPENSION', '暂停经营', 'Suspension', 'store_suspension'),
      ('CLOSURE', '清退/关闭店铺', 'Store closure', 'store_closure')`);
    // Seed: violation categories (违规类型), grouped in a small tree; defaults from the "typical sanction" column.
    await q.query(`INSERT INTO violation_category (code, name_zh, name_en, sort_order) VALUES
      ('GOODS', '商品违规', 'Goods violations', 1),
      ('TRADING', '交易违规', 'Trading violations', 2),
      ('MARKETING', '营销违规', 'Marketing violations', 3),
      ('SERVICE', '服务与信息安全违规', 'Service and data-protection violations', 4)`);
    await q.query(`INSERT INTO violation_category (code, parent_id, name_zh, name_en, default_sanction_type_id, default_sanction_days, default_points, sort_order)
      SELECT c.code, p.id, c.name_zh, c.name_en, s.id, c.days, c.points, c.ord
      FROM (VALUES
        ('COUNTERFEIT', 'GOODS', '出售假冒、盗版商品', 'counterfeit or pirated goods', 'CLOSURE', NULL::int, 48, 1),
        ('PROHIBITED_GOODS', 'GOODS', '发布违禁商品信息', 'prohibited goods listed', 'CLOSURE', NULL, 48, 2),
        ('IP_INFRINGEMENT', 'GOODS', '侵犯他人知识产权', 'intellectual-property infringement', 'LISTING_RESTRICTION', 7, 6, 3),
        ('NOT_AS_DESCRIBED', 'GOODS', '商品与描述不符', 'goods not as described', 'WARNING', NULL, 0, 4),
        ('FAKE_TRANSACTIONS', 'TRADING', '虚假交易、刷单', 'fake transactions, order brushing', 'SUSPENSION', 7, 12, 1),
        ('OFF_PLATFORM_DIVERSION', 'TRADING', '违规引流至站外交易', 'diverting buyers off-platform', 'POINTS_DEDUCTION', NULL, 6, 2),
        ('LATE_SHIPMENT', 'TRADING', '延迟发货', 'late shipment', 'WARNING', NULL, 0, 3),
        ('PRICE_FRAUD', 'TRADING', '价格违规（先涨后降等）', 'price manipulation', 'POINTS_DEDUCTION', NULL, 6, 4),
        ('REVIEW_MANIPULATION', 'TRADING', '操纵或胁迫评价', 'manipulating or coercing reviews', 'POINTS_DEDUCTION', NULL, 6, 5),
        ('FALSE_ADVERTISING', 'MARKETING', '虚假宣传', 'false advertising', 'LISTING_RESTRICTION', 7, 6, 1),
        ('BUYER_HARASSMENT', 'SERVICE', '骚扰、辱骂买家', 'harassing or abusing buyers', 'POINTS_DEDUCTION', NULL, 6, 1),
        ('PERSONAL_DATA_LEAK', 'SERVICE', '泄露、滥用他人个人信息', 'leaking or misusing others'' personal data', 'SUSPENSION', 30, 24, 2)
      ) AS c(code, parent, name_zh, name_en, sanction, days, points, ord)
      JOIN violation_category p ON p.code = c.parent
      JOIN sanction_type s ON s.code = c.sanction`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "penalty_appeal" DROP CONSTRAINT "penalty_appeal_penalty_fk"`);
    await q.query(`ALTER TABLE "penalty" DROP CONSTRAINT "penalty_notice_fk"`);
    await q.query(`ALTER TABLE "penalty" DROP CONSTRAINT "penalty_sanction_type_fk"`);
    await q.query(`ALTER TABLE "penalty" DROP CONSTRAINT "penalty_category_fk"`);
    await q.query(`ALTER TABLE "penalty" DROP CONSTRAINT "penalty_store_fk"`);
    await q.query(`ALTER TABLE "violation_category" DROP CONSTRAINT "violation_category_sanction_fk"`);
    await q.query(`ALTER TABLE "violation_category" DROP CONSTRAINT "violation_category_parent_fk"`);
    await q.query(`DROP INDEX "public"."penalty_history_penalty_idx"`);
    await q.query(`DROP TABLE "penalty_history"`);
    await q.query(`DROP INDEX "public"."penalty_file_penalty_idx"`);
    await q.query(`DROP INDEX "public"."penalty_file_appeal_idx"`);
    await q.query(`DROP INDEX "public"."penalty_file_uploader_idx"`);
    await q.query(`DROP TABLE "penalty_file"`);
    await q.query(`DROP INDEX "public"."penalty_appeal_status_submitted_idx"`);
    await q.query(`DROP INDEX "public"."penalty_appeal_store_submitted_idx"`);
    await q.query(`DROP INDEX "public"."penalty_appeal_penalty_idx"`);
    await q.query(`DROP INDEX "public"."penalty_appeal_one_pending_uq"`);
    await q.query(`DROP TABLE "penalty_appeal"`);
    await q.query(`DROP INDEX "public"."penalty_status_created_idx"`);
    await q.query(`DROP INDEX "public"."penalty_store_created_idx"`);
    await q.query(`DROP INDEX "public"."penalty_category_created_idx"`);
    await q.query(`DROP INDEX "public"."penalty_effect_start_idx"`);
    await q.query(`DROP INDEX "public"."penalty_effect_end_idx"`);
    await q.query(`DROP INDEX "public"."penalty_notice_id_uq"`);
    await q.query(`DROP TABLE "penalty"`);
    await q.query(`DROP INDEX "public"."violation_category_parent_idx"`);
    await q.query(`DROP INDEX "public"."violation_category_code_uq"`);
    await q.query(`DROP TABLE "violation_category"`);
    await q.query(`DROP INDEX "public"."sanction_type_code_uq"`);
    await q.query(`DROP TABLE "sanction_type"`);
    await q.query(`DROP INDEX "public"."penalty_notice_issued_idx"`);
    await q.query(`DROP INDEX "public"."penalty_notice_category_issued_idx"`);
    await q.query(`DROP TABLE "penalty_notice"`);
    await q.query(`DROP TABLE "working_day_override"`);
  }
}
