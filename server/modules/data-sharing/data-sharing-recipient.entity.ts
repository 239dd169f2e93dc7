import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { RecipientKind } from '../../../rules/data-sharing/grounds';

/**
 * A third party the platform shares merchants' personal data with (policy 2.3.5, 2.7.2, 4.1): a
 * payment institution, an insurer, an affiliate, a partner, buyers, an authority. `minimumFields`
 * is its declared minimum set: a share naming any other field is refused (4.1 minimum necessary).
 * `deletionContact` is where a deletion request goes (6.1 f).
 */
@Entity({ name: 'data_sharing_recipient' })
export class DataSharingRecipient {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  /** Stable key code refers to (`alipay`, `buyer`). */
  @Index('data_sharing_recipient_key_uq', { unique: true })
  @Column({ type: 'varchar', length: 40 })
  key: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 32 })
  kind: RecipientKind;

  @Column({ name: 'deletion_contact', type: 'varchar', length: 200 })
  deletionContact: string;

  @Column({ name: 'minimum_fields', type: 'text', array: true })
  minimumFields: string[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
