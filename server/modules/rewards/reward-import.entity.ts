import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const REWARD_IMPORT_STATUSES = ['validating', 'rejected', 'imported'] as const;
export type RewardImportStatus = (typeof REWARD_IMPORT_STATUSES)[number];

/** One refused CSV row: its line number (the header is line 1), the column and why. */
export interface ImportRowError {
  row: number;
  field: string;
  reason: string;
}

/**
 * A CSV upload of reward proposals (issue 13): validated row by row by a pg-boss job
 * (rewards.import.ts), then imported in one transaction or rejected. The same bytes with the same
 * option are one import (unique sha256 + skipInvalidRows): uploading a file twice never proposes
 * twice. `content` holds the file until the job has processed it (then null). `errors` keeps the
 * first 1000 refusals (row, field, reason; never a row's content).
 */
@Check('reward_import_progress_range', `progress >= 0 AND progress <= 100`)
@Entity({ name: 'reward_import' })
@Index('reward_import_file_uq', ['sha256', 'skipInvalidRows'], { unique: true })
@Index('reward_import_created_idx', ['createdAt', 'id'])
export class RewardImport {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @Column({ name: 'file_name', type: 'varchar', length: 200 })
  fileName: string;

  /** Hex SHA-256 of the uploaded bytes. */
  @Column({ type: 'char', length: 64 })
  sha256: string;

  @Column({ name: 'skip_invalid_rows', type: 'boolean' })
  skipInvalidRows: boolean;

  @Column({ type: 'varchar', length: 16, default: 'validating' })
  status: RewardImportStatus;

  @Column({ name: 'rows_total', type: 'integer', default: 0 })
  rowsTotal: number;

  @Column({ name: 'rows_valid', type: 'integer', default: 0 })
  rowsValid: number;

  @Column({ name: 'rows_imported', type: 'integer', default: 0 })
  rowsImported: number;

  /** 0-100: share of the rows validated (and imported, at 100). */
  @Column({ type: 'integer', default: 0 })
  progress: number;

  /** How many rows were refused in all (`errors` keeps the first 1000). */
  @Column({ name: 'error_count', type: 'integer', default: 0 })
  errorCount: number;

  @Column({ type: 'jsonb' })
  errors: ImportRowError[];

  /** The file's bytes until the job processed them. */
  @Column({ type: 'bytea', nullable: true, select: false })
  content: Buffer | null;

  @Column({ name: 'created_by', type: 'bigint' })
  createdBy: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt: Date | null;
}
