import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Keyed audit chain (issue 10, item 4). The hash of a new row is an HMAC-SHA256 computed by the
 * console with AUDIT_CHAIN_KEY, a key the database never sees (core/audit/audit-chain.ts), so
 * whoever holds the database can no longer recompute the chain after editing a row. The insert
 * trigger keeps serialising appends and now checks the link (`chain_seq` = last + 1, `prev_hash` =
 * last hash) instead of computing the hash. Rows written before this migration keep their plain
 * SHA-256 (`keyed = false`, verified with `audit_event_digest`); new rows must be keyed.
 * `audit_chain_head()` takes the append lock and returns the head for the writer.
 */
export class AuditChainKey1796100000000 implements MigrationInterface {
  name = 'AuditChainKey1796100000000';

  async up(q: QueryRunner): Promise<void> {
    // Existing rows get false (plain SHA-256); every later row true. No UPDATE: the log stays append-only.
    await q.query(`ALTER TABLE "audit_event" ADD "keyed" boolean NOT NULL DEFAULT false`);
    await q.query(`ALTER TABLE "audit_event" ALTER COLUMN "keyed" SET DEFAULT true`);
    await q.query(`CREATE FUNCTION audit_chain_head(OUT seq bigint, OUT hash text, OUT at timestamptz) LANGUAGE plpgsql VOLATILE AS $$
      BEGIN
        -- Serialise appends: held to commit. The SELECT after the lock sees the last committed row.
        PERFORM pg_advisory_xact_lock(72431500);
        SELECT e.chain_seq, e.hash INTO seq, hash FROM audit_event e ORDER BY e.chain_seq DESC LIMIT 1;
        seq := COALESCE(seq, 0);
        hash := COALESCE(hash, repeat('0', 64));
        -- Milliseconds: the instant is part of the keyed hash and must survive a round trip through JavaScript.
        at := date_trunc('milliseconds', clock_timestamp());
      END $$`);
    await q.query(`CREATE OR REPLACE FUNCTION audit_event_chain() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE last_seq bigint; last_hash text;
      BEGIN
        PERFORM pg_advisory_xact_lock(72431500);
        SELECT chain_seq, hash INTO last_seq, last_hash FROM audit_event ORDER BY chain_seq DESC LIMIT 1;
        IF NOT NEW.keyed THEN
          RAISE EXCEPTION 'audit_event rows must be keyed' USING ERRCODE = 'check_violation';
        END IF;
        IF NEW.chain_seq IS DISTINCT FROM COALESCE(last_seq, 0) + 1 OR NEW.prev_hash IS DISTINCT FROM COALESCE(last_hash, repeat('0', 64)) THEN
          RAISE EXCEPTION 'audit_event must extend the chain head' USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE OR REPLACE FUNCTION audit_event_chain() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE last_seq bigint; last_hash text;
      BEGIN
        PERFORM pg_advisory_xact_lock(72431500);
        SELECT chain_seq, hash INTO last_seq, last_hash FROM audit_event ORDER BY chain_seq DESC LIMIT 1;
        NEW.chain_seq := COALESCE(last_seq, 0) + 1;
        NEW.prev_hash := COALESCE(last_hash, repeat('0', 64));
        NEW.occurred_at := clock_timestamp();
        NEW.hash := audit_event_digest(NEW.prev_hash, NEW);
        RETURN NEW;
      END $$`);
    await q.query(`DROP FUNCTION audit_chain_head()`);
    await q.query(`ALTER TABLE "audit_event" DROP COLUMN "keyed"`);
  }
}
