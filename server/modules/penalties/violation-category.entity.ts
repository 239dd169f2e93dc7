import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { SanctionType } from './sanction-type.entity';

/**
 * A violation category (违规类型): a node of the catalogue tree that `ops_lead` edits. Leaves are
 * what penalties cite; each carries the rule it enforces and a default sanction and points.
 * Seeded from the starting catalogue, in Chinese and English; data, never an enum.
 */
@Entity({ name: 'violation_category' })
@Index('violation_category_parent_idx', ['parentId', 'sortOrder'])
export class ViolationCategory {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @Index('violation_category_code_uq', { unique: true })
  @Column({ type: 'varchar', length: 48 })
  code: string;

  @ManyToOne(() => ViolationCategory, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'parent_id', foreignKeyConstraintName: 'violation_category_parent_fk' })
  parent?: ViolationCategory;

  @Column({ name: 'parent_id', type: 'bigint', nullable: true })
  parentId: string | null;

  @Column({ name: 'name_zh', type: 'varchar', length: 100 })
  nameZh: string;

  @Column({ name: 'name_en', type: 'varchar', length: 200 })
  nameEn: string;

  /** The platform rule this category enforces, e.g. a rule number or document section. */
  @Column({ name: 'rule_ref', type: 'varchar', length: 200, nullable: true })
  ruleRef: string | null;

  @ManyToOne(() => SanctionType, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'default_sanction_type_id', foreignKeyConstraintName: 'violation_category_sanction_fk' })
  defaultSanctionType?: SanctionType;

  @Column({ name: 'default_sanction_type_id', type: 'bigint', nullable: true })
  defaultSanctionTypeId: string | null;

  @Column({ name: 'default_sanction_days', type: 'integer', nullable: true })
  defaultSanctionDays: number | null;

  @Column({ name: 'default_points', type: 'integer', default: 0 })
  defaultPoints: number;

  /** Inactive categories stay on old penalties but cannot be cited by new ones. */
  @Column({ type: 'boolean', default: true })
  active: boolean;

  @Column({ name: 'sort_order', type: 'integer', default: 0 })
  sortOrder: number;

  /** Optimistic lock (checked and bumped by every transition and edit; GraphQL `version`). */
  @VersionColumn({ name: 'row_version', default: 1 })
  rowVersion: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
