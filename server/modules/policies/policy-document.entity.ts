import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A policy document (merchant privacy policy, platform rules, ...), whose text lives in versions. */
@Entity({ name: 'policy_document' })
export class PolicyDocument {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  /** Stable slug used in public URLs, e.g. `merchant-privacy-policy`. */
  @Index('policy_document_code_uq', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  code: string;

  @Column({ name: 'title_zh', type: 'varchar', length: 200 })
  titleZh: string;

  @Column({ name: 'title_en', type: 'varchar', length: 200 })
  titleEn: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
