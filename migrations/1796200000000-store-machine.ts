import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The store machine (issue 11 item 1): `store.row_version` and the store's status history
 * `store_status_transition` (the one history shape, core/transition-record.ts). Also the shared
 * append-only trigger function every machine history table uses (`history_append_only`).
 */
export class StoreMachine1796200000000 implements MigrationInterface {
  name = 'StoreMachine1796200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "store_status_transition" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "action" character varying(32) NOT NULL, "from_status" character varying(32), "to_status" character varying(32) NOT NULL, "actor_account_id" bigint, "actor_kind" character varying(16) NOT NULL, "reason" text, "note" text, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "store_id" bigint NOT NULL, CONSTRAINT "PK_9689ccc938305b38031a477c439" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "store_status_transition_store_idx" ON "store_status_transition" ("store_id", "at", "id")`);
    await q.query(`ALTER TABLE "store" ADD "row_version" integer NOT NULL DEFAULT '1'`);
    await q.query(`ALTER TABLE "store_status_transition" ADD CONSTRAINT "store_status_transition_store_fk" FOREIGN KEY ("store_id") REFERENCES "store"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`CREATE FUNCTION history_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege'; END $$`);
    await q.query(`CREATE TRIGGER store_status_transition_no_change BEFORE UPDATE OR DELETE ON "store_status_transition" FOR EACH ROW EXECUTE FUNCTION history_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER store_status_transition_no_change ON "store_status_transition"`);
    await q.query(`DROP FUNCTION history_append_only()`);
    await q.query(`ALTER TABLE "store_status_transition" DROP CONSTRAINT "store_status_transition_store_fk"`);
    await q.query(`ALTER TABLE "store" DROP COLUMN "row_version"`);
    await q.query(`DROP INDEX "public"."store_status_transition_store_idx"`);
    await q.query(`DROP TABLE "store_status_transition"`);
  }
}
