import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Failed sign-ins per login name (unknown names lock like real accounts). */
export class SignInLoginIndex1795960000000 implements MigrationInterface {
  name = 'SignInLoginIndex1795960000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX "sign_in_attempt_login_idx" ON "sign_in_attempt" ("login_name", "at")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."sign_in_attempt_login_idx"`);
  }
}
