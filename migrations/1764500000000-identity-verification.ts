import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Identity verification (policy 2.2.1, 2.2.2, 7): uploads, cases, immutable submissions (encrypted
 * personal data, keyed hash of the ID number), transition history, managed reason codes, and a
 * trigger that keeps a store closed until its verification is approved.
 */
export class IdentityVerification1764500000000 implements MigrationInterface {
  name = 'IdentityVerification1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "uploaded_file" ("key" uuid NOT NULL, "owner_account_id" bigint NOT NULL, "store_id" bigint, "content_type" character varying(64) NOT NULL, "size_bytes" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_9790bf46c4d0ec737e2c869abb1" PRIMARY KEY ("key"))`,
    );
    await q.query(`CREATE INDEX "uploaded_file_owner_idx" ON "uploaded_file"("owner_account_id", "created_at") `);
    await q.query(
      `CREATE TABLE "verification_reason_code" ("code" character varying(40) NOT NULL, "label_zh" character varying(200) NOT NULL, "label_en" character varying(200) NOT NULL, "outcome" character varying(8) NOT NULL, "active" boolean NOT NULL DEFAULT true, "sort_order" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_c716e08fc8c593607f8e9318f82" PRIMARY KEY ("code"))`,
    );
    await q.query(
      `CREATE TABLE "verification_case" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "store_id" bigint NOT NULL, "status" character varying(24) NOT NULL, "subject_type" character varying(12) NOT NULL, "flags" text array NOT NULL DEFAULT '{}', "submission_id" bigint, "submission_count" integer NOT NULL DEFAULT '0', "submitted_at" TIMESTAMP WITH TIME ZONE NOT NULL, "assignee_id" bigint, "assigned_at" TIMESTAMP WITH TIME ZONE, "first_approver_id" bigint, "decided_at" TIMESTAMP WITH TIME ZONE, "reason_codes" text array NOT NULL DEFAULT '{}', "applicant_comment" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "row_version" integer NOT NULL DEFAULT '1', CONSTRAINT "PK_a81529521ceafb55d7717416f77" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE UNIQUE INDEX "verification_case_store_uq" ON "verification_case"("store_id") `);
    await q.query(`CREATE INDEX "verification_case_subject_idx" ON "verification_case"("subject_type", "status", "submitted_at") `);
    await q.query(`CREATE INDEX "verification_case_assignee_idx" ON "verification_case"("assignee_id", "status", "submitted_at") `);
    await q.query(`CREATE INDEX "verification_case_submitted_idx" ON "verification_case"("submitted_at", "id") `);
    await q.query(`CREATE INDEX "verification_case_status_submitted_idx" ON "verification_case"("status", "submitted_at", "id") `);
    await q.query(
      `CREATE TABLE "verification_submission" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "case_id" bigint NOT NULL, "store_id" bigint NOT NULL, "submitted_by" bigint NOT NULL, "submitted_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "subject_type" character varying(12) NOT NULL, "real_name_enc" text NOT NULL, "id_doc_type" character varying(32) NOT NULL, "id_number_enc" text NOT NULL, "id_number_hash" character(64) NOT NULL, "birth_date" date NOT NULL, "id_valid_until" date, "id_front_key" uuid NOT NULL, "id_back_key" uuid NOT NULL, "handheld_key" uuid NOT NULL, "company_name" character varying(100), "uscc" character(18), "legal_rep_name_enc" text, "licence_key" uuid, "contact_name_enc" text NOT NULL, "contact_mobile_enc" text NOT NULL, "contact_address_enc" text NOT NULL, "cs_phone_enc" text NOT NULL, "return_name_enc" text NOT NULL, "return_mobile_enc" text NOT NULL, "return_address_enc" text NOT NULL, "trademark_name_enc" text, "trademark_id_enc" text, "third_party_consent" boolean NOT NULL, "guardian_name_enc" text, "guardian_relation" character varying(32), "guardian_id_enc" text, "guardian_consent_key" uuid, "flags" text array NOT NULL DEFAULT '{}', CONSTRAINT "PK_6ef4dabefd60cb7b25b010e61d2" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "verification_submission_store_idx" ON "verification_submission"("store_id") `);
    await q.query(`CREATE INDEX "verification_submission_id_hash_idx" ON "verification_submission"("id_number_hash") `);
    await q.query(`CREATE INDEX "verification_submission_case_idx" ON "verification_submission"("case_id", "submitted_at") `);
    await q.query(
      `CREATE TABLE "verification_transition" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "case_id" bigint NOT NULL, "action" character varying(32) NOT NULL, "from_status" character varying(24), "to_status" character varying(24) NOT NULL, "actor_id" bigint, "reason_codes" text array NOT NULL DEFAULT '{}', "applicant_comment" text, "internal_note" text, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_e44386ccc24fbef801972fafcd0" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "verification_transition_case_idx" ON "verification_transition"("case_id", "at", "id") `);
    await q.query(`ALTER TABLE "verification_case" ADD CONSTRAINT "verification_case_store_fk" FOREIGN KEY ("store_id") REFERENCES "store"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);

    // Queue filter "cases carrying any of these flags" (c.flags && ARRAY[...]).
    await q.query(`CREATE INDEX "verification_case_flags_idx" ON "verification_case" USING gin ("flags")`);
    // A store opens only with an approved identity verification (policy 2.2.1), whatever the code path.
    await q.query(`CREATE FUNCTION store_open_requires_approval() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.status = 'open' AND OLD.status = 'pending_verification'
           AND NOT EXISTS (SELECT 1 FROM verification_case WHERE store_id = NEW.id AND status = 'approved') THEN
          RAISE EXCEPTION 'a store opens only after an approved identity verification' USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER store_open_requires_approval BEFORE UPDATE OF status ON store FOR EACH ROW EXECUTE FUNCTION store_open_requires_approval()`);
    // Starting reason codes (CATALOGUES.md); ops_lead edits them from then on.
    await q.query(`INSERT INTO verification_reason_code (code, label_zh, label_en, outcome, sort_order) VALUES
        ('ID_PHOTO_UNCLEAR', '证件照片模糊、反光或不完整', 'ID photo blurred, glared or cropped', 'retry', 10),
        ('ID_EXPIRED', '证件已过期', 'ID document expired', 'retry', 20),
        ('HANDHELD_NOT_HOLDER', '手持证件照非证件本人或未露出面部', 'handheld photo is not the holder, or face hidden', 'retry', 30),
        ('INFO_MISMATCH', '填写信息与证件信息不一致', 'entered details differ from the document', 'retry', 40),
        ('LICENCE_INFO_MISMATCH', '营业执照信息与填写信息不一致', 'licence details differ from entries', 'retry', 50),
        ('MINOR_NO_GUARDIAN', '未满十四周岁且缺少监护人同意', 'under 14 without guardian consent', 'retry', 60),
        ('CONTACT_INVALID', '联系方式或退货地址无效', 'contact or return address invalid', 'retry', 70),
        ('ID_FORGED', '证件疑似伪造或经过编辑', 'document appears forged or edited', 'final', 80),
        ('LICENCE_REVOKED', '营业执照已注销或吊销', 'business licence cancelled or revoked', 'final', 90),
        ('IDENTITY_LIMIT', '同一身份开店数量超过上限', 'too many stores for one identity', 'final', 100)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER store_open_requires_approval ON store`);
    await q.query(`DROP FUNCTION store_open_requires_approval()`);
    await q.query(`DROP INDEX "verification_case_flags_idx"`);
    await q.query(`ALTER TABLE "verification_case" DROP CONSTRAINT "verification_case_store_fk"`);
    await q.query(`DROP INDEX "public"."verification_transition_case_idx"`);
    await q.query(`DROP TABLE "verification_transition"`);
    await q.query(`DROP INDEX "public"."verification_submission_case_idx"`);
    await q.query(`DROP INDEX "public"."verification_submission_id_hash_idx"`);
    await q.query(`DROP INDEX "public"."verification_submission_store_idx"`);
    await q.query(`DROP TABLE "verification_submission"`);
    await q.query(`DROP INDEX "public"."verification_case_status_submitted_idx"`);
    await q.query(`DROP INDEX "public"."verification_case_submitted_idx"`);
    await q.query(`DROP INDEX "public"."verification_case_assignee_idx"`);
    await q.query(`DROP INDEX "public"."verification_case_subject_idx"`);
    await q.query(`DROP INDEX "public"."verification_case_store_uq"`);
    await q.query(`DROP TABLE "verification_case"`);
    await q.query(`DROP TABLE "verification_reason_code"`);
    await q.query(`DROP INDEX "public"."uploaded_file_owner_idx"`);
    await q.query(`DROP TABLE "uploaded_file"`);
  }
}
