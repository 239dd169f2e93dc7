import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A managed rejection reason (驳回原因), seeded from the catalogue and edited by ops_lead. */
@Entity({ name: 'verification_reason_code' })
export class VerificationReasonCode {
  @PrimaryColumn({ type: 'varchar', length: 40 })
  code: string;

  @Column({ name: 'label_zh', type: 'varchar', length: 200 })
  labelZh: string;

  @Column({ name: 'label_en', type: 'varchar', length: 200 })
  labelEn: string;

  /** `retry`: the merchant may fix and resubmit; `final`: the rejection is final. */
  @Column({ type: 'varchar', length: 8 })
  outcome: 'retry' | 'final';

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @Column({ name: 'sort_order', type: 'int', default: 0 })
  sortOrder: number;
}
