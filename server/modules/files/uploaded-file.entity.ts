import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * What an upload is for: `null` a verification document (ID photo, licence: `POST /uploads`),
 * `evidence` a penalty's evidence (staff), `appeal_proof` an appeal's proof (merchant).
 */
export type FilePurpose = 'evidence' | 'appeal_proof' | 'dispute_evidence';

/**
 * An uploaded file (ID photo, licence, penalty evidence, appeal proof), stored encrypted by the
 * FileStorage under `key`. Workflows reference uploads by key and check that the caller owns
 * them; a record that cites a file for good links it (`attachedId`).
 */
@Entity({ name: 'uploaded_file' })
@Index('uploaded_file_owner_idx', ['ownerAccountId', 'createdAt'])
@Index('uploaded_file_attached_idx', ['purpose', 'attachedId'])
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

  /** Size of the stored (re-encoded) bytes. */
  @Column({ name: 'size_bytes', type: 'int' })
  sizeBytes: number;

  /** null for verification documents; see FilePurpose. */
  @Column({ type: 'varchar', length: 16, nullable: true })
  purpose: FilePurpose | null;

  /** The name the uploader gave (shown only; never used to decide the type). */
  @Column({ name: 'file_name', type: 'varchar', length: 120, nullable: true })
  fileName: string | null;

  /** SHA-256 of the stored bytes, hex. */
  @Column({ type: 'char', length: 64, nullable: true })
  sha256: string | null;

  /** The record citing the file, by purpose: the penalty (evidence), the appeal (appeal_proof); null while unused. */
  @Column({ name: 'attached_id', type: 'bigint', nullable: true })
  attachedId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
