import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A public penalty notice (处罚公示), policy 4.3: the platform publishes nothing about a merchant
 * except, for a violating account, its merchant (platform account) ID and account nickname. This
 * table holds exactly what may be published, copied at publication, and nothing that links back
 * (the penalty points to its notice, not the other way round). The public API reads only this table.
 */
@Entity({ name: 'penalty_notice' })
@Index('penalty_notice_issued_idx', ['issuedOn', 'id'])
@Index('penalty_notice_category_issued_idx', ['categoryCode', 'issuedOn', 'id'])
export class PenaltyNotice {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @Column({ name: 'platform_account_id', type: 'varchar', length: 32 })
  platformAccountId: string;

  @Column({ type: 'varchar', length: 64 })
  nickname: string;

  @Column({ name: 'category_code', type: 'varchar', length: 48 })
  categoryCode: string;

  @Column({ name: 'category_name_zh', type: 'varchar', length: 100 })
  categoryNameZh: string;

  @Column({ name: 'category_name_en', type: 'varchar', length: 200 })
  categoryNameEn: string;

  @Column({ name: 'sanction_code', type: 'varchar', length: 48 })
  sanctionCode: string;

  @Column({ name: 'sanction_name_zh', type: 'varchar', length: 100 })
  sanctionNameZh: string;

  @Column({ name: 'sanction_name_en', type: 'varchar', length: 200 })
  sanctionNameEn: string;

  @Column({ name: 'sanction_days', type: 'integer', nullable: true })
  sanctionDays: number | null;

  @Column({ name: 'issued_on', type: 'date' })
  issuedOn: string;

  @Column({ name: 'starts_on', type: 'date' })
  startsOn: string;

  @Column({ name: 'ends_on', type: 'date', nullable: true })
  endsOn: string | null;

  /** `published` or `withdrawn` (the penalty was revoked). */
  @Column({ type: 'varchar', length: 16, default: 'published' })
  status: string;

  @Column({ name: 'withdrawn_on', type: 'date', nullable: true })
  withdrawnOn: string | null;
}
