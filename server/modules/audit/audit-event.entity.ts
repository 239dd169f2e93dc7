import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One audit event (policy 2.6.1, 5.1.2): who did what to which record, why, from where, when.
 * Append-only: database triggers reject UPDATE, DELETE and TRUNCATE and check that a new row
 * extends the chain head; `hash` is an HMAC-SHA256 with AUDIT_CHAIN_KEY over the previous hash and
 * this row (core/audit/audit-chain.ts), so a change to a row breaks the chain even for whoever
 * holds the database. `before`/`after` hold masked snapshots only.
 */
@Entity({ name: 'audit_event' })
@Index('audit_event_occurred_idx', ['occurredAt', 'id'])
@Index('audit_event_actor_idx', ['actorAccountId', 'occurredAt'])
@Index('audit_event_target_idx', ['targetType', 'targetId', 'occurredAt'])
@Index('audit_event_action_idx', ['action', 'occurredAt'])
@Index('audit_event_store_idx', ['storeId', 'occurredAt'])
export class AuditEvent {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @Index('audit_event_chain_seq_uq', { unique: true })
  @Column({ name: 'chain_seq', type: 'bigint' })
  chainSeq: string;

  @Column({ name: 'occurred_at', type: 'timestamptz', default: () => 'clock_timestamp()' })
  occurredAt: Date;

  @Column({ name: 'actor_account_id', type: 'bigint', nullable: true })
  actorAccountId: string | null;

  /** `staff` | `merchant` | `sub_account` | `system` | `anonymous`. */
  @Column({ name: 'actor_kind', type: 'varchar', length: 16 })
  actorKind: string;

  /** The actor's login name at the time (not personal data of a third party). */
  @Column({ name: 'actor_label', type: 'varchar', length: 64, nullable: true })
  actorLabel: string | null;

  /** Dotted verb, e.g. `account.signIn`, `personalData.reveal`, `audit.export`. */
  @Column({ type: 'varchar', length: 64 })
  action: string;

  /** `success`, `denied` or `failed`. */
  @Column({ type: 'varchar', length: 16, default: 'success' })
  outcome: string;

  @Column({ name: 'target_type', type: 'varchar', length: 64, nullable: true })
  targetType: string | null;

  @Column({ name: 'target_id', type: 'varchar', length: 64, nullable: true })
  targetId: string | null;

  /** The store the target belongs to, for store owners' activity views. */
  @Column({ name: 'store_id', type: 'bigint', nullable: true })
  storeId: string | null;

  /** The purpose stated for a reveal, export or disclosure. */
  @Column({ type: 'text', nullable: true })
  purpose: string | null;

  @Column({ name: 'request_id', type: 'varchar', length: 64, nullable: true })
  requestId: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  ip: string | null;

  @Column({ type: 'jsonb', nullable: true })
  before: Record<string, unknown> | null;

  @Column({ type: 'jsonb', nullable: true })
  after: Record<string, unknown> | null;

  @Column({ name: 'prev_hash', type: 'char', length: 64 })
  prevHash: string;

  @Column({ type: 'char', length: 64 })
  hash: string;

  /** True: `hash` is keyed (HMAC); false: a row from before keying, plain SHA-256 (`audit_event_digest`). */
  @Column({ type: 'boolean', default: true })
  keyed: boolean;
}
