import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import { PolicyDocument } from './policy-document.entity';
import type { PolicyStructure } from './policy-parser';

export type PolicyVersionStatus = 'draft' | 'in_review' | 'scheduled' | 'published' | 'superseded' | 'withdrawn';

/**
 * One version of a policy document (policy chapter 8). Published versions are immutable.
 * `effectiveDate` is a PRC calendar date (`YYYY-MM-DD`); `publishedAt` a UTC instant.
 * `structure` is the clause tree recovered from the body on save (see policy-parser.ts).
 */
@Entity({ name: 'policy_version' })
@Index('policy_version_doc_no_uq', ['documentId', 'versionNo'], { unique: true })
@Index('policy_version_doc_status_idx', ['documentId', 'status', 'publishedAt'])
export class PolicyVersion {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @ManyToOne(() => PolicyDocument, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'document_id', foreignKeyConstraintName: 'policy_version_document_fk' })
  document?: PolicyDocument;

  @Column({ name: 'document_id', type: 'bigint' })
  documentId: string;

  @Column({ name: 'version_no', type: 'int' })
  versionNo: number;

  @Column({ type: 'varchar', length: 16, default: 'draft' })
  status: PolicyVersionStatus;

  /** Body in the zh-CN original (Markdown or the imported plain text). */
  @Column({ name: 'body_zh', type: 'text' })
  bodyZh: string;

  @Column({ name: 'body_en', type: 'text', nullable: true })
  bodyEn: string | null;

  @Column({ name: 'change_summary', type: 'text', nullable: true })
  changeSummary: string | null;

  @Column({ name: 'effective_date', type: 'date', nullable: true })
  effectiveDate: string | null;

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt: Date | null;

  @Column({ type: 'jsonb' })
  structure: PolicyStructure;

  @Column({ name: 'is_material', type: 'boolean', default: false })
  isMaterial: boolean;

  /** Clause 8.2 categories `a`–`f` when material. */
  @Column({ name: 'material_categories', type: 'text', array: true, default: () => "'{}'" })
  materialCategories: string[];

  @Column({ name: 'created_by', type: 'bigint', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  /** Optimistic lock: concurrent transitions, exactly one wins. */
  @VersionColumn({ name: 'row_version', default: 1 })
  rowVersion: number;
}
