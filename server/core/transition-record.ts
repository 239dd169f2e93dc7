import { Column, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The one history shape of every state machine (core/state-machine.ts): one append-only row per
 * applied action. A module's history entity extends this class and adds the column naming its
 * row (e.g. `penaltyId`), plus any module-specific detail (e.g. the reason codes of a decision).
 * Each aggregate keeps its own table (foreign keys, its own index and retention), with the same
 * columns; `at` is a UTC instant.
 */
export abstract class TransitionRecord {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  /** The machine's action, e.g. `issue`, `approve`, `create` (for the first row). */
  @Column({ type: 'varchar', length: 32 })
  action: string;

  /** null for the row's creation. */
  @Column({ name: 'from_status', type: 'varchar', length: 32, nullable: true })
  fromStatus: string | null;

  @Column({ name: 'to_status', type: 'varchar', length: 32 })
  toStatus: string;

  /** null when the system acted (a job, start-up). */
  @Column({ name: 'actor_account_id', type: 'bigint', nullable: true })
  actorAccountId: string | null;

  /** `staff`, `merchant`, `sub_account` or `system`. */
  @Column({ name: 'actor_kind', type: 'varchar', length: 16 })
  actorKind: string;

  /** Why, as the actor gave it (shown to whom the module decides). */
  @Column({ type: 'text', nullable: true })
  reason: string | null;

  /** Internal note (staff only). */
  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at: Date;
}
