import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Merchant } from '../accounts/merchant.entity';
import { PolicyVersion } from './policy-version.entity';

/**
 * A merchant's acknowledgement of one exact policy version (policy 8.1, 8.2): recorded once per
 * merchant and version, also against versions that were superseded since. `accountId` is who
 * clicked (the owner, or a sub-account allowed to acknowledge for the store).
 */
@Entity({ name: 'policy_acknowledgement' })
@Index('policy_acknowledgement_version_merchant_uq', ['versionId', 'merchantId'], { unique: true })
@Index('policy_acknowledgement_version_at_idx', ['versionId', 'acknowledgedAt'])
@Index('policy_acknowledgement_merchant_idx', ['merchantId', 'versionId'])
export class PolicyAcknowledgement {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @ManyToOne(() => PolicyVersion, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'version_id', foreignKeyConstraintName: 'policy_acknowledgement_version_fk' })
  version?: PolicyVersion;

  @Column({ name: 'version_id', type: 'bigint' })
  versionId: string;

  @ManyToOne(() => Merchant, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'merchant_id', foreignKeyConstraintName: 'policy_acknowledgement_merchant_fk' })
  merchant?: Merchant;

  @Column({ name: 'merchant_id', type: 'bigint' })
  merchantId: string;

  @Column({ name: 'account_id', type: 'bigint' })
  accountId: string;

  @Column({ name: 'acknowledged_at', type: 'timestamptz', default: () => 'now()' })
  acknowledgedAt: Date;
}
