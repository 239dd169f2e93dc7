import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The data-sharing register (issue 15; policy 4.1, 4.4, 2.3.5, 2.7.2): the managed list of
 * recipients with their minimum field sets, seeded with the ones the console's flows send to, and
 * the append-only entries.
 */
export class DataSharingRegister1796400000000 implements MigrationInterface {
  name = 'DataSharingRegister1796400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "data_sharing_recipient" ("id" BIGSERIAL NOT NULL, "key" character varying(40) NOT NULL, "name" character varying(200) NOT NULL, "kind" character varying(32) NOT NULL, "deletion_contact" character varying(200) NOT NULL, "minimum_fields" text array NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_a42cb7fc6ece40779c2b4a96823" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE UNIQUE INDEX "data_sharing_recipient_key_uq" ON "data_sharing_recipient" ("key")`);
    await q.query(
      `CREATE TABLE "data_sharing_entry" ("id" BIGSERIAL NOT NULL, "recipient_id" bigint NOT NULL, "store_id" bigint NOT NULL, "account_id" bigint, "purpose" character varying(500) NOT NULL, "legal_ground" character varying(8) NOT NULL, "fields" text array NOT NULL, "cause_kind" character varying(32) NOT NULL, "cause_id" character varying(64) NOT NULL, "actor_account_id" bigint, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_6a44cdd8dfc84baa416a3692869" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "data_sharing_entry_recipient_idx" ON "data_sharing_entry" ("recipient_id", "id")`);
    await q.query(`CREATE INDEX "data_sharing_entry_store_idx" ON "data_sharing_entry" ("store_id", "id")`);
    await q.query(
      `ALTER TABLE "data_sharing_entry" ADD CONSTRAINT "data_sharing_entry_recipient_fk" FOREIGN KEY ("recipient_id") REFERENCES "data_sharing_recipient"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(`ALTER TABLE "data_sharing_entry" ADD CONSTRAINT "data_sharing_entry_store_fk" FOREIGN KEY ("store_id") REFERENCES "store"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`CREATE TRIGGER data_sharing_entry_no_change BEFORE UPDATE OR DELETE ON "data_sharing_entry" FOR EACH ROW EXECUTE FUNCTION history_append_only()`);
    // Reference data: the recipients the console's flows send to (payouts 2.3.6, insurance 2.7.2,
    // buyer disclosure 4.1 i, authority requests 4.1 b / 4.4). Contacts are where deletion requests go (6.1 f).
    await q.query(
      `INSERT INTO "data_sharing_recipient" ("key", "name", "kind", "deletion_contact", "minimum_fields") VALUES
        ('alipay', '支付宝（中国）网络技术有限公司 Alipay', 'payment_institution', 'privacy-requests@alipay.example', '{payee_name,payout_account,amount,business_number}'),
        ('insurer', '合作保险公司 Partner insurer', 'insurer', 'privacy@insurer.example', '{legal_name,id_number,mobile,store_name,order_summary}'),
        ('buyer', '纠纷买家 Buyer in a dispute', 'buyer', 'the buyer, through the dispute case', '{name,id_number,address,contact}'),
        ('authority', '司法或行政机关 Judicial or administrative body', 'authority', 'the requesting body, through its request reference', '{name,id_number,address,contact,mobile,store_name,payout_account,order_summary}')`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "data_sharing_entry"`);
    await q.query(`DROP TABLE "data_sharing_recipient"`);
  }
}
