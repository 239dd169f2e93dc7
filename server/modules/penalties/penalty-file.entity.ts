import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type PenaltyFilePurpose = 'evidence' | 'appeal_proof';

/**
 * An uploaded evidence file (staff) or appeal proof (merchant). The bytes live encrypted in file
 * storage; the row links them once a draft or appeal cites them.
 */
@Entity({ name: 'penalty_file' })
@Index('penalty_file_penalty_idx', ['penaltyId'])
@Index('penalty_file_appeal_idx', ['appealId'])
@Index('penalty_file_uploader_idx', ['uploadedBy', 'createdAt'])
export class PenaltyFile {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 16 })
  purpose: PenaltyFilePurpose;

  @Column({ name: 'storage_key', type: 'varchar', length: 64 })
  storageKey: string;

  @Column({ name: 'file_name', type: 'varchar', length: 120 })
  fileName: string;

  /** Detected from the bytes (magic numbers), not taken from the client. */
  @Column({ name: 'content_type', type: 'varchar', length: 64 })
  contentType: string;

  @Column({ name: 'size_bytes', type: 'integer' })
  sizeBytes: number;

  @Column({ type: 'char', length: 64 })
  sha256: string;

  @Column({ name: 'uploaded_by', type: 'bigint' })
  uploadedBy: string;

  /** The uploader's store (appeal proofs). */
  @Column({ name: 'store_id', type: 'bigint', nullable: true })
  storeId: string | null;

  @Column({ name: 'penalty_id', type: 'bigint', nullable: true })
  penaltyId: string | null;

  @Column({ name: 'appeal_id', type: 'bigint', nullable: true })
  appealId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
