import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * One day of the PRC working-day calendar set by hand: a year the `chinese-days` package does not
 * cover yet, or a correction. Wins over the package (see core/working-days.ts).
 */
@Entity({ name: 'working_day_override' })
export class WorkingDayOverride {
  /** PRC calendar date. */
  @PrimaryColumn({ type: 'date' })
  day: string;

  @Column({ name: 'is_workday', type: 'boolean' })
  isWorkday: boolean;

  /** e.g. 国庆节 / 调休上班 */
  @Column({ type: 'varchar', length: 100, nullable: true })
  name: string | null;

  @Column({ name: 'updated_by', type: 'bigint', nullable: true })
  updatedBy: string | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
