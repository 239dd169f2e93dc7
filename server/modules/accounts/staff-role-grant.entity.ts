import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Account } from './account.entity';
import type { PlatformRole } from '../../core/abilities';

/**
 * `granted`: took effect at once (a role that needs no second admin); `pending` → `approved`
 * (takes effect) | `refused`, decided by an admin other than the requester and the grantee;
 * `revoked`: a held role withdrawn, or a pending grant cancelled.
 */
export const GRANT_STATUSES = ['pending', 'granted', 'approved', 'refused', 'revoked'] as const;
export type GrantStatus = (typeof GRANT_STATUSES)[number];

/** One grant of a platform role to a staff account (issue 10 item 6: maker-checker for roles that reveal or export personal data). */
@Entity({ name: 'staff_role_grant' })
@Index('staff_role_grant_pending_uq', ['accountId', 'role'], { unique: true, where: `"status" = 'pending'` })
@Index('staff_role_grant_status_idx', ['status', 'requestedAt', 'id'])
export class StaffRoleGrant {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS', primaryKeyConstraintName: 'staff_role_grant_pk' })
  id: string;

  @ManyToOne(() => Account)
  @JoinColumn({ name: 'account_id', foreignKeyConstraintName: 'staff_role_grant_account_fk' })
  account?: Account;

  @Column({ name: 'account_id', type: 'bigint' })
  accountId: string;

  @Column({ type: 'varchar', length: 32 })
  role: PlatformRole;

  @Column({ type: 'varchar', length: 16 })
  status: GrantStatus;

  @Column({ name: 'requested_by', type: 'bigint' })
  requestedBy: string;

  @Column({ name: 'decided_by', type: 'bigint', nullable: true })
  decidedBy: string | null;

  @Column({ name: 'requested_at', type: 'timestamptz', default: () => 'now()' })
  requestedAt: Date;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt: Date | null;
}
