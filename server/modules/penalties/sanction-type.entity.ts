import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

/**
 * What a sanction does to the store. The list of effects is code (each needs behaviour); the
 * sanction types built on them are data that `ops_lead` edits (names, new types).
 * - `none`: a warning or a record only;
 * - `points`: deducts points (penalty.points > 0);
 * - `listing_restriction` / `withdrawal_restriction`: restricts publishing / withdrawals for the period;
 * - `store_suspension`: the store is `suspended` for N days (maker-checker);
 * - `store_closure`: the store is `closed` (maker-checker; lifted only by revocation).
 */
export const SANCTION_EFFECTS = ['none', 'points', 'listing_restriction', 'withdrawal_restriction', 'store_suspension', 'store_closure'] as const;
export type SanctionEffect = (typeof SANCTION_EFFECTS)[number];
/** Effects on the store status, with the status they impose (closure outranks suspension). */
export const STATUS_EFFECTS: Partial<Record<SanctionEffect, 'suspended' | 'closed'>> = { store_suspension: 'suspended', store_closure: 'closed' };
/** Effects that need a second person: the issuer must not be the drafter. */
export const MAKER_CHECKER_EFFECTS: SanctionEffect[] = ['store_suspension', 'store_closure'];
/** Effects that last for a number of days. */
export const PERIOD_EFFECTS: SanctionEffect[] = ['listing_restriction', 'withdrawal_restriction', 'store_suspension'];

/** A kind of sanction (处罚措施), e.g. 警告 / 扣分 / 暂停经营N天 / 清退. */
@Entity({ name: 'sanction_type' })
export class SanctionType {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @Index('sanction_type_code_uq', { unique: true })
  @Column({ type: 'varchar', length: 48 })
  code: string;

  @Column({ name: 'name_zh', type: 'varchar', length: 100 })
  nameZh: string;

  @Column({ name: 'name_en', type: 'varchar', length: 200 })
  nameEn: string;

  @Column({ type: 'varchar', length: 32 })
  effect: SanctionEffect;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  /** Optimistic lock (checked and bumped by every transition and edit; GraphQL `version`). */
  @VersionColumn({ name: 'row_version', default: 1 })
  rowVersion: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
