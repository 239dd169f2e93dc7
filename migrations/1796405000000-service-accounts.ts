import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Service accounts (issue 12, intake by integrations): API keys of `account` rows of kind
 * `service`, stored as SHA-256 with their first characters, scopes, issuer, last use and
 * revocation; at most one active key per account.
 */
export class ServiceAccounts1796405000000 implements MigrationInterface {
  name = 'ServiceAccounts1796405000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "api_key" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "account_id" bigint NOT NULL, "prefix" character varying(16) NOT NULL, "key_hash" character(64) NOT NULL, "scopes" text array NOT NULL, "created_by" bigint NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_used_at" TIMESTAMP WITH TIME ZONE, "revoked_at" TIMESTAMP WITH TIME ZONE, "revoked_by" bigint, CONSTRAINT "PK_b1bd840641b8acbaad89c3d8d11" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE UNIQUE INDEX "api_key_key_hash_uq" ON "api_key" ("key_hash")`);
    await q.query(`CREATE INDEX "api_key_account_idx" ON "api_key" ("account_id", "id")`);
    await q.query(`CREATE UNIQUE INDEX "api_key_active_uq" ON "api_key" ("account_id") WHERE revoked_at IS NULL`);
    await q.query(`ALTER TABLE "api_key" ADD CONSTRAINT "api_key_account_fk" FOREIGN KEY ("account_id") REFERENCES "account"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "api_key" ADD CONSTRAINT "api_key_created_by_fk" FOREIGN KEY ("created_by") REFERENCES "account"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "api_key"`);
  }
}
