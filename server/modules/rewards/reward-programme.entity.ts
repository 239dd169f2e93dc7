import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';

/**
 * A reward programme (奖励计划), e.g. service quality or buyer satisfaction (policy 2.3.6), with a
 * budget in integer fen that approvals can never exceed: `approved_total` is raised under the
 * programme's row lock by each final approval, and a CHECK keeps it within the budget.
 */
@Check('reward_programme_within_budget', `approved_total >= 0 AND approved_total <= budget`)
@Entity({ name: 'reward_programme' })
@Index('reward_programme_code_uq', ['code'], { unique: true })
export class RewardProgramme {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @Column({ type: 'varchar', length: 48 })
  code: string;

  @Column({ name: 'name_zh', type: 'varchar', length: 100 })
  nameZh: string;

  @Column({ name: 'name_en', type: 'varchar', length: 100 })
  nameEn: string;

  /** Budget, integer fen. */
  @Column({ type: 'bigint' })
  budget: string;

  /** Sum of approved rewards, integer fen (<= budget). */
  @Column({ name: 'approved_total', type: 'bigint', default: 0 })
  approvedTotal: string;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @Column({ name: 'created_by', type: 'bigint', nullable: true })
  createdBy: string | null;

  @VersionColumn({ name: 'row_version', default: 1 })
  rowVersion: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
