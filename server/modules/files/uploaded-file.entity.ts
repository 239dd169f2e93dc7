import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * An uploaded file (ID photo, licence, evidence), stored encrypted by the FileStorage under `key`.
 * Workflows reference uploads by key and check that the caller owns them.
 */
@Entity({ name: 'uploaded_file' })
@Index('uploaded_file_owner_idx', ['ownerAccountId', 'createdAt'])
export class UploadedFile {
  @PrimaryColumn({ type: 'uuid' })
  key: string;

  @Column({ name: 'owner_account_id', type: 'bigint' })
  ownerAccountId: string;

  /** The store the uploader acted for (merchants and sub-accounts), null for staff. */
  @Column({ name: 'store_id', type: 'bigint', nullable: true })
  storeId: string | null;

  /** Detected from the bytes, never from the file name or the client's header. */
  @Column({ name: 'content_type', type: 'varchar', length: 64 })
  contentType: string;

  @Column({ name: 'size_bytes', type: 'int' })
  sizeBytes: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
