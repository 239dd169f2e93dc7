import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import type { SanctionEffect } from '../../../rules/penalties/sanctions';

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
