import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Review queue filtered by subject type alone (e.g. enterprises only), in SLA order: the page comes
 * straight off this index instead of walking `submitted_at` and filtering (the bench's
 * `verification-queue-enterprise`: p99 19 ms before, see docs/benchmarks.md). With a status too,
 * `verification_case_subject_idx` (subject_type, status, submitted_at) still serves.
 */
export class VerificationSubjectQueueIndex1796000000000 implements MigrationInterface {
  name = 'VerificationSubjectQueueIndex1796000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX IF NOT EXISTS "verification_case_subject_submitted_idx" ON "verification_case" ("subject_type", "submitted_at", "id")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."verification_case_subject_submitted_idx"`);
  }
}
