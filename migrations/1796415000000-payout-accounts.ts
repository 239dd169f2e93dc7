import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Payout accounts (issue 13): one Alipay payout account per store (login and payee name
 * encrypted), its pending change (new values encrypted, a keyed hash of the SMS code, expiry,
 * attempts, the code budget), the 24-hour hold after a change and the last name check.
 */
export class PayoutAccounts1796415000000 implements MigrationInterface {
  name = 'PayoutAccounts1796415000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "payout_account" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "store_id" bigint NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'not_set', "alipay_login_enc" text, "payee_name_enc" text, "activated_at" TIMESTAMP WITH TIME ZONE, "hold_until" TIMESTAMP WITH TIME ZONE, "name_matches" boolean, "name_checked_at" TIMESTAMP WITH TIME ZONE, "pending_alipay_login_enc" text, "pending_payee_name_enc" text, "pending_code_hash" character(64), "pending_expires_at" TIMESTAMP WITH TIME ZONE, "pending_attempts" integer NOT NULL DEFAULT '0', "pending_requested_by" bigint, "pending_requested_at" TIMESTAMP WITH TIME ZONE, "code_sends" integer NOT NULL DEFAULT '0', "code_window_start" TIMESTAMP WITH TIME ZONE, "row_version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_427d4bad2ecc35765c49f5ba2a4" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE UNIQUE INDEX "payout_account_store_uq" ON "payout_account" ("store_id")`);
    await q.query(`ALTER TABLE "payout_account" ADD CONSTRAINT "payout_account_store_fk" FOREIGN KEY ("store_id") REFERENCES "store"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "payout_account"`);
  }
}
