import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Store sub-accounts and roles (issue 4, policy 2.3.4): store roles, sub-accounts, their roles,
 * invitations. DDL generated from the entities with TypeORM's schema builder (the drift test keeps
 * them equal).
 */
export class SubAccounts1795970000000 implements MigrationInterface {
  name = 'SubAccounts1795970000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "sub_account_invitation" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "store_id" bigint NOT NULL, "mobile_enc" text NOT NULL, "mobile_hash" character(64) NOT NULL, "display_name" character varying(64) NOT NULL, "role_ids" bigint array NOT NULL DEFAULT '{}', "code_hash" character(64) NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "attempts" integer NOT NULL DEFAULT '0', "send_count" integer NOT NULL DEFAULT '1', "status" character varying(16) NOT NULL DEFAULT 'pending', "consent_confirmed_at" TIMESTAMP WITH TIME ZONE NOT NULL, "invited_by" bigint NOT NULL, "accepted_account_id" bigint, "accepted_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_ea706cd731469eec2db62d08ef2" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE UNIQUE INDEX "sub_account_invitation_pending_uq" ON "sub_account_invitation" ("store_id", "mobile_hash") WHERE status = 'pending'`);
    await q.query(`CREATE INDEX "sub_account_invitation_store_idx" ON "sub_account_invitation" ("store_id", "created_at") `);
    await q.query(
      `CREATE TABLE "store_role" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "store_id" bigint NOT NULL, "name" character varying(32) NOT NULL, "description" character varying(200), "permissions" text array NOT NULL DEFAULT '{}', "template_code" character varying(32), "created_by" bigint, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_cb38e0d2dedb7a910c6f268c2f7" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE UNIQUE INDEX "store_role_store_name_uq" ON "store_role" ("store_id", "name") `);
    await q.query(
      `CREATE TABLE "sub_account" ("account_id" bigint NOT NULL, "store_id" bigint NOT NULL, "mobile_hash" character(64) NOT NULL, "invitation_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "removed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_eda26066d5c09c01a3d6c0a8865" PRIMARY KEY ("account_id"))`,
    );
    await q.query(`CREATE INDEX "sub_account_store_mobile_idx" ON "sub_account" ("store_id", "mobile_hash") `);
    await q.query(`CREATE INDEX "sub_account_store_created_idx" ON "sub_account" ("store_id", "created_at") `);
    await q.query(
      `CREATE TABLE "sub_account_role" ("account_id" bigint NOT NULL, "role_id" bigint NOT NULL, "granted_by" bigint, "granted_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_b05f91a2ed58775123daddb0ff0" PRIMARY KEY ("account_id", "role_id"))`,
    );
    await q.query(`CREATE INDEX "sub_account_role_role_idx" ON "sub_account_role" ("role_id") `);
    await q.query(`ALTER TABLE "sub_account_invitation" ADD CONSTRAINT "sub_account_invitation_store_fk" FOREIGN KEY ("store_id") REFERENCES "store"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "store_role" ADD CONSTRAINT "store_role_store_fk" FOREIGN KEY ("store_id") REFERENCES "store"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "sub_account" ADD CONSTRAINT "sub_account_account_fk" FOREIGN KEY ("account_id") REFERENCES "account"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "sub_account" ADD CONSTRAINT "sub_account_store_fk" FOREIGN KEY ("store_id") REFERENCES "store"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(
      `ALTER TABLE "sub_account_role" ADD CONSTRAINT "sub_account_role_account_fk" FOREIGN KEY ("account_id") REFERENCES "sub_account"("account_id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(`ALTER TABLE "sub_account_role" ADD CONSTRAINT "sub_account_role_role_fk" FOREIGN KEY ("role_id") REFERENCES "store_role"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "sub_account_role" DROP CONSTRAINT "sub_account_role_role_fk"`);
    await q.query(`ALTER TABLE "sub_account_role" DROP CONSTRAINT "sub_account_role_account_fk"`);
    await q.query(`ALTER TABLE "sub_account" DROP CONSTRAINT "sub_account_store_fk"`);
    await q.query(`ALTER TABLE "sub_account" DROP CONSTRAINT "sub_account_account_fk"`);
    await q.query(`ALTER TABLE "store_role" DROP CONSTRAINT "store_role_store_fk"`);
    await q.query(`ALTER TABLE "sub_account_invitation" DROP CONSTRAINT "sub_account_invitation_store_fk"`);
    await q.query(`DROP INDEX "public"."sub_account_role_role_idx"`);
    await q.query(`DROP TABLE "sub_account_role"`);
    await q.query(`DROP INDEX "public"."sub_account_store_created_idx"`);
    await q.query(`DROP INDEX "public"."sub_account_store_mobile_idx"`);
    await q.query(`DROP TABLE "sub_account"`);
    await q.query(`DROP INDEX "public"."store_role_store_name_uq"`);
    await q.query(`DROP TABLE "store_role"`);
    await q.query(`DROP INDEX "public"."sub_account_invitation_store_idx"`);
    await q.query(`DROP INDEX "public"."sub_account_invitation_pending_uq"`);
    await q.query(`DROP TABLE "sub_account_invitation"`);
  }
}
