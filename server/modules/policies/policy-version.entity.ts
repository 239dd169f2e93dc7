import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import { PolicyDocument } from './policy-document.entity';
import type { PolicyStructure } from '../../../rules/policies/policy-parser';

/**
 * Lifecycle (see policies.machine.ts): draft -> in_review -> approved -> scheduled -> published ->
 * superseded; withdrawn from any state before publication.
 */
export const POLICY_VERSION_STATUSES = ['draft', 'in_review', 'approved', 'scheduled', 'published', 'superseded', 'withdrawn'] as const;
export type PolicyVersionStatus = (typeof POLICY_VERSION_STATUSES)[number];

/**
 * One version of a policy document (policy chapter 8). Published versions are immutable.
 * `effectiveDate` is a PRC calendar date (`YYYY-MM-DD`); `publishedAt` a UTC instant.
 * `structure` is the clause tree recovered from the body on save (see policy-parser.ts).
 */
@Entity({ name: 'policy_version' })
@Index('policy_version_doc_no_uq', ['documentId', 'versionNo'], { unique: true })
@Index('policy_version_doc_status_idx', ['documentId', 'status', 'publishedAt'])
// At most one version of a document is in force.
@Index('policy_version_one_published_uq', ['documentId'], { unique: true, where: "status = 'published'" })
@Index('policy_version_due_idx', ['publishAt'], { where: "status = 'scheduled'" })
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

  /** When the publication job is to publish it (UTC instant), set by scheduling. */
  @Column({ name: 'publish_at', type: 'timestamptz', nullable: true })
  publishAt: Date | null;

  /** The published version this one replaced on publication (its predecessor for "what changed"). */
  @Column({ name: 'previous_version_id', type: 'bigint', nullable: true })
  previousVersionId: string | null;

  @Column({ type: 'jsonb' })
  structure: PolicyStructure;

  @Column({ name: 'is_material', type: 'boolean', default: false })
  isMaterial: boolean;

  /** Clause 8.2 categories `a`–`f` when material. */
  @Column({ name: 'material_categories', type: 'text', array: true, default: () => "'{}'" })
  materialCategories: string[];

  @Column({ name: 'created_by', type: 'bigint', nullable: true })
  createdBy: string | null;

  /** The last account that changed the draft's content (an author, like `createdBy`). */
  @Column({ name: 'last_edited_by', type: 'bigint', nullable: true })
  lastEditedBy: string | null;

  @Column({ name: 'approved_by', type: 'bigint', nullable: true })
  approvedBy: string | null;

  @Column({ name: 'approved_at', type: 'timestamptz', nullable: true })
  approvedAt: Date | null;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  /** Optimistic lock: concurrent transitions, exactly one wins. */
  @VersionColumn({ name: 'row_version', default: 1 })
  rowVersion: number;
}
